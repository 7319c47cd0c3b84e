import Curriculum

/// A question as it is put to the learner this time: the text, what counts as right, and why.
///
/// Written questions are asked as their author wrote them. Generated ones (`template:` in the lesson)
/// draw fresh numbers from `seed` and take their answer from the engine, so each time is a new
/// calculation; this is the seam through which every question kind reaches the quiz.
struct PosedQuestion: Equatable, Sendable {
    /// What the learner must give.
    enum Expected: Equatable, Sendable {
        /// Choose among `choices`: exactly the choices in `right`.
        case choices([String], right: [Int], style: QuizChoiceStyle)
        /// A number within `tolerance` of `value`.
        case number(value: Double, tolerance: Double)
    }

    var prompt: String
    var expected: Expected
    var explanation: String
    /// The author's note for each wrong choice, by index.
    var feedback: [Int: String] = [:]
    /// A nudge the learner may ask for before answering.
    var hint: String?

    /// What sort of answer it asks for, which sets how long a right answer may take and still be `good`.
    var kind: AnswerKind {
        switch expected {
        case .choices(_, _, .trueOrFalse): .trueOrFalse
        case .choices(_, _, .markAll): .markAll
        case .choices: .choice
        case .number: .calculation
        }
    }

    /// The words the learner reads before answering.
    var wordCount: Int {
        var count = RecallInference.wordCount(prompt)
        if case .choices(let choices, _, _) = expected { count += choices.map(RecallInference.wordCount).reduce(0, +) }
        return count
    }

    init(prompt: String, expected: Expected, explanation: String) {
        self.prompt = prompt
        self.expected = expected
        self.explanation = explanation
    }

    /// `block` as asked now; a generated question draws its numbers from `seed`.
    init(block: QuizBlock, seed: UInt64) {
        switch block.form {
        case .multipleChoice:
            self.init(prompt: block.question, expected: .choices(block.choices, right: block.answers, style: block.choiceStyle),
                      explanation: block.explanation)
        case .numeric(let answer, let tolerance):
            self.init(prompt: block.question, expected: .number(value: answer, tolerance: tolerance), explanation: block.explanation)
        case .generated(let template):
            let generated = GeneratedQuestion(template: template, parameters: block.templateParameters, seed: seed)
            let prompt = block.question.isEmpty ? generated.question : block.question + " " + generated.question
            let explanation = block.explanation.isEmpty ? generated.explanation : generated.explanation + " " + block.explanation
            self.init(prompt: prompt, expected: .number(value: generated.answer, tolerance: generated.tolerance),
                      explanation: explanation)
        }
        feedback = block.feedback
        hint = block.hint
    }
}
