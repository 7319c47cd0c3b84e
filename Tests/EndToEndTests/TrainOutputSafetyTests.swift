import Foundation
import Testing

/// `--save` and `--log` replace only regular files, follow links to the file they name, and never
/// replace a file the run reads.
@Suite("train: where outputs may be written")
struct TrainOutputSafetyTests {
    static let csv = (["x1,x2,y"] + (0..<40).map { "\(Double($0) / 40),\(Double($0 % 7) / 7),\($0 % 2)" }).joined(separator: "\n") + "\n"

    static func kind(_ path: String) -> mode_t? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        return status.st_mode & S_IFMT
    }

    @Test func aLogPointedAtTheDataIsRefusedAndTheDataKept() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(Self.csv, to: "data.csv")
        let result = try GradschoolBinary.run(["train", "--data", "data.csv", "--epochs", "2", "--log", "data.csv"], in: folder.url)
        #expect(result.status == 73)
        #expect(result.error.contains("--log data.csv is also the --data file"), "\(result.error)")
        #expect(try String(contentsOfFile: folder.path("data.csv"), encoding: .utf8) == Self.csv)
    }

    @Test func aLinkToTheDataIsTheDataToo() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(Self.csv, to: "data.csv")
        try FileManager.default.createSymbolicLink(atPath: folder.path("model.safetensors"), withDestinationPath: "data.csv")
        let result = try GradschoolBinary.run(["train", "--data", "data.csv", "--epochs", "2", "--save", "model.safetensors"], in: folder.url)
        #expect(result.status == 73)
        #expect(result.error.contains("is also the --data file"), "\(result.error)")
        #expect(try String(contentsOfFile: folder.path("data.csv"), encoding: .utf8) == Self.csv)
    }

    @Test func aSaveOverTheInitModelIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = try GradschoolBinary.run(["train", "--dataset", "circle", "--epochs", "2", "--save", "m.safetensors"], in: folder.url)
        #expect(first.status == 0, "\(first.error)")
        let before = try Data(contentsOf: folder.url.appendingPathComponent("m.safetensors"))
        let again = try GradschoolBinary.run(["train", "--dataset", "circle", "--epochs", "2", "--init", "m.safetensors",
                                              "--log", "m.safetensors"], in: folder.url)
        #expect(again.status == 73)
        #expect(again.error.contains("is also the --init model"), "\(again.error)")
        #expect(try Data(contentsOf: folder.url.appendingPathComponent("m.safetensors")) == before)
    }

    @Test func aNamedPipeIsNeverReplacedByAFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(mkfifo(folder.path("pipe"), 0o600) == 0)
        for option in ["--save", "--log"] {
            let result = try GradschoolBinary.run(["train", "--dataset", "circle", "--epochs", "2", option, "pipe"], in: folder.url)
            #expect(result.status == 73)
            #expect(result.error.contains("\(option) pipe is a named pipe (FIFO), not a regular file"), "\(result.error)")
            #expect(Self.kind(folder.path("pipe")) == S_IFIFO)
        }
    }

    /// A device node made in a temporary folder (root only), so a regression replaces nothing of the system's.
    @Test(.enabled(if: getuid() == 0, "making a device node needs root"))
    func aDeviceIsRefusedBeforeTraining() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // The same device as /dev/null: character device 1, 3.
        #expect(mknod(folder.path("null"), S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0)
        let result = try GradschoolBinary.run(["train", "--dataset", "circle", "--epochs", "2", "--save", "null"], in: folder.url)
        #expect(result.status == 73)
        #expect(result.error.contains("--save null is a character device, not a regular file"), "\(result.error)")
        #expect(Self.kind(folder.path("null")) == S_IFCHR)
    }

    @Test func aLinkIsFollowedAndStaysALink() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path("runs"), withIntermediateDirectories: true)
        try folder.write("old model", to: "runs/model.safetensors")
        try folder.write("old log", to: "runs/log.csv")
        try FileManager.default.createSymbolicLink(atPath: folder.path("latest.safetensors"), withDestinationPath: "runs/model.safetensors")
        try FileManager.default.createSymbolicLink(atPath: folder.path("latest.csv"), withDestinationPath: "runs/log.csv")
        let result = try GradschoolBinary.run(["train", "--dataset", "circle", "--epochs", "3", "--save", "latest.safetensors",
                                               "--log", "latest.csv"], in: folder.url)
        #expect(result.status == 0, "\(result.error)")
        #expect(Self.kind(folder.path("latest.safetensors")) == S_IFLNK)
        #expect(Self.kind(folder.path("latest.csv")) == S_IFLNK)
        let model = try Data(contentsOf: folder.url.appendingPathComponent("runs/model.safetensors"))
        #expect(model.count > 100 && model != Data("old model".utf8))
        let log = try String(contentsOfFile: folder.path("runs/log.csv"), encoding: .utf8)
        #expect(log.hasPrefix("epoch,train_loss") && log.split(separator: "\n").count == 4)
    }

    @Test func aLinkToNothingIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(atPath: folder.path("model.safetensors"), withDestinationPath: "gone/model.safetensors")
        let result = try GradschoolBinary.run(["train", "--dataset", "circle", "--epochs", "2", "--save", "model.safetensors"], in: folder.url)
        #expect(result.status == 73)
        #expect(result.error.contains("is a link to gone/model.safetensors, which does not exist"), "\(result.error)")
    }
}
