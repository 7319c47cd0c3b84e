import Neural

/// The `confusion` widget's state: a network learning the handwritten digits live, and the confusion
/// matrix of its answers on the digits held out of training, with the pairs it mixes up most.
///
/// Row d, column e of the matrix counts the held-out digits that are truly d and that the network
/// called e; the diagonal is right, every other cell a mistake. Training runs in the runner's thread
/// (`Effect.live`); each snapshot's network is asked about every held-out digit here, once per snapshot.
struct ConfusionWidget: InteractiveWidget {
    /// One kind of mistake: digits of class `actual` called `predicted`, how often, and one of them.
    struct Mistake: Equatable, Sendable {
        var actual: Int
        var predicted: Int
        var count: Int
        /// The 64 pixels (8 × 8, row by row, 0 blank to 1 full ink) of the first such held-out digit.
        var pixels: [Float]
    }

    /// How many of the most frequent mistakes are drawn.
    static let mistakesShown = 3
    /// The share of the digits held out of training (stratified, fixed by the seed).
    static let holdOut = 0.25

    let runName: String
    let caption: String?
    /// The run to start, or why there is none.
    let spec: Result<LiveTrainingSpec, TrainPresetError>
    /// The held-out digits: pixels and true classes.
    let heldOut: Dataset?
    private(set) var snapshot: LiveSnapshot?
    private(set) var isStarted = false
    private(set) var isPlaying = false
    /// What the current network says for each held-out digit.
    private(set) var predictions: [Int] = []
    private(set) var matrix = ConfusionMatrix(predicted: [], actual: [], classCount: 10)

    init(settings: WidgetSettings, runName: String) {
        self.runName = runName
        caption = settings.caption
        let digits: Dataset
        do {
            digits = try Dataset.digits()
        } catch {
            spec = .failure(TrainPresetError(dataset: "digits", reason: error.description))
            heldOut = nil
            return
        }
        let parts = digits.split(validationFraction: Self.holdOut, testFraction: 0, seed: 1)
        heldOut = parts.validation
        let configuration = TrainingConfiguration(
            epochs: settings.integer("epochs", default: 30), batchSize: 32, loss: Loss.recommended(for: digits.problem),
            optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), learningRate: 0.003, seed: 1)
        let network = Network(sizes: [64, 32, 10], activation: .relu, outputActivation: Loss.outputActivation(for: digits.problem), seed: 1)
        spec = .success(LiveTrainingSpec(network: network, training: Examples(parts.train), validation: Examples(parts.validation),
                                         configuration: configuration))
        measure(network)
    }

    var runID: LiveRunID { LiveRunID(runName) }

    /// The network now: the latest snapshot's, or the untrained one.
    var network: Network? { snapshot?.training.network ?? (try? spec.get().network) }

    /// Epochs trained so far.
    var epoch: Int { snapshot?.training.epoch ?? 0 }

    /// Whether training has stopped for good (all its epochs done).
    var isDone: Bool { snapshot?.training.status.isDone == true }

    /// Asks the network about every held-out digit and counts its answers.
    private mutating func measure(_ network: Network) {
        guard let heldOut else { return }
        predictions = OneHot.decode(network.predict(heldOut.features))
        matrix = ConfusionMatrix(predicted: predictions, actual: heldOut.labels, classCount: 10)
    }

    /// The mistakes made most often, most frequent first (ties: lower true digit first), with one
    /// held-out digit of each.
    var mostConfused: [Mistake] {
        guard let heldOut else { return [] }
        let labels = heldOut.labels
        var mistakes: [Mistake] = []
        for actual in 0..<10 {
            for predicted in 0..<10 where predicted != actual && matrix[actual: actual, predicted: predicted] > 0 {
                guard let index = labels.indices.first(where: { labels[$0] == actual && predictions[$0] == predicted }) else { continue }
                let pixels = (0..<heldOut.features.columns).map { heldOut.features[index, $0] }
                mistakes.append(Mistake(actual: actual, predicted: predicted, count: matrix[actual: actual, predicted: predicted], pixels: pixels))
            }
        }
        mistakes.sort { ($0.count, -$0.actual, -$0.predicted) > ($1.count, -$1.actual, -$1.predicted) }
        return Array(mistakes.prefix(Self.mistakesShown))
    }

    // MARK: Messages

    var title: String { "which digits a 64-32-10 network confuses" }

    var keyHints: [KeyHint] { [KeyHint("Space", isPlaying ? "pause" : "train"), KeyHint("Enter", "one epoch")] }

    var isAnimating: Bool { false }

    var liveRuns: [LiveRunID] { isStarted ? [runID] : [] }

    mutating func update(_ message: WidgetMessage) -> [Effect] {
        switch message {
        case .key(.character(" ")):
            guard (try? spec.get()) != nil else { return [.screen(.keyNotUsed)] }
            if isDone { return [] }
            isPlaying.toggle()
            return startIfNeeded() + [.live(.send(runID, isPlaying ? .play : .pause))]
        case .key(.enter):
            guard (try? spec.get()) != nil else { return [.screen(.keyNotUsed)] }
            isPlaying = false
            return startIfNeeded() + [.live(.send(runID, .stepEpoch))]
        case .key: return [.screen(.keyNotUsed)]
        case .tick: return []
        case .reset:
            isPlaying = false
            guard isStarted else { return [] }
            return [.live(.send(runID, .reset))]
        case .live(let snapshot):
            guard snapshot.run == runID else { return [] }
            self.snapshot = snapshot
            if snapshot.training.status.isDone { isPlaying = false }
            measure(snapshot.training.network)
            return []
        }
    }

    private mutating func startIfNeeded() -> [Effect] {
        guard !isStarted, let spec = try? spec.get() else { return [] }
        isStarted = true
        return [.live(.start(runID, spec))]
    }
}

extension ConfusionWidget: Equatable {
    static func == (lhs: ConfusionWidget, rhs: ConfusionWidget) -> Bool {
        lhs.runName == rhs.runName && lhs.snapshot == rhs.snapshot && lhs.isStarted == rhs.isStarted && lhs.isPlaying == rhs.isPlaying
    }
}
