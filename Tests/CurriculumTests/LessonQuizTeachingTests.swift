import Foundation
import Testing
@testable import Curriculum

/// The core lessons' questions teach: each wrong choice gets its own feedback, no question repeats the
/// title of its page, and every lesson asks at least one question with numbers it did not work on the page.
@Suite("Questions that teach")
struct LessonQuizTeachingTests {
    static let library = LessonContentTests.library

    /// A learner who picks a wrong choice is told why that choice is wrong: best in a note of its own
    /// (`feedback`, shown as "Why not" beside the explanation), or else by number in the explanation.
    @Test func everyWrongChoiceIsAnswered() {
        var checked = 0
        for lesson in Self.library.lessons {
            for quiz in lesson.quizzes where !quiz.choices.isEmpty {
                let right = Set(quiz.answers) // counting from 0
                for choice in quiz.choices.indices where !right.contains(choice) {
                    let note = quiz.feedback[choice] ?? ""
                    #expect(note.count >= 20 || quiz.explanation.contains("Choice \(choice + 1)"),
                            "\(quiz.id): nothing for a learner who chose '\(quiz.choices[choice])'")
                    checked += 1
                }
            }
        }
        #expect(checked >= 20)
    }

    /// The first five lessons give each wrong choice its own note.
    @Test func theCoreLessonsAnswerWrongChoicesWithTheirOwnNotes() {
        let core = ["perceptron", "forward", "activations", "backprop", "descent"]
        for lesson in Self.library.lessons where core.contains(lesson.id) {
            for quiz in lesson.quizzes where !quiz.choices.isEmpty {
                let right = Set(quiz.answers)
                for choice in quiz.choices.indices where !right.contains(choice) {
                    #expect((quiz.feedback[choice] ?? "").count >= 20, "\(quiz.id): no note for '\(quiz.choices[choice])'")
                }
                #expect(!quiz.explanation.contains("Choice "), "\(quiz.id): the explanation still answers choices by number")
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
