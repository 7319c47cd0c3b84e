import Foundation
import Neural
import Testing
@testable import App

/// `gradschool train --config` on the files the playground's image and sequence modes save with `w`:
/// settings written by their own YAML writers, the model written beside them as the playground writes it.
@Suite("gradschool train --config on image and sequence files")
struct PlayConfigurationModeTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gradschool-config-modes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Saves `configuration` as the image playground's `w` does: `base.yaml` and `base.safetensors`.
    static func saveImages(_ configuration: ImagePlaygroundConfiguration, base: URL) throws {
        let request = ImagePlaygroundScreen(configuration: configuration).saveRequest(base: base.path)
        guard case .saved = PlaygroundFiles.perform(.save(request, replacing: false)) else { throw CancellationError() }
    }

    /// Saves `configuration` as the sequence mode's `w` does, before any training.
    static func saveSequences(_ configuration: SequencePlaygroundConfiguration, base: URL) throws {
        guard let request = SequencePlaygroundScreen(configuration: configuration).saveRequest(base: base.path),
              case .saved = SequencePlaygroundFiles.perform(.save(request, replacing: false)) else { throw CancellationError() }
    }

    /// The number after `label` in `text`, such as the 0.912 of "accuracy 0.912".
    static func number(after label: String, in text: String) -> Double? {
        guard let range = text.range(of: label) else { return nil }
        return Double(text[range.upperBound...].prefix { $0.isNumber || $0 == "." })
    }

    @Test func anImageFileTrainsItsCNNAsThePlaygroundWould() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = ImagePlaygroundConfiguration()
        configuration.blocks = [.init(filters: 4, kernel: 3)]
        configuration.learningRate = 0.01
        configuration.batchSize = 16
        configuration.seed = 2
        try Self.saveImages(configuration, base: folder.appendingPathComponent("digits"))

        let run = try GradschoolBinary.run(["train", "--config", "digits.yaml", "--epochs", "2", "--save", "out.safetensors"], in: folder)
        #expect(run.status == 0, "\(run.error)")
        // conv 4 3: 4 filters of 1×3×3 and 4 biases = 40; one 2×2 pool leaves 4×4×4 = 64 numbers; dense 10: 64·10 + 10 = 650.
        #expect(run.output.contains("(690 parameters)"), "\(run.output.prefix(600))")
        #expect(run.output.contains("starting from the weights in digits.safetensors"))
        // The playground holds out 20 % of the 1797 digits, 359.4 rounded to 359, and learns from the other 1438.
        #expect(run.output.contains("1438 training, 359 validation"), "\(run.output.prefix(600))")
        let accuracy = Self.number(after: "accuracy ", in: run.output) ?? 0
        #expect(accuracy > 0.5, "ten classes: chance is 0.1, got \(accuracy)")

        // Saved before any training, the model beside holds the seed's weights: two epochs reach the
        // playground's own weights after two epochs, bit for bit.
        var screen = ImagePlaygroundScreen(configuration: configuration)
        guard case .live(.start(_, let spec))? = screen.opened().first else { throw CancellationError() }
        var trainer = spec.makeTrainer()
        for _ in 0..<2 { trainer.trainEpoch() }
        let trained = try SavedModel.read(from: folder.appendingPathComponent("out.safetensors")).network
        #expect(trained.hasSameParameters(as: trainer.network))

        // The saved model goes on with --init.
        let continued = try GradschoolBinary.run(["train", "--init", "out.safetensors", "--dataset", "digits", "--epochs", "0", "--quiet"], in: folder)
        #expect(continued.status == 0, "\(continued.error)")

        // Training starts from the model beside the file: with no epochs, the weights come out as they went in.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("digits.safetensors"))
        try FileManager.default.copyItem(at: folder.appendingPathComponent("out.safetensors"), to: folder.appendingPathComponent("digits.safetensors"))
        let evaluated = try GradschoolBinary.run(["train", "--config", "digits.yaml", "--epochs", "0", "--save", "same.safetensors", "--quiet"], in: folder)
        #expect(evaluated.status == 0, "\(evaluated.error)")
        #expect(try SavedModel.read(from: folder.appendingPathComponent("same.safetensors")).network.hasSameParameters(as: trainer.network))

        // The --json summary names the model the weights came from, and null once they are drawn fresh.
        let summary = try GradschoolBinary.run(["train", "--config", "digits.yaml", "--epochs", "0", "--json"], in: folder)
        #expect(summary.status == 0, "\(summary.error)")
        #expect((try jsonObject(summary.output)["model"] as? [String: Any])?["init"] as? String == "digits.safetensors", "\(summary.output)")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("digits.safetensors"))
        let fresh = try GradschoolBinary.run(["train", "--config", "digits.yaml", "--epochs", "0", "--json"], in: folder)
        #expect(fresh.status == 0, "\(fresh.error)")
        #expect((try jsonObject(fresh.output)["model"] as? [String: Any])?["init"] is NSNull, "\(fresh.output)")
    }

    @Test func aSequenceFileTrainsItsModelOnTheNames() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = SequencePlaygroundConfiguration()
        configuration.model = .gru
        configuration.hiddenSize = 16
        configuration.learningRate = 0.01
        configuration.batchSize = 64
        configuration.seed = 3
        try Self.saveSequences(configuration, base: folder.appendingPathComponent("names"))

        let run = try GradschoolBinary.run(["train", "--config", "names.yaml", "--epochs", "1", "--save", "out.safetensors"], in: folder)
        #expect(run.status == 0, "\(run.error)")
        // embed 16 over 28 tokens: 448; gru 16 reading 16: 3 gates × (16·16 + 16·16 + 16 + 16) = 1632; dense 28: 16·28 + 28 = 476.
        #expect(run.output.contains("(2556 parameters)"), "\(run.output.prefix(600))")
        #expect(run.output.contains("validation sequences of 16 steps"))
        #expect(run.output.contains(" and 512 validation"), "\(run.output.prefix(600))")
        // Guessing each of 28 tokens evenly costs ln 28 = 3.332 nats a character.
        let validation = Self.number(after: "validation ", in: run.output.components(separatedBy: "epoch 1/1").last ?? "") ?? 99
        #expect(validation < 3.0, "\(run.output)")

        // Saved before any training, the model beside holds the seed's weights: one epoch reaches the
        // sequence mode's own weights after one pass over its names, bit for bit.
        let names = try SequencePlaygroundData.shared.get()
        let start = try #require(names.network(for: configuration))
        var playground = names.run(of: start, configuration: configuration, probe: "emma").trainer
        _ = playground.trainEpoch()
        let trained = try SequenceModel.read(from: folder.appendingPathComponent("out.safetensors")).network
        #expect(trained.hasSameParameters(as: playground.network))

        let sampled = try GradschoolBinary.run(["sample", "out.safetensors", "--count", "3", "--seed", "1"], in: folder)
        #expect(sampled.status == 0, "\(sampled.error)")
        #expect(sampled.output.split(separator: "\n").count >= 3, "\(sampled.output)")

        let clash = try GradschoolBinary.run(["train", "--config", "names.yaml", "--batch-size", "8"], in: folder)
        #expect(clash.status == 64)
        #expect(clash.error.contains("--batch-size cannot be combined with --config"), "\(clash.error)")
        let json = try GradschoolBinary.run(["train", "--config", "names.yaml", "--json"], in: folder)
        #expect(json.status == 64)
        #expect(json.error.contains("--json is not available for sequence models"), "\(json.error)")
    }

    @Test func aMissingOrBrokenModelBesideTheFileIsNamed() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var images = ImagePlaygroundConfiguration()
        images.blocks = [.init(filters: 2, kernel: 1)]
        try Self.saveImages(images, base: folder.appendingPathComponent("cnn"))
        var sequences = SequencePlaygroundConfiguration()
        sequences.hiddenSize = 8
        try Self.saveSequences(sequences, base: folder.appendingPathComponent("names"))

        for name in ["cnn", "names"] {
            let model = folder.appendingPathComponent("\(name).safetensors")
            try Data("not a model".utf8).write(to: model)
            let broken = try GradschoolBinary.run(["train", "--config", "\(name).yaml", "--epochs", "0"], in: folder)
            #expect(broken.status == 65)
            #expect(broken.error.contains("\(name).safetensors, the model saved beside \(name).yaml"), "\(broken.error)")

            try FileManager.default.removeItem(at: model)
            let fresh = try GradschoolBinary.run(["train", "--config", "\(name).yaml", "--epochs", "0"], in: folder)
            #expect(fresh.status == 0, "\(fresh.error)")
            #expect(fresh.output.contains("from weights drawn with seed 1 (no \(name).safetensors beside it)"), "\(fresh.output.prefix(400))")
        }

        // A model beside whose layers are not the file's is refused, naming both.
        try Self.saveImages(ImagePlaygroundConfiguration(), base: folder.appendingPathComponent("other"))
        try FileManager.default.copyItem(at: folder.appendingPathComponent("other.safetensors"), to: folder.appendingPathComponent("cnn.safetensors"))
        let mismatched = try GradschoolBinary.run(["train", "--config", "cnn.yaml", "--epochs", "0"], in: folder)
        #expect(mismatched.status == 65)
        #expect(mismatched.error.contains("holds 'conv 8 3 pad 1"), "\(mismatched.error)")

        // The file's own model is never overwritten, and options the file sets are refused.
        let overwrite = try GradschoolBinary.run(["train", "--config", "cnn.yaml", "--epochs", "0", "--save", "cnn.safetensors"], in: folder)
        #expect(overwrite.status == 73)
        #expect(overwrite.error.contains("is also the model saved beside cnn.yaml"), "\(overwrite.error)")
        let clash = try GradschoolBinary.run(["train", "--config", "cnn.yaml", "--model", "flatten, dense 10"], in: folder)
        #expect(clash.status == 64 && clash.error.contains("--model cannot be combined with --config"), "\(clash.error)")

        // A malformed image file keeps its file:line sentence.
        try "mode: images\nmodel: conv 4 4\n".write(to: folder.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let bad = try GradschoolBinary.run(["train", "--config", "bad.yaml"], in: folder)
        #expect(bad.status == 65)
        #expect(bad.error.contains("bad.yaml:2:"), "\(bad.error)")
    }
}
