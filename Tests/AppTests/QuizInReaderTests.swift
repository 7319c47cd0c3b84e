import Canvas
import Curriculum
import Foundation
import Neural
import Testing
@testable import App

@Suite("Quizzes in the reader")
struct QuizInReaderTests {
    static let choice = """
    ```quiz
    id: pick
    question: Which is a weight?
    choices:
      - w
      - x
    answer: 1
    explanation: Weights are written w.
    ```
    """

    static let number = """
    ```quiz
    id: typed
    question: What is 0.6 + 0.9 − 0.5?
    answer: 1.0
    tolerance: 0.01
    explanation: Add them up.
    ```
    """

    /// The answers recorded by `effects`.
    static func answers(_ effects: [Effect]) -> [AnswerRecord] {
        effects.compactMap { effect in
            if case .record(.answered(let answer)) = effect { return answer } else { return nil }
        }
    }

    @Test func aChoiceIsAnsweredWithItsNumberAndRecordedWithTheScreensClock() throws {
        var tutor = WidgetTesting.tutor(page: Self.choice)
        let asked = Date(timeIntervalSince1970: 1_710_061_200)
        tutor.now = asked
        #expect(tutor.screenText.contains("Tab answer this question"))
        tutor.press(.tab)
        tutor.press(.down)
        tutor.now = asked.addingTimeInterval(4)
        let effects = tutor.press(.character("2"))
        #expect(tutor.screenText.contains("✗ Not quite: the answer is 1."))
        #expect(tutor.screenText.contains("Weights are written w."))
        let first = try #require(Self.answers(effects).last)
        // Stamped from the screen's `now`, timed from the first key that reached the question.
        #expect(first.answeredAt == asked.addingTimeInterval(4))
        #expect(first.seconds == 4)
        #expect((first.questionID, first.lessonID, first.given, first.correct) == ("pick", "scratch", "2", false))
        #expect(first.counts && first.source == .page && first.grade == .again)

        // B6: answering again after the right one was shown is kept but never counts as right.
        let second = try #require(Self.answers(tutor.press(.up, .enter)).last)
        #expect(tutor.screenText.contains("✓ Right."))
        #expect(second.correct && !second.counts)
        #expect(tutor.progress.questions["pick"]?.history.map(\.correct) == [false, true])
        #expect(tutor.progress.knownCount(among: ["pick"]) == 0)
        #expect(tutor.progress.questions["pick"]?.schedule?.lapses == 1)

        // Nor does leaving the page and coming back the same day to answer again.
        tutor.press(.escape, .escape)
        tutor.openLesson(id: "scratch")
        tutor.press(.tab)
        let third = try #require(Self.answers(tutor.press(.character("1"))).last)
        #expect(third.correct && !third.counts)
        #expect(tutor.progress.knownCount(among: ["pick"]) == 0)
        // The next day it counts again.
        tutor.press(.escape, .escape)
        tutor.now = asked.addingTimeInterval(86_400)
        tutor.openLesson(id: "scratch")
        tutor.press(.tab)
        let nextDay = try #require(Self.answers(tutor.press(.character("1"))).last)
        #expect(nextDay.counts)
        #expect(tutor.progress.knownCount(among: ["pick"]) == 1)
    }

    static let markAll = """
    ```quiz
    id: every
    question: Which are activation functions?
    choices:
      - sigmoid
      - Adam
      - ReLU
    answer: [1, 3]
    explanation: Adam is an optimizer.
    ```
    """

    @Test func everyRightChoiceMustBeMarkedWhenTheQuestionAsksForAll() throws {
        var tutor = WidgetTesting.tutor(page: Self.markAll)
        tutor.press(.tab)
        #expect(tutor.screenText.contains("[ ] 1. sigmoid"))
        tutor.press(.enter)
        #expect(tutor.screenText.contains("Mark every right choice"), "Enter with nothing marked explains what to do")
        tutor.press(.character("1"))
        #expect(tutor.screenText.contains("[x] 1. sigmoid"), "a number marks its choice without answering")
        #expect(tutor.progress.questions["every"] == nil)
        tutor.press(.enter)
        #expect(tutor.screenText.contains("✗ Not quite: the right choices are 1 and 3."), "the first right choice alone is not enough")
        #expect(tutor.progress.questions["every"]?.history.last?.correct == false)

        tutor.press(.down, .down, .character(" "))
        #expect(tutor.screenText.contains("[x] 3. ReLU"), "Space marks the choice under the cursor")
        #expect(!tutor.screenText.contains("Not quite"), "changing the marks starts a new answer")
        tutor.press(.character("2"), .enter)
        #expect(tutor.screenText.contains("✗ Not quite"), "a wrong extra mark is wrong")
        tutor.press(.character("2"), .enter)
        #expect(tutor.screenText.contains("✓ Right: exactly these."))
        #expect(tutor.progress.questions["every"]?.history.last?.correct == true)
        #expect(tutor.progress.questions["every"]?.history.map(\.isRetry) == [false, true, true])
        tutor.press(.character("r"))
        #expect(tutor.screenText.contains("[ ] 1. sigmoid") && tutor.screenText.contains("[ ] 3. ReLU"), "r clears the marks")
    }

    @Test func aNumberIsTypedAndJudgedWithinItsTolerance() throws {
        var tutor = WidgetTesting.tutor(page: Self.number)
        tutor.press(.tab, .enter)
        #expect(tutor.screenText.contains("Type a number first"))
        tutor.press(.character("1"), .character("."), .character("0"), .character("0"), .character("5"), .enter)
        #expect(tutor.screenText.contains("✓ Right: the answer is 1."), "1.005 is within 0.01 of 1")
        #expect(tutor.progress.questions["typed"]?.history.last?.correct == true)
        tutor.press(.character("1"), .character(","), .character("1"), .enter)
        #expect(tutor.screenText.contains("✗ Not quite: you typed 1.1; the answer is 1."), "a comma reads as a point")
        // A1: the page reads numbers as quiz mode does, fractions included.
        tutor.press(.character("2"), .character("/"), .character("2"), .enter)
        #expect(tutor.screenText.contains("✓ Right: the answer is 1."), "2/2 is a fraction, as in quiz mode")
        tutor.press(.character("x"))
        #expect(tutor.pageElements?.focus == 0, "letters are not numbers, and nothing happens")
    }

    @Test(arguments: QuizTemplate.allCases)
    func generatedQuestionsAreAnsweredByTheEngine(template: QuizTemplate) throws {
        for seed in UInt64(1)...20 {
            let question = GeneratedQuestion(template: template, seed: seed)
            #expect(GeneratedQuestion(template: template, seed: seed) == question, "the same seed asks the same question")
            #expect(question.answer.isFinite && question.tolerance > 0)
            #expect(!question.question.isEmpty && !question.explanation.isEmpty)
            // The explanation works the same answer out by hand.
            let shown = GeneratedQuestion.show(Float(question.answer), decimals: 3)
            let shownShort = GeneratedQuestion.show(Float(question.answer))
            let shownSignificant = GeneratedQuestion.significant(Float(question.answer))
            #expect(question.explanation.contains(shown) || question.explanation.contains(shownShort)
                    || question.explanation.contains(shownSignificant), "\(question)")
        }
    }

    @Test func generatedAnswersMatchTheMathsOnThePage() throws {
        // σ(z) = 1 / (1 + e^−z), recomputed here from the numbers in the question's own text.
        for seed in UInt64(1)...10 {
            let question = GeneratedQuestion(template: .sigmoidValue, seed: seed)
            let zText = try #require(question.question.components(separatedBy: "z = ").last?.components(separatedBy: "?").first)
            let z = try #require(Double(zText.replacingOccurrences(of: "−", with: "-")))
            #expect(abs(question.answer - 1 / (1 + exp(-z))) < 1e-5)
        }
        // w ← w − η·g, recomputed from the question.
        for seed in UInt64(1)...10 {
            let question = GeneratedQuestion(template: .descentStep, seed: seed)
            let text = question.question.replacingOccurrences(of: "−", with: "-")
            let pattern = try NSRegularExpression(pattern: "-?[0-9]+(\\.[0-9]+)?")
            let numbers = pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
                Range($0.range, in: text).flatMap { Double(text[$0]) }
            }
            // "A weight w = W has gradient ∂L/∂w = G. With learning rate η = E, …"
            #expect(numbers.count >= 3)
            let (weight, gradient, rate) = (numbers[0], numbers[1], numbers[2])
            #expect(abs(question.answer - (weight - rate * gradient)) < 1e-5, "\(question.question)")
        }
    }

    /// The verdict writes numbers as the page does: a real minus sign, not the hyphen the learner typed.
    @Test func theVerdictWritesANegativeAnswerWithARealMinus() {
        let page = "```quiz\nid: negative\nquestion: What is 0.1 - 1?\nanswer: -0.9\nexplanation: One step down.\n```"
        var tutor = WidgetTesting.tutor(page: page)
        tutor.press(.tab)
        for character in "-1" { tutor.press(.character(character)) }
        tutor.press(.enter)
        #expect(tutor.screenText.contains("✗ Not quite: you typed −1; the answer is −0.9."), "\(tutor.screenText)")
        var again = WidgetTesting.tutor(page: page)
        again.press(.tab)
        for character in "-0.9" { again.press(.character(character)) }
        again.press(.enter)
        #expect(again.screenText.contains("✓ Right: the answer is −0.9."), "\(again.screenText)")
    }

    @Test func rDrawsNewNumbersForAGeneratedQuestion() throws {
        var tutor = WidgetTesting.tutor(page: "```quiz\nid: fresh\ntemplate: weighted-sum\n```")
        tutor.press(.tab)
        guard case .quiz(let before)? = tutor.pageElements?.items.first else { Issue.record("no quiz"); return }
        let answer = try #require(before.numericAnswer?.value)
        for character in NumberText.trimmed(answer, decimals: 4, unicode: false) { tutor.press(.character(character)) }
        tutor.press(.enter)
        #expect(tutor.screenText.contains("✓ Right"))
        tutor.press(.character("r"))
        guard case .quiz(let after)? = tutor.pageElements?.items.first else { Issue.record("no quiz"); return }
        #expect(after.outcome == nil && after.seed != before.seed)
        #expect(after.questionText != before.questionText)
    }
}
