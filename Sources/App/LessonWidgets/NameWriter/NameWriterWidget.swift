import Neural

/// The `namewriter` widget: a small transformer trained live on the bundled names, writing new names at a
/// temperature the learner chooses.
///
/// The model reads a 16-step window (the start token, then the letters so far) through token and
/// position embeddings of d = 32, one causal transformer block of 4 heads, a LayerNorm and a linear
/// layer to the 28 symbols, and predicts the next letter at every step. It trains with Adam on random
/// batches of 32 of the first 8,192 names, `stepsPerTick` steps a frame, in the widget's own state; its
/// loss is measured on 500 names it never trains on, beside a letter-pair table counted on the same
/// training names. Every `sampleEvery` steps, and whenever the learner asks, it writes eight names from
/// a seeded random source.
struct NameWriterWidget: InstantWidget {
    static let architecture = "posembed 32 vocab 28, transformer 1 block 4 heads, layernorm, dense 28"
    static let window = 16
    static let trainingCount = 8_192
    static let heldOutCount = 500
    static let batchSize = 32
    static let learningRate: Float = 0.003
    static let stepsPerTick = 2
    /// Steps between two measurements of the held-out loss and two fresh sets of names.
    static let sampleEvery = 120
    static let nameCount = 8
    /// The temperatures `+` and `-` move through.
    static let temperatures: [Double] = [0.2, 0.5, 0.8, 1.0, 1.2, 1.5, 2.0]
    static let seed: UInt64 = 3

    let caption: String?
    private let settings: WidgetSettings
    let vocabulary: CharacterVocabulary
    private(set) var network: Network
    private var optimizer: Optimizer
    private let training: SequenceExamples
    let heldOut: SequenceExamples
    private var batch: SequenceExamples
    private var indices: [Int]
    private var random: RandomSource
    private var gradient: Matrix
    private var heldOutGradient: Matrix
    private let loss: SequenceLoss
    /// Nats per letter of the letter-pair table on the held-out names.
    let letterPairLoss: Double
    private(set) var steps = 0
    private(set) var isPlaying = false
    /// Nats per letter on the held-out names at the last measurement.
    private(set) var heldOutLoss: Float = .nan
    private(set) var temperatureIndex: Int
    /// The seed of the names on show; `Enter` moves to the next.
    private(set) var sampleSeed: UInt64 = 1
    private(set) var names: [String] = []
    /// Why there is nothing to show, when the names could not be read.
    let problem: String?

    init(settings: WidgetSettings) {
        self.settings = settings
        caption = settings.caption
        let wanted = settings.number("temperature", default: 0.8)
        temperatureIndex = Self.temperatures.indices.min { abs(Self.temperatures[$0] - wanted) < abs(Self.temperatures[$1] - wanted) } ?? 2
        var data: SequenceExamples?
        var problem: String?
        do {
            data = try SequenceExamples.lines(of: TextCorpus.names(), steps: Self.window)
        } catch {
            problem = "The bundled names could not be read: \(error)"
        }
        let all = data ?? SequenceExamples(name: "none", inputs: Matrix(rows: 1, columns: Self.window), targets: Matrix(rows: 1, columns: Self.window),
                                           mask: Matrix(rows: 1, columns: Self.window), vocabularySize: 28)
        self.problem = problem
        let trainingCount = min(Self.trainingCount, all.count)
        training = all.subset(Array(0..<trainingCount))
        heldOut = all.subset(Array(max(0, all.count - Self.heldOutCount)..<all.count))
        vocabulary = (try? TextCorpus.names().lineVocabulary) ?? CharacterVocabulary(lines: [])
        letterPairLoss = BigramModel(counting: training).meanNegativeLogLikelihood(on: heldOut)
        network = (try? ArchitectureDescription(parsing: Self.architecture).network(inputShape: [Self.window], seed: Self.seed))
            ?? Network(layers: [])
        network.reserve(batchCapacity: Self.heldOutCount)
        optimizer = Optimizer(.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), learningRate: Self.learningRate)
        optimizer.prepare(tensorSizes: network.parameterTensorSizes)
        batch = training.emptyBatch(capacity: Self.batchSize)
        indices = [Int](repeating: 0, count: Self.batchSize)
        random = RandomSource(seed: Self.seed &+ 11)
        gradient = Matrix(rows: Self.batchSize, columns: network.outputSize)
        heldOutGradient = Matrix(rows: heldOut.count, columns: network.outputSize)
        loss = SequenceLoss(for: training)
        refresh()
    }

    var temperature: Double { Self.temperatures[temperatureIndex] }

    // MARK: Training and writing

    /// One step of Adam on 32 names drawn at random from the training names.
    mutating func trainStep() {
        guard problem == nil else { return }
        for index in indices.indices { indices[index] = random.nextIndex(below: training.count) }
        training.fillBatch(&batch, indices: indices[...])
        network.forward(batch.inputs, mode: .training)
        _ = loss.evaluate(outputs: network.output, targets: batch.targets, mask: batch.mask, gradient: &gradient)
        network.backward(input: batch.inputs, outputGradient: gradient, fromLayer: network.layers.count - 1)
        network.update(with: &optimizer)
        steps += 1
    }

    /// Measures the held-out loss and writes the names for the current seed and temperature.
    mutating func refresh() {
        guard problem == nil else { return }
        network.forward(heldOut.inputs, mode: .evaluation)
        heldOutLoss = loss.evaluate(outputs: network.output, targets: heldOut.targets, mask: heldOut.mask, gradient: &heldOutGradient)
        writeNames()
    }

    /// Eight names from the start token, sampled at the temperature with `sampleSeed`.
    mutating func writeNames() {
        guard problem == nil, let sampler = try? TokenSampler(temperature: temperature) else { return }
        var model = NetworkTokenModel(network: network)
        var generator = SequenceGenerator(sampler: sampler, maximumLength: Self.window - 1)
        names = (try? generator.lines(count: Self.nameCount, model: &model, vocabulary: vocabulary, seed: sampleSeed)) ?? []
    }

    // MARK: Keys and time

    var title: String { "a transformer writing names" }

    var keyHints: [KeyHint] {
        [KeyHint("Space", isPlaying ? "pause" : "train"), KeyHint("Enter", "new names"), KeyHint("+ -", "temperature")]
    }

    var isAnimating: Bool { isPlaying }

    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(" "): isPlaying.toggle()
        case .enter:
            sampleSeed += 1
            writeNames()
        case .character("+"), .character("="):
            temperatureIndex = min(temperatureIndex + 1, Self.temperatures.count - 1)
            writeNames()
        case .character("-"):
            temperatureIndex = max(temperatureIndex - 1, 0)
            writeNames()
        default: return false
        }
        return true
    }

    mutating func tick() {
        guard isPlaying else { return }
        var due = false
        for _ in 0..<Self.stepsPerTick {
            trainStep()
            if steps % Self.sampleEvery == 0 { due = true }
        }
        if due { refresh() }
    }

    mutating func reset() {
        self = NameWriterWidget(settings: settings)
    }
}

extension NameWriterWidget: Equatable {
    static func == (lhs: NameWriterWidget, rhs: NameWriterWidget) -> Bool {
        lhs.steps == rhs.steps && lhs.isPlaying == rhs.isPlaying && lhs.temperatureIndex == rhs.temperatureIndex
            && lhs.sampleSeed == rhs.sampleSeed && lhs.names == rhs.names && lhs.caption == rhs.caption
            && lhs.heldOutLoss.bitPattern == rhs.heldOutLoss.bitPattern
    }
}
