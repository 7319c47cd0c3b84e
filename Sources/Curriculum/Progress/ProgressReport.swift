import Foundation

/// The learner's progress summed up per lesson, with the questions due: what `gradschool progress`
/// prints and what home and the quiz summary show, so every screen gives the same numbers.
///
/// The definitions: a question is *known* when its latest counted answer was right (an answer given
/// again after the right one was shown never counts); it is *due* when it has been answered and its day
/// has come; it is *new* when it was never answered and its lesson has been opened.
public struct ProgressReport: Equatable, Sendable {
    /// One lesson's line.
    public struct LessonLine: Equatable, Sendable {
        public var id: String
        /// The title, or the id when the lesson no longer loads.
        public var title: String
        /// Whether the lesson is in the library; progress on a lesson that is gone or broken is kept.
        public var isLoaded: Bool
        public var pagesRead: Int
        public var pageCount: Int
        public var finishedAt: Date?
        /// The questions the lesson has (from its file, or from progress when it does not load).
        public var questionCount: Int
        /// Questions answered at least once.
        public var answered: Int
        /// Questions whose latest counted answer was right.
        public var known: Int
        /// Questions of this lesson due now.
        public var due: Int
        /// The mean predicted chance of recalling the answered questions now (FSRS retrievability), nil
        /// before any answer.
        public var recall: Double?
    }

    /// The lessons in course order, then lessons with progress that no longer load.
    public var lessons: [LessonLine]
    /// Questions answered before whose day has come.
    public var dueNow: Int
    /// Questions never answered in lessons the learner has opened: the quiz asks them too.
    public var newInOpenedLessons: Int
    /// Questions that fall due after now and within seven days.
    public var dueThisWeek: Int
    /// The days after now on which scheduled questions fall due, earliest first, with how many.
    public var upcoming: [(day: Date, count: Int)]

    public static func == (lhs: ProgressReport, rhs: ProgressReport) -> Bool {
        lhs.lessons == rhs.lessons && lhs.dueNow == rhs.dueNow && lhs.newInOpenedLessons == rhs.newInOpenedLessons
            && lhs.dueThisWeek == rhs.dueThisWeek
            && lhs.upcoming.map(\.day) == rhs.upcoming.map(\.day) && lhs.upcoming.map(\.count) == rhs.upcoming.map(\.count)
    }

    /// Sums up `progress` against the lessons in `library` at `now`.
    public init(progress: LearnerProgress, library: LessonLibrary, now: Date, calendar: Calendar = .current) {
        let scheduler = progress.scheduler(calendar: calendar)
        var lines: [LessonLine] = []
        var dueNow = 0, newCount = 0, week = 0
        var dueDays: [Date: Int] = [:]
        var counted: Set<String> = []
        let weekEnd = now.addingTimeInterval(7 * 86_400)

        func tally(_ ids: [String], into line: inout LessonLine, opened: Bool) {
            var recallSum = 0.0
            for id in ids {
                counted.insert(id)
                guard let review = progress.questions[id], let schedule = review.schedule else {
                    if opened { newCount += 1 }
                    continue
                }
                line.answered += 1
                if review.lastAnswerWasRight == true { line.known += 1 }
                recallSum += scheduler.retrievability(of: schedule, at: now)
                if schedule.isDue(at: now) {
                    line.due += 1
                    dueNow += 1
                } else {
                    dueDays[schedule.due, default: 0] += 1
                    if schedule.due <= weekEnd { week += 1 }
                }
            }
            line.recall = line.answered == 0 ? nil : recallSum / Double(line.answered)
        }

        for lesson in library.lessons {
            let lessonProgress = progress[lesson.id]
            var line = LessonLine(
                id: lesson.id, title: lesson.title, isLoaded: true,
                pagesRead: lessonProgress.pagesRead.filter { $0 < lesson.pages.count }.count, pageCount: lesson.pages.count,
                finishedAt: lessonProgress.finishedAt, questionCount: lesson.quizzes.count, answered: 0, known: 0, due: 0)
            tally(lesson.quizzes.map(\.id), into: &line, opened: progress.hasOpened(lesson.id))
            lines.append(line)
        }

        // Lessons that are gone or fail to load keep their progress; show it under their id.
        let loadedIDs = Set(library.lessons.map(\.id))
        let orphanLessons = Set(progress.lessons.keys).union(progress.questions.values.map(\.lessonID)).subtracting(loadedIDs)
        for id in orphanLessons.sorted() {
            let lessonProgress = progress[id]
            let questionIDs = progress.questions.filter { $0.value.lessonID == id && !counted.contains($0.key) }.keys.sorted()
            var line = LessonLine(
                id: id, title: id, isLoaded: false, pagesRead: lessonProgress.pagesRead.count, pageCount: 0,
                finishedAt: lessonProgress.finishedAt, questionCount: questionIDs.count, answered: 0, known: 0, due: 0)
            tally(questionIDs, into: &line, opened: false)
            lines.append(line)
        }

        lessons = lines
        self.dueNow = dueNow
        newInOpenedLessons = newCount
        dueThisWeek = week
        upcoming = dueDays.sorted { $0.key < $1.key }.map { (day: $0.key, count: $0.value) }
    }

    /// Every lesson's questions together: how many are known, and how many there are.
    public var totalKnown: (known: Int, questions: Int) {
        (lessons.map(\.known).reduce(0, +), lessons.map(\.questionCount).reduce(0, +))
    }
}
