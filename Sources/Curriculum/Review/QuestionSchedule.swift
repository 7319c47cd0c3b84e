import Foundation

/// What the scheduler knows about one question's memory, and when it comes back.
///
/// FSRS describes a memory by its difficulty D (1 to 10: how hard the question is to make stick) and its
/// stability S (the days until the chance of recall falls to 90 %); from them and the time since the last
/// answer follows the retrievability R, the chance of recalling it now (see `ReviewScheduler`).
public struct QuestionSchedule: Codable, Equatable, Sendable {
    /// The allowed range of difficulty.
    public static let difficultyRange: ClosedRange<Double> = 1...10
    /// The allowed range of stability, in days: from about a minute and a half to a hundred years.
    public static let stabilityRange: ClosedRange<Double> = 0.001...36_500
    /// The most reviews or lapses counted.
    public static let countRange: ClosedRange<Int> = 0...1_000_000

    /// D: how hard the question is to remember, 1 (easy) to 10 (hard).
    public var difficulty: Double
    /// S: the days after the last answer until the chance of recall falls to 90 %.
    public var stability: Double
    /// The start of the day the question is due again.
    public var due: Date
    /// When the question was last answered (first tries only).
    public var lastAnswered: Date
    /// How many answers moved the schedule.
    public var reviews: Int
    /// How many of them were wrong.
    public var lapses: Int

    public init(difficulty: Double, stability: Double, due: Date, lastAnswered: Date, reviews: Int = 1, lapses: Int = 0) {
        self.difficulty = difficulty
        self.stability = stability
        self.due = due
        self.lastAnswered = lastAnswered
        self.reviews = reviews
        self.lapses = lapses
    }

    /// Whether the question should be asked at `date`.
    public func isDue(at date: Date) -> Bool { due <= date }

    /// Whole days from the last answer to the due date.
    public var intervalDays: Int { max(0, Int((due.timeIntervalSince(lastAnswered) / 86_400).rounded(.up))) }

    /// Why the schedule cannot be used, or nil when every value is in range.
    public var problem: String? {
        if !difficulty.isFinite || !Self.difficultyRange.contains(difficulty) { return "difficulty \(difficulty) is outside 1 to 10" }
        if !stability.isFinite || !Self.stabilityRange.contains(stability) { return "stability \(stability) is outside 0.001 to 36500 days" }
        if !ProgressLimits.dates.contains(due.timeIntervalSince1970) { return "the due date is not between 1970 and 2200" }
        if !ProgressLimits.dates.contains(lastAnswered.timeIntervalSince1970) { return "the last answer's date is not between 1970 and 2200" }
        if !Self.countRange.contains(reviews) || !Self.countRange.contains(lapses) { return "the count of reviews or lapses is out of range" }
        return nil
    }
}
