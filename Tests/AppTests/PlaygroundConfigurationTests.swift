import Foundation
import Neural
import Testing
@testable import App

/// The playground's configuration file: written, read back, and refused with a line and a reason.
@Suite("Playground configuration")
struct PlaygroundConfigurationTests {
    @Test func yamlRoundTripsEverySetting() throws {
        let configuration = PlaygroundConfiguration(
            dataset: "circle", points: 1000, noise: 0.15, trainPercent: 70, seed: 42, inputs: [.x1, .x2Squared, .sinX2],
            normalization: .minmax, hiddenLayers: [.init(neurons: 6, activation: .relu), .init(neurons: 3, activation: .leakyReLU)],
            output: .sigmoid, loss: .meanSquaredError, dropout: 0.2, optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
            learningRate: 0.003, batchSize: 17, regularization: .l2, regularizationRate: 0.03, patience: 20, speed: .slow,
            epochs: 321)
        let text = configuration.yaml()
        #expect(text.contains("learningRate: 0.003") && text.contains("inputs: [x1, x2^2, sin(x2)]"))
        #expect(try PlaygroundConfiguration(yaml: text, file: "run.yaml") == configuration)
    }

    @Test func aCSVConfigurationNamesItsFileAndTarget() throws {
        var configuration = PlaygroundConfiguration()
        configuration.dataset = PlaygroundConfiguration.csvDataset
        configuration.dataFile = "data/my houses.csv"
        configuration.target = "price"
        let text = configuration.yaml()
        #expect(text.contains("data: \"data/my houses.csv\""))
        #expect(try PlaygroundConfiguration(yaml: text, file: "run.yaml") == configuration)
    }

    @Test func missingKeysTakeTheDefaults() throws {
        let configuration = try PlaygroundConfiguration(yaml: "dataset: xor\nlayers: [4]\n", file: "run.yaml")
        var expected = PlaygroundConfiguration()
        expected.dataset = "xor"
        expected.hiddenLayers = [.init(neurons: 4, activation: .tanh)]
        #expect(configuration == expected)
        #expect(try PlaygroundConfiguration(yaml: "", file: "empty.yaml") == PlaygroundConfiguration())
    }

    @Test(arguments: [
        ("dataset: spiral\nlearningrate: 0.1\n", "run.yaml:2: unknown setting 'learningrate': did you mean 'learningRate'?"),
        ("learningRate: -1\n", "run.yaml:1: 'learningRate' must be a positive number up to 1000000, not '-1'"),
        ("dataset: spirals\n", "run.yaml:1: there is no dataset 'spirals' in the playground"),
        ("trainPercent: 95\n", "run.yaml:1: 'trainPercent' must be a whole number from 10 to 90, not '95'"),
        ("inputs: [x1, x3]\n", "run.yaml:1: there is no input 'x3'"),
        ("layers: [8, 8]\nactivations: [tanh]\n", "run.yaml:2: 'layers' has 2 hidden layers but 'activations' names 1"),
        ("optimizer: lbfgs\n", "run.yaml:1: there is no optimizer 'lbfgs'"),
        ("dataset: [\n", "run.yaml:2: this is not valid YAML"),
        ("- spiral\n", "run.yaml:1: expected 'key: value' settings"),
        ("seed: 1\nseed: 2\n", "run.yaml:"),
    ])
    func mistakesAreReportedWithTheirLine(text: String, message: String) {
        do {
            _ = try PlaygroundConfiguration(yaml: text, file: "run.yaml")
            Issue.record("\(text) should be refused")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }

    @Test func outputsAndLossesFollowTheProblem() {
        #expect(PlaygroundConfiguration.outputs(for: .regression) == [.identity, .tanh])
        #expect(PlaygroundConfiguration.losses(output: .softmax, problem: .multiclassClassification(classCount: 3)) == [.crossEntropy, .meanSquaredError])
        #expect(PlaygroundConfiguration.losses(output: .identity, problem: .binaryClassification) == [.meanSquaredError])
        var configuration = PlaygroundConfiguration()
        configuration.fitOutput(to: .multiclassClassification(classCount: 3))
        #expect(configuration.output == .sigmoid && configuration.loss == .binaryCrossEntropy, "a sigmoid output can serve several classes")
        configuration.fitOutput(to: .regression)
        #expect(configuration.output == .identity && configuration.loss == .meanSquaredError)
    }

    @Test func dataIsDrawnSplitTransformedAndScaledFromTheSeed() throws {
        var configuration = PlaygroundConfiguration()
        configuration.inputs = [.x1, .x1TimesX2]
        configuration.trainPercent = 80
        let data = try PlaygroundData.make(configuration)
        #expect(data.training.count == 400 && data.test.count == 100)
        #expect(data.featureNames == ["x1", "x1·x2"])
        let raw = data.rawTraining.features, scaler = try #require(data.scaler)
        let product = raw[5, 0] * raw[5, 1]
        #expect(abs(data.training.features[5, 1] - (product - scaler.offsets[1]) / scaler.scales[1]) < 1e-5)
        // Standardised on the training set: each column has mean 0 there.
        for column in 0..<2 {
            let mean = (0..<400).reduce(Float(0)) { $0 + data.training.features[$1, column] } / 400
            #expect(abs(mean) < 1e-4)
        }
        #expect(try PlaygroundData.make(configuration) == data, "the same seed draws the same data")
        configuration.seed = 2
        #expect(try PlaygroundData.make(configuration) != data)
    }

    @Test func aCSVConfigurationWithoutItsFileSaysSo() {
        var configuration = PlaygroundConfiguration()
        configuration.dataset = PlaygroundConfiguration.csvDataset
        configuration.dataFile = "houses.csv"
        #expect(throws: PlaygroundDataError.missingFile("houses.csv")) { try PlaygroundData.make(configuration) }
        let screen = PlaygroundScreen(configuration: configuration)
        #expect(screen.data == nil && screen.notice?.contains("gradschool play --data") == true)
    }
}
