import Foundation
import Neural
import Testing

/// Messages that used to mislead now name the file, the line and column, and the real cause.
@Suite("train: messages that say what is wrong")
struct PreciseMessageTests {
    @Test func aPipeOrADeviceGivenAsDataOrModelIsNamedWithItsPath() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(mkfifo(folder.path("null"), 0o600) == 0)
        for (option, path, kind) in [("--data", "null", "a named pipe (FIFO)"), ("--init", "null", "a named pipe (FIFO)"),
                                     ("--data", "/dev/null", "a character device"), ("--init", "/dev/null", "a character device")] {
            var arguments = ["train", option, path, "--epochs", "1"]
            if option == "--init" { arguments += ["--dataset", "circle"] }
            let result = try GradschoolBinary.run(arguments, in: folder.url)
            #expect(result.status == 66, "\(option) \(path): \(result.error)")
            #expect(result.error.contains("Error: \(path): cannot be read (it is \(kind), not a regular file)"), "\(result.error)")
            #expect(!result.error.contains("permission"))
        }
    }

    @Test func aFolderGivenToConfigIsCalledAFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path("runs"), withIntermediateDirectories: true)
        let result = try GradschoolBinary.run(["train", "--config", "runs"], in: folder.url)
        #expect(result.status == 66)
        #expect(result.error.contains("it is a folder, not a file"), "\(result.error)")
        #expect(!result.error.contains("UTF-8"))
    }

    @Test func anUnreadableDataFileInAConfigurationIsExit66() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(mkfifo(folder.path("pipe.csv"), 0o600) == 0)
        try folder.write("dataset: csv\ndata: pipe.csv\n", to: "run.yaml")
        let result = try GradschoolBinary.run(["train", "--config", "run.yaml"], in: folder.url)
        #expect(result.status == 66, "\(result.error)")
        #expect(result.error.contains("not a regular file"), "\(result.error)")
    }

    @Test func aHugePenaltyIsBlamedNotTheLearningRate() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try GradschoolBinary.run(["train", "--dataset", "circle", "--epochs", "3", "--l2", "1e38"], in: folder.url)
        #expect(result.status == 75)
        #expect(result.error.contains("with --l2 1e+38: a penalty that large overwhelms the loss"), "\(result.error)")
        #expect(!result.error.contains("--lr"), "\(result.error)")
    }

    @Test func anEmptyLayersOptionIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try GradschoolBinary.run(["train", "--dataset", "circle", "--epochs", "1", "--layers", ""], in: folder.url)
        #expect(result.status == 64)
        #expect(result.error.contains("--layers is empty"), "\(result.error)")
    }

    @Test func anInfiniteFeatureOffsetIsBlamedOnTheOffsets() throws {
        let metadata = ["sizes": "[2,1]", "activations": "[]", "output_activation": "identity", "loss": "mse",
                        "feature_scaling": "standard", "feature_offsets": "[1e39, 0]", "feature_scales": "[1, 1]"]
        let tensors = [NamedTensor(name: "0.weight", shape: [1, 2], values: [0.5, -0.5]), NamedTensor(name: "0.bias", shape: [1], values: [0])]
        do {
            _ = try SavedModel(tensors: tensors, metadata: metadata, fileName: "m.safetensors")
            Issue.record("an infinite offset was accepted")
        } catch {
            #expect(error.description.contains("feature_offsets"), "\(error)")
            #expect(!error.description.contains("feature_scales"), "\(error)")
        }
    }
}
