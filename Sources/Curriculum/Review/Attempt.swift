import Foundation

/// One answer the learner gave to a question, kept in the question's history.
public struct Attempt: Codable, Equatable, Sendable {
    /// When the answer was given.
    public var date: Date
    /// Whether it was right.
    public var correct: Bool
    /// How well it was recalled, as graded or inferred.
    public var grade: RecallGrade
    /// How long the learner took, in seconds.
    public var seconds: Double
    /// What the learner answered, as shown back to them (e.g. `2`, `0.62`, `1, 3`).
    public var given: String
    /// Whether the answer was given again after the right one was shown (a second try within a sitting):
    /// it is kept in the history but neither moves the schedule nor counts in the score.
    public var isRetry: Bool

    public init(date: Date, correct: Bool, grade: RecallGrade, seconds: Double, given: String, isRetry: Bool = false) {
        self.date = date
        self.correct = correct
        self.grade = grade
        self.seconds = seconds
        self.given = given
        self.isRetry = isRetry
    }
}
