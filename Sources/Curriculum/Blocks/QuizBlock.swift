/// A multiple-choice question placed in a lesson with a ```` ```quiz ```` fence.
public struct QuizBlock: Equatable, Sendable {
    /// A stable name, unique across all lessons, under which the learner's answers are kept.
    public var id: String
    /// The question as the learner reads it.
    public var question: String
    /// The possible answers, in the order shown.
    public var choices: [String]
    /// The index of the right answer in `choices` (0-based; authors write it 1-based).
    public var answer: Int
    /// Why the right answer is right, shown after the learner answers.
    public var explanation: String
    /// The line of the opening fence in the lesson file.
    public var line: Int

    public init(id: String, question: String, choices: [String], answer: Int, explanation: String, line: Int) {
        self.id = id
        self.question = question
        self.choices = choices
        self.answer = answer
        self.explanation = explanation
        self.line = line
    }
}
