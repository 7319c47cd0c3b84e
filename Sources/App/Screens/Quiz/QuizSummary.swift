import Canvas
import Curriculum
import Foundation

/// The end of a quiz in numbers: the score, the weakest topics and what comes up next.
struct QuizSummary: Equatable {
    /// A topic the learner gets wrong most often.
    struct Topic: Equatable {
        var name: String
        /// First tries at the topic's questions, ever, and how many were right.
        var answers: Int
        var right: Int
    }

    /// Right first answers, and first answers given.
    var right: Int
    var answered: Int
    /// Second tries in this quiz, and how many of those were right.
    var retries: Int
    var rightRetries: Int
    /// Up to three topics of this quiz with the lowest share of right answers, weakest first.
    var weakest: [Topic]
    /// Questions of the quiz's lessons still due now.
    var stillDue: Int
    /// The next days with questions due, and how many.
    var upcoming: [(day: Date, count: Int)]

    static func == (lhs: QuizSummary, rhs: QuizSummary) -> Bool {
        lhs.right == rhs.right && lhs.answered == rhs.answered && lhs.retries == rhs.retries && lhs.rightRetries == rhs.rightRetries
            && lhs.weakest == rhs.weakest && lhs.stillDue == rhs.stillDue && lhs.upcoming.map(\.day) == rhs.upcoming.map(\.day)
            && lhs.upcoming.map(\.count) == rhs.upcoming.map(\.count)
    }

    init(quiz: QuizScreen, progress: LearnerProgress, library: LessonLibrary, now: Date, glyphs: GlyphSet) {
        let first = quiz.answers.filter { !$0.isRetry }
        let retries = quiz.answers.filter(\.isRetry)
        right = first.filter(\.correct).count
        answered = first.count
        self.retries = retries.count
        rightRetries = retries.filter(\.correct).count

        // A topic is a page; its record counts every first try ever made at the page's questions.
        let catalog = QuizQuestion.catalog(library)
        var topics: [String: Topic] = [:]
        var order: [String] = []
        for answer in first {
            guard let question = quiz.questions[answer.questionID] else { continue }
            let name = question.topic(glyphs: glyphs)
            guard topics[name] == nil else { continue }
            order.append(name)
            var topic = Topic(name: name, answers: 0, right: 0)
            for sibling in catalog where sibling.lessonID == question.lessonID && sibling.page == question.page {
                let tries = progress.questions[sibling.id]?.firstTries ?? []
                topic.answers += tries.count
                topic.right += tries.filter(\.correct).count
            }
            topics[name] = topic
        }
        weakest = order.compactMap { topics[$0] }
            .filter { $0.answers > 0 && $0.right < $0.answers }
            .enumerated()
            .sorted { lhs, rhs in
                // Lowest share right first (compared without division), then most answers, then quiz order.
                let left = lhs.element.right * rhs.element.answers, right = rhs.element.right * lhs.element.answers
                if left != right { return left < right }
                if lhs.element.answers != rhs.element.answers { return lhs.element.answers > rhs.element.answers }
                return lhs.offset < rhs.offset
            }
            .prefix(3)
            .map(\.element)

        let eligible = catalog.filter { question in
            if let lessonID = quiz.options.lessonID { return question.lessonID == lessonID }
            return progress.hasOpened(question.lessonID)
        }
        let candidates = eligible.map { ReviewQueue.Candidate(id: $0.id, lessonID: $0.lessonID, schedule: progress.questions[$0.id]?.schedule) }
        stillDue = ReviewQueue.pick(from: candidates, now: now, limit: nil, ignoringSchedule: false).count
        var days: [Date: Int] = [:]
        for candidate in candidates {
            guard let due = candidate.schedule?.due, due > now else { continue }
            days[due, default: 0] += 1
        }
        upcoming = days.sorted { $0.key < $1.key }.prefix(3).map { (day: $0.key, count: $0.value) }
    }
}
