import Curriculum
import Foundation

/// Quiz mode: due questions from the lessons the learner opened, one at a time, each answer graded and
/// scheduled, wrong answers asked again later in the same quiz, and a summary at the end.
///
/// The phases run asking → answered → asking … → summary. Every answer is saved as soon as it is given,
/// so quitting at any moment loses nothing.
public struct QuizScreen: Equatable, Sendable {
    /// What the screen shows.
    public enum Phase: Equatable, Sendable {
        /// A question waits for an answer.
        case asking
        /// The answer is judged: right or wrong, the right answer, the explanation, the next review.
        case answered
        /// The score, the weakest topics and what is due next.
        case summary
        /// The quiz found nothing to ask; `emptyReason` says why.
        case nothingToAsk
    }

    /// The question on screen and everything about its answer.
    struct Current: Equatable, Sendable {
        var question: QuizQuestion
        var posed: PosedQuestion
        /// Asked before in this quiz and missed: the answer is recorded but does not move the schedule.
        var isRetry: Bool
        var askedAt: Date
        var entry = AnswerEntry()
        /// Whether the learner asked for the author's hint.
        var showsHint = false
        var verdict: Verdict?
        var grade: RecallGrade?
        var answeredAt: Date?
        /// Whether a missed question comes back in this quiz (false once it has come back three times).
        var comesBack = false
    }

    /// One answer given in this quiz, for the summary.
    struct SessionAnswer: Equatable, Sendable {
        var questionID: String
        var correct: Bool
        var isRetry: Bool
        var grade: RecallGrade
    }

    public internal(set) var options: QuizOptions
    public internal(set) var phase: Phase
    /// The questions this quiz may ask, by id.
    var questions: [String: QuizQuestion]
    var queue: ReviewQueue
    var current: Current?
    var answers: [SessionAnswer] = []
    /// Draws the numbers of generated questions; moves on with every question asked.
    var seed: UInt64
    var scheduler: ReviewScheduler
    /// Lines scrolled off the top when the screen is too short for everything.
    var scroll = 0
    /// Why there is nothing to ask, in `nothingToAsk`.
    var emptyReason = ""
    /// Whether asking every question anyway (`a`) would find any.
    var canAskAll = false
    /// How many questions have been put on screen, second tries included.
    var askedCount = 0

    /// The question on screen, if any.
    public var questionID: String? { current?.question.id }

    /// How many first answers were right, and how many first answers there were.
    public var score: (right: Int, answered: Int) {
        let first = answers.filter { !$0.isRetry }
        return (first.filter(\.correct).count, first.count)
    }
}
