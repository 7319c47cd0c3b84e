import Testing
@testable import Neural

/// The accuracy targets of the reference workloads, on the shipped and generated datasets.
@Suite("Reference workloads learn")
struct ReferenceWorkloadTests {
    @Test func spiralReaches95PercentWithTwoTanhLayers() {
        let spiral = Dataset.spiral(samples: 500, noise: 0, seed: 1)
        let network = Network(sizes: [2, 8, 8, 1], activation: .tanh, outputActivation: .sigmoid, seed: 1)
        var trainer = Trainer(network: network, training: Examples(spiral),
                              configuration: TrainingConfiguration(epochs: 1000, batchSize: 10, loss: .binaryCrossEntropy,
                                                                   optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
                                                                   learningRate: 0.01, seed: 1))
        trainer.train()
        let accuracy = trainer.evaluate(Examples(spiral)).accuracy!
        #expect(accuracy >= 0.95, "training accuracy \(accuracy)")
    }

    @Test func digitsReach95PercentOnHeldOutImages() throws {
        let digits = try Dataset.digits()
        let (training, _, test) = digits.split(validationFraction: 0, testFraction: 0.2, seed: 1)
        #expect(test.count >= 350 && training.count + test.count == 1797)
        let network = Network(sizes: [64, 64, 10], activation: .relu, outputActivation: .softmax, seed: 1)
        var trainer = Trainer(network: network, training: Examples(training),
                              configuration: TrainingConfiguration(epochs: 30, batchSize: 32, loss: .crossEntropy,
                                                                   optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
                                                                   learningRate: 0.001, seed: 1))
        trainer.train()
        let accuracy = trainer.evaluate(Examples(test)).accuracy!
        #expect(accuracy >= 0.95, "test accuracy \(accuracy)")
        // The metrics module agrees with the trainer's own count.
        let outputs = trainer.network.predict(test.features)
        let predicted = (0..<test.count).map { OneHot.argmax(of: outputs, row: $0) }
        #expect(abs(Metrics.accuracy(predicted: predicted, actual: test.labels) - Double(accuracy)) < 1e-6)
    }

    @Test func irisLearnsWithASmallNetwork() throws {
        let iris = try Dataset.iris()
        let (training, _, test) = iris.split(validationFraction: 0, testFraction: 0.2, seed: 3)
        let scaler = Scaler.standardization(fittedTo: training.features)
        let network = Network(sizes: [4, 8, 3], activation: .tanh, outputActivation: .softmax, seed: 2)
        var trainer = Trainer(network: network,
                              training: Examples(features: try scaler.apply(training.features), targets: training.targets),
                              configuration: TrainingConfiguration(epochs: 200, batchSize: 8, loss: .crossEntropy,
                                                                   optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
                                                                   learningRate: 0.01))
        trainer.train()
        let accuracy = trainer.evaluate(Examples(features: try scaler.apply(test.features), targets: test.targets)).accuracy!
        #expect(accuracy >= 0.9, "test accuracy \(accuracy)")
    }
}
