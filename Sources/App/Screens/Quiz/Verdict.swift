import Curriculum

/// How one answer went: right or wrong, what the learner gave and what was right, in words.
struct Verdict: Equatable, Sendable {
    var correct: Bool
    /// The learner asked for the answer instead of answering.
    var gaveUp: Bool
    /// What the learner answered, e.g. `2. It lowers the first weight` or `0.62`.
    var given: String
    /// Short form of the answer for the history, e.g. `2`, `1, 3`, `0.62`.
    var givenShort: String
    /// The right answer, e.g. `3. No single straight line…` or `0.6225 (any answer within 0.01 of it counts)`.
    var rightAnswer: String
    /// The chosen choice for `QuizAnswer` (the first marked one), −1 for a number.
    var choice: Int
    /// The engine's value, when a number was typed that differs from it (right or not).
    var exactValue: String?
    /// The author's note for the wrong choice picked, if any.
    var feedback: String?

    /// Judges `entry` against `question`; nil when there is nothing to judge yet, with the reason put
    /// in `entry.problem`.
    static func judge(_ entry: inout AnswerEntry, for question: PosedQuestion) -> Verdict? {
        switch question.expected {
        case .choices(let choices, let right, let style):
            let chosen: [Int]
            if style == .markAll {
                guard !entry.marked.isEmpty else {
                    entry.problem = "Mark every right choice with Space or its number, then press Enter."
                    return nil
                }
                chosen = entry.marked.sorted()
            } else {
                chosen = [entry.cursor]
            }
            return Verdict(
                correct: chosen == right, gaveUp: false,
                given: chosen.map { "\($0 + 1). \(choices[$0])" }.joined(separator: "; "),
                givenShort: chosen.map { "\($0 + 1)" }.joined(separator: ", "),
                rightAnswer: right.map { "\($0 + 1). \(choices[$0])" }.joined(separator: "; "),
                choice: chosen.first ?? -1, exactValue: nil,
                feedback: chosen == right ? nil : chosen.lazy.filter { !right.contains($0) }.compactMap { question.feedback[$0] }.first)
        case .number(let value, let tolerance):
            guard !entry.typed.isEmpty else {
                entry.problem = "Type a number first, e.g. 0.25, then press Enter."
                return nil
            }
            guard let typed = NumberEntry.parse(entry.typed) else {
                entry.problem = "'\(entry.typed)' is not a number: use digits, a point, a minus sign, or a fraction like 1/4."
                return nil
            }
            let exact = typed == value ? nil : NumberEntry.show(value, decimals: NumberEntry.decimals(for: tolerance) + 1)
            return Verdict(correct: NumberEntry.isClose(typed, to: value, tolerance: tolerance), gaveUp: false,
                           given: entry.typed, givenShort: entry.typed,
                           rightAnswer: rightNumber(value, tolerance: tolerance), choice: -1, exactValue: exact, feedback: nil)
        }
    }

    /// The verdict when the learner gives up: wrong, with the right answer shown.
    static func gaveUp(on question: PosedQuestion) -> Verdict {
        let right: String
        switch question.expected {
        case .choices(let choices, let answers, _):
            right = answers.map { "\($0 + 1). \(choices[$0])" }.joined(separator: "; ")
        case .number(let value, let tolerance):
            right = rightNumber(value, tolerance: tolerance)
        }
        return Verdict(correct: false, gaveUp: true, given: "(no answer)", givenShort: "", rightAnswer: right, choice: -1, exactValue: nil,
                       feedback: nil)
    }

    /// `0.6225 (any answer within 0.01 of it counts)`: the engine's value and how close an answer must be.
    static func rightNumber(_ value: Double, tolerance: Double) -> String {
        let decimals = NumberEntry.decimals(for: tolerance)
        return "\(NumberEntry.show(value, decimals: decimals + 1)) (any answer within \(NumberEntry.show(tolerance, decimals: decimals + 1)) of it counts)"
    }
}
