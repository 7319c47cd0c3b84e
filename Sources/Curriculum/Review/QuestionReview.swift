import Foundation

/// Everything kept about one question: the lesson it belongs to, its schedule and its history.
public struct QuestionReview: Codable, Equatable, Sendable {
    /// The most answers kept in memory per question (the review log in the store keeps every one).
    public static let historyLimit = 50

    /// The lesson the question belongs to, so progress can be summed per lesson without the lesson files.
    public var lessonID: String
    /// When the question comes back; nil until it is first answered.
    public var schedule: QuestionSchedule?
    /// The answers given, oldest first, at most `historyLimit`.
    public var history: [Attempt]

    public init(lessonID: String, schedule: QuestionSchedule? = nil, history: [Attempt] = []) {
        self.lessonID = lessonID
        self.schedule = schedule
        self.history = history
    }

    /// Adds an answer to the history, dropping the oldest beyond `historyLimit`.
    public mutating func record(_ attempt: Attempt) {
        history.append(attempt)
        if history.count > Self.historyLimit { history.removeFirst(history.count - Self.historyLimit) }
    }

    /// The answers that counted for the schedule (first tries, not second tries within a quiz).
    public var firstTries: [Attempt] { history.filter { !$0.isRetry } }

    /// Whether the latest first try was right; nil when never answered.
    public var lastAnswerWasRight: Bool? { firstTries.last?.correct }
}
