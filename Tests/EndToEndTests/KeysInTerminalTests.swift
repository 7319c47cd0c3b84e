import Foundation
import Testing

/// Keys as a real terminal sends them.
@Suite("Keys in a real terminal", .serialized)
struct KeysInTerminalTests {
    /// Inside tmux with `TERM=xterm-256color`, End arrives as `ESC [ 4 ~`; it must move to the last
    /// entry, not read as Esc then `4` (which opened the fourth lesson).
    @Test(.enabled(if: Tmux.isAvailable, "needs tmux; `make test` installs it"))
    func endUnderXtermInsideTmuxGoesToTheLastEntry() throws {
        let binary = try #require(TutorInTerminalTests.binary, "build the gradschool binary first")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gradschool-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let lessons = TutorInTerminalTests.packageRoot.appendingPathComponent("lessons").path

        let tmux = try Tmux(width: 100, height: 30, environment: ["XDG_DATA_HOME": scratch.path, "LANG": "C.UTF-8"])
        try tmux.type("PS1='ready$ '; clear", enter: true)
        try #require(try tmux.waitFor("ready$").found, "the shell did not start")
        try tmux.type("TERM=xterm-256color \(binary.path) --lessons \(lessons)", enter: true)
        var step = try tmux.waitFor("The perceptron")
        try #require(step.found, "home did not appear:\n\(step.screen.joined(separator: "\n"))")

        try tmux.press("End")
        step = try tmux.waitFor { $0.contains { $0.contains("▸") && $0.contains("Quiz") } }
        #expect(step.found, "End did not select the quiz:\n\(step.screen.joined(separator: "\n"))")
        #expect(!step.screen.contains { $0.contains("page 1/") }, "End opened a lesson")

        try tmux.press("Home")
        step = try tmux.waitFor { $0.contains { $0.contains("▸") && $0.contains("A map of the field") } }
        #expect(step.found, "Home did not select the first lesson:\n\(step.screen.joined(separator: "\n"))")

        try tmux.press("q")
        #expect(try tmux.waitFor("ready$").found)
    }

    /// Home numbers the lessons; `gradschool lesson 4` opens the fourth.
    @Test(.enabled(if: Tmux.isAvailable, "needs tmux; `make test` installs it"))
    func aLessonOpensByItsNumberOnHome() throws {
        let binary = try #require(TutorInTerminalTests.binary, "build the gradschool binary first")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gradschool-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let lessons = TutorInTerminalTests.packageRoot.appendingPathComponent("lessons").path
        let tmux = try Tmux(width: 100, height: 30, environment: ["XDG_DATA_HOME": scratch.path, "LANG": "C.UTF-8"])
        try tmux.type("PS1='ready$ '; clear", enter: true)
        try #require(try tmux.waitFor("ready$").found, "the shell did not start")
        try tmux.type("\(binary.path) lesson 4 --lessons \(lessons)", enter: true)
        let step = try tmux.waitFor("page 1/")
        #expect(step.found && step.screen[0].contains("Backpropagation"), "\(step.screen.joined(separator: "\n"))")
        try tmux.press("q")
        #expect(try tmux.waitFor("ready$").found)
    }
}
