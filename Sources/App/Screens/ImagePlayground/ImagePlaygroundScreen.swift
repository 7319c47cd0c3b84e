import Neural

/// The playground's image mode: a small CNN training live on the 8×8 digits, its layers edited like the
/// dense playground's, its filters and the feature maps of the test digit under the cursor drawn each frame.
///
/// Like every screen it is a value: keys and snapshots come in through `handle(_:)` and `receive(_:)`,
/// effects go out (start, command or stop the live run named `ImagePlaygroundScreen.run`, save or open
/// files), and the picture is a pure function of the state.
public struct ImagePlaygroundScreen: Sendable {
    /// The name of the image playground's live run.
    public static let run: LiveRunID = "image-playground"

    public internal(set) var configuration: ImagePlaygroundConfiguration
    /// The digits: 80 % to learn from, 20 % held out for the test accuracy and the cursor.
    let digits: CNNSetup
    /// The weights drawn from the seed (or opened from a model file): where reset goes back to.
    var initialNetwork: NetworkValue
    /// The last snapshot of the current start of the run.
    var latest: LiveSnapshot?
    /// The number of the latest start asked for: only its snapshots are this screen's.
    var generation = 0
    public internal(set) var isRunning = false
    /// Epochs done by earlier starts that the current one carries on from (after an optimizer change).
    var carriedEpochs = 0
    /// The test set's loss and accuracy at each new snapshot: the chart's curves.
    var testTrace: [TestMeasurement] = []
    var tracedStep = -1

    var control = ImagePlaygroundControl.blocks
    /// The conv block whose filters and maps are drawn.
    var shownBlock = 0
    /// The held-out digit under the cursor, an index into the test set.
    var cursor = 0
    /// The network at work on that digit.
    var inspection: ImagePlaygroundInspection
    var prompt: PlaygroundScreen.Prompt?
    /// A save that found its files already there, waiting for `y`.
    var pendingSave: PlaygroundSave?
    /// A one-line answer to the last action.
    var notice: String?
    var lastConfigurationPath: String?

    /// An image playground for `configuration`; `model` is a network to start from instead of fresh weights.
    /// A configuration whose layers do not fit falls back to the default ones, and says so.
    public init(configuration: ImagePlaygroundConfiguration = ImagePlaygroundConfiguration()) {
        var configuration = configuration
        digits = CNNSetup(epochs: configuration.epochs)
        let network: Network
        var problem: String?
        do {
            network = try configuration.makeNetwork()
        } catch {
            problem = "Those layers do not fit the 8x8 digits (\(error.problem)): the default CNN is shown instead."
            configuration.blocks = ImagePlaygroundConfiguration().blocks
            network = CNNSetup.freshNetwork(seed: configuration.seed)
        }
        self.configuration = configuration
        initialNetwork = NetworkValue(network)
        inspection = ImagePlaygroundInspection(network: network, pixels: Array(repeating: 0, count: 64), blockCount: configuration.blocks.count)
        notice = problem
        inspect()
    }

    /// The network as it is now: the latest snapshot's, or the one the run starts from.
    var network: Network { latest?.training.network ?? initialNetwork.network }
    var training: TrainingSnapshot? { latest?.training }
    var epoch: Int { carriedEpochs + (training?.epoch ?? 0) }
    var controls: [ImagePlaygroundControl] { ImagePlaygroundControl.all(for: configuration) }
    var isAnimating: Bool { isRunning }
    /// Whether keys answer something (a typed line, or whether to replace files) rather than act: `q` then
    /// answers instead of quitting.
    public var isTakingText: Bool { prompt != nil || pendingSave != nil }

    var isDiverged: Bool {
        if case .diverged? = training?.status { true } else { false }
    }

    /// The test accuracy of the last measurement, nil before any.
    var testAccuracy: Float? { testTrace.last?.accuracy }

    /// The effects that start the run, paused: send them when the screen opens.
    public mutating func opened() -> [Effect] {
        startRun(from: initialNetwork.network, carrying: false)
    }

    /// The effects that end the run, for leaving the screen.
    public mutating func closed() -> [Effect] {
        isRunning = false
        return [.live(.stop(Self.run))]
    }

    /// Starts the live run again from `network`; carrying keeps the epochs and the test curves so far.
    mutating func startRun(from network: Network, carrying: Bool) -> [Effect] {
        if carrying {
            carriedEpochs += training?.epoch ?? 0
        } else {
            carriedEpochs = 0
            testTrace = []
            tracedStep = -1
        }
        var trainingConfiguration = configuration.trainingConfiguration()
        if carrying { trainingConfiguration.seed &+= UInt64(carriedEpochs) }
        latest = nil
        generation += 1
        var spec = LiveTrainingSpec(network: network, training: digits.training, validation: nil, configuration: trainingConfiguration,
                                    startsPlaying: isRunning && configuration.speed == .full, generation: generation)
        spec.historyLimit = PlaygroundScreen.historyLimit
        inspect()
        var effects: [Effect] = [.live(.start(Self.run, spec))]
        if isRunning, let batches = configuration.speed.batchesPerFrame { effects.append(.live(.send(Self.run, .step(batches: batches)))) }
        return effects
    }

    /// Runs the network on the cursor's digit again.
    mutating func inspect() {
        guard digits.test.count > 0 else { return }
        cursor = min(max(cursor, 0), digits.test.count - 1)
        shownBlock = min(shownBlock, max(configuration.blocks.count - 1, 0))
        inspection = ImagePlaygroundInspection(network: network, pixels: digits.pixels(ofTest: cursor), blockCount: configuration.blocks.count)
    }

    /// Measures the test set with the latest weights, once per training step seen.
    mutating func traceTest() {
        guard let training, digits.test.count > 0, training.stepCount != tracedStep else { return }
        tracedStep = training.stepCount
        let measured = Self.measure(training.network, on: digits.test)
        let epoch = Double(carriedEpochs + training.epoch) + Double(training.batchInEpoch) / Double(max(training.batchesPerEpoch, 1))
        testTrace.append(TestMeasurement(epoch: epoch, loss: measured.loss, accuracy: measured.accuracy))
        if testTrace.count > 4000 { testTrace = stride(from: 0, to: testTrace.count, by: 2).map { testTrace[$0] } }
    }

    /// The cross-entropy `−(1/n) Σ log p[label]` and the fraction of digits whose most probable class is the label.
    static func measure(_ network: Network, on examples: Examples) -> (loss: Float, accuracy: Float) {
        let output = network.predict(examples.features)
        let loss = Loss.crossEntropy.value(output: output, targets: examples.targets)
        var right = 0
        for row in 0..<output.rows where OneHot.argmax(of: output, row: row) == OneHot.argmax(of: examples.targets, row: row) {
            right += 1
        }
        return (loss, Float(right) / Float(max(output.rows, 1)))
    }
}

extension ImagePlaygroundScreen: Equatable {
    public static func == (lhs: ImagePlaygroundScreen, rhs: ImagePlaygroundScreen) -> Bool {
        lhs.configuration == rhs.configuration && lhs.generation == rhs.generation && lhs.isRunning == rhs.isRunning
            && lhs.latest == rhs.latest && lhs.carriedEpochs == rhs.carriedEpochs && lhs.testTrace == rhs.testTrace
            && lhs.control == rhs.control && lhs.shownBlock == rhs.shownBlock && lhs.cursor == rhs.cursor
            && lhs.prompt == rhs.prompt && lhs.notice == rhs.notice && lhs.lastConfigurationPath == rhs.lastConfigurationPath
            && lhs.initialNetwork == rhs.initialNetwork && lhs.inspection == rhs.inspection
    }
}
