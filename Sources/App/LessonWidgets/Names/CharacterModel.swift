import Foundation
import Neural

/// A small character model of names, trained live: it reads a name one letter at a time and, after each
/// letter, gives a probability to every letter that may come next.
///
/// The network is `embed 16, lstm 32, dense V` over windows of 16 tokens (the start mark `.`, the letters,
/// the end mark `.`), trained on the 32,000 bundled names with Adam (learning rate 0.01, batches of 32,
/// seed 1). At step t, reading token x_t,
///
///     e_t = E[x_t]                                  the letter's embedding (16 numbers)
///     h_t, c_t = LSTM(e_t, h_{t−1}, c_{t−1})        the memory of the name so far (32 numbers)
///     p_t = softmax(V h_t + b)                      the next letter's probabilities
///
/// A second copy of the network, sized for one name, does the reading the widgets draw, so reading never
/// disturbs the buffers of a training step.
struct CharacterModel: Sendable {
    /// Tokens in a window: every bundled name (at most 15 letters) fits with its start mark.
    static let steps = 16
    /// Hidden (and cell) units of the LSTM.
    static let hiddenSize = 32
    /// Names a training step averages over.
    static let batchSize = 32
    /// Adam's step size.
    static let learningRate: Float = 0.01

    /// The bundled names as examples, read once: one window per name.
    static let names: SequenceExamples? = try? SequenceExamples.lines(of: TextCorpus.names(), steps: steps)
    /// The letters of the bundled names.
    static let vocabulary: CharacterVocabulary? = try? TextCorpus.names().lineVocabulary

    private(set) var trainer: SequenceTrainer
    private var reader: Network
    private var window: Matrix
    let vocabulary: CharacterVocabulary

    /// The untrained model; nil only when the bundled names cannot be read.
    init?() {
        guard let names = Self.names, let vocabulary = Self.vocabulary,
              let network = try? ArchitectureDescription(parsing: "embed 16, lstm \(Self.hiddenSize), dense \(vocabulary.count)")
                .network(inputShape: [Self.steps], seed: 1, vocabularySize: vocabulary.count) else { return nil }
        self.vocabulary = vocabulary
        trainer = SequenceTrainer(
            network: network, training: names,
            configuration: TrainingConfiguration(epochs: Int.max, batchSize: Self.batchSize,
                                                 optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
                                                 learningRate: Self.learningRate, seed: 1))
        reader = network.detachedCopy()
        reader.reserve(batchCapacity: 1)
        window = Matrix(rows: 1, columns: Self.steps)
    }

    /// Training steps taken so far.
    var stepCount: Int { trainer.stepCount }
    /// Names seen in training so far.
    var namesSeen: Int { trainer.stepCount * Self.batchSize }
    /// The loss of the most recent batch, in nats per letter (NaN before the first step).
    var lastLoss: Float { trainer.lastBatchLoss }

    /// One training step on the next batch of names.
    mutating func train(steps: Int) {
        for _ in 0..<steps { trainer.step() }
    }

    /// What the model makes of `name`: for each token it reads (the start mark, then each letter), its
    /// hidden state, its gates and its probabilities for the next token.
    mutating func read(_ name: String) -> Reading {
        let letters = Array(name.lowercased().filter { vocabulary.id(of: $0) != nil }.prefix(Self.steps - 1))
        let tokens = [CharacterVocabulary.start] + letters.map { vocabulary.id(of: $0)! }
        for step in 0..<Self.steps { window.storage[step] = Float(CharacterVocabulary.padding) }
        for (step, token) in tokens.enumerated() { window.storage[step] = Float(token) }
        reader.copyParameters(from: trainer.network)
        reader.forward(window, mode: .evaluation)
        let lstm = reader.layers[1] as! LSTM
        let logits = reader.output
        let size = vocabulary.count
        var steps: [Reading.Step] = []
        for step in tokens.indices {
            let gates = lstm.gates(example: 0, step: step)
            var probabilities = [Float](repeating: 0, count: size)
            let row = logits.storage[(step * size)..<((step + 1) * size)]
            let largest = row.max() ?? 0
            var total: Float = 0
            for (token, logit) in row.enumerated() {
                probabilities[token] = (logit - largest).exponential
                total += probabilities[token]
            }
            for token in probabilities.indices { probabilities[token] /= total }
            steps.append(Reading.Step(token: tokens[step], hidden: Array(lstm.hiddenState(example: 0, step: step)),
                                      inputGate: Array(gates.input), forgetGate: Array(gates.forget),
                                      outputGate: Array(gates.output), probabilities: probabilities))
        }
        return Reading(name: String(letters), steps: steps)
    }

    /// `count` new names, sampled at `temperature` from the start mark, the random source seeded with `seed`.
    func generate(count: Int, temperature: Double, seed: UInt64) -> [String] {
        guard let sampler = try? TokenSampler(temperature: temperature) else { return [] }
        var model = NetworkTokenModel(network: trainer.network)
        var generator = SequenceGenerator(sampler: sampler, maximumLength: Self.steps - 1)
        return (try? generator.lines(count: count, model: &model, vocabulary: vocabulary, seed: seed)) ?? []
    }

    /// What the model computed while reading one name.
    struct Reading: Equatable, Sendable {
        /// The letters read (those of the vocabulary, lower-cased, at most 15).
        var name: String
        var steps: [Step]

        /// One token read: the start mark or a letter.
        struct Step: Equatable, Sendable {
            var token: Int
            /// h_t, the hidden state after reading the token.
            var hidden: [Float]
            /// i_t, f_t and o_t, each between 0 and 1 for every unit.
            var inputGate: [Float]
            var forgetGate: [Float]
            var outputGate: [Float]
            /// The probability of each token coming next.
            var probabilities: [Float]

            /// The `count` most likely next tokens, most likely first.
            func topGuesses(_ count: Int) -> [(token: Int, probability: Float)] {
                let ranked = probabilities.indices.sorted { probabilities[$0] > probabilities[$1] || (probabilities[$0] == probabilities[$1] && $0 < $1) }
                return ranked.prefix(count).map { ($0, probabilities[$0]) }
            }
        }
    }
}

private extension Float {
    var exponential: Float { Foundation.exp(self) }
}
