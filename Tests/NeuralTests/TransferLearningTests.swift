import Foundation
import Testing
@testable import Neural

@Suite("Freezing, new heads and class filters")
struct TransferLearningTests {
    static func digitsNetwork(seed: UInt64) throws -> Network {
        try ArchitectureDescription(parsing: ArchitectureDescriptionTests.digits + ", softmax").network(inputShape: [1, 8, 8], seed: seed)
    }

    @Test func frozenLayersStayBitIdenticalAndGetNoGradient() throws {
        let digits = try Dataset.digits()
        var network = try Self.digitsNetwork(seed: 1)
        network.freezeBody()
        #expect(network.firstTrainableLayer == 7)
        #expect(network.trainableParameterCount == 650)
        let before = network.layers.map(\.parameters)
        var trainer = Trainer(network: network, training: Examples(digits.subset(Array(0..<300))),
                              configuration: TrainingConfiguration(epochs: 2, batchSize: 32, loss: .crossEntropy,
                                                                   optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), l2: 0.01))
        trainer.train()
        for index in [0, 3] {
            for (old, new) in zip(before[index], trainer.network.layers[index].parameters) {
                #expect(old.values.storage.map(\.bitPattern) == new.values.storage.map(\.bitPattern), "layer \(index) \(old.name) moved")
                #expect(new.gradient.storage.allSatisfy { $0 == 0 }, "no gradient is computed for a frozen layer")
            }
        }
        #expect(before[7][0].values != trainer.network.layers[7].parameters[0].values, "the head trains")
    }

    /// Backpropagation stops at the first layer that trains, so a step with only the head trainable costs
    /// far less than a full one.
    @Test func aFrozenBodyMakesAStepCheaper() throws {
        let digits = try Dataset.digits()
        func trainer(frozen: Bool) throws -> Trainer {
            var network = try Self.digitsNetwork(seed: 2)
            if frozen { network.freezeBody() }
            var trainer = Trainer(network: network, training: Examples(digits.subset(Array(0..<320))),
                                  configuration: TrainingConfiguration(epochs: 1000, batchSize: 32, loss: .crossEntropy, optimizer: .sgd))
            trainer.trainEpoch()
            return trainer
        }
        var trainers = [try trainer(frozen: false), try trainer(frozen: true)]
        var best = [Double.infinity, .infinity]
        // Interleaved, and the fastest of many rounds, so other work on the machine hits both alike.
        for _ in 0..<20 {
            for index in 0..<2 {
                let start = DispatchTime.now().uptimeNanoseconds
                trainers[index].trainEpoch()
                best[index] = min(best[index], Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
        }
        let full = best[0], head = best[1]
        #expect(head < 0.8 * full, "frozen body \(head) s against \(full) s per epoch")
    }

    @Test func aNewHeadKeepsTheBody() throws {
        let network = try Self.digitsNetwork(seed: 3)
        let five = network.replacingHead(outputs: 5, seed: 9)
        #expect(five.outputSize == 5)
        #expect(five.outputActivation == .softmax)
        #expect(five.layers[0].parameters[0].values == network.layers[0].parameters[0].values)
        #expect(five.layers[3].parameters[0].values == network.layers[3].parameters[0].values)
        #expect(five.layers[7].parameters[0].shape == [5, 64])
    }

    @Test func classFiltersRelabelAndLimit() throws {
        let digits = try Dataset.digits()
        let upper = digits.keepingClasses([5, 6, 7, 8, 9])
        #expect(upper.classNames == ["5", "6", "7", "8", "9"] || upper.classNames.count == 5)
        #expect(upper.count == digits.classCounts[5...].reduce(0, +))
        #expect(upper.classCounts == Array(digits.classCounts[5...]))
        let first = digits.labels.firstIndex(of: 7)!
        #expect(upper.features.row(upper.labels.firstIndex(of: 2)!) == digits.features.row(first), "7 became class 2")
        let few = upper.limited(perClass: 20)
        #expect(few.classCounts == [20, 20, 20, 20, 20])
        let pair = digits.keepingClasses([3, 8])
        #expect(pair.problem == .binaryClassification)
    }
}

@Suite("A convolutional network on the digits")
struct ConvolutionalDigitsTests {
    /// The README's recipe: digits as 1×8×8 images, 80/20 split, 30 epochs of Adam (lr 0.003, batch 32), no
    /// feature scaling, with 16 and 32 filters. The seed draws the split, the first weights and the shuffling,
    /// as `gradschool train --seed` does.
    ///
    /// Measured over seeds 1–10: this network scores 98.3–99.2 % on the test set. With 8 and 16 filters it
    /// scores 96.4–98.3 % (30 epochs) or 97.2–98.9 % (60 epochs): both reach 100 % on the training set, and
    /// the narrow one generalises worse. The multilayer perceptron reaches 97.5 % on seed 1's split. The test
    /// set holds 359 images, so one image is 0.28 %, and 98 % allows 7 mistakes.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func reachesNinetyEightPercentOnTheTestSet(seed: UInt64) throws {
        let sets = try Dataset.digits().split(validationFraction: 0, testFraction: 0.2, seed: seed, shuffle: true)
        let network = try ArchitectureDescription(parsing: Self.wide + ", softmax").network(inputShape: [1, 8, 8], seed: seed)
        var trainer = Trainer(network: network, training: Examples(sets.train),
                              configuration: TrainingConfiguration(epochs: 30, batchSize: 32, loss: .crossEntropy,
                                                                   optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
                                                                   learningRate: 0.003, seed: seed))
        trainer.train()
        let accuracy = try #require(trainer.evaluate(Examples(sets.test)).accuracy)
        #expect(sets.test.count == 359)
        #expect(accuracy >= 0.98, "seed \(seed): test accuracy \(accuracy)")
    }

    static let wide = "conv 16 3 pad 1, relu, maxpool 2, conv 32 3 pad 1, relu, maxpool 2, flatten, dense 10"
}
