import Foundation
import Testing
@testable import Curriculum

/// The core lessons' questions teach: each wrong choice gets its own feedback, no question repeats the
/// title of its page, and every lesson asks at least one question with numbers it did not work on the page.
@Suite("Questions that teach")
struct LessonQuizTeachingTests {
    static let library = LessonContentTests.library

    @Test func everyWrongChoiceIsAnsweredInTheExplanation() {
        for lesson in Self.library.lessons {
            for quiz in lesson.quizzes where !quiz.choices.isEmpty {
                let right = Set(quiz.answers.map { $0 + 1 }) // stored counting from 0
                for choice in 1...quiz.choices.count where !right.contains(choice) {
                    #expect(quiz.explanation.contains("Choice \(choice)"),
                            "\(quiz.id): the explanation says nothing to a learner who chose \(choice)")
                }
            }
        }
    }

    /// The words of `text` longer than three letters, lowercased.
    static func words(_ text: String) -> Set<String> {
        Set(text.lowercased().components(separatedBy: CharacterSet.letters.inverted).filter { $0.count > 3 })
    }

    @Test func noQuestionRepeatsItsPageTitle() {
        for lesson in Self.library.lessons {
            for page in lesson.pages {
                let title = Self.words(page.title)
                for block in page.blocks {
                    guard case .quiz(let quiz) = block, !quiz.question.isEmpty, !title.isEmpty else { continue }
                    let shared = title.intersection(Self.words(quiz.question))
                    #expect(Double(shared.count) / Double(title.count) <= 0.5,
                            "\(quiz.id) repeats the page title '\(page.title)': \(quiz.question)")
                }
            }
        }
    }

    @Test func theDescentLessonAsksForTheLargestRateOnAFreshLoss() throws {
        let descent = try #require(Self.library.lessons.first { $0.id == "descent" })
        #expect(descent.quizzes.contains { $0.form == .generated(.largestLearningRate) })
    }
}
