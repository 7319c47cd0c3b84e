/// A question placed in a lesson with a ```` ```quiz ```` fence: multiple choice, a number to type, or a
/// number to compute for freshly drawn values.
public struct QuizBlock: Equatable, Sendable {
    /// A stable name, unique across all lessons, under which the learner's answers are kept.
    public var id: String
    /// The question as the learner reads it; for a generated question, an optional lead-in (may be empty).
    public var question: String
    /// The possible answers, in the order shown; empty unless the question is multiple choice.
    public var choices: [String]
    /// The index of the right answer in `choices` (0-based; authors write it 1-based); 0 unless the
    /// question is multiple choice.
    public var answer: Int
    /// Why the right answer is right, shown after the learner answers (may be empty for a generated
    /// question, whose template explains its own numbers).
    public var explanation: String
    /// How the learner answers.
    public var form: QuizForm
    /// For a multiple-choice question: pick one, mark every right one, or say true or false.
    public var choiceStyle: QuizChoiceStyle
    /// Every right choice (0-based, ascending): `[answer]` unless the learner marks all that apply.
    public var answers: [Int]
    /// The line of the opening fence in the lesson file.
    public var line: Int
    /// What to tell a learner who picked a wrong choice, by the choice's index; the author keys it by
    /// the choice's text, so reordering the choices keeps each note with its choice.
    public var feedback: [Int: String] = [:]
    /// A nudge the learner may ask for before answering.
    public var hint: String?
    /// What a generated question's template draws from, when the author varies it.
    public var templateParameters = TemplateParameters()

    /// A multiple-choice question.
    public init(id: String, question: String, choices: [String], answer: Int, explanation: String, line: Int) {
        self.init(id: id, question: question, form: .multipleChoice, choices: choices, answer: answer,
                  explanation: explanation, line: line)
    }

    /// A question of any form.
    public init(id: String, question: String, form: QuizForm, choices: [String] = [], answer: Int = 0,
                explanation: String, line: Int, choiceStyle: QuizChoiceStyle = .pickOne, answers: [Int]? = nil) {
        self.id = id
        self.question = question
        self.choices = choices
        self.answer = answer
        self.explanation = explanation
        self.form = form
        self.line = line
        self.choiceStyle = choiceStyle
        self.answers = answers ?? [answer]
    }
}

/// How a quiz is answered.
public enum QuizForm: Equatable, Sendable {
    /// Pick one of `choices`.
    case multipleChoice
    /// Type a number; any answer within `tolerance` of `answer` is right.
    case numeric(answer: Double, tolerance: Double)
    /// Type a number computed for values the template draws afresh each time.
    case generated(QuizTemplate)

    /// The tolerance a numeric answer gets when the author gives none: 1 % of the answer, at least 0.01.
    public static func defaultTolerance(for answer: Double) -> Double {
        max(0.01, abs(answer) * 0.01)
    }
}
