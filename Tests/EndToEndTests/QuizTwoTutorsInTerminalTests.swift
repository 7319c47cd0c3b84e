import Curriculum
import Foundation
import Testing

/// A quiz in one terminal and a lesson in another, on one profile at the same time: everything both
/// did is in the progress afterwards.
@Suite("A quiz and a lesson open at once", .serialized)
struct QuizTwoTutorsInTerminalTests {
    static let reading = """
    ---
    id: reading
    title: Reading
    summary: Four pages to turn.
    order: 2
    ---
    ## One

    The first page.

    ## Two

    The second page.

    ## Three

    The third page.

    ## Four

    The last page.
    """

    @Test(.enabled(if: Tmux.isAvailable, "needs tmux; `make test` installs it"))
    func bothTutorsProgressIsKept() throws {
        let binary = try #require(TutorInTerminalTests.binary, "build the gradschool binary first")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gradschool-two-\(UUID().uuidString)")
        let lessons = scratch.appendingPathComponent("lessons")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Data(QuizInTerminalTests.lesson.utf8).write(to: lessons.appendingPathComponent("01-drill.md"))
        try Data(Self.reading.utf8).write(to: lessons.appendingPathComponent("02-reading.md"))
        let environment = ["XDG_DATA_HOME": scratch.path, "LANG": "C.UTF-8"]
        _ = try QuizProgressCommandTests.store(environment: environment,
                                               events: [.pageRead(lessonID: "drill", page: 0, pageCount: 1, at: Date())])

        let quiz = try Tmux(width: 80, height: 24, environment: environment)
        let lesson = try Tmux(width: 80, height: 24, environment: environment)
        for terminal in [quiz, lesson] {
            try terminal.type("PS1='ready$ '; clear", enter: true)
            try #require(try terminal.waitFor("ready$").found, "the shell did not start")
        }
        try quiz.type("\(binary.path) quiz --lessons \(lessons.path)", enter: true)
        try lesson.type("\(binary.path) lesson reading --lessons \(lessons.path)", enter: true)
        try #require(try quiz.waitFor("question 1 of 3").found, "the quiz did not open")
        try #require(try lesson.waitFor("The first page.").found, "the lesson did not open")

        // Turn by turn: an answer in one terminal, a page in the other.
        try quiz.press("2")
        try #require(try quiz.waitFor("Not quite").found)
        try lesson.press("n")
        try #require(try lesson.waitFor("The second page.").found)
        try quiz.press("Space")
        try #require(try quiz.waitFor("The step function's slope").found)
        try quiz.press("t")
        try #require(try quiz.waitFor("✓ Right").found)
        try lesson.press("n")
        try #require(try lesson.waitFor("The third page.").found)
        try quiz.press("Space")
        try #require(try quiz.waitFor("Your answer:").found)
        try quiz.type("1,5")
        try quiz.press("Enter")
        try #require(try quiz.waitFor("✓ Right").found)
        try lesson.press("n")
        try #require(try lesson.waitFor("The last page.").found)

        // The lesson's tutor sees the quiz's answers too: home, read again from the store, says so.
        try lesson.press("Escape")
        let home = try lesson.waitFor { screen in screen.contains { $0.contains("Drill") && $0.contains("quiz 2/3") } }
        #expect(home.found, "home did not show the other tutor's answers:\n\(home.screen.joined(separator: "\n"))")

        for terminal in [quiz, lesson] {
            try terminal.press("q")
            #expect(try terminal.waitFor("ready$").found, "q did not return to the shell")
        }

        // Both sets of progress, as `gradschool progress` shows them.
        let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let shown = try QuizProgressCommandTests.run(["progress", "--lessons", lessons.path], input: "", in: scratch, environment: env)
        let lines = shown.output.split(separator: "\n").map(String.init)
        let drill = try #require(lines.first { $0.contains("Drill") }, "\(shown.output)")
        let reading = try #require(lines.first { $0.contains("Reading") }, "\(shown.output)")
        // The quiz: the bias question missed, the other two right.
        #expect(drill.contains("2/3"), "\(drill)")
        // The lesson: all four pages read, so finished.
        #expect(reading.contains("4/4"), "\(reading)")
        let store = try QuizProgressCommandTests.store(environment: environment, events: [])
        #expect(try store.load()["reading"].pagesRead == [0, 1, 2, 3])
        #expect(try store.load()["reading"].finishedAt != nil)
        #expect(try store.load().hasOpened("drill"))
        #expect(try store.reviewLog().map(\.questionID) == ["drill-bias", "drill-step", "drill-sum"])
    }
}
