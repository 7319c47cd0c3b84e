import Curriculum
import Foundation

extension QuizScreen {
    /// A quiz over `library` for `progress` at `now`, already showing its first question.
    ///
    /// Questions whose block has left its lesson are dropped from `progress` first (other questions,
    /// and those of lessons that failed to load, are left alone).
    /// - Returns: the quiz, and the event that drops the questions gone from their lessons, if any.
    static func start(
        options: QuizOptions, library: LessonLibrary, progress: inout LearnerProgress, now: Date, seed: UInt64,
        scheduler: ReviewScheduler
    ) -> (quiz: QuizScreen, dropped: ProgressEvent?) {
        let catalog = QuizQuestion.catalog(library)
        var idsByLesson: [String: Set<String>] = [:]
        for lesson in library.lessons { idsByLesson[lesson.id] = Set(lesson.quizzes.map(\.id)) }
        let missing = progress.questionsMissing(from: idsByLesson)
        let dropped = missing.isEmpty ? nil : ProgressEvent.questionsDropped(missing)
        if let dropped { progress.apply(dropped) }

        let eligible = catalog.filter { question in
            if let lessonID = options.lessonID { return question.lessonID == lessonID }
            return progress.hasOpened(question.lessonID)
        }
        let candidates = eligible.map {
            ReviewQueue.Candidate(id: $0.id, lessonID: $0.lessonID, schedule: progress.questions[$0.id]?.schedule)
        }
        let startedToday = progress.newQuestionsStarted(onDayOf: now, calendar: scheduler.calendar)
        let newAllowance = max(0, progress.settings.newPerDay - startedToday)
        let ids = ReviewQueue.pick(from: candidates, now: now, limit: options.limit, ignoringSchedule: options.ignoresSchedule,
                                   newAllowance: newAllowance)

        var quiz = QuizScreen(
            options: options, phase: .asking,
            questions: Dictionary(eligible.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }),
            queue: ReviewQueue(ids: ids), seed: seed, scheduler: scheduler)
        if ids.isEmpty {
            quiz.phase = .nothingToAsk
            quiz.canAskAll = !eligible.isEmpty && options.limit != 0
            let openedAny = library.lessons.contains { progress.hasOpened($0.id) }
            quiz.emptyReason = Self.emptyReason(options: options, library: library, eligible: candidates, openedAny: openedAny,
                                                now: now, calendar: scheduler.calendar)
            if newAllowance == 0, candidates.contains(where: { $0.schedule == nil }), options.limit != 0 {
                quiz.emptyReason = "Nothing is due, and you have started \(startedToday) new questions today, the most a day "
                    + "('gradschool progress --new-per-day N' changes it). Press a to go over them anyway."
            }
        } else {
            quiz.askNext(now: now)
        }
        return (quiz, dropped)
    }

    /// Why a quiz found nothing to ask, and what the learner can do about it.
    private static func emptyReason(options: QuizOptions, library: LessonLibrary, eligible: [ReviewQueue.Candidate],
                                    openedAny: Bool, now: Date, calendar: Calendar) -> String {
        if let lessonID = options.lessonID {
            let title = library.lesson(id: lessonID)?.title ?? lessonID
            if eligible.isEmpty { return "The lesson '\(title)' has no questions yet." }
        } else if !openedAny {
            return "The quiz asks about the lessons you have opened, and you have not opened one yet. "
                + "Open a lesson from home, read a page or two, and come back."
        } else if eligible.isEmpty {
            return "The lessons you have opened have no questions yet. Open another lesson from home, and come back."
        }
        if options.limit == 0 { return "A quiz of 0 questions asks nothing." }
        let next = eligible.compactMap { $0.schedule?.due }.min()
        let when = next.map { " The next question is due \(DueDateText.describe($0, from: now, calendar: calendar))." } ?? ""
        return "Nothing is due: you have answered every question recently.\(when) "
            + "Press a to go over all \(eligible.count == 1 ? "1 question" : "\(eligible.count) questions") anyway."
    }

    /// Puts the next question on screen, or the summary when none is left.
    mutating func askNext(now: Date) {
        scroll = 0
        guard let id = queue.next(), let question = questions[id] else {
            current = nil
            phase = .summary
            return
        }
        let isRetry = answers.contains { $0.questionID == id }
        // A large odd step (the golden ratio in 64 bits) gives every question well-spread numbers.
        seed &+= 0x9E37_79B9_7F4A_7C15
        current = Current(question: question, posed: PosedQuestion(block: question.block, seed: seed), isRetry: isRetry, askedAt: now)
        askedCount += 1
        phase = .asking
    }
}
