import Foundation

/// One thing the learner did, written to the store as its own small transaction, so that several tutors
/// and quizzes on one profile each add what they did and nothing of the others is lost.
public enum ProgressEvent: Equatable, Sendable {
    /// A page was opened (`page` of a lesson with `pageCount` pages) at `date`.
    case pageRead(lessonID: String, page: Int, pageCount: Int, at: Date)
    /// A question was answered.
    case answered(AnswerRecord)
    /// Questions whose blocks have left their lessons: their schedules go (the review log keeps their answers).
    case questionsDropped([String])
    /// The learner changed a setting.
    case setting(ProgressSettings)

    /// Why the event cannot be stored, or nil when every value is in range.
    public var problem: String? {
        switch self {
        case .pageRead(let lessonID, let page, let pageCount, let date):
            if !ProgressLimits.isValidID(lessonID) { return "the lesson id is empty, too long or has a line break" }
            if !ProgressLimits.pages.contains(page) { return "page \(page) is outside 0 to \(ProgressLimits.pages.upperBound)" }
            if !(0...ProgressLimits.pages.upperBound + 1).contains(pageCount) { return "a lesson of \(pageCount) pages is out of range" }
            if !ProgressLimits.dates.contains(date.timeIntervalSince1970) { return "the date is not between 1970 and 2200" }
            return nil
        case .answered(let answer):
            return answer.problem
        case .questionsDropped(let ids):
            return ids.allSatisfy(ProgressLimits.isValidID) ? nil : "a question id is empty, too long or has a line break"
        case .setting(let settings):
            return settings.problem
        }
    }
}

/// One answer, as the screen that asked it saw it.
public struct AnswerRecord: Equatable, Sendable {
    /// Where the question was asked.
    public enum Source: String, Sendable, CaseIterable {
        /// On a lesson page.
        case page
        /// In quiz mode.
        case quiz
    }

    public var questionID: String
    public var lessonID: String
    public var answeredAt: Date
    /// From the question appearing to the answer.
    public var seconds: Double
    public var correct: Bool
    /// The answer as shown back to the learner, e.g. `2`, `1, 3`, `0.62`; empty when they gave up.
    public var given: String
    public var grade: RecallGrade
    public var kind: AnswerKind
    /// Whether the answer moves the schedule: the first answer in a sitting does; answering again after
    /// being shown the answer does not (and never counts as right in the score).
    public var counts: Bool
    public var source: Source

    public init(questionID: String, lessonID: String, answeredAt: Date, seconds: Double, correct: Bool, given: String,
                grade: RecallGrade, kind: AnswerKind, counts: Bool, source: Source) {
        self.questionID = questionID
        self.lessonID = lessonID
        self.answeredAt = answeredAt
        self.seconds = seconds
        self.correct = correct
        self.given = given
        self.grade = grade
        self.kind = kind
        self.counts = counts
        self.source = source
    }

    var problem: String? {
        if !ProgressLimits.isValidID(questionID) { return "the question id is empty, too long or has a line break" }
        if !ProgressLimits.isValidID(lessonID) { return "the lesson id is empty, too long or has a line break" }
        if !ProgressLimits.dates.contains(answeredAt.timeIntervalSince1970) { return "the date is not between 1970 and 2200" }
        if !seconds.isFinite || !ProgressLimits.seconds.contains(seconds) { return "\(seconds) s is not a time an answer can take" }
        if given.count > ProgressLimits.givenLength { return "the answer is longer than \(ProgressLimits.givenLength) characters" }
        if correct != grade.isPassing { return "a \(correct ? "right" : "wrong") answer cannot be graded \(grade.name)" }
        return nil
    }

    /// The history entry this answer adds.
    public var attempt: Attempt {
        Attempt(date: answeredAt, correct: correct, grade: grade, seconds: seconds, given: given, isRetry: !counts)
    }
}

/// What the learner can set about reviewing.
public struct ProgressSettings: Equatable, Sendable {
    /// The chance of recall at which a question comes back (0.9: nine in ten remembered when asked).
    public var desiredRetention: Double
    /// How many questions never answered before the quizzes of one day bring in.
    public var newPerDay: Int

    public static let defaultNewPerDay = 20

    public init(desiredRetention: Double = ReviewScheduler.defaultRetention, newPerDay: Int = Self.defaultNewPerDay) {
        self.desiredRetention = desiredRetention
        self.newPerDay = newPerDay
    }

    var problem: String? {
        if !desiredRetention.isFinite || !ReviewScheduler.retentionRange.contains(desiredRetention) {
            return "a desired retention of \(desiredRetention) is outside 0.7 to 0.99"
        }
        if !ProgressLimits.newPerDay.contains(newPerDay) { return "\(newPerDay) new questions a day is outside 0 to 1000" }
        return nil
    }
}
