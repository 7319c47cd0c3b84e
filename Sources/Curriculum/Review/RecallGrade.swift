/// How well a question was recalled, on SM-2's scale from 0 (no idea) to 5 (instant and sure).
///
/// Grades 3 to 5 are right answers and move the question further into the future; grades 0 to 2 are
/// wrong answers and bring it back tomorrow (and again later in the same quiz).
public enum RecallGrade: Int, Codable, CaseIterable, Comparable, Sendable {
    /// No idea at all: the learner gave up without answering.
    case blackout = 0
    /// A wrong answer.
    case wrong = 1
    /// A wrong answer, but the right one looked familiar once shown.
    case almost = 2
    /// Right, after a real struggle.
    case hard = 3
    /// Right, after some thought.
    case good = 4
    /// Right at once, without doubt.
    case easy = 5

    /// Whether the grade is a right answer (3 and above), which lengthens the interval.
    public var isPassing: Bool { rawValue >= 3 }

    /// The word shown to the learner, e.g. `good`.
    public var name: String {
        switch self {
        case .blackout: "no idea"
        case .wrong: "wrong"
        case .almost: "almost"
        case .hard: "hard"
        case .good: "good"
        case .easy: "easy"
        }
    }

    public static func < (lhs: RecallGrade, rhs: RecallGrade) -> Bool { lhs.rawValue < rhs.rawValue }
}
