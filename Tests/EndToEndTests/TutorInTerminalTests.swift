import Foundation
import Testing

/// Drives the real `gradschool` binary in a terminal: open a lesson, page, help, resize, quit,
/// and check the shell gets its terminal back.
@Suite("The tutor in a real terminal", .serialized)
struct TutorInTerminalTests {
    /// The package root, from this file's place in `Tests/EndToEndTests/`.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `gradschool` binary built alongside this test bundle.
    static var binary: URL? {
        var candidates: [URL] = []
        if let testBinary = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            var directory = URL(fileURLWithPath: testBinary).deletingLastPathComponent()
            // On Linux the test binary is `<build dir>/gradschoolPackageTests.xctest`.
            if directory.pathExtension == "xctest" { directory = directory.deletingLastPathComponent() }
            candidates.append(directory.appendingPathComponent("gradschool"))
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/gradschool"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    @Test(.enabled(if: Tmux.isAvailable, "needs tmux; `make test` installs it"))
    func openPageHelpResizeQuitAndTheShellIsRestored() throws {
        let binary = try #require(Self.binary, "build the gradschool binary first")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gradschool-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let lessons = Self.packageRoot.appendingPathComponent("lessons").path

        let tmux = try Tmux(width: 100, height: 30, environment: ["XDG_DATA_HOME": scratch.path, "LANG": "C.UTF-8"])
        try tmux.type("PS1='ready$ '; clear", enter: true)
        try #require(try tmux.waitFor("ready$").found, "the shell did not start")
        try tmux.type("\(binary.path) --lessons \(lessons)", enter: true)

        var step = try tmux.waitFor("The perceptron")
        try #require(step.found, "home did not appear:\n\(step.screen.joined(separator: "\n"))")
        #expect(step.screen[0].contains("gradschool"))
        #expect(step.screen.contains { $0.contains("Playground") } && step.screen.contains { $0.contains("Quiz") })

        // The course opens with its map, lesson 0; the perceptron is the next one down.
        try tmux.press("Down")
        try tmux.press("Enter")
        step = try tmux.waitFor("page 1/")
        #expect(step.found, "the lesson did not open:\n\(step.screen.joined(separator: "\n"))")

        try tmux.press("n")
        step = try tmux.waitFor("page 2/")
        #expect(step.found, "n did not turn the page")
        #expect(step.screen.contains { $0.contains("Inputs and weights") })

        try tmux.press("?")
        step = try tmux.waitFor("Keys: lesson reader")
        #expect(step.found, "help did not open")
        #expect(step.screen.contains { $0.contains("next page") })
        try tmux.press("x")
        step = try tmux.waitFor { !$0.joined().contains("Keys: lesson reader") }
        #expect(step.found, "help did not close")

        try tmux.resize(width: 40, height: 12)
        step = try tmux.waitFor("Terminal too small", seconds: 5)
        #expect(step.found, "no size message at 40x12:\n\(step.screen.joined(separator: "\n"))")
        #expect(step.screen.contains { $0.contains("now 40×12, needs 60×16") })

        try tmux.resize(width: 100, height: 30)
        step = try tmux.waitFor("page 2/", seconds: 5)
        #expect(step.found, "the reader did not come back after enlarging")

        try tmux.press("q")
        step = try tmux.waitFor("ready$")
        #expect(step.found, "q did not return to the shell")

        // The shell has its terminal back: canonical mode and echo on, and the tutor exited cleanly.
        let report = scratch.appendingPathComponent("stty.txt").path
        try tmux.type("echo \"exit=$?\" > \(report); stty -a >> \(report); echo che''cked", enter: true)
        // The quotes keep the typed command line from matching before the command has run.
        try #require(try tmux.waitFor("checked").found)
        let settings = try String(contentsOfFile: report, encoding: .utf8)
        #expect(settings.hasPrefix("exit=0\n"))
        let flags = Set(settings.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        #expect(flags.contains("icanon") && !flags.contains("-icanon"), "\(settings)")
        #expect(flags.contains("echo") && !flags.contains("-echo"), "\(settings)")

        // Reading two pages was saved.
        let progress = try QuizProgressCommandTests.store(environment: ["XDG_DATA_HOME": scratch.path], events: []).load()
        #expect(progress.hasOpened("perceptron"))
        #expect(progress["perceptron"].lastPage == 1)
    }

    @Test(.enabled(if: Tmux.isAvailable, "needs tmux; `make test` installs it"))
    func terminationSignalsAndCtrlCRestoreTheTerminal() throws {
        let binary = try #require(Self.binary, "build the gradschool binary first")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gradschool-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let lessons = Self.packageRoot.appendingPathComponent("lessons").path
        let tmux = try Tmux(width: 80, height: 24, environment: ["XDG_DATA_HOME": scratch.path, "LANG": "C.UTF-8"])
        try tmux.type("PS1='ready$ '; clear", enter: true)
        try #require(try tmux.waitFor("ready$").found)

        // Ctrl-C quits normally; the signals end the process with 128 + their number after the terminal
        // is restored.
        let expectedExit = ["ctrl-c": 0, "TERM": 128 + 15, "HUP": 128 + 1]
        for (index, ending) in ["ctrl-c", "TERM", "HUP"].enumerated() {
            let report = scratch.appendingPathComponent("stty-\(index).txt").path
            let pidFile = scratch.appendingPathComponent("pid-\(index).txt").path
            try tmux.type("clear; \(binary.path) lesson perceptron --lessons \(lessons) & echo $! > \(pidFile); fg", enter: true)
            try #require(try tmux.waitFor("page ").found, "the tutor did not open for \(ending)")
            if ending == "ctrl-c" {
                try tmux.press("C-c")
            } else {
                let pid = try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                _ = try Tmux.run(["kill", "-\(ending)", pid])
            }
            try #require(try tmux.waitFor("ready$").found, "no shell after \(ending)")
            try tmux.type("echo \"exit=$?\" > \(report); stty -a >> \(report); echo do''ne-\(index)", enter: true)
            try #require(try tmux.waitFor("done-\(index)").found)
            let settings = try String(contentsOfFile: report, encoding: .utf8)
            let flags = Set(settings.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
            #expect(flags.contains("icanon") && flags.contains("echo"), "after \(ending): \(settings)")
            #expect(settings.hasPrefix("exit=\(expectedExit[ending] ?? -1)\n"), "after \(ending): \(settings.prefix(12))")
        }
    }

    @Test func withoutATerminalItExplainsAndPointsToTheOtherCommands() throws {
        let binary = try #require(Self.binary, "build the gradschool binary first")
        let lessons = Self.packageRoot.appendingPathComponent("lessons").path
        // Tmux.run gives the command a file for output and /dev/null for input: no terminal at all.
        let result = try Tmux.run([binary.path, "--lessons", lessons])
        #expect(result.status == 69)
        #expect(result.output.contains("needs a full-screen terminal"))
        #expect(result.output.contains("gradschool check"))
        #expect(!result.output.contains("\u{1B}["), "no escape sequences were drawn")

        let dumb = try Tmux.run(["env", "TERM=dumb", binary.path, "--lessons", lessons])
        #expect(dumb.status == 69)
        #expect(dumb.output.contains("needs a full-screen terminal"))
    }

    @Test func checkReportsEveryProblemAndExits65() throws {
        let binary = try #require(Self.binary, "build the gradschool binary first")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gradschool-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let broken = scratch.appendingPathComponent("01-broken.md")
        try "---\nid: broken\ntitle: B\nsummary: s\norder: 1\nrequires: [nowhere]\n---\n## Page\n\n```widget teleporter\n```\n"
            .write(to: broken, atomically: true, encoding: .utf8)
        let result = try Tmux.run([binary.path, "check", scratch.path])
        #expect(result.status == 65)
        #expect(result.output.contains("\(broken.path):6: requires 'nowhere'"))
        #expect(result.output.contains("\(broken.path):10: unknown widget 'teleporter'"))
        #expect(result.output.contains("2 problems"))

        let shipped = try Tmux.run([binary.path, "check", Self.packageRoot.appendingPathComponent("lessons").path])
        #expect(shipped.status == 0, "\(shipped.output)")
    }
}
