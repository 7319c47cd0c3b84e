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
            .init(id: "new-a", schedule: nil),
            .init(id: "due-yesterday", schedule: schedule(dueInDays: -1)),
            .init(id: "later", schedule: schedule(dueInDays: 3)),
            .init(id: "due-last-week", schedule: schedule(dueInDays: -7)),
            .init(id: "new-b", schedule: nil),
            .init(id: "soon", schedule: schedule(dueInDays: 1)),
        ]
    }

    @Test func dueQuestionsComeFirstMostOverdueFirstThenNewOnesInCourseOrder() {
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
