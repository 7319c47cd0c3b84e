import Foundation
import Testing
@testable import Curriculum

@Suite("Review queue")
struct ReviewQueueTests {
    static let now = Date(timeIntervalSince1970: 1_710_061_200)

    func schedule(dueInDays days: Double) -> QuestionSchedule {
        QuestionSchedule(difficulty: 5, stability: 1, due: Self.now.addingTimeInterval(days * 86_400),
                         lastAnswered: Self.now.addingTimeInterval(-86_400))
    }

    var candidates: [ReviewQueue.Candidate] {
        [
            .init(id: "new-a", lessonID: "one", schedule: nil),
            .init(id: "due-yesterday", lessonID: "one", schedule: schedule(dueInDays: -1)),
            .init(id: "later", lessonID: "one", schedule: schedule(dueInDays: 3)),
            .init(id: "due-last-week", lessonID: "one", schedule: schedule(dueInDays: -7)),
            .init(id: "new-b", lessonID: "one", schedule: nil),
            .init(id: "soon", lessonID: "one", schedule: schedule(dueInDays: 1)),
        ]
    }

    @Test func withinALessonDueQuestionsComeFirstMostOverdueFirstThenNewOnesInCourseOrder() {
        let picked = ReviewQueue.pick(from: candidates, now: Self.now, limit: nil, ignoringSchedule: false)
        #expect(picked == ["due-last-week", "due-yesterday", "new-a", "new-b"])
    }

    @Test func theLimitKeepsTheMostUrgent() {
        #expect(ReviewQueue.pick(from: candidates, now: Self.now, limit: 3, ignoringSchedule: false)
                == ["due-last-week", "due-yesterday", "new-a"])
        #expect(ReviewQueue.pick(from: candidates, now: Self.now, limit: 0, ignoringSchedule: false).isEmpty)
    }

    @Test func ignoringTheScheduleAddsTheRestByDueDate() {
        #expect(ReviewQueue.pick(from: candidates, now: Self.now, limit: nil, ignoringSchedule: true)
                == ["due-last-week", "due-yesterday", "new-a", "new-b", "soon", "later"])
    }

    /// Three lessons: the first with three due questions, the second with one due and two new, the
    /// third (lesson 5, say) with only new ones.
    var threeLessons: [ReviewQueue.Candidate] {
        [
            .init(id: "a-due-1", lessonID: "a", schedule: schedule(dueInDays: -1)),
            .init(id: "a-due-2", lessonID: "a", schedule: schedule(dueInDays: -5)),
            .init(id: "a-due-3", lessonID: "a", schedule: schedule(dueInDays: -2)),
            .init(id: "b-new-1", lessonID: "b", schedule: nil),
            .init(id: "b-due", lessonID: "b", schedule: schedule(dueInDays: -1)),
            .init(id: "b-new-2", lessonID: "b", schedule: nil),
            .init(id: "c-new-1", lessonID: "c", schedule: nil),
            .init(id: "c-new-2", lessonID: "c", schedule: nil),
        ]
    }

    @Test func lessonsAreInterleavedSoTheLastLessonIsReachedEarly() {
        // One from each lesson in turn; within a lesson the most overdue first, then new in course order.
        #expect(ReviewQueue.pick(from: threeLessons, now: Self.now, limit: nil, ignoringSchedule: false)
                == ["a-due-2", "b-due", "c-new-1", "a-due-3", "b-new-1", "c-new-2", "a-due-1", "b-new-2"])
        // A quiz of three reaches all three lessons.
        #expect(ReviewQueue.pick(from: threeLessons, now: Self.now, limit: 3, ignoringSchedule: false) == ["a-due-2", "b-due", "c-new-1"])
    }

    @Test func newQuestionsAreCappedPerDayButDueOnesAreNot() {
        // Two new questions allowed today: the first two in course order (b-new-1, b-new-2).
        let capped = ReviewQueue.pick(from: threeLessons, now: Self.now, limit: nil, ignoringSchedule: false, newAllowance: 2)
        #expect(capped == ["a-due-2", "b-due", "a-due-3", "b-new-1", "a-due-1", "b-new-2"])
        #expect(ReviewQueue.pick(from: threeLessons, now: Self.now, limit: nil, ignoringSchedule: false, newAllowance: 0)
                == ["a-due-2", "b-due", "a-due-3", "a-due-1"])
        // --all asks everything whatever the cap.
        #expect(ReviewQueue.pick(from: threeLessons, now: Self.now, limit: nil, ignoringSchedule: true, newAllowance: 0).count == 8)
    }

    @Test func aWrongAnswerComesBackThreeQuestionsLater() {
        var queue = ReviewQueue(ids: ["a", "b", "c", "d", "e"])
        let first = queue.next()
        #expect(first == "a")
        let putBack = queue.retryLater("a")
        #expect(putBack)
        #expect(queue.upcoming == ["b", "c", "d", "a", "e"])
        #expect(queue.isWaiting("a"))
        #expect(queue.picked == 5)
    }

    @Test func nearTheEndAWrongAnswerComesBackLast() {
        var queue = ReviewQueue(ids: ["a", "b"])
        var asked = [queue.next()]
        queue.retryLater("a")
        #expect(queue.upcoming == ["b", "a"])
        asked += [queue.next(), queue.next()]
        #expect(asked == ["a", "b", "a"])
        queue.retryLater("a")
        // The only question left: it is asked again at once.
        #expect(queue.upcoming == ["a"])
    }

    @Test func aQuestionMissedOverAndOverIsLetGoAfterThreeRetries() {
        var queue = ReviewQueue(ids: ["hard"])
        var asked = 0
        while let id = queue.next() {
            asked += 1
            queue.retryLater(id)
        }
        #expect(asked == 1 + ReviewQueue.maximumRetries)
        #expect(queue.retries["hard"] == 3)
    }
}
