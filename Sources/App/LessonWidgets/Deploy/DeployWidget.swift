import Foundation
import PredictionService

/// The `deploy` widget's state: an iris classifier served in-process, the requests sent to it, and what
/// the service's metrics say about them: latency percentiles, and the drift of the recent inputs from the
/// training data.
///
/// The widget talks to the same `PredictionService` that `gradschool serve` puts behind HTTP, with the same
/// JSON bodies, without opening a socket: a lesson page should not listen on the learner's network, and
/// a port could be taken. What it leaves out is only the HTTP framing, so its latencies are the service's
/// own time per request (reading the JSON, predicting, writing the JSON), measured with a real clock.
/// Its counts are its own values, not the service's shared metrics, so a copy of the state is a snapshot.
struct DeployWidget: InstantWidget, Equatable {
    /// How many recent requests the drift, the latency percentiles and the right-answer count cover.
    static let window = 100
    /// Requests sent on each tick while sending a stream: 5 a tick, 300 a second.
    static let requestsPerTick = 5
    /// How far one `+` or `-` moves the petal lengths sent, in centimetres.
    static let shiftStep: Float = 0.5
    static let shiftRange: ClosedRange<Float> = -2...4
    /// The feature the shift moves: petal length.
    static let shiftedFeature = 2

    let deployed: DeployedModel?
    /// Why there is no model, when the iris data could not be read.
    let problem: String?
    /// Added to the petal length of every flower sent, in centimetres.
    private(set) var shift: Float = 0
    private(set) var isSending = false
    private(set) var sent = 0
    private(set) var refused = 0
    private var nextRow = 0
    /// The latencies of the last `window` requests, in seconds, oldest first.
    private(set) var latencies: [Double] = []
    /// Whether each of the last `window` answered flowers got its true species.
    private(set) var recentRight: [Bool] = []
    private(set) var drift: InputDrift?
    private(set) var lastRequest: String?
    private(set) var lastAnswer: ServiceResponse?

    init(settings: WidgetSettings) {
        do {
            let deployed = try DeployedModel.make()
            self.deployed = deployed
            problem = nil
            drift = deployed.service.metrics.snapshot().drift
        } catch {
            deployed = nil
            problem = "The iris data could not be read (\(error)), so there is no model to serve."
        }
    }

    static func == (lhs: DeployWidget, rhs: DeployWidget) -> Bool {
        lhs.problem == rhs.problem && lhs.shift == rhs.shift && lhs.isSending == rhs.isSending && lhs.sent == rhs.sent
            && lhs.refused == rhs.refused && lhs.nextRow == rhs.nextRow && lhs.latencies == rhs.latencies
            && lhs.recentRight == rhs.recentRight && lhs.drift == rhs.drift && lhs.lastRequest == rhs.lastRequest
            && lhs.lastAnswer == rhs.lastAnswer
    }

    var title: String { "a model served: requests, latency and drift" }

    var keyHints: [KeyHint] {
        [KeyHint("Space", isSending ? "pause" : "stream"), KeyHint("Enter", "one request"),
         KeyHint("+ -", "petal length"), KeyHint("b", "bad request")]
    }

    var isAnimating: Bool { isSending }

    mutating func handle(_ key: Key) -> Bool {
        guard deployed != nil else { return false }
        switch key {
        case .character(" "): isSending.toggle()
        case .enter: sendFlower()
        case .character("+"), .character("="): shift = min(Self.shiftRange.upperBound, shift + Self.shiftStep)
        case .character("-"), .character("_"): shift = max(Self.shiftRange.lowerBound, shift - Self.shiftStep)
        case .character("b"):
            // One number short: the service refuses it with a sentence, and goes on answering.
            send(body: #"{"features": [5.1, 3.5, 1.4]}"#, species: nil)
        default: return false
        }
        return true
    }

    mutating func tick() {
        guard isSending else { return }
        for _ in 0..<Self.requestsPerTick { sendFlower() }
    }

    mutating func reset() {
        shift = 0
        isSending = false
        sent = 0
        refused = 0
        nextRow = 0
        latencies = []
        recentRight = []
        drift = deployed?.service.metrics.snapshot().drift
        lastRequest = nil
        lastAnswer = nil
    }

    // MARK: Requests

    /// Sends the next flower, its petal length moved by `shift`.
    private mutating func sendFlower() {
        guard let deployed else { return }
        var row = deployed.rows[nextRow]
        row[Self.shiftedFeature] += shift
        let species = deployed.species[nextRow]
        nextRow = (nextRow + 1) % deployed.rows.count
        send(body: "{\"features\": [" + row.map { String($0) }.joined(separator: ", ") + "]}", species: species)
    }

    /// Sends `body` as `POST /predict` would, times the answer, and counts it.
    private mutating func send(body: String, species: String?) {
        guard let deployed else { return }
        let clock = ContinuousClock()
        let start = clock.now
        let answer = deployed.service.predict(body: Array(body.utf8))
        let seconds = PredictionService.seconds(clock.now - start)
        sent += 1
        if answer.status != 200 { refused += 1 }
        Self.keepLast(&latencies, seconds)
        drift?.record(answer.rows)
        if let species, answer.status == 200 {
            Self.keepLast(&recentRight, Self.predictedClass(in: answer.body) == species)
        }
        lastRequest = body
        lastAnswer = answer
    }

    private static func keepLast<T>(_ values: inout [T], _ value: T) {
        values.append(value)
        if values.count > window { values.removeFirst(values.count - window) }
    }

    /// The `class` of a prediction's JSON.
    static func predictedClass(in body: String) -> String? {
        let object = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]
        return object?["class"] as? String
    }

    /// The probability the answer gives its class.
    static func probability(in body: String) -> Double? {
        let object = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]
        guard let name = object?["class"] as? String else { return nil }
        return (object?["probabilities"] as? [String: Any])?[name] as? Double
    }

    // MARK: What it shows

    /// The nearest-rank percentile of the recent latencies, in seconds.
    func latency(percentile: Double) -> Double? {
        ServiceMetrics.percentile(percentile, of: latencies)
    }

    /// How many of the recent answered flowers got their true species.
    var rightCount: Int { recentRight.filter { $0 }.count }

    /// The features whose recent mean has moved past the threshold, once enough rows came to judge.
    var driftedFeatures: [InputDrift.Feature] { drift?.drifted ?? [] }
}
