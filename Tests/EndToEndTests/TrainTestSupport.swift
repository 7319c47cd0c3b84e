import Foundation
import Testing

/// Runs the built `gradschool` binary, as a user's shell would.
///
/// The binary is the one built beside this test bundle (so a sanitizer build tests its own binary),
/// else `.build/debug/gradschool` in the package this file belongs to; `make test` builds it before
/// running the tests (after editing the command, run `swift build` before `swift test`).
enum GradschoolBinary {
    static let url = TutorInTerminalTests.binary ?? URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/gradschool")

    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    struct NotBuilt: Error, CustomStringConvertible {
        var description: String {
            "\(GradschoolBinary.url.path) does not exist: build it with `swift build` (or run `make test`) before these tests"
        }
    }

    /// Runs `gradschool arguments…` in `folder` with standard output and error going to files (so neither
    /// is a terminal), the environment extended by `environment`.
    static func run(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: url.path) else { throw NotBuilt() }
        let outputURL = folder.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let errorURL = folder.appendingPathComponent(".stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outputURL)
            try? FileManager.default.removeItem(at: errorURL)
        }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let outputHandle = try FileHandle(forWritingTo: outputURL)
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        process.standardOutput = outputHandle
        process.standardError = errorHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try outputHandle.close()
        try errorHandle.close()
        return Result(status: process.terminationStatus,
                      output: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
                      error: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
    }

    /// Runs `gradschool arguments…` on a pseudo-terminal through `script(1)`, which merges standard
    /// output and error; returns the exit status and everything the terminal received.
    static func runOnTerminal(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> (status: Int32, screen: String) {
        guard FileManager.default.isExecutableFile(atPath: url.path) else { throw NotBuilt() }
        let command = ([url.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qefc", command, "/dev/null"]
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static let hasScript = FileManager.default.isExecutableFile(atPath: "/usr/bin/script")
}

/// A fresh folder for one test's files, removed by `remove()`.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("gradschool-train-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    @discardableResult
    func write(_ text: String, to name: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// The JSON object in `text`, or a recorded failure.
func jsonObject(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], sourceLocation: sourceLocation)
}
