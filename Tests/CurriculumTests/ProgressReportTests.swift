import Foundation
import Testing
@testable import Curriculum

@Suite("Progress report")
struct ProgressReportTests {
    static func lesson(_ id: String, order: Int, pages: Int, quizzes: [String]) -> String {
        var text = "---\nid: \(id)\ntitle: Lesson \(id)\nsummary: About \(id).\norder: \(order)\n---\n"
        for page in 1...pages { text += "## Page \(page)\n\nText.\n\n" }
        for quiz in quizzes {
            text += "```quiz\nid: \(quiz)\nquestion: Which?\nchoices:\n  - This\n  - That\nanswer: 1\nexplanation: Because.\n```\n\n"
        }
        return text
    }

    static let library = LessonLibrary.build(sources: [
        ("a.md", lesson("alpha", order: 1, pages: 3, quizzes: ["alpha-one", "alpha-two", "alpha-three"])),
        ("b.md", lesson("beta", order: 2, pages: 2, quizzes: ["beta-one"])),
    ])

    let now = Date(timeIntervalSince1970: 1_710_061_200)

    func review(_ lesson: String, dueInDays days: Double, answers: [Bool], retry: Bool = false) -> QuestionReview {
        let schedule = QuestionSchedule(difficulty: 5, stability: 1, due: now.addingTimeInterval(days * 86_400), lastAnswered: now)
        var review = QuestionReview(lessonID: lesson, schedule: schedule)
        for correct in answers { review.record(Attempt(date: now, correct: correct, grade: correct ? .good : .again, seconds: 3, given: "1")) }
        if retry { review.record(Attempt(date: now, correct: true, grade: .good, seconds: 3, given: "1", isRetry: true)) }
        return review
    }

    @Test func linesPerLessonWithPagesKnownRecallAndDueQuestions() throws {
        #expect(Self.library.issues.isEmpty)
        var progress = LearnerProgress()
        progress["alpha"].markRead(page: 0, of: 3, at: now)
        progress["alpha"].markRead(page: 1, of: 3, at: now)
        progress.questions["alpha-one"] = review("alpha", dueInDays: -1, answers: [true, false], retry: true)
        progress.questions["alpha-two"] = review("alpha", dueInDays: 6, answers: [true])
        // A question of a lesson that has disappeared is still reported, under the lesson's id.
        progress.questions["gamma-one"] = review("gamma", dueInDays: 1, answers: [false])
        progress["gamma"].pagesRead = [0, 1]

        let report = ProgressReport(progress: progress, library: Self.library, now: now)
        #expect(report.lessons.map(\.id) == ["alpha", "beta", "gamma"])
        let alpha = report.lessons[0]
        #expect(alpha.title == "Lesson alpha")
        #expect((alpha.pagesRead, alpha.pageCount) == (2, 3))
        #expect(alpha.questionCount == 3)
        // Known: the latest counted answer is right. alpha-one's was wrong (the retry after it does not
        // count); alpha-two's was right.
        #expect((alpha.answered, alpha.known) == (2, 1))
        #expect(alpha.due == 1)
        // Both answered just now with S = 1 day: R(0, 1) = 1.
        #expect(alpha.recall == 1)
        #expect(report.lessons[1].recall == nil)
        #expect(report.lessons[1].pagesRead == 0)
        let gamma = report.lessons[2]
        #expect(!gamma.isLoaded)
        #expect((gamma.answered, gamma.known, gamma.questionCount) == (1, 0, 1))

        #expect(report.dueNow == 1)
        // alpha-three is new in an opened lesson; beta was never opened, so its question is not counted.
        #expect(report.newInOpenedLessons == 1)
        #expect(report.upcoming.map(\.count) == [1, 1])
        #expect(report.upcoming.first?.day == now.addingTimeInterval(86_400))
        #expect(report.totalKnown == (1, 5))
        // alpha-two (in 6 days) and gamma-one (tomorrow) fall due within the week.
        #expect(report.dueThisWeek == 2)
    }
}
