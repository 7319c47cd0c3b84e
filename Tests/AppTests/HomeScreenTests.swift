import Curriculum
import Foundation
import Testing
@testable import App

@Suite("Home screen")
struct HomeScreenTests {
    @Test func listsLessonsInOrderWithSummariesToolsAndNotes() {
        let tutor = Fixtures.tutor()
        let lines = tutor.screenLines
        #expect(lines.count == 24)
        #expect(lines[0].hasPrefix(" gradschool"))
        #expect(lines[0].hasSuffix("2 lessons"))
        let first = lines.firstIndex { $0.contains("1  First steps") }
        let second = lines.firstIndex { $0.contains("2  Second steps") }
        #expect(first != nil && second != nil)
        if let first, let second {
            #expect(first < second)
            #expect(lines[first].contains("▸"))
            #expect(!lines[second].contains("▸"))
            #expect(lines[first + 1].contains("Where everything starts."))
        }
        #expect(lines.contains { $0.contains("Playground") && $0.contains("build and train a network of your own") && !$0.hasSuffix("coming soon") })
        #expect(lines.contains { $0.contains("Quiz") && $0.hasSuffix("nothing due") })
        // The broken lesson is left out of the list but named in a note with its first problem.
        #expect(!lines.contains { $0.contains("3  Broken") })
        #expect(tutor.screenText.contains("03-broken.md was left out: line 9: unknown widget 'teleporter'"))
        #expect(lines[23].contains("Enter open"))
    }

    @Test func showsPagesReadAndQuizScore() {
        var progress = LearnerProgress()
        progress["first"].pagesRead = [0, 2]
        progress.apply(.answered(AnswerRecord(questionID: "first-question", lessonID: "first", answeredAt: Date(timeIntervalSince1970: 0),
                                              seconds: 3, correct: true, given: "2", grade: .good, kind: .choice, counts: true, source: .page)))
        let lines = Fixtures.tutor(progress: progress).screenLines
        let firstLine = lines.first { $0.contains("First steps") } ?? ""
        // Known (latest answer right), and due: answered long ago.
        #expect(firstLine.hasSuffix("2/3 pages · quiz 1/1 · 1 due"))
        let secondLine = lines.first { $0.contains("Second steps") } ?? ""
        #expect(secondLine.hasSuffix("not started"))
    }

    @Test func arrowsMoveTheSelectionAndEnterOpensTheLesson() {
        var tutor = Fixtures.tutor()
        tutor.press(.down)
        #expect(tutor.screenLines.first { $0.contains("Second steps") }?.contains("▸") == true)
        tutor.press(.up, .up)
        #expect(tutor.screenLines.first { $0.contains("First steps") }?.contains("▸") == true)
        let effects = tutor.press(.enter)
        guard case .reader(let reader) = tutor.screen else {
            Issue.record("Enter should open the reader")
            return
        }
        #expect(reader.lesson.id == "first")
        #expect(reader.page == 0)
        // Opening a page records it as read, as one event for the store.
        #expect(effects == [.record(.pageRead(lessonID: "first", page: 0, pageCount: reader.lesson.pages.count, at: tutor.now))])
        #expect(tutor.progress["first"].pagesRead == [0])
    }

    @Test func digitsOpenLessonsByTheirNumber() {
        var tutor = Fixtures.tutor()
        tutor.press(.character("2"))
        guard case .reader(let reader) = tutor.screen else {
            Issue.record("2 should open the second lesson")
            return
        }
        #expect(reader.lesson.id == "second")
    }

    @Test func theToolEntriesOpenThePlaygroundAndTheQuiz() {
        var tutor = Fixtures.tutor()
        tutor.press(.end, .up, .enter)
        guard case .playground = tutor.screen else {
            Issue.record("the playground entry should open the playground")
            return
        }
        var quizTutor = Fixtures.tutor()
        quizTutor.press(.end, .enter)
        guard case .quiz = quizTutor.screen else {
            Issue.record("the quiz entry should open quiz mode")
            return
        }
        #expect(!tutor.screenText.contains("coming soon") && !quizTutor.screenText.contains("coming soon"))
    }

    @Test func clickSelectsAndASecondClickOpens() throws {
        var tutor = Fixtures.tutor()
        let row = try #require(tutor.screenLines.firstIndex { $0.contains("Second steps") })
        _ = tutor.update(.click(x: 10, y: row))
        #expect(tutor.screenLines[row].contains("▸"))
        _ = tutor.update(.click(x: 10, y: row))
        guard case .reader(let reader) = tutor.screen else {
            Issue.record("a second click should open the lesson")
            return
        }
        #expect(reader.lesson.id == "second")
    }

    @Test func noticesAppearAsNotes() {
        var tutor = Fixtures.tutor()
        tutor.notices = ["Your progress file could not be used."]
        #expect(tutor.screenText.contains("! Your progress file could not be used."))
    }
}
