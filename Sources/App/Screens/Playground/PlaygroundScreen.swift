import Neural

/// The test set's loss and accuracy at a moment of training (`epoch` may fall between epochs).
struct TestMeasurement: Equatable, Sendable {
    var epoch: Double
    var loss: Float
    var accuracy: Float?
}

/// The playground: the learner builds a network, picks data, and watches it train live.
///
/// The screen is a value like every other: it holds the configuration, the data made from it, the
/// network the run started from and the latest snapshot of the live run (named `PlaygroundScreen.run`).
/// Changing anything asks the runner, through effects, to start the run again or to pass it a
/// command; the snapshots that come back each frame are all the screen knows of the training.
public struct PlaygroundScreen: Equatable, Sendable {
    /// The name of the playground's live run.
    public static let run: LiveRunID = "playground"
    /// The most epoch records a run keeps, and the carried history too: 16,384 records (under 1 MB),
    /// far more than a chart shows. Older epochs are thinned past it.
    static let historyLimit = 16_384

    /// Where the arrow keys go.
    public enum Focus: Equatable, Sendable {
        /// Up and down choose a setting, left and right change it.
        case controls
        /// The arrows move between neurons in the diagram.
        case network
    }

    /// What the lower right panel shows; `v` cycles through them.
    public enum Panel: CaseIterable, Equatable, Sendable {
        case charts, weights, metrics
    }

    /// A line of text being typed: a file name or a weight.
    public struct Prompt: Equatable, Sendable {
        public enum Purpose: Equatable, Sendable { case save, open, weight }
        public var purpose: Purpose
        /// What the learner typed; it starts empty, so a typed name replaces the suggestion.
        public var text: String = ""
        /// What Enter takes when nothing is typed, shown dimmed.
        public var suggestion: String = ""

        /// The text Enter uses: the typed text, or the suggestion.
        var answer: String { text.isEmpty ? suggestion : text }
    }

    public internal(set) var configuration: PlaygroundConfiguration
    /// The CSV file given to `gradschool play --data` or named by an opened configuration.
    var file: Dataset?
    /// The examples; nil when they could not be made (the reason is in `notice`).
    var data: PlaygroundData?
    /// The weights drawn from the seed: where reset goes back to.
    var initialNetwork: NetworkValue?
    /// The weights the current start of the run began from (the initial ones, or the ones carried on).
    var startNetwork: NetworkValue?
    /// The last snapshot of the current start of the run.
    var latest: LiveSnapshot?
    /// Training done by earlier starts that this one carries on.
    var progress = PlaygroundProgress()
    /// Whether the learner has the run playing (at slow speeds the screen steps it every frame).
    public internal(set) var isRunning = false
    /// The number of the latest start asked for: only its snapshots are this screen's. A snapshot of an
    /// earlier start (asked for a moment before, for other data) is stale even when it arrives later.
    var generation = 0
    /// Settings changed while it trained, so the saved configuration reproduces the settings, not the weights.
    var changedWhileTraining = false
    /// The test set's loss and accuracy, measured at each new snapshot: the test curves of the charts.
    var testTrace: [TestMeasurement] = []
    /// The step count the last test measurement was taken at.
    var tracedStep = -1

    var focus = Focus.controls
    var control = PlaygroundControl.dataset
    var selection: PlaygroundSelection?
    /// The epoch the charts' cursor reads out, or nil for no cursor.
    var chartCursor: Int?
    var panel = Panel.charts
    var prompt: Prompt?
    /// A save that found its files already there, waiting for `y`.
    var pendingSave: PlaygroundSave?
    /// A one-line answer to the last action, such as where a file was saved.
    var notice: String?
    var lastConfigurationPath: String?

    /// A playground for `configuration`; `file` is the loaded CSV when the configuration names one.
    public init(configuration: PlaygroundConfiguration = PlaygroundConfiguration(), file: Dataset? = nil) {
        self.configuration = configuration
        self.file = file
        rebuildData()
    }

    /// The network as it is now: the latest snapshot's, or the one the run starts from.
    var network: Network? { latest?.training.network ?? startNetwork?.network ?? initialNetwork?.network }

    /// The training snapshot of the current start, if one arrived.
    var training: TrainingSnapshot? { latest?.training }

    /// Epochs done since the last reset, across restarts.
    var epoch: Int { progress.epochs + (training?.epoch ?? 0) }
    var stepCount: Int { progress.steps + (training?.stepCount ?? 0) }
    /// How many epochs have a record since the last reset.
    var historyCount: Int { progress.history.count + (training?.history.count ?? 0) }

    /// The record of the `index`-th epoch since the last reset, numbered across restarts.
    func historyRecord(at index: Int) -> EpochRecord {
        if index < progress.history.count { return progress.history[index] }
        guard let training else { preconditionFailure("epoch record \(index) of \(historyCount)") }
        var record = training.history[index - progress.history.count]
        record.epoch += progress.epochs
        return record
    }

    /// At most `limit` epoch records, evenly spaced, the first and last always among them: what a chart
    /// can show, picked without copying a history that grows by thousands of epochs a second.
    ///
    /// Records are picked by epoch: slot `i` takes the record of epoch `first + i × (last − first) / (limit − 1)`,
    /// rounded, or the nearest record kept when a long history has thinned that epoch away. While no epoch
    /// is missing this is the same as picking evenly by position, so the charts are unchanged; once old
    /// epochs are thinned, a steep stretch of a curve may move by a dot.
    func historyRecords(limit: Int) -> [EpochRecord] {
        let count = historyCount
        guard count > limit, limit > 1 else { return (0..<count).map(historyRecord(at:)) }
        let first = historyRecord(at: 0).epoch, last = historyRecord(at: count - 1).epoch
        let stride = Double(last - first) / Double(limit - 1)
        return (0..<limit).map { slot in
            let epoch = first + Int((Double(slot) * stride).rounded())
            // The last record whose epoch is at most `epoch`.
            var low = 0, high = count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if historyRecord(at: middle).epoch <= epoch { low = middle } else { high = middle - 1 }
            }
            // The nearer of the records either side of a thinned-away epoch.
            if low + 1 < count, historyRecord(at: low + 1).epoch - epoch < epoch - historyRecord(at: low).epoch {
                return historyRecord(at: low + 1)
            }
            return historyRecord(at: low)
        }
    }

    /// Every epoch's record since the last reset.
    var history: [EpochRecord] { historyRecords(limit: .max) }

    /// Whether something moves, so the runner should send ticks.
    var isAnimating: Bool { isRunning }

    /// Whether keys answer something (a typed line, or whether to replace files) rather than act: `q` and `?`
    /// then answer instead of quitting or opening help.
    public var isTakingText: Bool { prompt != nil || pendingSave != nil }

    /// The problem of the data, classification when there is none.
    var problem: Problem { data?.problem ?? .binaryClassification }

    /// The controls shown for the current configuration.
    var controls: [PlaygroundControl] { PlaygroundControl.all(for: configuration, data: data) }

    /// The effects that start the playground's run, paused: send them when the screen opens.
    public mutating func opened() -> [Effect] {
        startRun(from: initialNetwork?.network, carrying: false)
    }

    /// The effects that end the run, for leaving the screen.
    public mutating func closed() -> [Effect] {
        isRunning = false
        return [.live(.stop(Self.run))]
    }

    // MARK: Building

    /// Makes the data and the first weights from the configuration; a failure leaves no data and a notice.
    mutating func rebuildData() {
        do {
            let previous = data?.problem
            let made = try PlaygroundData.make(configuration, file: file)
            data = made
            // Another kind of problem gets its usual output and loss; the same kind keeps the learner's choice.
            if let previous, previous != made.problem { configuration.recommendOutput(for: made.problem) }
            configuration.fitOutput(to: made.problem)
            configuration.batchSize = min(configuration.batchSize, max(made.training.count, 1))
            rebuildNetwork()
        } catch {
            data = nil
            initialNetwork = nil
            notice = error.description
        }
    }

    /// Draws the first weights for the configuration's network.
    mutating func rebuildNetwork() {
        guard let data else { return }
        let network = configuration.makeNetwork(for: data)
        initialNetwork = NetworkValue(network)
        let sizes = [network.inputSize] + network.parameterLayerIndices.map { network.layers[$0].outputSize }
        selection = selection.flatMap { Self.clamped($0, sizes: sizes) }
    }

    /// Starts the live run again from `network` (the initial weights when nil). Carrying keeps the epochs
    /// and loss history done so far, for changes that go on from the current weights.
    mutating func startRun(from network: Network?, carrying: Bool) -> [Effect] {
        guard let data, let start = network ?? initialNetwork?.network else {
            isRunning = false
            latest = nil
            return [.live(.stop(Self.run))]
        }
        if carrying, let training {
            progress.carry(training)
            changedWhileTraining = true
        } else if !carrying {
            progress = PlaygroundProgress()
            changedWhileTraining = false
            chartCursor = nil
            testTrace = []
            tracedStep = -1
        }
        var trainingConfiguration = configuration.trainingConfiguration()
        // A carried-on run shuffles differently from the first start, as a continuing run would.
        if carrying { trainingConfiguration.seed &+= UInt64(progress.epochs) }
        startNetwork = NetworkValue(start)
        latest = nil
        generation += 1
        // The trainer measures the test set after each epoch only for early stopping: otherwise the screen
        // measures it once a frame, which costs far less at thousands of epochs a second.
        let validation = configuration.patience != nil && data.test.count > 0 ? Examples(data.test) : nil
        var spec = LiveTrainingSpec(network: start, training: Examples(data.training), validation: validation,
                                    configuration: trainingConfiguration,
                                    startsPlaying: isRunning && configuration.speed == .full, generation: generation)
        spec.historyLimit = Self.historyLimit
        return [.live(.start(Self.run, spec))]
    }

    /// Measures the test set with the latest weights, once per training step seen.
    mutating func traceTest() {
        guard let data, data.test.count > 0, let training, stepCount != tracedStep else { return }
        // Only the current start's network is measured, and it was made for this data.
        guard training.network.inputSize == data.test.features.columns,
              training.network.outputSize == data.test.targets.columns else { return }
        tracedStep = stepCount
        let epoch = Double(progress.epochs + training.epoch) + Double(training.batchInEpoch) / Double(max(training.batchesPerEpoch, 1))
        let measured = PlaygroundEvaluation.measure(training.network, data.test, loss: configuration.loss)
        testTrace.append(TestMeasurement(epoch: epoch, loss: measured.loss, accuracy: measured.accuracy))
        // Every other point goes when the trace is long: a chart shows a few hundred at most.
        if testTrace.count > 4000 { testTrace = stride(from: 0, to: testTrace.count, by: 2).map { testTrace[$0] } }
    }

    /// Keeps a selection inside a network of these layer sizes.
    static func clamped(_ selection: PlaygroundSelection, sizes: [Int]) -> PlaygroundSelection? {
        guard !sizes.isEmpty else { return nil }
        let layer = min(selection.layer, sizes.count - 1)
        let neuron = min(selection.neuron, sizes[layer] - 1)
        var link = selection.link
        if let chosen = link { link = layer > 0 && chosen < sizes[layer - 1] ? chosen : nil }
        return PlaygroundSelection(layer: layer, neuron: neuron, link: link)
    }
}
