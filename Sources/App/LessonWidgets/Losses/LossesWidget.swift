import Foundation
import Neural

/// The `losses` widget's state: the same one-input data fitted at once under mean squared error, mean
/// absolute error and Huber loss, with a few outliers the learner adds and removes.
///
/// Each fit is a network trained by the engine (`RegressionFit`): a straight line `[1, 1]` for the line
/// data, a 1-16-1 tanh network for the sine.
struct LossesWidget: InstantWidget {
    enum Shape: String, CaseIterable, Sendable {
        case line, sine
    }

    /// Steps a run takes before it stops, and steps per tick while it plays.
    static let stepLimit = 600
    static let stepsPerTick = 4
    /// Steps one press of Enter takes.
    static let stepsPerEnter = 50
    /// The outliers' inputs, and the output they all read: a faulty sensor's readings far below the rest.
    static let outlierInputs: [Float] = [1.4, 1.7, 2.0]
    static let outlierOutput: Float = -3

    let initialShape: Shape
    let initialOutliers: Bool
    let losses: [RegressionLoss]
    private(set) var shape: Shape
    private(set) var showsOutliers: Bool
    private(set) var fits: [RegressionFit] = []
    private(set) var isPlaying = false
    private(set) var features = Matrix(rows: 0, columns: 1)
    private(set) var targets = Matrix(rows: 0, columns: 1)

    init(settings: WidgetSettings) {
        initialShape = Shape(rawValue: settings.text("data", default: "line")) ?? .line
        initialOutliers = settings.flag("outliers", default: true)
        let names = settings.texts("losses", default: RegressionLoss.allCases.map(\.rawValue))
        var losses: [RegressionLoss] = []
        for name in names { if let loss = RegressionLoss(rawValue: name), !losses.contains(loss) { losses.append(loss) } }
        self.losses = losses.isEmpty ? RegressionLoss.allCases : losses
        shape = initialShape
        showsOutliers = initialOutliers
        restart()
    }

    /// The data without outliers: 20 points near y = 0.5·x, or 40 near y = sin x (the engine's generator).
    static func cleanData(_ shape: Shape) -> (inputs: [Float], outputs: [Float]) {
        switch shape {
        case .line:
            var random = RandomSource(seed: 5)
            let inputs = (0..<20).map { -2 + 4 * Float($0) / 19 }
            return (inputs, inputs.map { 0.5 * $0 + 0.15 * random.normal() })
        case .sine:
            let data = Dataset.sine(samples: 40, noise: 0.1, seed: 4)
            return (data.features.elements, data.targets.elements)
        }
    }

    /// The x range the plot shows.
    var xRange: ClosedRange<Double> { shape == .line ? -2.2...2.2 : -3.3...3.3 }

    /// Where the page reads the fits off: inside the outliers, at x = 2 for the line, 1.7 for the sine.
    var probeInput: Float { shape == .line ? 2 : 1.7 }

    /// The true curve without noise at `x`.
    func truth(_ x: Float) -> Float { shape == .line ? 0.5 * x : sin(x) }

    var steps: Int { fits.first?.steps ?? 0 }
    var isFinished: Bool { steps >= Self.stepLimit }

    /// The fit under `loss`, if the widget shows it.
    func fit(_ loss: RegressionLoss) -> RegressionFit? { fits.first { $0.loss == loss } }

    // MARK: Keys and time

    var title: String { "one \(shape == .line ? "line" : "curve") fitted under \(losses.count == 1 ? "one loss" : "\(losses.count) losses")" }

    var keyHints: [KeyHint] {
        [KeyHint("Space", isPlaying ? "pause" : "play"), KeyHint("Enter", "\(Self.stepsPerEnter) steps"),
         KeyHint("o", showsOutliers ? "remove outliers" : "add outliers"), KeyHint("d", shape == .line ? "sine" : "line")]
    }

    var isAnimating: Bool { isPlaying }

    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(" "):
            if isFinished { restart() }
            isPlaying.toggle()
        case .enter:
            isPlaying = false
            if isFinished { restart() }
            run(Self.stepsPerEnter)
        case .character("o"):
            showsOutliers.toggle()
            restart()
        case .character("d"):
            shape = shape == .line ? .sine : .line
            restart()
        default:
            return false
        }
        return true
    }

    mutating func tick() {
        guard isPlaying else { return }
        run(Self.stepsPerTick)
        if isFinished { isPlaying = false }
    }

    mutating func reset() {
        shape = initialShape
        showsOutliers = initialOutliers
        restart()
    }

    /// Up to `count` more steps for every fit, never past the limit.
    mutating func run(_ count: Int) {
        let count = min(count, Self.stepLimit - steps)
        guard count > 0 else { return }
        for index in fits.indices {
            for _ in 0..<count { fits[index].step(features: features, targets: targets) }
        }
    }

    private mutating func restart() {
        isPlaying = false
        var (inputs, outputs) = Self.cleanData(shape)
        if showsOutliers {
            inputs += Self.outlierInputs
            outputs += Self.outlierInputs.map { _ in Self.outlierOutput }
        }
        features = Matrix(rows: inputs.count, columns: 1, elements: inputs)
        targets = Matrix(rows: outputs.count, columns: 1, elements: outputs)
        let sizes = shape == .line ? [1, 1] : [1, 16, 1]
        let rate: Float = shape == .line ? 0.05 : 0.02
        fits = losses.map { RegressionFit(loss: $0, sizes: sizes, learningRate: rate, batch: inputs.count, seed: 11) }
    }
}

extension LossesWidget: Equatable {
    static func == (lhs: LossesWidget, rhs: LossesWidget) -> Bool {
        lhs.losses == rhs.losses && lhs.shape == rhs.shape && lhs.showsOutliers == rhs.showsOutliers
            && lhs.isPlaying == rhs.isPlaying && lhs.steps == rhs.steps
    }
}
