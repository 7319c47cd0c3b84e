import Foundation
import Testing
@testable import Curriculum

/// Quiz blocks a teacher can trust: the right answer named by its text, notes for wrong choices, a
/// hint, templates varied from the block, and every mistake named with its file and line.
@Suite("Quiz blocks teachers can trust")
struct QuizBlockTrustTests {
    /// A one-page lesson whose only block is `quiz` (its fence on line 9).
    static func lesson(_ quiz: String) -> String {
        "---\nid: trust\ntitle: Trust\nsummary: s\norder: 1\n---\n## Page\n\n```quiz\n\(quiz)\n```\n"
    }

    static func quiz(_ body: String) throws -> QuizBlock {
        let result = LessonParser.parse(lesson(body), file: "trust.md")
        #expect(result.issues.isEmpty, "\(result.issues)")
        return try #require(result.lesson?.quizzes.first)
    }

    static func issues(_ body: String) -> [String] {
        LessonParser.parse(lesson(body), file: "trust.md").issues.map(\.description)
    }

    static let choices = ["It raises the bias", "It lowers the first weight", "Nothing changes"]

    func block(choices: [String]) -> String {
        """
        id: trust-update
        question: What does the update do?
        choices:
        \(choices.map { "  - \($0)" }.joined(separator: "\n"))
        answer: It lowers the first weight
        feedback:
          It raises the bias: The bias moves only when the error is not zero.
          Nothing changes: The error is −1 here, so something moves.
        hint: Work out the error y − ŷ first.
        explanation: The error is −1 and x₁ = 1.
        """
    }

    @Test func theRightAnswerIsNamedByItsTextSoReorderingKeepsTheKey() throws {
        let original = try Self.quiz(block(choices: Self.choices))
        let reordered = try Self.quiz(block(choices: Self.choices.reversed()))
        #expect(original.choices[original.answer] == "It lowers the first weight")
        #expect(reordered.choices[reordered.answer] == "It lowers the first weight")
        #expect(original.answer == 1 && reordered.answer == 1)
        let shuffled = try Self.quiz(block(choices: [Self.choices[2], Self.choices[0], Self.choices[1]]))
        #expect(shuffled.answer == 2)
        // Each note stays with its choice, wherever the choice goes.
        for quiz in [original, reordered, shuffled] {
            let byText = Dictionary(uniqueKeysWithValues: quiz.feedback.map { (quiz.choices[$0.key], $0.value) })
            #expect(byText == ["It raises the bias": "The bias moves only when the error is not zero.",
                               "Nothing changes": "The error is −1 here, so something moves."])
            #expect(quiz.hint == "Work out the error y − ŷ first.")
        }
    }

    @Test func everyRightChoiceMayBeNamedByItsText() throws {
        let quiz = try Self.quiz("""
        id: trust-all
        question: Which are activation functions?
        choices:
          - sigmoid
          - Adam
          - ReLU
        answer: [ReLU, sigmoid]
        explanation: Adam is an optimizer.
        """)
        #expect(quiz.choiceStyle == .markAll)
        #expect(quiz.answers == [0, 2])
        // A position still works, as before.
        let byNumber = try Self.quiz("id: trust-n\nquestion: Q?\nchoices:\n  - a\n  - b\nanswer: 2\nexplanation: E.")
        #expect(byNumber.answer == 1)
    }

    @Test func mistakesAreNamedWithFileAndLine() {
        // Line 9 is the fence; the block's first line is 10.
        #expect(Self.issues("id: t1\nquestion: Q?\nchoices:\n  - a\n  - b\nanswer: c\nexplanation: E.") == [
            "trust.md:15: quiz 'answer' 'c' is not one of the choices: write the right choice exactly as in 'choices', e.g. 'answer: a'",
        ])
        #expect(Self.issues("id: t2\nquestion: Q?\nchoices:\n  - a\n  - b\nanswer: a\nfeedback:\n  a: Right is right.\n  z: No such.\n  b: Fine.\nexplanation: E.") == [
            "trust.md:17: quiz 'feedback' for 'a', a right choice: feedback is for wrong choices; the explanation covers the right one",
            "trust.md:18: quiz 'feedback' for 'z', which is not one of the choices: write the choice exactly as in 'choices'",
        ])
        #expect(Self.issues("id: t3\nquestion: Q?\nanswer: 0.5\nfeedback:\n  a: b\nexplanation: E.") == [
            "trust.md:13: 'feedback' is for the wrong choices of a multiple-choice quiz: use the 'explanation' for a number",
        ])
        #expect(Self.issues("id: t4\nquestion: Q?\nchoices:\n  - a\n  - b\nanswer: [a, a]\nexplanation: E.") == [
            "trust.md:15: quiz 'answer' lists every right choice once, each written exactly as in 'choices' (or its number from 1 to 2)",
        ])
        #expect(Self.issues("id: t5\nquestion: Q?\nchoices:\n  - a\n  - b\nanswer: a\nhint: \"\"\nexplanation: E.") == [
            "trust.md:16: quiz 'hint' must be non-empty text",
        ])
    }

    @Test func templatesTakeParametersFromTheBlock() throws {
        let quiz = try Self.quiz("id: t-sig\ntemplate: sigmoid-value\nrange: [-6, 6]\nstep: 1")
        #expect(quiz.templateParameters == TemplateParameters(range: -6...6, step: 1))
        let slope = try Self.quiz("id: t-slope\ntemplate: activation-slope\nactivation: [tanh, relu]")
        #expect(slope.templateParameters.activations == ["tanh", "relu"])
        let descent = try Self.quiz("id: t-step\ntemplate: descent-step\nlearning-rate: [0.2, 0.4]")
        #expect(descent.templateParameters.learningRates == [0.2, 0.4])
    }

    @Test func templateParameterMistakesAreNamedWithTheirLine() {
        #expect(Self.issues("id: t6\ntemplate: squared-error\nrange: [0, 1]") == [
            "trust.md:12: template 'squared-error' has no 'range': it takes no parameters",
        ])
        #expect(Self.issues("id: t7\ntemplate: sigmoid-value\nrange: [3, -3]") == [
            "trust.md:12: template 'range' must be two numbers, the lower first, each within ±100, e.g. [-3, 3]",
        ])
        #expect(Self.issues("id: t8\ntemplate: sigmoid-value\nrange: [-100, 100]\nstep: 0.01") == [
            "trust.md:13: template 'range' and 'step' give 20001 numbers: use a step that gives 2 to 1000",
        ])
        #expect(Self.issues("id: t9\ntemplate: activation-slope\nactivation: softplus") == [
            "trust.md:12: template 'activation' must be sigmoid, tanh, relu or a list of them",
        ])
        #expect(Self.issues("id: t10\ntemplate: perceptron-update\nlearning-rate: -1") == [
            "trust.md:12: template 'learning-rate' must be a positive number up to 10, or a list of them, e.g. [0.1, 0.5]",
        ])
        #expect(Self.issues("id: t11\nquestion: Q?\nanswer: 2\nstep: 1\nexplanation: E.") == [
            "trust.md:13: 'step' varies a generated question: it needs a 'template'",
        ])
        #expect(Self.issues("id: t12\ntemplate: sigmoid-value\nstep: 1") == [
            "trust.md:12: template 'step' needs a 'range' to step through, e.g. range: [-3, 3]",
        ])
    }
}
