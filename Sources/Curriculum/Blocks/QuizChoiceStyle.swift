/// How a multiple-choice question is answered, told apart by how its author writes `answer`.
///
/// - `answer: 2`: pick one (the second choice is right).
/// - `answer: [1, 3]`: mark every right choice; only exactly the first and third is right.
/// - `answer: true` (or `false`), with no `choices`: a statement to judge; the choices are True and False.
public enum QuizChoiceStyle: Equatable, Sendable {
    /// One choice is right.
    case pickOne
    /// Any number of choices are right, and the learner marks them all.
    case markAll
    /// The choices are True and False.
    case trueOrFalse

    /// The two choices of a true-or-false question, in the order shown.
    public static let trueFalseChoices = ["True", "False"]
}
