import Foundation

/// What the learner has done so far: pages read and lessons finished, every question's schedule and
/// recent history, and their settings. It is read from the progress store, and changed in memory by the
/// same events the store records, so a screen sees its own change at once.
public struct LearnerProgress: Equatable, Sendable {
    /// Progress per lesson id.
    public var lessons: [String: LessonProgress]
    /// Each question's schedule and history, by the question's stable id.
    public var questions: [String: QuestionReview]
    public var settings: ProgressSettings

    public init(lessons: [String: LessonProgress] = [:], questions: [String: QuestionReview] = [:],
                settings: ProgressSettings = ProgressSettings()) {
        self.lessons = lessons
        self.questions = questions
        self.settings = settings
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

    /// The scheduler with the learner's desired retention.
    public func scheduler(calendar: Calendar = .current) -> ReviewScheduler {
        ReviewScheduler(desiredRetention: settings.desiredRetention, calendar: calendar)
    }

    /// How many of `questionIDs` the learner knows: their latest counted answer was right. This is the
    /// one score every screen shows; an answer given after being shown the right one never counts.
    public func knownCount(among questionIDs: [String]) -> Int {
        questionIDs.filter { questions[$0]?.lastAnswerWasRight == true }.count
    }

    /// Whether the right answer to `questionID` was shown on the day of `date` (after a wrong answer or
    /// giving up): an answer given after that the same day is a second try and never counts as right.
    public func answerWasShown(_ questionID: String, onDayOf date: Date, calendar: Calendar = .current) -> Bool {
        questions[questionID]?.history.contains { !$0.correct && calendar.isDate($0.date, inSameDayAs: date) } ?? false
    }

    /// Questions never answered before that were first answered on the day of `date`.
    public func newQuestionsStarted(onDayOf date: Date, calendar: Calendar = .current) -> Int {
        questions.values.filter { review in
            guard let first = review.firstTries.first, review.schedule?.reviews ?? 0 <= review.firstTries.count else { return false }
            return calendar.isDate(first.date, inSameDayAs: date)
        }.count
    }

    /// Applies `event` as the store does, so the screens see it before the store answers.
    public mutating func apply(_ event: ProgressEvent, calendar: Calendar = .current) {
        switch event {
        case .pageRead(let lessonID, let page, let pageCount, let date):
            self[lessonID].markRead(page: page, of: pageCount, at: date)
        case .answered(let answer):
            var review = questions[answer.questionID] ?? QuestionReview(lessonID: answer.lessonID)
            review.lessonID = answer.lessonID
            if answer.counts {
                review.schedule = scheduler(calendar: calendar).schedule(after: review.schedule, grade: answer.grade, at: answer.answeredAt)
            }
            review.record(answer.attempt)
            questions[answer.questionID] = review
        case .questionsDropped(let ids):
            for id in ids { questions[id] = nil }
        case .setting(let settings):
            self.settings = settings
        }
    }

    /// The questions that are no longer in their lesson, sorted; other questions are left alone.
    ///
    /// Only lessons in `questionsByLesson` are looked at: a lesson that failed to load (and so is absent)
    /// keeps its questions until it loads again, so a typo in a lesson file never erases a schedule.
    /// - Parameter questionsByLesson: for each lesson that loaded, the ids of the questions it has now.
    public func questionsMissing(from questionsByLesson: [String: Set<String>]) -> [String] {
        questions.filter { id, review in
            guard let current = questionsByLesson[review.lessonID] else { return false }
            return !current.contains(id)
        }.keys.sorted()
    }
}

/// The learner's progress on one lesson.
public struct LessonProgress: Equatable, Sendable {
    /// The indices of the pages the learner has opened.
    public var pagesRead: Set<Int>
    /// The page the learner was on last, to reopen the lesson there.
    public var lastPage: Int
    /// When the learner first had every page read; nil until then.
    public var finishedAt: Date?

    public init(pagesRead: Set<Int> = [], lastPage: Int = 0, finishedAt: Date? = nil) {
        self.pagesRead = pagesRead
        self.lastPage = lastPage
        self.finishedAt = finishedAt
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
