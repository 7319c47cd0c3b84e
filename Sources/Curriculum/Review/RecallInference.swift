/// Guesses how well a question was recalled from whether the answer was right and how long it took,
/// so the learner is not asked to grade every answer (they may still change the guess).
///
/// A right answer within the time needed to read the question and think briefly is `easy`, within two
/// and a half times that `good`, and slower `hard`. Reading is counted at 200 words a minute (0.3 s a
/// word); thinking is 5 s for a question to recall and 30 s for one that needs a calculation.
/// A wrong answer is `wrong`, and giving up without answering is `blackout`.
public enum RecallInference {
    /// Seconds to read one word.
    public static let secondsPerWord = 0.3
    /// Seconds to think about a question answered from memory.
    public static let recallSeconds = 5.0
    /// Seconds to think about a question that needs a calculation.
    public static let calculationSeconds = 30.0

    /// The inferred grade for one answer.
    /// - Parameters:
    ///   - correct: whether the answer was right.
    ///   - gaveUp: whether the learner asked for the answer instead of answering.
    ///   - seconds: from the question appearing to the answer.
    ///   - words: the words in the question and its choices.
    ///   - needsCalculation: whether the answer has to be worked out (numeric questions).
    public static func grade(correct: Bool, gaveUp: Bool = false, seconds: Double, words: Int, needsCalculation: Bool) -> RecallGrade {
        guard correct else { return gaveUp ? .blackout : .wrong }
        let allowance = Double(words) * secondsPerWord + (needsCalculation ? calculationSeconds : recallSeconds)
        if seconds <= allowance { return .easy }
        if seconds <= allowance * 2.5 { return .good }
        return .hard
    }

    /// The number of words in `text`, for the reading allowance.
    public static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).count
    }
}
