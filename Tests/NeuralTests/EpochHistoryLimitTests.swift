import Testing
@testable import Neural

/// A history with a limit stays bounded however long training runs, keeps the first and the recent
/// epochs, and keeps its records in epoch order.
@Suite("Epoch history limit")
struct EpochHistoryLimitTests {
    static func record(_ epoch: Int) -> EpochRecord {
        EpochRecord(epoch: epoch, trainingLoss: 1 / Float(epoch), validationLoss: nil, trainingAccuracy: nil,
                    validationAccuracy: nil, seconds: 0.001)
    }

    @Test func aLimitedHistoryStaysBoundedAndKeepsTheEnds() {
        var history = EpochHistory()
        history.limit = 4_096
        var unlimited = EpochHistory()
        for epoch in 1...200_000 {
            history.append(Self.record(epoch))
            if epoch <= 5_000 { unlimited.append(Self.record(epoch)) }
        }
        #expect(history.count <= 4_096 && history.count >= 2_048, "\(history.count) records")
        #expect(history.first?.epoch == 1)
        #expect(history.last?.epoch == 200_000)
        let epochs = history.map(\.epoch)
        #expect(zip(epochs, epochs.dropFirst()).allSatisfy { $0 < $1 }, "records stay in epoch order")
        // The most recent 1,000 epochs are all there.
        #expect(Array(epochs.suffix(1_000)) == Array(199_001...200_000))
        // Without a limit nothing is dropped.
        #expect(unlimited.count == 5_000)
    }

    @Test func aTrainerWithAHistoryLimitKeepsItsMemoryBounded() {
        let examples = Examples(features: Matrix([[0, 0], [0, 1], [1, 0], [1, 1]]), targets: Matrix([[0], [1], [1], [0]]))
        let network = Network(sizes: [2, 2, 1], activation: .tanh, outputActivation: .sigmoid, seed: 1)
        var trainer = Trainer(network: network, training: examples,
                              configuration: TrainingConfiguration(epochs: 3_000, batchSize: 4, loss: .binaryCrossEntropy, learningRate: 0.1))
        trainer.historyLimit = 1_024
        while trainer.status == .training { trainer.trainEpoch() }
        #expect(trainer.history.count <= 1_024)
        #expect(trainer.history.last?.epoch == 3_000 && trainer.history.first?.epoch == 1)
    }
}
