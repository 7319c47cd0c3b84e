import Foundation

/// A character model of text lines training live: the trainer, and what a screen shows of it besides the
/// numbers — the loss per character on training and held-out lines as it falls, what the model computes
/// while reading one line (its hidden state, or each head's attention), and lines it writes.
///
/// One value carries out every command, on a `SequenceSession`'s thread and in tests alike, so both see
/// the same run: the same batches, the same measurements every `measureEvery` steps, the same names
/// written every `sampleEvery` steps from seeds 1, 2, 3, ….
///
/// The run stops as diverged when a batch's loss is not finite, as every trainer does, and also when it
/// passes `divergenceFactor` times the cost of guessing every token alike, ln V nats per token: a model that
/// still learns never does so much worse than knowing nothing, and with a learning rate far too large the
/// loss of a softmax climbs to tens of nats long before the weights overflow to NaN.
public struct SequenceRun: Sendable {
    /// How many times the loss of uniform guessing counts as diverged.
    public static let divergenceFactor: Float = 4

    /// What a run is asked to do.
    public enum Command: Sendable, Equatable {
        case play
        case pause
        /// Train this many batches, then pause.
        case step(batches: Int)
        /// Back to the first weights, step 0, paused.
        case reset
        /// Takes effect at the next batch; every weight is kept.
        case setLearningRate(Float)
        /// Writes the names again at this temperature.
        case setTemperature(Double)
        /// The line whose reading is shown.
        case read(String)
        /// Writes names from the next seed.
        case newSamples
    }

    /// The held-out loss per character and the mean training loss per character since the last point.
    public struct LossPoint: Sendable, Equatable {
        public var step: Int
        public var training: Float
        public var validation: Float
    }

    public private(set) var trainer: SequenceTrainer
    private let initial: SequenceTrainer
    public let vocabulary: CharacterVocabulary
    public let heldOut: SequenceExamples
    public private(set) var isPlaying = false
    public private(set) var pendingBatches = 0
    public private(set) var temperature: Double
    public private(set) var probe: String
    public private(set) var sampleSeed: UInt64 = 1
    public private(set) var samples: [String] = []
    public private(set) var trace: [LossPoint] = []
    public let measureEvery: Int
    public let sampleEvery: Int
    private var lossSinceMeasure: Double = 0
    private var batchesSinceMeasure = 0
    private var reader: Network
    /// Set when the loss ran away (see `divergenceFactor`) although it stayed finite.
    private var runaway: Divergence?
    private var window: Matrix

    /// A run of `trainer` (whose network reads windows of token ids), measured on `heldOut`.
    public init(trainer: SequenceTrainer, heldOut: SequenceExamples, vocabulary: CharacterVocabulary,
                temperature: Double = 0.8, probe: String = "emma", measureEvery: Int = 100, sampleEvery: Int = 250) {
        self.trainer = trainer
        initial = trainer
        self.heldOut = heldOut
        self.vocabulary = vocabulary
        self.temperature = temperature
        self.probe = probe
        self.measureEvery = max(1, measureEvery)
        self.sampleEvery = max(1, sampleEvery)
        reader = trainer.network.detachedCopy()
        reader.reserve(batchCapacity: 1)
        window = Matrix(rows: 1, columns: trainer.network.inputSize)
        trace.reserveCapacity(4096)
        writeSamples()
    }

    /// Steps in a window: the start mark and up to `steps − 1` letters.
    public var steps: Int { trainer.network.inputSize }

    /// Whether there is training to do.
    public var hasWork: Bool { (isPlaying || pendingBatches > 0) && status == .training }

    /// Where the run stands: the trainer's status, or diverged when the loss ran away.
    public var status: TrainingStatus { runaway.map { .diverged($0) } ?? trainer.status }

    /// The loss per token above which the run counts as diverged: `divergenceFactor` × ln V.
    public var divergenceLoss: Float { Self.divergenceFactor * Float(Foundation.log(Double(max(vocabulary.count, 2)))) }

    /// Carries out one command.
    public mutating func apply(_ command: Command) {
        switch command {
        case .play: isPlaying = status == .training
        case .pause: isPlaying = false; pendingBatches = 0
        case .step(let batches): isPlaying = false; pendingBatches += max(batches, 0)
        case .reset:
            isPlaying = false
            pendingBatches = 0
            trainer = initial
            runaway = nil
            trace.removeAll(keepingCapacity: true)
            lossSinceMeasure = 0
            batchesSinceMeasure = 0
            sampleSeed = 1
            writeSamples()
        case .setLearningRate(let rate): trainer.optimizer.learningRate = rate
        case .setTemperature(let value):
            temperature = value
            writeSamples()
        case .read(let line): probe = line
        case .newSamples:
            sampleSeed += 1
            writeSamples()
        }
    }

    /// Trains one batch when there is work; measures the held-out lines and writes names when their turn comes.
    public mutating func trainBatch() {
        guard hasWork else { return }
        trainer.step()
        if pendingBatches > 0 { pendingBatches -= 1 }
        if trainer.status == .training && trainer.lastBatchLoss > divergenceLoss {
            runaway = Divergence(epoch: trainer.epoch + 1, batch: trainer.batchInEpoch, loss: trainer.lastBatchLoss,
                                 learningRate: trainer.optimizer.learningRate)
        }
        guard status == .training else {
            isPlaying = false
            pendingBatches = 0
            return
        }
        lossSinceMeasure += Double(trainer.lastBatchLoss)
        batchesSinceMeasure += 1
        if trainer.stepCount % measureEvery == 0 { measure() }
        if trainer.stepCount % sampleEvery == 0 {
            sampleSeed += 1
            writeSamples()
        }
    }

    /// Adds a point to the trace: the held-out loss now and the mean batch loss since the last point.
    private mutating func measure() {
        let validation = trainer.evaluate(heldOut).loss
        let training = batchesSinceMeasure > 0 ? Float(lossSinceMeasure / Double(batchesSinceMeasure)) : validation
        trace.append(LossPoint(step: trainer.stepCount, training: training, validation: validation))
        lossSinceMeasure = 0
        batchesSinceMeasure = 0
        // A chart shows a few hundred points: every other one goes when the trace is long.
        if trace.count >= 4096 { trace = stride(from: 0, to: trace.count, by: 2).map { trace[$0] } }
    }

    /// Eight names from the start mark at the temperature, from `sampleSeed`.
    private mutating func writeSamples() {
        guard status == .training || trainer.stepCount == 0, let sampler = try? TokenSampler(temperature: temperature) else {
            return
        }
        var model = NetworkTokenModel(network: trainer.network)
        var generator = SequenceGenerator(sampler: sampler, maximumLength: steps - 1)
        samples = (try? generator.lines(count: 8, model: &model, vocabulary: vocabulary, seed: sampleSeed)) ?? []
    }

    /// What the model computes reading `probe`: the start mark, then its letters (those of the vocabulary,
    /// at most `steps − 1`).
    public mutating func read() -> SequenceReading {
        let letters = probe.lowercased().compactMap { vocabulary.id(of: $0) }.prefix(steps - 1)
        let tokens = [CharacterVocabulary.start] + letters
        for step in 0..<steps { window.storage[step] = Float(CharacterVocabulary.padding) }
        for (step, token) in tokens.enumerated() { window.storage[step] = Float(token) }
        reader.copyParameters(from: trainer.network)
        reader.forward(window, mode: .evaluation)
        var reading = SequenceReading(tokens: Array(tokens))
        for layer in reader.layers.reversed() {
            if let block = layer as? TransformerBlock {
                reading.attention = (0..<block.heads).map { head in
                    let weights = block.attentionWeights(example: 0, head: head)
                    return tokens.indices.map { query in tokens.indices.map { key in weights[query, key] } }
                }
                break
            }
            let states: [[Float]]?
            if let lstm = layer as? LSTM {
                states = tokens.indices.map { Array(lstm.hiddenState(example: 0, step: $0)) }
            } else if let gru = layer as? GRU {
                states = tokens.indices.map { Array(gru.hiddenState(example: 0, step: $0)) }
            } else if let rnn = layer as? RNN {
                states = tokens.indices.map { Array(rnn.hiddenState(example: 0, step: $0)) }
            } else {
                states = nil
            }
            if let states { reading.hidden = states; break }
        }
        // The next token's probabilities after each step, from the logits of the last layer.
        let size = vocabulary.count
        let logits = reader.output
        reading.likeliest = tokens.indices.map { step in
            let row = logits.storage[(step * size)..<((step + 1) * size)]
            var best = row.startIndex
            for index in row.indices where row[index] > row[best] { best = index }
            return best - step * size
        }
        return reading
    }

    /// The run as a screen sees it after `commandsDone` commands.
    public mutating func published(commandsDone: Int, samplesPerSecond: Double) -> SequenceSession.Published {
        let snapshot = TrainingSnapshot(
            epoch: trainer.epoch, batchInEpoch: trainer.batchInEpoch, batchesPerEpoch: trainer.batchesPerEpoch,
            stepCount: trainer.stepCount, status: status, isPlaying: hasWork && isPlaying,
            lastBatchLoss: trainer.lastBatchLoss, history: trainer.history, learningRate: trainer.optimizer.learningRate,
            samplesPerSecond: samplesPerSecond, network: trainer.network.detachedCopy())
        return SequenceSession.Published(training: snapshot, trace: trace, reading: read(), samples: samples,
                                         sampleSeed: sampleSeed, temperature: temperature, commandsDone: commandsDone)
    }
}

/// What a model computed while reading one line.
public struct SequenceReading: Sendable, Equatable {
    /// The start mark, then the letters read.
    public var tokens: [Int]
    /// For a recurrent model, `hidden[step][unit]`: the last recurrent layer's state after each token.
    public var hidden: [[Float]] = []
    /// For a transformer, `attention[head][query][key]`: how much each step took from each earlier step,
    /// in the last block.
    public var attention: [[[Float]]] = []
    /// The likeliest next token after each step.
    public var likeliest: [Int] = []

    public init(tokens: [Int]) { self.tokens = tokens }
}
