import Foundation
import Testing

/// A tutor whose terminal disappears without a hang-up signal (it runs in a session of its own, so the
/// kernel sends it none) must notice that reads fail and leave, instead of retrying them forever.
@Suite("The tutor when its terminal goes away")
struct TerminalClosedTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")
                   && FileManager.default.isExecutableFile(atPath: "/usr/bin/setsid")))
    func exitsInsteadOfSpinning() throws {
        let binary = Self.packageRoot.appendingPathComponent(".build/debug/gradschool").path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build the binary first (make test does)")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gradschool-closed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let pidFile = scratch.appendingPathComponent("pid").path
        let lessons = Self.packageRoot.appendingPathComponent("lessons").path

        // script(1) holds the terminal; the tutor runs under `setsid -w`, in a session of its own.
        let terminal = Process()
        terminal.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        terminal.arguments = ["-qfc", "setsid -w sh -c 'echo $$ > \(pidFile); exec \(binary) --lessons \(lessons)'", "/dev/null"]
        terminal.environment = ProcessInfo.processInfo.environment.merging(
            ["TERM": "xterm-256color", "XDG_DATA_HOME": scratch.path, "LANG": "C.UTF-8"]) { $1 }
        let input = Pipe()
        terminal.standardInput = input
        terminal.standardOutput = FileHandle.nullDevice
        terminal.standardError = FileHandle.nullDevice
        try terminal.run()

        var pid: pid_t?
        for _ in 0..<100 where pid == nil {
            Thread.sleep(forTimeInterval: 0.05)
            pid = (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        let tutor = try #require(pid, "the tutor did not start")
        defer {
            kill(tutor, SIGKILL)
            terminal.waitUntilExit()
        }
        Thread.sleep(forTimeInterval: 1)
        #expect(Self.isRunning(tutor), "the tutor should be up before its terminal goes")

        // The terminal vanishes. (Waiting for script(1) itself comes last: it is not reported gone while
        // the process it started lives on.)
        kill(terminal.processIdentifier, SIGKILL)
        var waited = 0.0
        while Self.isRunning(tutor) && waited < 5 {
            Thread.sleep(forTimeInterval: 0.1)
            waited += 0.1
        }
        #expect(!Self.isRunning(tutor), "the tutor kept running without a terminal")
    }

    /// Whether the process exists and is not a zombie waiting to be reaped.
    static func isRunning(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        let state = stat.split(separator: ")").last?.split(separator: " ").first
        return state != "Z" && state != "X"
    }
}
