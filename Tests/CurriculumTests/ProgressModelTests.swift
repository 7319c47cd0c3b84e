import Foundation
import Testing
@testable import Curriculum

@Suite("Progress model")
struct ProgressModelTests {
    let day = Date(timeIntervalSince1970: 1_710_028_800)

    @Test func aLessonIsFinishedTheFirstTimeEveryPageHasBeenRead() {
        var lesson = LessonProgress()
        lesson.markRead(page: 0, of: 3, at: day)
        lesson.markRead(page: 2, of: 3, at: day.addingTimeInterval(60))
        #expect(lesson.finishedAt == nil)
        #expect(lesson.lastPage == 2)
        lesson.markRead(page: 1, of: 3, at: day.addingTimeInterval(120))
        #expect(lesson.finishedAt == day.addingTimeInterval(120))
        // Reading it again later keeps the first finishing date.
        lesson.markRead(page: 0, of: 3, at: day.addingTimeInterval(999))
        #expect(lesson.finishedAt == day.addingTimeInterval(120))
        #expect(lesson.lastPage == 0)
    }

    @Test func aLessonOpenedMeansAPageRead() {
        var progress = LearnerProgress()
        #expect(!progress.hasOpened("perceptron"))
        progress["perceptron"].lastPage = 0
        #expect(!progress.hasOpened("perceptron"))
        progress["perceptron"].markRead(page: 0, of: 5, at: day)
        #expect(progress.hasOpened("perceptron"))
    }

    @Test func questionsThatLeftTheirLessonAreDroppedAndNoOthers() {
        var progress = LearnerProgress()
        let schedule = QuestionSchedule(difficulty: 5, stability: 2, due: day, lastAnswered: day)
        for (id, lesson) in [("kept", "perceptron"), ("removed", "perceptron"), ("other-kept", "forward"), ("broken-lesson", "backprop")] {
            progress.questions[id] = QuestionReview(lessonID: lesson, schedule: schedule)
        }
        // `backprop` failed to load, so it is absent: its question must survive.
        let dropped = progress.questionsMissing(from: ["perceptron": ["kept", "new-one"], "forward": ["other-kept"]])
        #expect(dropped == ["removed"])
        progress.apply(.questionsDropped(dropped))
        #expect(Set(progress.questions.keys) == ["kept", "other-kept", "broken-lesson"])
        #expect(progress.questions["kept"]?.schedule == schedule)
    }

    @Test func historyKeepsTheLatestFiftyAnswers() {
        var review = QuestionReview(lessonID: "perceptron")
        for index in 0..<60 {
            review.record(Attempt(date: day.addingTimeInterval(Double(index)), correct: index.isMultiple(of: 2), grade: .good,
                                  seconds: 1, given: "\(index)", isRetry: index == 59))
        }
        #expect(review.history.count == QuestionReview.historyLimit)
        #expect(review.history.first?.given == "10")
        #expect(review.history.last?.given == "59")
        // The retry does not count as the last first try: 58 was right.
        #expect(review.lastAnswerWasRight == true)
        #expect(review.firstTries.count == 49)
    }

    /// B6: answering again after being shown the answer is kept, but never makes a question known.
    @Test func anAnswerAfterTheRightOneWasShownNeverCountsAsRight() {
        var progress = LearnerProgress()
        func answer(_ correct: Bool, counts: Bool, at offset: Double) {
            progress.apply(.answered(AnswerRecord(questionID: "q", lessonID: "l", answeredAt: day.addingTimeInterval(offset), seconds: 3,
                                                  correct: correct, given: "1", grade: correct ? .good : .again, kind: .choice,
                                                  counts: counts, source: .page)))
        }
        answer(false, counts: true, at: 0)
        answer(true, counts: false, at: 10)
        #expect(progress.knownCount(among: ["q"]) == 0)
        #expect(progress.questions["q"]?.history.count == 2)
        #expect(progress.questions["q"]?.schedule?.reviews == 1)
        #expect(progress.questions["q"]?.schedule?.lapses == 1)
        answer(true, counts: true, at: 86_400)
        #expect(progress.knownCount(among: ["q"]) == 1)
    }
}
