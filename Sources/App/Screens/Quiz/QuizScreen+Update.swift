import Curriculum
import Foundation

extension QuizScreen {
    /// Applies one key; `progress` receives every answer and schedule as soon as it is given, and the
    /// effects carry what the tutor must do: record an answer, open a page, leave.
    mutating func handle(_ key: Key, progress: inout LearnerProgress, library: LessonLibrary, now: Date) -> [Effect] {
        switch key {
        case .pageDown, .control("f"), .control("d"):
            scroll += 5
            return []
        case .pageUp, .control("b"), .control("u"):
            scroll = max(0, scroll - 5)
            return []
        default:
            break
        }
        switch phase {
        case .asking: return handleAsking(key, progress: &progress, now: now)
        case .answered: return handleAnswered(key, progress: &progress, now: now)
        case .summary: return handleSummary(key, progress: &progress, library: library, now: now)
        case .nothingToAsk: return handleNothingToAsk(key, progress: &progress, library: library, now: now)
        }
    }

    /// Scrolls by `lines` (mouse wheel); the view keeps it within what there is to show.
    mutating func scroll(by lines: Int) {
        scroll = max(0, scroll + lines)
    }

    // MARK: Phases

    private mutating func handleAsking(_ key: Key, progress: inout LearnerProgress, now: Date) -> [Effect] {
        guard var current else { return [] }
        switch key {
        case .escape:
            return finish()
        case .character("d"):
            return submit(Verdict.gaveUp(on: current.posed), progress: &progress, now: now)
        case .character("h") where current.posed.hint != nil:
            current.showsHint = true
            self.current = current
            return []
        default:
            break
        }
        switch current.posed.expected {
        case .choices(let choices, _, let style):
            var submitNow = false
            switch key {
            case .up, .character("k"):
                current.entry.cursor = max(0, current.entry.cursor - 1)
            case .down, .character("j"):
                current.entry.cursor = min(choices.count - 1, current.entry.cursor + 1)
            case .character(let digit) where digit.isWholeNumber:
                guard let number = digit.wholeNumberValue, (1...choices.count).contains(number) else { break }
                current.entry.cursor = number - 1
                if style == .markAll { current.entry.toggle(number - 1) } else { submitNow = true }
            case .character("t") where style == .trueOrFalse:
                current.entry.cursor = 0
                submitNow = true
            case .character("f") where style == .trueOrFalse:
                current.entry.cursor = 1
                submitNow = true
            case .character(" ") where style == .markAll:
                // Space only marks: it moves on after an answer, so it must not answer by accident.
                current.entry.toggle(current.entry.cursor)
            case .enter:
                submitNow = true
            default:
                return []
            }
            self.current = current
            return submitNow ? judgeAndSubmit(progress: &progress, now: now) : []
        case .number:
            switch key {
            case .character(let character):
                guard current.entry.type(character) else { return [] }
            case .backspace, .delete:
                current.entry.deleteBackward()
            case .enter:
                self.current = current
                return judgeAndSubmit(progress: &progress, now: now)
            case .up:
                scroll = max(0, scroll - 1)
            case .down:
                scroll += 1
            default:
                return []
            }
            self.current = current
            return []
        }
    }

    private mutating func handleAnswered(_ key: Key, progress: inout LearnerProgress, now: Date) -> [Effect] {
        guard let current else { return [] }
        switch key {
        case .character(" "), .character("n"), .right, .character("l"):
            askNext(now: now)
            return []
        case .enter:
            return [.screen(.openQuizPage(lessonID: current.question.lessonID, page: current.question.page))]
        case .escape:
            return finish()
        case .up, .character("k"):
            scroll = max(0, scroll - 1)
        case .down, .character("j"):
            scroll += 1
        default:
            break
        }
        return []
    }

    private mutating func handleSummary(_ key: Key, progress: inout LearnerProgress, library: LessonLibrary, now: Date) -> [Effect] {
        switch key {
        case .enter, .escape, .character(" "):
            return [.screen(.leaveQuiz)]
        case .character("r"):
            return restart(options: options, progress: &progress, library: library, now: now)
        case .up, .character("k"):
            scroll = max(0, scroll - 1)
        case .down, .character("j"):
            scroll += 1
        default:
            break
        }
        return []
    }

    private mutating func handleNothingToAsk(_ key: Key, progress: inout LearnerProgress, library: LessonLibrary, now: Date) -> [Effect] {
        switch key {
        case .enter, .escape, .character(" "):
            return [.screen(.leaveQuiz)]
        case .character("a") where canAskAll:
            var everything = options
            everything.ignoresSchedule = true
            return restart(options: everything, progress: &progress, library: library, now: now)
        default:
            return []
        }
    }

    // MARK: Answers

    /// Ends the quiz early: the summary, or home when nothing was answered.
    private mutating func finish() -> [Effect] {
        if answers.isEmpty { return [.screen(.leaveQuiz)] }
        current = nil
        phase = .summary
        scroll = 0
        return []
    }

    /// A new quiz with `options`, keeping the scheduler and moving the seed on.
    private mutating func restart(options: QuizOptions, progress: inout LearnerProgress, library: LessonLibrary, now: Date) -> [Effect] {
        let started = QuizScreen.start(options: options, library: library, progress: &progress, now: now,
                                       seed: seed &+ 1, scheduler: scheduler)
        self = started.quiz
        return started.dropped.map { [.record($0)] } ?? []
    }

    private mutating func judgeAndSubmit(progress: inout LearnerProgress, now: Date) -> [Effect] {
        guard var current else { return [] }
        guard let verdict = Verdict.judge(&current.entry, for: current.posed) else {
            self.current = current
            return []
        }
        self.current = current
        return submit(verdict, progress: &progress, now: now)
    }

    /// Records an answer: its grade (judged from right or wrong and the time taken against what the kind
    /// of question allows), the new schedule for a first try, the history entry, and a second try later
    /// in this quiz when it was wrong. The clock is the screen's `now`.
    private mutating func submit(_ verdict: Verdict, progress: inout LearnerProgress, now: Date) -> [Effect] {
        guard var current else { return [] }
        let question = current.question
        let seconds = min(max(0, now.timeIntervalSince(current.askedAt)), ProgressLimits.seconds.upperBound)
        let grade = RecallInference.grade(correct: verdict.correct, seconds: seconds, words: current.posed.wordCount,
                                          kind: current.posed.kind)
        let event = ProgressEvent.answered(AnswerRecord(
            questionID: question.id, lessonID: question.lessonID, answeredAt: now, seconds: (seconds * 10).rounded() / 10,
            correct: verdict.correct, given: String(verdict.givenShort.prefix(ProgressLimits.givenLength)), grade: grade,
            kind: current.posed.kind,
            counts: !current.isRetry && !progress.answerWasShown(question.id, onDayOf: now, calendar: scheduler.calendar), source: .quiz))
        progress.apply(event, calendar: scheduler.calendar)
        if !verdict.correct { current.comesBack = queue.retryLater(question.id) }
        current.verdict = verdict
        current.grade = grade
        current.answeredAt = now
        answers.append(SessionAnswer(questionID: question.id, correct: verdict.correct, isRetry: current.isRetry, grade: grade))
        self.current = current
        phase = .answered
        scroll = 0
        return [.record(event)]
    }
}
