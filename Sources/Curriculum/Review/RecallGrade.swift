/// How well a question was recalled, on FSRS's four-point scale.
///
/// The learner never has to pick one: `RecallInference` judges it from whether the answer was right and
/// how long it took, as reported recall predicts better from right/wrong than from four buttons.
public enum RecallGrade: Int, Codable, CaseIterable, Comparable, Sendable {
    /// Forgotten: a wrong answer, or giving up.
    case again = 1
    /// Right, but only after a long struggle.
    case hard = 2
    /// Right.
    case good = 3
    /// Right at once (only ever given for answers converted from older grades).
    case easy = 4

    /// Whether the grade is a right answer, which lengthens the interval.
    public var isPassing: Bool { self != .again }

    /// The word shown to the learner, e.g. `good`.
    public var name: String {
        switch self {
        case .again: "forgotten"
        case .hard: "hard"
        case .good: "good"
        case .easy: "easy"
        }
    }

    public static func < (lhs: RecallGrade, rhs: RecallGrade) -> Bool { lhs.rawValue < rhs.rawValue }
}
