import Curriculum
import Foundation
import Testing

/// Drives `gradschool quiz` in a real terminal: three questions answered (one wrong, which comes back),
/// the summary, and the answers found on disk afterwards.
@Suite("The quiz in a real terminal", .serialized)
struct QuizInTerminalTests {
    static let lesson = """
    ---
    id: drill
    title: Drill
    summary: Three questions.
    order: 1
    ---
    ## Sums

    A neuron adds its weighted inputs and its bias.

    ```quiz
    id: drill-bias
    question: What does a neuron add to its weighted inputs?
    choices:
      - Its bias
      - Its output
    answer: 1
    explanation: The bias is added to the weighted sum.
    ```

    ```quiz
    id: drill-step
    question: The step function's slope is zero wherever it exists.
    answer: true
    explanation: It is flat on both sides of zero.
    ```

    ```quiz
    id: drill-sum
    question: With weights 0.5 and 1, inputs 1 and 1, and bias 0, what is z?
    answer: 1.5
    tolerance: 0.01
    explanation: z = 0.5 + 1 + 0 = 1.5.
    ```
    """

    @Test(.enabled(if: Tmux.isAvailable, "needs tmux; `make test` installs it"))
    func threeQuestionsAnsweredAndTheProgressIsOnDisk() throws {
        let binary = try #require(TutorInTerminalTests.binary, "build the gradschool binary first")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gradschool-quiz-\(UUID().uuidString)")
        let lessons = scratch.appendingPathComponent("lessons")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Data(Self.lesson.utf8).write(to: lessons.appendingPathComponent("01-drill.md"))
        let environment = ["XDG_DATA_HOME": scratch.path, "LANG": "C.UTF-8"]
        // The learner has opened the lesson, so its questions are new and due.
        _ = try QuizProgressCommandTests.store(environment: environment,
                                               events: [.pageRead(lessonID: "drill", page: 0, pageCount: 1, at: Date())])

        let tmux = try Tmux(width: 80, height: 24, environment: environment)
        try tmux.type("PS1='ready$ '; clear", enter: true)
        try #require(try tmux.waitFor("ready$").found, "the shell did not start")
        try tmux.type("\(binary.path) quiz --lessons \(lessons.path)", enter: true)

        var step = try tmux.waitFor("question 1 of 3")
        try #require(step.found, "the quiz did not open:\n\(step.screen.joined(separator: "\n"))")
        #expect(step.screen.contains { $0.contains("What does a neuron add to its weighted inputs?") })

        // 1. Wrong on purpose.
        try tmux.press("2")
        step = try tmux.waitFor("Not quite")
        #expect(step.found, "no verdict:\n\(step.screen.joined(separator: "\n"))")
        #expect(step.screen.contains { $0.contains("The answer   1. Its bias") })
        #expect(step.screen.contains { $0.contains("later in this quiz, and again tomorrow") })

        // 2. True or false.
        try tmux.press("Space")
        step = try tmux.waitFor("The step function's slope")
        #expect(step.found)
        try tmux.press("t")
        step = try tmux.waitFor("✓ Right")
        #expect(step.found, "true was not accepted:\n\(step.screen.joined(separator: "\n"))")

        // 3. A number, typed as a learner would.
        try tmux.press("Space")
        step = try tmux.waitFor("Your answer:")
        #expect(step.found)
        try tmux.type("1,5")
        try tmux.press("Enter")
        step = try tmux.waitFor("✓ Right")
        #expect(step.found, "1,5 was not accepted:\n\(step.screen.joined(separator: "\n"))")

        // The missed question comes back, and is answered right this time.
        try tmux.press("Space")
        step = try tmux.waitFor("Asked again")
        #expect(step.found, "the missed question did not come back:\n\(step.screen.joined(separator: "\n"))")
        try tmux.press("1")
        try #require(try tmux.waitFor("✓ Right").found)

        try tmux.press("Space")
        step = try tmux.waitFor("Quiz finished")
        #expect(step.found, "no summary:\n\(step.screen.joined(separator: "\n"))")
        // Under load the title can be on screen before the rest of the summary: wait for the lines checked.
        step = try tmux.waitFor { screen in
            screen.contains { $0.contains("2 of 3 right the first time (67%)") }
                && screen.contains { $0.contains("Drill › Sums") && $0.hasSuffix("2 of 3 right") }
        }
        #expect(step.screen.contains { $0.contains("2 of 3 right the first time (67%)") }, "\(step.screen.joined(separator: "\n"))")
        #expect(step.screen.contains { $0.contains("Drill › Sums") && $0.hasSuffix("2 of 3 right") }, "\(step.screen.joined(separator: "\n"))")

        try tmux.press("q")
        step = try tmux.waitFor("ready$")
        #expect(step.found, "q did not return to the shell")

        // Everything is on disk: three schedules, the missed question's two answers.
        let store = try QuizProgressCommandTests.store(environment: environment, events: [])
        #expect(store.notices.isEmpty)
        let questions = try store.load().questions
        #expect(Set(questions.keys) == ["drill-bias", "drill-step", "drill-sum"])
        #expect(questions.values.allSatisfy { $0.schedule?.reviews == 1 && $0.lessonID == "drill" })
        #expect(questions["drill-bias"]?.history.map(\.correct) == [false, true])
        #expect(questions["drill-bias"]?.history.map(\.isRetry) == [false, true])
        // A missed first answer: S = w₀ = 0.212 days, so it is due tomorrow and counts one lapse.
        #expect(questions["drill-bias"]?.schedule?.lapses == 1)
        #expect(questions["drill-bias"]?.schedule?.intervalDays == 1)
        #expect(questions["drill-step"]?.schedule?.lapses == 0)
        #expect(questions["drill-sum"]?.history.first?.given == "1,5")
    }
}
