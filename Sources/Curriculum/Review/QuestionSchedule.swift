import Foundation

/// When a question comes back, and what the scheduler has learnt about how easily it is recalled.
public struct QuestionSchedule: Codable, Equatable, Sendable {
    /// SM-2's easiness factor: how much the interval grows after each right answer (at least 1.3).
    public var easiness: Double
    /// Right answers in a row since the last wrong one.
    public var streak: Int
    /// Days from the last answer to the next review.
    public var intervalDays: Int
    /// The start of the day the question is due again.
    public var due: Date
    /// When the question was last answered.
    public var lastAnswered: Date

    public init(easiness: Double, streak: Int, intervalDays: Int, due: Date, lastAnswered: Date) {
        self.easiness = easiness
        self.streak = streak
        self.intervalDays = intervalDays
        self.due = due
        self.lastAnswered = lastAnswered
    }

    /// Whether the question should be asked at `date`.
    public func isDue(at date: Date) -> Bool { due <= date }
}
