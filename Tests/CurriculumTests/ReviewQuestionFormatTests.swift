import Foundation
import Testing
@testable import Curriculum

/// The question kinds a quiz block can hold, told apart by how `answer` is written.
@Suite("Review question kinds in quiz blocks")
struct ReviewQuestionFormatTests {
    /// Parses one quiz block on a lesson's only page; the fence is on line 9.
    func parse(_ body: String) -> LessonParseResult {
        LessonParser.parse("---\nid: kinds\ntitle: Kinds\nsummary: s\norder: 1\n---\n## Page\n\n```quiz\n\(body)\n```\n", file: "kinds.md")
    }

    func quiz(_ body: String) throws -> QuizBlock {
        let result = parse(body)
        #expect(result.issues.isEmpty, "\(result.issues)")
        return try #require(result.lesson?.quizzes.first)
    }

    func problems(_ body: String) -> [String] { parse(body).issues.map(\.description) }

    @Test func pickOneKeepsItsSingleAnswer() throws {
        let block = try quiz("id: one\nquestion: Which?\nchoices: [a, b, c]\nanswer: 2\nexplanation: e")
        #expect(block.choiceStyle == .pickOne)
        #expect(block.answer == 1)
        #expect(block.answers == [1])
        #expect(block.form == .multipleChoice)
    }

    @Test func aListOfAnswersAsksForEveryRightChoice() throws {
        let block = try quiz("id: all\nquestion: Which are activations?\nchoices: [sigmoid, Adam, ReLU, epoch]\nanswer: [3, 1]\nexplanation: e")
        #expect(block.choiceStyle == .markAll)
        #expect(block.answers == [0, 2])
        #expect(block.answer == 0)
        // A one-element list still asks the learner to mark all that apply.
        let single = try quiz("id: all-one\nquestion: Which?\nchoices: [a, b]\nanswer: [2]\nexplanation: e")
        #expect(single.choiceStyle == .markAll)
        #expect(single.answers == [1])
    }

    @Test(arguments: ["[1, 1]", "[1, 5]", "[]", "[e, 2]", "[a, 1]"])
    func aBadListOfAnswersIsReportedOnItsLine(_ list: String) {
        let issues = problems("id: bad\nquestion: Which?\nchoices: [a, b, c, d]\nanswer: \(list)\nexplanation: e")
        #expect(issues == ["kinds.md:13: quiz 'answer' lists every right choice once, each written exactly as in 'choices' (or its number from 1 to 4)"])
    }

    @Test func trueOrFalseHasNoChoicesToWrite() throws {
        let yes = try quiz("id: statement\nquestion: A perceptron can learn AND.\nanswer: true\nexplanation: A line separates AND.")
        #expect(yes.choiceStyle == .trueOrFalse)
        #expect(yes.choices == ["True", "False"])
        #expect(yes.answer == 0)
        #expect(yes.answers == [0])
        let no = try quiz("id: statement-two\nquestion: A perceptron can learn XOR.\nanswer: false\nexplanation: No line separates XOR.")
        #expect(no.answer == 1)
        #expect(no.choiceStyle == .trueOrFalse)
    }

    @Test func trueOrFalseWithATolerance() {
        #expect(problems("id: t\nquestion: q\nanswer: true\ntolerance: 0.1\nexplanation: e")
                == ["kinds.md:13: a true-or-false quiz has no 'tolerance': remove it"])
    }

    @Test func trueWithChoicesIsNotAChoice() {
        #expect(problems("id: t\nquestion: q\nchoices: [a, b]\nanswer: true\nexplanation: e")
                == ["kinds.md:13: quiz 'answer' 'true' is not one of the choices: write the right choice exactly as in 'choices', e.g. 'answer: a'"])
    }

    @Test func numbersStayNumericQuestions() throws {
        let block = try quiz("id: n\nquestion: σ(0)?\nanswer: 0.5\ntolerance: 0.01\nexplanation: e")
        #expect(block.form == .numeric(answer: 0.5, tolerance: 0.01))
        // A 1 or a 0 is a number, not true or false.
        let one = try quiz("id: n-one\nquestion: step(0)?\nanswer: 1\nexplanation: e")
        #expect(one.form == .numeric(answer: 1, tolerance: QuizForm.defaultTolerance(for: 1)))
    }

    /// Every quiz example in the authors' guide, with whichever fence it is shown in, is a sound block,
    /// and the guide shows each kind at least once.
    @Test func theGuidesQuizExamplesAreSound() throws {
        let guide = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("lessons/README.md")
        let text = try String(contentsOf: guide, encoding: .utf8)
        var blocks: [QuizBlock] = []
        for part in text.components(separatedBy: "\n````").dropFirst() {
            let body = part.drop { $0 != "\n" }.dropFirst()
            guard body.hasPrefix("```quiz\n"), let example = body.components(separatedBy: "\n````").first else { continue }
            let result = parse(String(example.dropFirst("```quiz\n".count).dropLast("\n```".count)))
            #expect(result.issues.isEmpty, "\(example): \(result.issues)")
            blocks += result.lesson?.quizzes ?? []
        }
        #expect(blocks.contains { $0.choiceStyle == .pickOne && $0.form == .multipleChoice })
        #expect(blocks.contains { $0.choiceStyle == .markAll })
        #expect(blocks.contains { $0.choiceStyle == .trueOrFalse })
        #expect(blocks.contains { if case .numeric = $0.form { true } else { false } })
        #expect(blocks.contains { if case .generated = $0.form { true } else { false } })
    }
}
