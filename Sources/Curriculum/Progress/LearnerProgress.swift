import Foundation

/// What the learner has done so far: pages read and quiz answers, per lesson.
public struct LearnerProgress: Codable, Equatable, Sendable {
    /// The file format's version, raised when the layout changes so old files can be migrated.
    public var version: Int
    /// Progress per lesson id.
    public var lessons: [String: LessonProgress]

    public init(lessons: [String: LessonProgress] = [:]) {
        self.version = 1
        self.lessons = lessons
    }

    /// The progress on `lessonID`, empty when the learner has not opened it.
    public subscript(lessonID: String) -> LessonProgress {
        get { lessons[lessonID] ?? LessonProgress() }
        set { lessons[lessonID] = newValue }
    }
}

/// The learner's progress on one lesson.
public struct LessonProgress: Codable, Equatable, Sendable {
    /// The indices of the pages the learner has opened.
    public var pagesRead: Set<Int>
    /// The page the learner was on last, to reopen the lesson there.
    public var lastPage: Int
    /// The latest answer to each quiz, by quiz id.
    public var quizAnswers: [String: QuizAnswer]

    public init(pagesRead: Set<Int> = [], lastPage: Int = 0, quizAnswers: [String: QuizAnswer] = [:]) {
        self.pagesRead = pagesRead
        self.lastPage = lastPage
        self.quizAnswers = quizAnswers
    }

    /// How many of `quizIDs` the learner last answered correctly.
    public func correctAnswers(among quizIDs: [String]) -> Int {
        quizIDs.filter { quizAnswers[$0]?.correct == true }.count
    }
}

/// One answer the learner gave to a quiz.
public struct QuizAnswer: Codable, Equatable, Sendable {
    /// The index of the chosen answer.
    public var choice: Int
    /// Whether it was the right one.
    public var correct: Bool
    /// When it was given.
    public var answeredAt: Date

    public init(choice: Int, correct: Bool, answeredAt: Date) {
        self.choice = choice
        self.correct = correct
        self.answeredAt = answeredAt
    }
}
