import Neural

/// The bundled names as the sequence mode uses them, read once: one 16-token window per name, the last
/// 512 names held out to measure the loss on names the model never trains on.
struct SequencePlaygroundData: Sendable {
    static let heldOutCount = 512

    let vocabulary: CharacterVocabulary
    let training: SequenceExamples
    let heldOut: SequenceExamples

    /// The data, or why it could not be read.
    static let shared: Result<SequencePlaygroundData, SequenceDataError> = {
        do throws(SequenceDataError) {
            let corpus = try TextCorpus.names()
            let all = try SequenceExamples.lines(of: corpus, steps: SequencePlaygroundConfiguration.steps)
            let split = max(1, all.count - heldOutCount)
            return .success(SequencePlaygroundData(vocabulary: corpus.lineVocabulary,
                                                   training: all.subset(Array(0..<split)),
                                                   heldOut: all.subset(Array(split..<all.count))))
        } catch {
            return .failure(error)
        }
    }()

    var vocabularySize: Int { vocabulary.count }

    /// The untrained network for `configuration`, its weights drawn from its seed.
    func network(for configuration: SequencePlaygroundConfiguration) -> Network? {
        let text = configuration.description(vocabularySize: vocabularySize)
        guard let description = try? ArchitectureDescription(parsing: text) else { return nil }
        return try? description.network(inputShape: [SequencePlaygroundConfiguration.steps], seed: configuration.seed,
                                         vocabularySize: vocabularySize)
    }

    /// A run of `network` as `configuration` says, reading `probe`.
    func run(of network: Network, configuration: SequencePlaygroundConfiguration, probe: String) -> SequenceRun {
        let trainer = SequenceTrainer(
            network: network, training: training,
            configuration: TrainingConfiguration(epochs: Int.max, batchSize: configuration.batchSize,
                                                 optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
                                                 learningRate: configuration.learningRate, seed: configuration.seed))
        return SequenceRun(trainer: trainer, heldOut: heldOut, vocabulary: vocabulary, temperature: configuration.temperature, probe: probe)
    }
}

extension SequencePlaygroundScreen {
    /// Tokens of the bundled names' vocabulary (28: padding, the boundary mark and 26 letters); 28 when unreadable.
    public static var vocabularySize: Int { (try? SequencePlaygroundData.shared.get().vocabularySize) ?? 28 }

    /// The names the sequence mode trains on and the last 512 it holds out, with their characters, as
    /// `gradschool train --config` reads them for a sequence-mode file.
    public static func namesData() throws(SequenceDataError) -> (training: SequenceExamples, heldOut: SequenceExamples, vocabulary: CharacterVocabulary) {
        let data = try SequencePlaygroundData.shared.get()
        return (data.training, data.heldOut, data.vocabulary)
    }
}
