import Foundation
import Testing
@testable import Curriculum

/// The three quiz forms as authors write them, and the mistakes `gradschool check` catches in them.
@Suite("Quiz blocks: choices, numbers and templates")
struct LessonQuizContentTests {
    static func parse(_ quiz: String) -> LessonParseResult {
        LessonParser.parse("---\nid: q\ntitle: Q\nsummary: s\norder: 1\n---\n## Page\n\n```quiz\n" + quiz + "\n```\n", file: "q.md")
    }

    @Test func aNumericAnswerHasATolerance() throws {
        let given = try #require(Self.parse("id: sum\nquestion: What is z?\nanswer: 0.62\ntolerance: 0.005\nexplanation: Add.").lesson?.quizzes.first)
        #expect(given.form == .numeric(answer: 0.62, tolerance: 0.005))
        #expect(given.choices.isEmpty)
        // Without one, 1 % of the answer, and never less than 0.01.
        let large = try #require(Self.parse("id: big\nquestion: q\nanswer: 250\nexplanation: e").lesson?.quizzes.first)
        #expect(large.form == .numeric(answer: 250, tolerance: 2.5))
        let small = try #require(Self.parse("id: small\nquestion: q\nanswer: -0.2\nexplanation: e").lesson?.quizzes.first)
        #expect(small.form == .numeric(answer: -0.2, tolerance: 0.01))
    }

    @Test func aTemplateNeedsNoQuestionAnswerOrExplanation() throws {
        let quiz = try #require(Self.parse("id: fresh\ntemplate: sigmoid-value").lesson?.quizzes.first)
        #expect(quiz.form == .generated(.sigmoidValue))
        #expect(quiz.question.isEmpty && quiz.explanation.isEmpty)
        let lead = try #require(Self.parse("id: lead\ntemplate: descent-step\nquestion: Once more.").lesson?.quizzes.first)
        #expect(lead.question == "Once more.")
    }

    @Test func mistakesInTheNewFormsAreReportedWithTheirLines() {
        let unknown = Self.parse("id: x\ntemplate: cube-root")
        #expect(unknown.issues.map(\.description) == [
            "q.md:11: unknown quiz template 'cube-root': use one of " + QuizTemplate.allCases.map(\.rawValue).joined(separator: ", "),
        ])
        let mixed = Self.parse("id: x\ntemplate: weighted-sum\nanswer: 2")
        #expect(mixed.issues.first?.message == "a quiz with a 'template' computes its own answer: remove 'answer'")
        #expect(mixed.issues.first?.line == 12)
        let word = Self.parse("id: x\nquestion: q\nanswer: lots\nexplanation: e")
        #expect(word.issues.first?.message.hasPrefix("quiz 'answer' must be a number") == true)
        let negative = Self.parse("id: x\nquestion: q\nanswer: 1\ntolerance: -1\nexplanation: e")
        #expect(negative.issues.first?.message == "quiz 'tolerance' must be a positive number, e.g. 0.01")
        let choiceTolerance = Self.parse("id: x\nquestion: q\nchoices: [a, b]\nanswer: 1\ntolerance: 0.1\nexplanation: e")
        #expect(choiceTolerance.issues.first?.message.hasPrefix("a multiple-choice quiz has no 'tolerance'") == true)
    }

    @Test func everyQuizFormInTheAuthorsGuideParses() throws {
        let guide = try String(contentsOf: AuthorsGuideTests.guide, encoding: .utf8)
        let blocks = guide.components(separatedBy: "```quiz\n").dropFirst().compactMap { $0.components(separatedBy: "\n```").first }
        #expect(blocks.count == 6, "one example of each form: one choice, every right choice, true or false, a number, a template, and a template with parameters")
        var forms: [QuizForm] = []
        for block in blocks {
            let result = Self.parse(block)
            #expect(result.issues == [], "\(block)")
            if let form = result.lesson?.quizzes.first?.form { forms.append(form) }
        }
        #expect(forms.contains(.multipleChoice))
        #expect(forms.contains { if case .numeric = $0 { true } else { false } })
        #expect(forms.contains { if case .generated = $0 { true } else { false } })
        for template in QuizTemplate.allCases {
            #expect(guide.contains("| `\(template.rawValue)` |"), "the guide does not list the template \(template.rawValue)")
        }
    }
}
