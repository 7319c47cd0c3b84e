import Curriculum
import Foundation

/// One quiz on a page, as the learner answers it: the choice under the cursor or the number being
/// typed, and the outcome once answered.
///
/// Multiple choice: `1`…`9` answer at once, or `↑` `↓` and `Enter` (not `Space`, which reads on). Where every
/// right choice must be marked, `1`…`9` and `Space` mark and unmark, and `Enter` answers. Numeric and generated questions:
/// type the number (digits, `.`, `-`), `Backspace` to correct, `Enter` to answer. `r` asks again: with
/// fresh numbers for a generated question. A learner may answer again after seeing the outcome.
struct QuizState: Equatable, Sendable {
    let quiz: QuizBlock
    /// Draws the numbers of a generated question; moves on each time new numbers are asked for.
    private(set) var seed: UInt64
    /// The question as drawn, for a generated quiz.
    private(set) var generated: GeneratedQuestion?
    /// The choice under the cursor (multiple choice).
    private(set) var cursor = 0
    /// The choices marked so far, where every right choice must be marked.
    private(set) var marked: Set<Int> = []
    /// What the learner has typed so far (numeric).
    private(set) var typed = ""
    /// Set when `Enter` found no number in `typed`.
    private(set) var entryProblem: String?
    private(set) var outcome: Outcome?

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

    init(quiz: QuizBlock, seed: UInt64) {
        self.quiz = quiz
        self.seed = seed
        if case .generated(let template) = quiz.form {
            generated = GeneratedQuestion(template: template, seed: seed)
        }
    }

    var isMultipleChoice: Bool { quiz.form == .multipleChoice }

    /// Whether the learner marks every right choice rather than picking one.
    var marksAll: Bool { isMultipleChoice && quiz.choiceStyle == .markAll }

    /// The question text: the author's, or the template's after the author's lead-in.
    var questionText: String {
        guard let generated else { return quiz.question }
        return quiz.question.isEmpty ? generated.question : quiz.question + " " + generated.question
    }

    /// The explanation shown after answering.
    var explanation: String {
        guard let generated else { return quiz.explanation }
        return quiz.explanation.isEmpty ? generated.explanation : generated.explanation + " " + quiz.explanation
    }

    /// The right number and how close an answer must be, for numeric and generated questions.
    var numericAnswer: (value: Double, tolerance: Double)? {
        switch quiz.form {
        case .multipleChoice: nil
        case .numeric(let answer, let tolerance): (answer, tolerance)
        case .generated: generated.map { ($0.answer, $0.tolerance) }
        }
    }

    /// What happened to a key.
    enum Response: Equatable {
        /// Not a quiz key: the reader may use it.
        case ignored
        case handled
        /// The learner answered; the answer should be remembered.
        case answered(QuizAnswer)
    }

    mutating func handle(_ key: Key) -> Response {
        if key == .character("r") {
            askAgain()
            return .handled
        }
        if marksAll { return handleMarks(key) }
        return isMultipleChoice ? handleChoice(key) : handleNumber(key)
    }

    private mutating func handleMarks(_ key: Key) -> Response {
        if moveCursor(for: key) { return .handled }
        switch key {
        case .character(" "):
            toggle(cursor)
            return .handled
        case .character(let digit) where digit.isWholeNumber:
            guard let number = digit.wholeNumberValue, number >= 1, number <= quiz.choices.count else { return .handled }
            cursor = number - 1
            toggle(cursor)
            return .handled
        case .enter:
            guard !marked.isEmpty else {
                entryProblem = "Mark every right choice with Space or its number, then press Enter."
                return .handled
            }
            let chosen = marked.sorted()
            let correct = chosen == quiz.answers
            outcome = .marked(chosen, correct: correct)
            return .answered(QuizAnswer(choice: chosen[0], correct: correct, answeredAt: Date()))
        default:
            return .ignored
        }
    }

    /// `↑` `↓` (or `k` `j`) move the cursor over the choices; false for any other key.
    private mutating func moveCursor(for key: Key) -> Bool {
        switch key {
        case .up, .character("k"): cursor = max(0, cursor - 1)
        case .down, .character("j"): cursor = min(quiz.choices.count - 1, cursor + 1)
        default: return false
        }
        return true
    }

    /// Marks or unmarks a choice; changing the marks after an answer starts a new one.
    private mutating func toggle(_ choice: Int) {
        outcome = nil
        entryProblem = nil
        if marked.contains(choice) { marked.remove(choice) } else { marked.insert(choice) }
    }

    private mutating func handleChoice(_ key: Key) -> Response {
        if moveCursor(for: key) { return .handled }
        switch key {
        case .enter:
            return answer(choice: cursor)
        case .character(let digit) where digit.isWholeNumber:
            guard let number = digit.wholeNumberValue, number >= 1, number <= quiz.choices.count else { return .handled }
            cursor = number - 1
            return answer(choice: cursor)
        default:
            return .ignored
        }
    }

    private mutating func handleNumber(_ key: Key) -> Response {
        switch key {
        case .character(let character) where character.isWholeNumber || ".,-−".contains(character):
            if outcome != nil { outcome = nil; typed = "" }
            entryProblem = nil
            if typed.count < 16 { typed.append(character) }
            return .handled
        case .backspace, .delete:
            entryProblem = nil
            if !typed.isEmpty { typed.removeLast() }
            return .handled
        case .enter:
            guard let value = Self.number(from: typed) else {
                entryProblem = typed.isEmpty ? "Type a number first, e.g. 0.25." : "'\(typed)' is not a number: use digits, a point and a minus sign."
                return .handled
            }
            guard let (answer, tolerance) = numericAnswer else { return .handled }
            let correct = abs(value - answer) <= tolerance + 1e-9
            outcome = .number(value, correct: correct)
            return .answered(QuizAnswer(choice: -1, correct: correct, answeredAt: Date()))
        default:
            return .ignored
        }
    }

    private mutating func answer(choice: Int) -> Response {
        let correct = choice == quiz.answer
        outcome = .choice(choice, correct: correct)
        // QuizAnswer keeps the chosen index; a typed number is recorded as choice −1.
        return .answered(QuizAnswer(choice: choice, correct: correct, answeredAt: Date()))
    }

    /// Clears the answer; a generated question draws new numbers.
    mutating func askAgain() {
        outcome = nil
        typed = ""
        entryProblem = nil
        cursor = 0
        marked = []
        if case .generated(let template) = quiz.form {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            generated = GeneratedQuestion(template: template, seed: seed)
        }
    }

    /// The number a learner typed: a comma may stand for the point, and `−` for the minus sign.
    static func number(from text: String) -> Double? {
        let normalized = text.replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: "−", with: "-")
        guard let value = Double(normalized), value.isFinite else { return nil }
        return value
    }
}
