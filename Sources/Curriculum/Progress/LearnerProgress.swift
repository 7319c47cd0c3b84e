import Foundation

/// What the learner has done so far: pages read and lessons finished, and every question's schedule
/// and history.
///
/// The file format has a version. Version 1 held `lessons` only; version 2 adds `questions` and each
/// lesson's `finishedAt`. Older files load as they are (the new parts start empty) and are written back
/// as the current version.
public struct LearnerProgress: Codable, Equatable, Sendable {
    /// The format this code writes and the newest it can read.
    public static let currentVersion = 2

    /// The file format's version, raised when the layout changes so old files can be migrated.
    public var version: Int
    /// Progress per lesson id.
    public var lessons: [String: LessonProgress]
    /// Each question's schedule and history, by the question's stable id.
    public var questions: [String: QuestionReview]

    public init(lessons: [String: LessonProgress] = [:], questions: [String: QuestionReview] = [:]) {
        self.version = Self.currentVersion
        self.lessons = lessons
        self.questions = questions
    }

    private enum CodingKeys: String, CodingKey {
        case version, lessons, questions
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        lessons = try container.decodeIfPresent([String: LessonProgress].self, forKey: .lessons) ?? [:]
        questions = try container.decodeIfPresent([String: QuestionReview].self, forKey: .questions) ?? [:]
    }

    /// The progress on `lessonID`, empty when the learner has not opened it.
    public subscript(lessonID: String) -> LessonProgress {
        get { lessons[lessonID] ?? LessonProgress() }
        set { lessons[lessonID] = newValue }
    }

    /// Whether the learner has opened the lesson (read at least one page).
    public func hasOpened(_ lessonID: String) -> Bool {
        !(lessons[lessonID]?.pagesRead.isEmpty ?? true)
    }

    /// Drops the questions that are no longer in their lesson, leaving every other question alone.
    ///
    /// Only lessons in `questionsByLesson` are looked at: a lesson that failed to load (and so is absent)
    /// keeps its questions until it loads again, so a typo in a lesson file never erases a schedule.
    /// - Parameter questionsByLesson: for each lesson that loaded, the ids of the questions it has now.
    /// - Returns: the ids dropped, sorted.
    @discardableResult
    public mutating func dropQuestions(missingFrom questionsByLesson: [String: Set<String>]) -> [String] {
        let dropped = questions.filter { id, review in
            guard let current = questionsByLesson[review.lessonID] else { return false }
            return !current.contains(id)
        }.keys.sorted()
        for id in dropped { questions[id] = nil }
        return dropped
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
    /// When the learner first had every page read; nil until then.
    public var finishedAt: Date?

    public init(pagesRead: Set<Int> = [], lastPage: Int = 0, quizAnswers: [String: QuizAnswer] = [:], finishedAt: Date? = nil) {
        self.pagesRead = pagesRead
        self.lastPage = lastPage
        self.quizAnswers = quizAnswers
        self.finishedAt = finishedAt
    }

    private enum CodingKeys: String, CodingKey {
        case pagesRead, lastPage, quizAnswers, finishedAt
    }

    /// Writes the pages in order, so the file reads (and compares) the same every time.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(pagesRead.sorted(), forKey: .pagesRead)
        try container.encode(lastPage, forKey: .lastPage)
        try container.encode(quizAnswers, forKey: .quizAnswers)
        try container.encodeIfPresent(finishedAt, forKey: .finishedAt)
    }

    /// How many of `quizIDs` the learner last answered correctly.
    public func correctAnswers(among quizIDs: [String]) -> Int {
        quizIDs.filter { quizAnswers[$0]?.correct == true }.count
    }

    /// Records that page `page` of a lesson with `pageCount` pages was read at `date`; the lesson is
    /// finished the first time every page has been read.
    public mutating func markRead(page: Int, of pageCount: Int, at date: Date) {
        pagesRead.insert(page)
        lastPage = page
        if finishedAt == nil, pageCount > 0, (0..<pageCount).allSatisfy(pagesRead.contains) {
            finishedAt = date
        }
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
