import Testing
@testable import Neural

/// The memory test of the copy task: read a digit, then `delay` blanks, then "=", and write the digit.
@Suite("Copy after a delay")
struct MemoryTaskTests {
    static func trained(_ words: String, delay: Int, forgetBias: Float? = nil) throws -> Float {
        let task = SequenceTask.copy(delay: delay)
        let train = task.examples(count: 3000, seed: 1), validation = task.examples(count: 500, seed: 2)
        var network = try ArchitectureDescription(parsing: "embed 8, \(words), dense 13")
            .network(inputShape: [train.steps], seed: 1, vocabularySize: SequenceTask.vocabularySize)
        if let forgetBias, var lstm = network.layers[1] as? LSTM {
            lstm.setForgetGateBias(forgetBias)
            network.setParameter("bias_ih_l0", ofLayer: 1, values: lstm.parameters[2].values.elements)
        }
        var trainer = SequenceTrainer(network: network, training: train, validation: validation,
                                      configuration: TrainingConfiguration(epochs: 12, batchSize: 32,
                                                                           optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
                                                                           learningRate: 0.01, seed: 1))
        trainer.train()
        return try #require(trainer.evaluate(validation).sequenceAccuracy)
    }

    /// At a delay of 60 steps the plain RNN cannot carry the digit (it stays far from solving the task),
    /// and an LSTM of the same width, its forget gates starting open, copies every digit.
    @Test func anLSTMRemembersSixtyStepsWhereAPlainRNNForgets() throws {
        let rnn = try Self.trained("rnn 32", delay: 60)
        let lstm = try Self.trained("lstm 32", delay: 60, forgetBias: 5)
        #expect(rnn < 0.5, "the RNN copied \(rnn * 100) % of the digits after 60 steps")
        #expect(lstm >= 0.99, "the LSTM copied \(lstm * 100) % of the digits after 60 steps")
    }
}
