/// Judges how well a question was recalled from whether the answer was right and how long it took,
/// so the learner is never asked to grade an answer.
///
/// Each kind of question has its own thinking time: a true-or-false is answered in moments, a
/// calculation takes a minute. A right answer within the reading time (0.3 s a word, 200 words a
/// minute) plus three times the thinking time is `good`; slower than that it is `hard`. A wrong answer,
/// or giving up, is `again`.
public enum RecallInference {
    /// Seconds to read one word.
    public static let secondsPerWord = 0.3
    /// How many times a kind's thinking time a right answer may take and still be `good`.
    public static let slowFactor = 3.0

    /// The inferred grade for one answer.
    /// - Parameters:
    ///   - correct: whether the answer was right.
    ///   - seconds: from the question appearing to the answer.
    ///   - words: the words in the question and its choices.
    ///   - kind: what sort of answer the question asks for.
    public static func grade(correct: Bool, seconds: Double, words: Int, kind: AnswerKind) -> RecallGrade {
        guard correct else { return .again }
        return seconds <= allowance(words: words, kind: kind) ? .good : .hard
    }

    /// The longest a right answer may take and still be `good`.
    public static func allowance(words: Int, kind: AnswerKind) -> Double {
        Double(max(0, words)) * secondsPerWord + kind.thinkingSeconds * slowFactor
    }

    /// The number of words in `text`, for the reading allowance.
    public static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).count
    }
}

/// What sort of answer a question asks for, which sets how long thinking about it may take.
public enum AnswerKind: String, Codable, CaseIterable, Sendable {
    /// True or false: recognised at once.
    case trueOrFalse
    /// One choice among several.
    case choice
    /// Every right choice among several.
    case markAll
    /// A number to work out.
    case calculation

    /// Seconds a learner who knows the answer needs to think, reading aside.
    public var thinkingSeconds: Double {
        switch self {
        case .trueOrFalse: 3
        case .choice: 5
        case .markAll: 8
        case .calculation: 30
        }
    }
}
