import Foundation
import Testing

/// A result that cannot be written is an error with a sentence and a non-zero status, never a crash or
/// a silent success.
@Suite("train: a standard output that cannot be written")
struct TrainOutputFailureTests {
    /// Runs `gradschool train arguments` through the shell with standard output sent where `redirection` says.
    static func run(_ arguments: [String], redirection: String, in folder: URL) throws -> (status: Int32, error: String) {
        guard FileManager.default.isExecutableFile(atPath: GradschoolBinary.url.path) else { throw GradschoolBinary.NotBuilt() }
        let command = ([GradschoolBinary.url.path, "train"] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec \(command) \(redirection) 2>err.txt"]
        process.currentDirectoryURL = folder
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let error = (try? String(contentsOf: folder.appendingPathComponent("err.txt"), encoding: .utf8)) ?? ""
        return (process.terminationStatus, error)
    }

    @Test(arguments: [[], ["--json"]])
    func aClosedStandardOutputIsAnErrorNotACrash(extra: [String]) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try Self.run(["--dataset", "circle", "--epochs", "3", "--save", "m.safetensors"] + extra,
                                  redirection: ">&-", in: folder.url)
        #expect(result.status == 74, "\(result.error)")
        #expect(result.error.contains("Error: the results could not be written to standard output (Bad file descriptor)"), "\(result.error)")
        #expect(result.error.contains("the model was saved to m.safetensors"))
        #expect(FileManager.default.fileExists(atPath: folder.path("m.safetensors")))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func aFullDiskLosesNoSummarySilently() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try Self.run(["--dataset", "circle", "--epochs", "3", "--json"], redirection: ">/dev/full", in: folder.url)
        #expect(result.status == 74, "\(result.error)")
        #expect(result.error.contains("(No space left on device)"), "\(result.error)")
    }
}
