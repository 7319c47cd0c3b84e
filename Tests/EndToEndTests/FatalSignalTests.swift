import Foundation
import Testing

/// Every signal that ends a process ends the tutor, promptly, with the terminal back in its normal mode.
@Suite("Tutor: fatal signals", .serialized)
struct FatalSignalTests {
    @Test(.enabled(if: Tmux.isAvailable, "needs tmux; `make test` installs it"),
          arguments: [("QUIT", SIGQUIT), ("SEGV", SIGSEGV), ("ABRT", SIGABRT), ("USR1", SIGUSR1), ("PIPE", SIGPIPE), ("USR2", SIGUSR2)])
    func aSignalRestoresTheTerminalAndEndsTheProcess(name: String, number: Int32) throws {
        let binary = try #require(TutorInTerminalTests.binary, "build the gradschool binary first")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gradschool-signal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let lessons = TutorInTerminalTests.packageRoot.appendingPathComponent("lessons").path
        let tmux = try Tmux(width: 80, height: 24, environment: ["XDG_DATA_HOME": scratch.path, "LANG": "C.UTF-8"])
        try tmux.type("PS1='ready$ '; clear", enter: true)
        try #require(try tmux.waitFor("ready$").found)

        let pidFile = scratch.appendingPathComponent("pid.txt").path
        let report = scratch.appendingPathComponent("stty.txt").path
        try tmux.type("clear; \(binary.path) lesson perceptron --lessons \(lessons) & echo $! > \(pidFile); fg", enter: true)
        try #require(try tmux.waitFor("page ").found, "the tutor did not open")
        let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, number) == 0)
        let back = try tmux.waitFor("ready$", seconds: 15)
        // Whatever happened, leave no process behind.
        defer { kill(pid, SIGKILL) }
        try #require(back.found, "no shell 15 s after SIG\(name):\n\(back.screen.joined(separator: "\n"))")
        #expect(kill(pid, 0) != 0, "the process is still there after SIG\(name)")
        try tmux.type("echo \"exit=$?\" > \(report); stty -a >> \(report); echo do''ne", enter: true)
        try #require(try tmux.waitFor("done").found)
        let settings = try String(contentsOfFile: report, encoding: .utf8)
        let flags = Set(settings.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        #expect(flags.contains("icanon") && flags.contains("echo"), "after SIG\(name): \(settings)")
        #expect(settings.hasPrefix("exit=\(128 + number)\n"), "after SIG\(name): \(settings.prefix(12))")
    }
}
