import Foundation
import Testing
import _AllocationCounter
@testable import Neural

@Suite("Training")
struct TrainingTests {
    static let xor = Examples(features: Matrix([[0, 0], [0, 1], [1, 0], [1, 1]]), targets: Matrix([[0], [1], [1], [0]]))

    /// Points on two interleaved spirals, as the playground draws them: class 0 and class 1 wind around
    /// each other, so no straight line (nor a small circle) separates them.
    static func spiral(count: Int, seed: UInt64) -> Examples {
        var random = RandomSource(seed: seed)
        var features = Matrix(rows: count, columns: 2), targets = Matrix(rows: count, columns: 1)
        for index in 0..<count {
            let label = index % 2, i = index / 2, half = count / 2
            let radius = Float(i) / Float(half) * 5
            let angle = 1.75 * Float(i) / Float(half) * 2 * .pi + Float(label) * .pi
            features[index, 0] = radius * Foundation.sin(angle) + random.uniform(-0.1...0.1)
            features[index, 1] = radius * Foundation.cos(angle) + random.uniform(-0.1...0.1)
            targets[index, 0] = Float(label)
        }
        return Examples(features: features, targets: targets)
    }

    @Test func learnsXOR() {
        let network = Network(sizes: [2, 4, 1], activation: .tanh, outputActivation: .sigmoid, seed: 7)
        var trainer = Trainer(network: network, training: Self.xor,
                              configuration: TrainingConfiguration(epochs: 1500, batchSize: 4, loss: .binaryCrossEntropy,
                                                                   optimizer: .sgd, learningRate: 0.5))
        let before = trainer.evaluate(Self.xor)
        trainer.train()
        let after = trainer.evaluate(Self.xor)
        #expect(trainer.status == .finished)
        #expect(after.accuracy == 1)
        #expect(after.loss < 0.05 && after.loss < before.loss / 10)
        let outputs = trainer.network.predict(Self.xor.features).elements
        #expect(outputs[0] < 0.1 && outputs[1] > 0.9 && outputs[2] > 0.9 && outputs[3] < 0.1)
    }

    @Test func aLinearNetworkCannotLearnXOR() {
        // Without a hidden non-linearity the network is one line, and no line separates XOR.
        let network = Network(sizes: [2, 4, 1], activation: .identity, outputActivation: .sigmoid, seed: 7)
        var trainer = Trainer(network: network, training: Self.xor,
                              configuration: TrainingConfiguration(epochs: 1500, batchSize: 4, loss: .binaryCrossEntropy, learningRate: 0.5))
        trainer.train()
        #expect(trainer.evaluate(Self.xor).accuracy! <= 0.75)
    }

    @Test func sameSeedSameWeightsBitForBit() {
        func run(seed: UInt64) -> [Float] {
            let network = Network(sizes: [2, 8, 8, 1], activation: .tanh, outputActivation: .sigmoid, dropout: 0.1, seed: 5)
            var trainer = Trainer(network: network, training: Self.spiral(count: 100, seed: 1),
                                  configuration: TrainingConfiguration(epochs: 5, batchSize: 7, loss: .binaryCrossEntropy, seed: seed))
            trainer.train()
            return trainer.network.parameterLayerIndices.flatMap { trainer.network.layers[$0].weights.elements }
        }
        let first = run(seed: 9)
        #expect(first == run(seed: 9))
        #expect(first != run(seed: 10))
    }

    @Test func resetReturnsToTheFirstWeightsAndRepeatsTheRun() {
        let network = Network(sizes: [2, 4, 1], activation: .tanh, outputActivation: .sigmoid, seed: 4)
        var trainer = Trainer(network: network, training: Self.spiral(count: 60, seed: 2),
                              configuration: TrainingConfiguration(epochs: 3, batchSize: 8, loss: .binaryCrossEntropy))
        let initial = trainer.network.layers[0].weights
        trainer.step()
        #expect(trainer.network.layers[0].weights != initial)
        trainer.train()
        let firstRun = trainer.history
        trainer.reset()
        #expect(trainer.network.layers[0].weights == initial)
        #expect(trainer.epoch == 0 && trainer.stepCount == 0 && trainer.status == .training)
        trainer.train()
        #expect(trainer.history.map(\.trainingLoss) == firstRun.map(\.trainingLoss))
    }

    @Test func stepsAndEpochsCountBatches() {
        var trainer = Trainer(network: Network(sizes: [2, 3, 1], activation: .relu, outputActivation: .identity, seed: 1),
                              training: Self.spiral(count: 25, seed: 1),
                              configuration: TrainingConfiguration(epochs: 2, batchSize: 10))
        #expect(trainer.batchesPerEpoch == 3)
        #expect(trainer.step() == nil && trainer.step() == nil)
        let record = trainer.step()
        #expect(record?.epoch == 1 && trainer.epoch == 1 && trainer.batchInEpoch == 0)
        #expect(trainer.trainEpoch()?.epoch == 2)
        #expect(trainer.status == .finished && trainer.step() == nil)
    }

    @Test func divergenceIsDetectedAndNamed() {
        var trainer = Trainer(network: Network(sizes: [2, 8, 1], activation: .relu, outputActivation: .identity, seed: 1),
                              training: Self.spiral(count: 100, seed: 1),
                              configuration: TrainingConfiguration(epochs: 50, batchSize: 10, loss: .meanSquaredError, learningRate: 10))
        trainer.train()
        guard case .diverged(let divergence) = trainer.status else {
            Issue.record("expected divergence, got \(trainer.status)")
            return
        }
        #expect(divergence.learningRate == 10)
        #expect(!divergence.loss.isFinite)
        #expect(divergence.description.contains("diverged at epoch \(divergence.epoch)"))
        #expect(divergence.description.contains("try a lower learning rate"))
        trainer.reset()
        trainer.learningRate = 0.01
        trainer.train()
        #expect(trainer.status == .finished)
    }

    @Test func earlyStoppingKeepsTheBestWeights() {
        // Pure-noise targets: validation loss soon stops improving while training loss keeps falling.
        var random = RandomSource(seed: 5)
        func noise(_ count: Int) -> Examples {
            Examples(features: Matrix(rows: count, columns: 4, elements: (0..<count * 4).map { _ in random.uniform(-1...1) }),
                     targets: Matrix(rows: count, columns: 1, elements: (0..<count).map { _ in random.uniform(-1...1) }))
        }
        var trainer = Trainer(network: Network(sizes: [4, 32, 1], activation: .tanh, outputActivation: .identity, seed: 2),
                              training: noise(40), validation: noise(40),
                              configuration: TrainingConfiguration(epochs: 500, batchSize: 4, optimizer: .sgd, learningRate: 0.1, patience: 5))
        trainer.train()
        guard case .stoppedEarly(let best) = trainer.status else {
            Issue.record("expected early stopping, got \(trainer.status)")
            return
        }
        #expect(trainer.epoch == best + 5)
        let bestLoss = trainer.history[best - 1].validationLoss!
        #expect(trainer.history.compactMap(\.validationLoss).min() == bestLoss)
        #expect(abs(trainer.evaluate(trainer.validation!).loss - bestLoss) < 1e-5)
    }

    @Test(.enabled(if: gs_thread_allocation_count() >= 0,
                   "allocation counting is unavailable: it needs glibc, and a sanitizer build replaces malloc itself"),
          arguments: [OptimizerKind.sgd, .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), .nesterov(0.9)])
    func aTrainingStepAllocatesNothing(optimizer: OptimizerKind) throws {
        let data = Self.spiral(count: 500, seed: 1)
        let threeClasses = Examples(features: data.features,
                                    targets: Matrix(rows: 500, columns: 3, elements: (0..<1500).map { $0 % 3 == 0 ? 1 : 0 }))
        for (examples, output, loss, dropout) in [(data, Activation.sigmoid, Loss.binaryCrossEntropy, Float(0)),
                                                  (threeClasses, .softmax, .crossEntropy, 0.2)] {
            let network = Network(sizes: [2, 8, 8, examples.targets.columns], activation: .tanh, outputActivation: output,
                                  dropout: dropout, seed: 1)
            var trainer = Trainer(network: network, training: examples,
                                  configuration: TrainingConfiguration(epochs: 10, batchSize: 10, loss: loss, optimizer: optimizer, l2: 0.001))
            trainer.trainEpoch()
            let before = gs_thread_allocation_count()
            for _ in 0..<(trainer.batchesPerEpoch - 1) { trainer.step() }
            let allocations = gs_thread_allocation_count() - before
            #expect(allocations == 0, "\(allocations) allocations in \(trainer.batchesPerEpoch - 1) steps")
        }
    }
}
