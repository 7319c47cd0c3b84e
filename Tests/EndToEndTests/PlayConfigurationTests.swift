import App
import Foundation
import Neural
import Testing

/// A run saved from the playground, trained again from the shell with `gradschool train --config`.
@Suite("gradschool train --config")
struct PlayConfigurationTests {
    /// The weights the playground's live run reaches after `epochs` epochs: its start spec, trained by the
    /// engine (the live run is this very trainer; the App tests check it step for step).
    static func playgroundWeights(_ configuration: PlaygroundConfiguration, epochs: Int) throws -> Network {
        var screen = PlaygroundScreen(configuration: configuration)
        guard case .live(.start(_, let spec))? = screen.opened().first else {
            throw CancellationError()
        }
        var trainer = spec.makeTrainer()
        for _ in 0..<epochs { trainer.trainEpoch() }
        return trainer.network
    }

    @Test(arguments: ["spiral", "iris", "plane"])
    func theFileReproducesThePlaygroundsWeightsBitForBit(dataset: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradschool-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = PlaygroundConfiguration.starting(with: dataset)
        configuration.inputs = [.x1, .x2, .sinX1]
        configuration.hiddenLayers = [.init(neurons: 5, activation: .relu), .init(neurons: 3, activation: .tanh)]
        configuration.optimizer = .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
        configuration.learningRate = 0.01
        configuration.batchSize = 7
        configuration.regularization = .l2
        configuration.regularizationRate = 0.001
        configuration.noise = 0.1
        configuration.trainPercent = 60
        configuration.seed = 3
        configuration.epochs = 4
        try configuration.yaml().write(to: folder.appendingPathComponent("run.yaml"), atomically: true, encoding: .utf8)

        let result = try GradschoolBinary.run(["train", "--config", "run.yaml", "--save", "model.safetensors", "--quiet"], in: folder)
        #expect(result.status == 0, "\(result.error)")
        let trained = try SavedModel.read(from: folder.appendingPathComponent("model.safetensors")).network
        let expected = try Self.playgroundWeights(configuration, epochs: 4)
        #expect(trained.hasSameParameters(as: expected))
    }

    @Test func epochsOnTheCommandLineCountAndDataOptionsClash() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradschool-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = PlaygroundConfiguration()
        configuration.epochs = 50
        try configuration.yaml().write(to: folder.appendingPathComponent("run.yaml"), atomically: true, encoding: .utf8)

        let json = try GradschoolBinary.run(["train", "--config", "run.yaml", "--epochs", "2", "--json"], in: folder)
        #expect(json.status == 0, "\(json.error)")
        #expect(json.output.contains("\"epochs_completed\": 2"), "\(json.output.prefix(400))")

        let clash = try GradschoolBinary.run(["train", "--config", "run.yaml", "--lr", "0.1"], in: folder)
        #expect(clash.status == 64)
        #expect(clash.error.contains("--lr cannot be combined with --config"))

        try "dataset: spiral\nbatchsize: 3\n".write(to: folder.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let bad = try GradschoolBinary.run(["train", "--config", "bad.yaml"], in: folder)
        #expect(bad.status == 65)
        #expect(bad.error.contains("bad.yaml:2: unknown setting 'batchsize': did you mean 'batchSize'?"))

        let missing = try GradschoolBinary.run(["train", "--config", "none.yaml"], in: folder)
        #expect(missing.status == 66 && missing.error.contains("none.yaml: no such file"))
    }
}
