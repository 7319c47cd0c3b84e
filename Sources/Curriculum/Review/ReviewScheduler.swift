import Foundation

/// Decides when a question comes back: SuperMemo's SM-2 (Woźniak, 1990) with three documented choices.
///
/// After an answer graded q (0–5), with n right answers in a row before it and interval I:
///
///     q ≥ 3:  I ← 1 when n = 0,  6 when n = 1,  ⌈I · EF⌉ after that;   n ← n + 1
///     q < 3:  I ← 1;  n ← 0
///     EF ← max(1.3, EF + 0.1 − (5 − q)·(0.08 + (5 − q)·0.02))          (EF starts at 2.5)
///
/// and the question is due again I days after the day it was answered. The choices this variant makes:
/// - The interval is computed with the easiness from before this answer, then the easiness is updated,
///   as in Woźniak's steps 3 and 4; the easiness is updated after wrong answers too (so a question that
///   keeps being missed comes back more often once learnt), and kept to two decimals so ⌈I · EF⌉ never
///   rounds up on a floating-point crumb.
/// - Due dates are whole days in the learner's calendar: a question answered at 23:00 with I = 1 is due
///   from midnight, not 23:00 the next day.
/// - Only the first answer in a quiz moves the schedule. A wrong answer is asked again later in the same
///   quiz (SM-2's step 6) and the second try is kept in the history but does not count twice.
public struct ReviewScheduler: Equatable, Sendable {
    /// The easiness a question starts with.
    public static let initialEasiness = 2.5
    /// The easiness never falls below this, or intervals would stop growing.
    public static let minimumEasiness = 1.3

    /// The calendar whose days due dates fall on.
    public var calendar: Calendar

    public init(calendar: Calendar = .current) {
        self.calendar = calendar
    }

    /// The schedule after answering a question graded `grade` at `date`; `previous` is nil the first time.
    public func schedule(after previous: QuestionSchedule?, grade: RecallGrade, at date: Date) -> QuestionSchedule {
        let easiness = previous?.easiness ?? Self.initialEasiness
        let streak = previous?.streak ?? 0
        let interval: Int
        let newStreak: Int
        if grade.isPassing {
            switch streak {
            case 0: interval = 1
            case 1: interval = 6
            // The small subtraction keeps 15.000000001 from becoming 16.
            default: interval = Int((Double(previous?.intervalDays ?? 1) * easiness - 1e-9).rounded(.up))
            }
            newStreak = streak + 1
        } else {
            interval = 1
            newStreak = 0
        }
        let missing = Double(5 - grade.rawValue)
        let updated = max(Self.minimumEasiness, easiness + 0.1 - missing * (0.08 + missing * 0.02))
        let startOfDay = calendar.startOfDay(for: date)
        let due = calendar.date(byAdding: .day, value: interval, to: startOfDay)
            ?? startOfDay.addingTimeInterval(Double(interval) * 86_400)
        return QuestionSchedule(easiness: (updated * 100).rounded() / 100, streak: newStreak, intervalDays: interval,
                                due: due, lastAnswered: date)
    }
}
