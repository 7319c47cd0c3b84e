import Foundation
import Testing
@testable import Curriculum

/// SM-2 intervals worked by hand (see `ReviewScheduler` for the rule):
/// q ≥ 3 gives 1 day, then 6, then ⌈previous · EF⌉ with the EF from before the answer;
/// q < 3 gives 1 day and restarts the streak; EF += 0.1 − (5 − q)(0.08 + (5 − q)·0.02), at least 1.3.
@Suite("Review scheduler")
struct ReviewSchedulerTests {
    static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    /// 2024-03-10 09:00 UTC.
    static let start = Date(timeIntervalSince1970: 1_710_061_200)

    /// Answers a new question with `grades`, each on the day it falls due, and returns every schedule.
    func run(_ grades: [RecallGrade]) -> [QuestionSchedule] {
        let scheduler = ReviewScheduler(calendar: Self.utc)
        var schedules: [QuestionSchedule] = []
        var date = Self.start
        for grade in grades {
            let next = scheduler.schedule(after: schedules.last, grade: grade, at: date)
            schedules.append(next)
            date = next.due.addingTimeInterval(9 * 3600)
        }
        return schedules
    }

    @Test func perfectAnswersGrowTheIntervalAndTheEasiness() {
        // EF 2.5 → 2.6 → 2.7 → 2.8 → 2.9; intervals 1, 6, ⌈6·2.7⌉ = 17, ⌈17·2.8⌉ = ⌈47.6⌉ = 48.
        let schedules = run([.easy, .easy, .easy, .easy])
        #expect(schedules.map(\.intervalDays) == [1, 6, 17, 48])
        #expect(schedules.map(\.easiness) == [2.6, 2.7, 2.8, 2.9])
        #expect(schedules.map(\.streak) == [1, 2, 3, 4])
    }

    @Test func goodAnswersKeepTheEasiness() {
        // q = 4 changes EF by 0.1 − 1·(0.08 + 0.02) = 0; intervals 1, 6, 6·2.5 = 15, ⌈15·2.5⌉ = ⌈37.5⌉ = 38.
        let schedules = run([.good, .good, .good, .good])
        #expect(schedules.map(\.intervalDays) == [1, 6, 15, 38])
        #expect(schedules.allSatisfy { $0.easiness == 2.5 })
    }

    @Test func hardAnswersShrinkTheEasinessByFourteenHundredths() {
        // q = 3: EF −0.14 each time: 2.36, 2.22, 2.08, 1.94, 1.80.
        // Intervals 1, 6, ⌈6·2.22⌉ = 14, ⌈14·2.08⌉ = ⌈29.12⌉ = 30, ⌈30·1.94⌉ = ⌈58.2⌉ = 59.
        let schedules = run([.hard, .hard, .hard, .hard, .hard])
        #expect(schedules.map(\.intervalDays) == [1, 6, 14, 30, 59])
        #expect(schedules.map(\.easiness) == [2.36, 2.22, 2.08, 1.94, 1.8])
    }

    @Test func aWrongAnswerRestartsTheIntervalsButKeepsTheLowerEasiness() {
        // 4, 4: 1 and 6 days. 3: 6·2.5 = 15 days, EF 2.36. 1: back to 1 day, streak 0,
        // EF 2.36 + 0.1 − 4·(0.08 + 0.08) = 1.82. 4, 4: 1 and 6 days again. 5: ⌈6·1.82⌉ = ⌈10.92⌉ = 11, EF 1.92.
        let schedules = run([.good, .good, .hard, .wrong, .good, .good, .easy])
        #expect(schedules.map(\.intervalDays) == [1, 6, 15, 1, 1, 6, 11])
        #expect(schedules.map(\.streak) == [1, 2, 3, 0, 1, 2, 3])
        #expect(schedules.map(\.easiness) == [2.5, 2.5, 2.36, 1.82, 1.82, 1.82, 1.92])
    }

    @Test func theEasinessNeverFallsBelowOnePointThree() {
        // q = 0: EF + 0.1 − 5·(0.08 + 0.1) = EF − 0.8: 2.5 → 1.7 → 1.3 (not 0.9) → 1.3.
        let schedules = run([.blackout, .blackout, .blackout])
        #expect(schedules.map(\.easiness) == [1.7, 1.3, 1.3])
        #expect(schedules.map(\.intervalDays) == [1, 1, 1])
        // Afterwards good answers grow the interval by 1.3: 1, 6, ⌈6·1.3⌉ = ⌈7.8⌉ = 8.
        let scheduler = ReviewScheduler(calendar: Self.utc)
        var schedule = schedules.last!
        var intervals: [Int] = []
        for _ in 0..<3 {
            schedule = scheduler.schedule(after: schedule, grade: .good, at: schedule.due)
            intervals.append(schedule.intervalDays)
        }
        #expect(intervals == [1, 6, 8])
    }

    @Test func aProductThatIsWholeInDecimalsIsNotRoundedUpOnAFloatingPointCrumb() {
        // 5 · 2.2 is 11.000000000000002 in binary floating point; the interval must be 11, not 12.
        let previous = QuestionSchedule(easiness: 2.2, streak: 2, intervalDays: 5, due: Self.start, lastAnswered: Self.start)
        let next = ReviewScheduler(calendar: Self.utc).schedule(after: previous, grade: .good, at: Self.start)
        #expect(next.intervalDays == 11)
    }

    @Test func dueDatesFallOnTheStartOfADay() throws {
        // Answered at 23:30 on 10 March: due from midnight on 11 March, not at 23:30.
        let lateEvening = Date(timeIntervalSince1970: 1_710_113_400) // 2024-03-10 23:30 UTC
        let schedule = ReviewScheduler(calendar: Self.utc).schedule(after: nil, grade: .good, at: lateEvening)
        #expect(schedule.due == Date(timeIntervalSince1970: 1_710_115_200)) // 2024-03-11 00:00 UTC
        #expect(schedule.lastAnswered == lateEvening)
        #expect(!schedule.isDue(at: lateEvening))
        #expect(schedule.isDue(at: Date(timeIntervalSince1970: 1_710_115_200)))
    }

    @Test func gradesAboveTwoPass() {
        #expect(RecallGrade.allCases.filter(\.isPassing) == [.hard, .good, .easy])
    }
}

@Suite("Recall inferred from the answer and its time")
struct RecallInferenceTests {
    @Test func wrongAnswersAndGivingUp() {
        #expect(RecallInference.grade(correct: false, seconds: 1, words: 5, needsCalculation: false) == .wrong)
        #expect(RecallInference.grade(correct: false, gaveUp: true, seconds: 1, words: 5, needsCalculation: false) == .blackout)
    }

    @Test func rightAnswersByTime() {
        // 10 words: 10 · 0.3 s reading + 5 s recall = 8 s; good up to 2.5 · 8 = 20 s.
        #expect(RecallInference.grade(correct: true, seconds: 8, words: 10, needsCalculation: false) == .easy)
        #expect(RecallInference.grade(correct: true, seconds: 8.5, words: 10, needsCalculation: false) == .good)
        #expect(RecallInference.grade(correct: true, seconds: 20, words: 10, needsCalculation: false) == .good)
        #expect(RecallInference.grade(correct: true, seconds: 21, words: 10, needsCalculation: false) == .hard)
        // A calculation gets 30 s of thinking: 3 + 30 = 33 s easy, up to 82.5 s good.
        #expect(RecallInference.grade(correct: true, seconds: 30, words: 10, needsCalculation: true) == .easy)
        #expect(RecallInference.grade(correct: true, seconds: 80, words: 10, needsCalculation: true) == .good)
        #expect(RecallInference.grade(correct: true, seconds: 90, words: 10, needsCalculation: true) == .hard)
    }

    @Test func wordsAreCountedBetweenSpaces() {
        #expect(RecallInference.wordCount("What is  σ(0)?\nPick one") == 5)
        #expect(RecallInference.wordCount("") == 0)
    }
}

@Suite("Due dates in words")
struct DueDateTextTests {
    @Test func daysAhead() {
        let calendar = ReviewSchedulerTests.utc
        let now = ReviewSchedulerTests.start // 10 March, 09:00
        let day: TimeInterval = 86_400
        let midnight = calendar.startOfDay(for: now)
        #expect(DueDateText.describe(now.addingTimeInterval(-1), from: now, calendar: calendar) == "now")
        #expect(DueDateText.describe(now.addingTimeInterval(3600), from: now, calendar: calendar) == "later today")
        #expect(DueDateText.describe(midnight.addingTimeInterval(day), from: now, calendar: calendar) == "tomorrow")
        #expect(DueDateText.describe(midnight.addingTimeInterval(6 * day), from: now, calendar: calendar) == "in 6 days")
        #expect(DueDateText.describe(midnight.addingTimeInterval(20 * day), from: now, calendar: calendar) == "in 20 days (30 Mar)")
    }
}
