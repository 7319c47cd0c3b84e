import Foundation
import Testing

/// A learner's walk through the perceptron lesson in the real binary: every page, then a weight moved
/// by hand and the learning rule applied, in a real terminal.
@Suite("The perceptron lesson in a real terminal", .serialized)
struct LessonPerceptronTests {
    @Test(.enabled(if: Tmux.isAvailable, "needs tmux; `make test` installs it"))
    func walkThePagesAndMoveAWeight() throws {
        let binary = try #require(TutorInTerminalTests.binary, "build the gradschool binary first")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gradschool-lesson-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let lessons = TutorInTerminalTests.packageRoot.appendingPathComponent("lessons").path

        let tmux = try Tmux(width: 80, height: 24, environment: ["XDG_DATA_HOME": scratch.path, "LANG": "C.UTF-8", "TERM": "xterm-256color"])
        try tmux.type("PS1='ready$ '; clear", enter: true)
        try #require(try tmux.waitFor("ready$").found, "the shell did not start")
        try tmux.type("\(binary.path) lesson perceptron --lessons \(lessons)", enter: true)
        var step = try tmux.waitFor("page 1/")
        try #require(step.found, "the lesson did not open:\n\(step.screen.joined(separator: "\n"))")
        let pageCount = try #require(step.screen[0].components(separatedBy: "page 1/").last.flatMap {
            Int($0.trimmingCharacters(in: .whitespaces))
        })
        #expect(pageCount >= 8)

        // Every page opens; the one with the learning rule has the perceptron widget.
        var rulePage: Int?
        for page in 2...pageCount {
            try tmux.press("n")
            step = try tmux.waitFor("page \(page)/\(pageCount)")
            #expect(step.found, "page \(page) did not open")
            if step.screen.contains(where: { $0.contains("Learning from mistakes") }) { rulePage = page }
        }
        let page = try #require(rulePage, "no page titled 'Learning from mistakes'")
        try tmux.press("t", "g")
        for _ in 1..<page { try tmux.press("Down") }
        try tmux.press("Enter")
        try #require(try tmux.waitFor("page \(page)/").found)

        // Tab reaches the first widget on the page, the perceptron learning AND, and shows its keys.
        try tmux.press("Tab")
        step = try tmux.waitFor("▸ perceptron learning AND")
        try #require(step.found, "Tab did not focus the perceptron:\n\(step.screen.joined(separator: "\n"))")
        #expect(step.screen.contains { $0.contains("learn") && $0.contains("Space") })
        #expect(step.screen.contains { $0.contains("▸ w₁   0.00") })

        // → moves the selected weight, w₁, by 0.1.
        try tmux.press("Right")
        step = try tmux.waitFor("▸ w₁   0.10")
        #expect(step.found, "→ did not move w₁:\n\(step.screen.joined(separator: "\n"))")

        // With w₁ = 0.1 and the rest 0, the third point (1, 0) has z = 0.1 > 0 and says 1, but AND
        // wants 0: the third application of the rule is a mistake, and it lowers w₁ and b by η.
        try tmux.press("l", "l", "l")
        step = try tmux.waitFor("update: point 3 said 1, wants 0")
        #expect(step.found, "the rule's update is not shown:\n\(step.screen.joined(separator: "\n"))")
        #expect(step.screen.contains { $0.contains("w₁ 0.10→0.00") && $0.contains("b 0.00→−0.10") })

        // Esc gives the keys back to the page, q quits, and the pages read were saved.
        try tmux.press("Escape")
        step = try tmux.waitFor("Tab widgets")
        #expect(step.found)
        try tmux.press("q")
        #expect(try tmux.waitFor("ready$").found, "q did not return to the shell")
        let progress = try QuizProgressCommandTests.store(environment: ["XDG_DATA_HOME": scratch.path], events: []).load()
        #expect(progress.hasOpened("perceptron"))
    }
}
