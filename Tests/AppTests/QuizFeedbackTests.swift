import Canvas
import Curriculum
import Foundation
import Testing
@testable import App

/// What a teacher wrote into a quiz block reaches the learner: the note for the wrong choice picked, the
/// hint on request, and a template's numbers from the block's range.
@Suite("Quiz feedback, hints and template parameters")
struct QuizFeedbackTests {
    static let block = """
    ```quiz
    id: nudge
    question: What does the update do?
    choices:
      - It raises the bias
      - It lowers the first weight
    answer: It lowers the first weight
    feedback:
      It raises the bias: The bias moves only when the error is not zero.
    hint: Work out the error first.
    explanation: The error is −1.
    ```
    """

    @Test func theHintOnRequestAndTheNoteForTheWrongChoicePicked() {
        var tutor = WidgetTesting.tutor(page: Self.block, width: 100, height: 30)
        tutor.press(.tab)
        #expect(tutor.screenText.contains("h hint"))
        #expect(!tutor.screenText.contains("Hint: Work out the error first."))
        tutor.press(.character("h"))
        #expect(tutor.screenText.contains("Hint: Work out the error first."))
        tutor.press(.character("1"))
        #expect(tutor.screenText.contains("The bias moves only when the error is not zero."))
        tutor.press(.character("2"))
        #expect(tutor.screenText.contains("✓ Right."))
        #expect(!tutor.screenText.contains("The bias moves only"), "the note is for the wrong choice only")
    }

    @Test func theVerdictCarriesTheNoteOfTheWrongChoiceInQuizModeToo() throws {
        let library = LessonLibrary.build(sources: [("scratch.md", "---\nid: scratch\ntitle: Scratch\nsummary: s\norder: 1\n---\n## The page\n\n" + Self.block + "\n")])
        let block = try #require(library.lessons.first?.quizzes.first)
        let posed = PosedQuestion(block: block, seed: 1)
        var entry = AnswerEntry()
        entry.cursor = 0
        #expect(Verdict.judge(&entry, for: posed)?.feedback == "The bias moves only when the error is not zero.")
        entry.cursor = 1
        #expect(Verdict.judge(&entry, for: posed)?.feedback == nil)
        #expect(posed.hint == "Work out the error first.")
    }

    @Test func aTemplateDrawsFromTheBlocksRange() {
        // σ(z) for z in {5, 6}: every draw is one of them, and the answer is the engine's σ(z).
        let parameters = TemplateParameters(range: 5...6, step: 1)
        var seen: Set<String> = []
        for seed in UInt64(0)..<40 {
            let question = GeneratedQuestion(template: .sigmoidValue, parameters: parameters, seed: seed)
            let z = question.question.contains("z = 5?") ? 5.0 : question.question.contains("z = 6?") ? 6.0 : .nan
            #expect(!z.isNaN, "\(question.question)")
            #expect(abs(question.answer - 1 / (1 + exp(-z))) < 1e-6)
            seen.insert(question.question)
        }
        #expect(seen.count == 2)
        // The activation and learning rates named by the author are the only ones asked about.
        for seed in UInt64(0)..<20 {
            #expect(GeneratedQuestion(template: .activationSlope, parameters: TemplateParameters(activations: ["tanh"]), seed: seed)
                .question.contains("tanh"))
            #expect(GeneratedQuestion(template: .descentStep, parameters: TemplateParameters(learningRates: [0.2]), seed: seed)
                .question.contains("η = 0.2,"))
        }
    }
}
