import Curriculum
import Foundation

/// One quiz on a page, as the learner answers it. It shares quiz mode's answer path: the same
/// `PosedQuestion`, the same `AnswerEntry` (so `31/50`, `0,25` and `−.5` type the same everywhere), the
/// same `Verdict`, and the screen's clock `now`, never the system clock.
///
/// Multiple choice: `1`…`9` answer at once, or `↑` `↓` and `Enter` (not `Space`, which reads on). Where every
/// right choice must be marked, `1`…`9` and `Space` mark and unmark, and `Enter` answers. Numeric and generated questions:
/// type the number, `Backspace` to correct, `Enter` to answer. `r` asks again: with fresh numbers for a
/// generated question. Only the first answer counts; answering again after seeing the answer is kept
/// as a second try that neither moves the schedule nor counts as right in the score.
public struct QuizState: Equatable, Sendable {
    let quiz: QuizBlock
    /// Draws the numbers of a generated question; moves on each time new numbers are asked for.
    private(set) var seed: UInt64
    /// The question as it is put now.
    private(set) var posed: PosedQuestion
    private(set) var entry = AnswerEntry()
    private(set) var verdict: Verdict?
    /// When the learner first turned to the question (its first key), for the time the answer took.
    private(set) var askedAt: Date?
    /// Whether an answer has been given (and the right one shown) on this visit.
    private(set) var hasAnswered = false
    /// Whether the learner asked for the author's hint.
    private(set) var showsHint = false

    /// How the learner's answer went.
    enum Outcome: Equatable, Sendable {
        case choice(Int, correct: Bool)
        /// The choices marked (ascending), where every right one had to be marked.
        case marked([Int], correct: Bool)
        case number(Double, correct: Bool)

        var isCorrect: Bool {
            switch self {
            case .choice(_, let correct), .marked(_, let correct), .number(_, let correct): correct
            }
        }
    }

    /// One answer, as the tutor records it.
    public struct Answer: Equatable, Sendable {
        var verdict: Verdict
        var answeredAt: Date
        var seconds: Double
        var kind: AnswerKind
        var words: Int
        /// False for an answer given after the right one was shown.
        var counts: Bool
    }

    init(quiz: QuizBlock, seed: UInt64) {
        self.quiz = quiz
        self.seed = seed
        posed = PosedQuestion(block: quiz, seed: seed)
    }

    var isMultipleChoice: Bool { quiz.form == .multipleChoice }

    /// Whether the learner marks every right choice rather than picking one.
    var marksAll: Bool { isMultipleChoice && quiz.choiceStyle == .markAll }

    var questionText: String { posed.prompt }
    var explanation: String { posed.explanation }
    var cursor: Int { entry.cursor }
    var marked: Set<Int> { entry.marked }
    var typed: String { entry.typed }
    var entryProblem: String? { entry.problem }

    /// The right number and how close an answer must be, for numeric and generated questions.
    var numericAnswer: (value: Double, tolerance: Double)? {
        if case .number(let value, let tolerance) = posed.expected { return (value, tolerance) }
        return nil
    }

    /// The outcome of the latest answer, nil before one (or after the entry changed).
    private(set) var outcome: Outcome?

    /// Applies one key: a key the quiz does not use comes back as `.screen(.keyNotUsed)`, an answer as
    /// `.screen(.answeredQuiz)` for the page's host to record.
    mutating func handle(_ key: Key, now: Date) -> [Effect] {
        if askedAt == nil { askedAt = now }
        if key == .character("r") {
            askAgain()
            return []
        }
        if key == .character("h"), posed.hint != nil {
            showsHint = true
            return []
        }
        if marksAll { return handleMarks(key, now: now) }
        return isMultipleChoice ? handleChoice(key, now: now) : handleNumber(key, now: now)
    }

    private mutating func handleMarks(_ key: Key, now: Date) -> [Effect] {
        if moveCursor(for: key) { return [] }
        switch key {
        case .character(" "):
            toggle(entry.cursor)
            return []
        case .character(let digit) where digit.isWholeNumber:
            guard let number = digit.wholeNumberValue, number >= 1, number <= quiz.choices.count else { return [] }
            entry.cursor = number - 1
            toggle(entry.cursor)
            return []
        case .enter:
            return judge(now: now)
        default:
            return [.screen(.keyNotUsed)]
        }
    }

    /// `↑` `↓` (or `k` `j`) move the cursor over the choices; false for any other key.
    private mutating func moveCursor(for key: Key) -> Bool {
        switch key {
        case .up, .character("k"): entry.cursor = max(0, entry.cursor - 1)
        case .down, .character("j"): entry.cursor = min(quiz.choices.count - 1, entry.cursor + 1)
        default: return false
        }
        return true
    }

    /// Marks or unmarks a choice; changing the marks after an answer starts a new one.
    private mutating func toggle(_ choice: Int) {
        outcome = nil
        entry.toggle(choice)
    }

    private mutating func handleChoice(_ key: Key, now: Date) -> [Effect] {
        if moveCursor(for: key) { return [] }
        switch key {
        case .enter:
            return judge(now: now)
        case .character(let digit) where digit.isWholeNumber:
            guard let number = digit.wholeNumberValue, number >= 1, number <= quiz.choices.count else { return [] }
            entry.cursor = number - 1
            return judge(now: now)
        default:
            return [.screen(.keyNotUsed)]
        }
    }

    private mutating func handleNumber(_ key: Key, now: Date) -> [Effect] {
        switch key {
        case .character(let character) where NumberEntry.isNumberCharacter(character):
            if outcome != nil { outcome = nil; entry.typed = "" }
            _ = entry.type(character)
            return []
        case .backspace, .delete:
            entry.deleteBackward()
            return []
        case .enter:
            return judge(now: now)
        default:
            return [.screen(.keyNotUsed)]
        }
    }

    /// Judges the entry as quiz mode does; the first answer on this visit counts, later ones do not.
    private mutating func judge(now: Date) -> [Effect] {
        guard let verdict = Verdict.judge(&entry, for: posed) else { return [] }
        self.verdict = verdict
        outcome = switch posed.expected {
        case .choices(_, _, .markAll): .marked(entry.marked.sorted(), correct: verdict.correct)
        case .choices: .choice(entry.cursor, correct: verdict.correct)
        case .number: .number(NumberEntry.parse(entry.typed) ?? .nan, correct: verdict.correct)
        }
        let counts = !hasAnswered
        hasAnswered = true
        let seconds = min(max(0, now.timeIntervalSince(askedAt ?? now)), ProgressLimits.seconds.upperBound)
        let answer = Answer(verdict: verdict, answeredAt: now, seconds: seconds, kind: posed.kind, words: posed.wordCount,
                            counts: counts)
        return [.screen(.answeredQuiz(quiz.id, answer))]
    }

    /// Clears the answer; a generated question draws new numbers.
    mutating func askAgain() {
        outcome = nil
        verdict = nil
        entry = AnswerEntry()
        if case .generated = quiz.form {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            posed = PosedQuestion(block: quiz, seed: seed)
        }
    }
}
