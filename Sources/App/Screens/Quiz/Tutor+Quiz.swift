import Canvas
import Curriculum
import Foundation

extension Tutor {
    /// Opens quiz mode with `options`; the first question is on screen at once.
    /// - Parameters:
    ///   - calendar: the days due dates fall on (the learner's own by default).
    ///   - seed: draws the numbers of generated questions; fixed in tests, from the clock otherwise.
    @discardableResult
    public mutating func openQuiz(_ options: QuizOptions = QuizOptions(), calendar: Calendar = .current, seed: UInt64? = nil) -> [Effect] {
        let started = QuizScreen.start(
            options: options, library: library, progress: &progress, now: now,
            seed: seed ?? UInt64(bitPattern: Int64(now.timeIntervalSince1970 * 1000)), scheduler: progress.scheduler(calendar: calendar))
        screen = .quiz(started.quiz)
        overlay = nil
        quizAwaitingReturn = nil
        return started.dropped.map { [.record($0)] } ?? []
    }

    /// Passes a key to the quiz on screen and carries out what it asks for.
    mutating func handleQuiz(_ key: Key) -> [Effect] {
        guard case .quiz(var quiz) = screen else { return [] }
        let effects = quiz.handle(key, progress: &progress, library: library, now: now)
        quiz.scroll = min(quiz.scroll, QuizLayout(quiz: quiz, tutor: self).maximumScroll)
        screen = .quiz(quiz)
        return effects
    }

    /// Scrolls the quiz by `lines` (the mouse wheel).
    mutating func scrollQuiz(by lines: Int) {
        guard case .quiz(var quiz) = screen else { return }
        quiz.scroll(by: lines)
        quiz.scroll = min(quiz.scroll, QuizLayout(quiz: quiz, tutor: self).maximumScroll)
        screen = .quiz(quiz)
    }

    /// Back to the quiz from the page it opened; false when the reader was not opened from a quiz.
    mutating func returnToQuiz() -> Bool {
        guard let quiz = quizAwaitingReturn else { return false }
        quizAwaitingReturn = nil
        screen = .quiz(quiz)
        return true
    }

    /// Shows the page that teaches the question on screen; `Esc` in the reader comes back to the quiz.
    mutating func openPageFromQuiz(lessonID: String, page: Int) -> [Effect] {
        guard case .quiz(let quiz) = screen, let lesson = library.lesson(id: lessonID) else { return [] }
        quizAwaitingReturn = quiz
        screen = .reader(ReaderScreen(lesson: lesson, page: page))
        return markCurrentPageRead()
    }

    /// Home with the quiz entry selected, where the learner came from.
    mutating func leaveQuiz() -> [Effect] {
        let entries = HomeScreen.entries(in: self)
        screen = .home(HomeScreen(selected: entries.firstIndex(of: .quiz) ?? 0))
        return []
    }

    /// Draws the quiz: its title bar, the body, and the keys of the phase.
    func drawQuiz(_ quiz: QuizScreen, into buffer: inout Buffer, style: TutorStyle) {
        let area = buffer.area
        let layout = QuizLayout(quiz: quiz, tutor: self)
        buffer.bar(layout.title, right: layout.position, row: 0, in: area, style: style.bar)
        let scroll = min(quiz.scroll, layout.maximumScroll)
        for (row, line) in layout.lines.dropFirst(scroll).prefix(layout.body.height).enumerated() {
            buffer.put(line, at: layout.body.x, layout.body.y + row, maxWidth: layout.body.width)
        }
        var right: [Span] = []
        if layout.maximumScroll > 0 {
            let more = scroll < layout.maximumScroll ? (glyphs.isUnicode ? "↓ more" : "v more") : "end"
            right = [Span(more, style.bar)]
        }
        // On a narrow terminal the hints before the last (quit) give way, least useful first.
        var pairs = layout.keys
        func spans() -> [Span] {
            pairs.enumerated().flatMap { index, pair in
                [Span((index == 0 ? "" : "  ") + pair.keys, style.barAccent), Span(" " + pair.action, style.bar)]
            }
        }
        let available = area.width - 2 - (right.isEmpty ? 0 : right.width + 2)
        while spans().width > available, pairs.count > 2 { pairs.remove(at: pairs.count - 2) }
        buffer.bar(spans(), right: right, row: area.height - 1, in: area, style: style.bar)
    }
}
