import Canvas
import Curriculum
import Foundation

/// The quiz laid out for one terminal size: the title bar, the body's lines, and the keys of the phase.
struct QuizLayout {
    /// The widest the body gets: long lines are hard to read.
    static let readingWidth = 80
    /// The width of the labels in front of answers (`Your answer`, `Taught in`, …).
    static let labelWidth = 13

    /// Where the body is drawn.
    let body: Rect
    let lines: [[Span]]
    let title: [Span]
    let position: [Span]
    let keys: [(keys: String, action: String)]

    /// The furthest the body can scroll.
    var maximumScroll: Int { max(0, lines.count - body.height) }

    init(quiz: QuizScreen, tutor: Tutor) {
        let style = TutorStyle.standard(for: tutor.colors)
        let glyphs = tutor.glyphs
        let width = max(1, min(tutor.width - 4, Self.readingWidth))
        body = Rect(x: max(0, (tutor.width - width) / 2), y: 2, width: width, height: max(1, tutor.height - 4))

        var title = [Span("Quiz", style.barAccent)]
        if let lessonID = quiz.options.lessonID, let lesson = tutor.library.lesson(id: lessonID) {
            title.append(Span(" · " + lesson.title, style.bar))
        }
        self.title = title

        var builder = Lines(width: width, style: style, glyphs: glyphs)
        // A quiz opened straight from the command line never shows home, where notices live: show them
        // here until the first answer (e.g. that the progress file could not be read).
        if quiz.answers.isEmpty, quiz.phase != .summary {
            for notice in tutor.notices {
                builder.paragraph("! " + notice, style.warning)
                builder.blank()
            }
        }
        switch quiz.phase {
        case .asking:
            if let current = quiz.current { builder.asking(current) }
        case .answered:
            if let current = quiz.current { builder.answered(current, quiz: quiz, tutor: tutor) }
        case .summary:
            builder.summary(QuizSummary(quiz: quiz, progress: tutor.progress, library: tutor.library, now: tutor.now, glyphs: glyphs),
                            tutor: tutor, calendar: quiz.scheduler.calendar)
        case .nothingToAsk:
            builder.heading("Nothing to ask")
            builder.blank()
            builder.paragraph(quiz.emptyReason)
        }
        lines = builder.lines

        switch quiz.phase {
        case .asking, .answered:
            let total = quiz.askedCount + quiz.queue.upcoming.count
            position = [Span("question \(quiz.askedCount) of \(total)", style.barAccent)]
        case .summary:
            position = [Span("finished", style.barAccent)]
        case .nothingToAsk:
            position = []
        }
        keys = Self.keys(quiz, tutor: tutor)
    }

    /// The keys that work in the quiz's phase, most useful first.
    static func keys(_ quiz: QuizScreen, tutor: Tutor) -> [(keys: String, action: String)] {
        let unicode = tutor.glyphs.isUnicode
        switch quiz.phase {
        case .asking:
            guard let current = quiz.current else { return [] }
            let keys = askingKeys(current, unicode: unicode)
            guard current.posed.hint != nil, !current.showsHint else { return keys }
            return [keys[0], ("h", "hint")] + keys.dropFirst()
        case .answered:
            var keys: [(String, String)] = [("Space", quiz.queue.upcoming.isEmpty ? "finish" : "next"), ("Enter", "read the page")]
            return keys + [("Esc", "end quiz"), ("q", "quit")]
        case .summary:
            let summary = QuizSummary(quiz: quiz, progress: tutor.progress, library: tutor.library, now: tutor.now, glyphs: tutor.glyphs)
            return [("Enter", "home")] + (summary.stillDue > 0 ? [("r", "another round")] : []) + [("?", "help"), ("q", "quit")]
        case .nothingToAsk:
            return (quiz.canAskAll ? [("a", "ask all anyway")] : []) + [("Enter", "home"), ("?", "help"), ("q", "quit")]
        }
    }

    private static func askingKeys(_ current: QuizScreen.Current, unicode: Bool) -> [(keys: String, action: String)] {
            switch current.posed.expected {
            case .choices(let choices, _, .markAll):
                return [("1\(unicode ? "–" : "-")\(choices.count) Space", "mark"), ("Enter", "answer"), ("d", "don't know"), ("Esc", "end quiz"), ("q", "quit")]
            case .choices(_, _, .trueOrFalse):
                return [("t f", "true or false"), ("d", "don't know"), ("Esc", "end quiz"), ("?", "help"), ("q", "quit")]
            case .choices(let choices, _, _):
                return [("1\(unicode ? "–" : "-")\(choices.count)", "answer"), (unicode ? "↑↓ Enter" : "Up/Down Enter", "choose"),
                        ("d", "don't know"), ("Esc", "end quiz"), ("q", "quit")]
            case .number:
                return [("Enter", "answer"), ("d", "don't know"), ("Esc", "end quiz"), ("?", "help"), ("q", "quit")]
            }
    }
}

/// Builds the body's lines at one width.
private struct Lines {
    let width: Int
    let style: TutorStyle
    let glyphs: GlyphSet
    var lines: [[Span]] = []

    /// `text` wrapped as it will be shown: spelt in ASCII first where the terminal is not UTF-8, since a
    /// stand-in can be longer than what it stands for (`−∞` is `-inf`).
    private func wrap(_ text: String, width: Int) -> [String] {
        Canvas.wrap(glyphs.isUnicode ? text : ASCIIText.transliterated(text), width: width)
    }

    mutating func blank() { lines.append([]) }

    mutating func heading(_ text: String) { lines.append([Span(text, style.heading)]) }

    mutating func paragraph(_ text: String, _ textStyle: Style = .plain, indent: Int = 0) {
        let pad = String(repeating: " ", count: indent)
        for line in wrap(text, width: max(1, width - indent)) { lines.append([Span(pad + line, textStyle)]) }
    }

    /// `label` in a column of its own, then `text` wrapped beside it.
    mutating func labelled(_ label: String, _ text: String, _ textStyle: Style = .plain, labelStyle: Style? = nil) {
        let labelWidth = QuizLayout.labelWidth
        let padded = align(label, width: labelWidth, .left)
        for (index, line) in wrap(text, width: max(1, width - labelWidth)).enumerated() {
            lines.append([Span(index == 0 ? padded : String(repeating: " ", count: labelWidth), labelStyle ?? style.secondary),
                          Span(line, textStyle)])
        }
    }

    // MARK: Asking

    mutating func asking(_ current: QuizScreen.Current) {
        paragraph(current.question.topic(glyphs: glyphs), style.secondary)
        if current.isRetry { paragraph("Asked again: you missed it earlier in this quiz.", style.accent) }
        blank()
        paragraph(current.posed.prompt, Style(bold: true))
        blank()
        switch current.posed.expected {
        case .choices(let choices, _, let choiceStyle):
            for (index, choice) in choices.enumerated() {
                let isCursor = index == current.entry.cursor
                let pointer = isCursor ? (glyphs.isUnicode ? "▸ " : "> ") : "  "
                var marker = "\(index + 1). "
                if choiceStyle == .markAll { marker = (current.entry.marked.contains(index) ? "[x] " : "[ ] ") + marker }
                let indent = String(repeating: " ", count: displayWidth(of: pointer + marker))
                for (row, line) in wrap(choice, width: max(1, width - indent.count)).enumerated() {
                    lines.append([Span(row == 0 ? pointer + marker : indent, style.accent),
                                  Span(line, isCursor ? style.selected : .plain)])
                }
            }
            blank()
            switch choiceStyle {
            case .pickOne: paragraph("Press the number of your answer, or move with \(glyphs.isUnicode ? "↑ ↓" : "Up/Down") and press Enter.", style.secondary)
            case .markAll: paragraph("Mark every right answer (there may be several) with its number or Space, then press Enter.", style.secondary)
            case .trueOrFalse: paragraph("Press t if the statement is true, f if it is false.", style.secondary)
            }
        case .number:
            let cursor = glyphs.isUnicode ? "▏" : "_"
            lines.append([Span("Your answer: ", style.accent), Span(current.entry.typed, Style(bold: true)), Span(cursor, style.accent)])
            blank()
            paragraph("Type a number (0.25, \(glyphs.isUnicode ? "−" : "-")1.5 or 1/4) and press Enter.", style.secondary)
        }
        if let problem = current.entry.problem { paragraph(problem, style.warning) }
        if current.showsHint, let hint = current.posed.hint {
            blank()
            labelled("Hint", hint, style.accent)
        }
    }

    // MARK: Answered

    mutating func answered(_ current: QuizScreen.Current, quiz: QuizScreen, tutor: Tutor) {
        guard let verdict = current.verdict else { return }
        let (mark, cross) = glyphs.isUnicode ? ("✓", "✗") : ("+", "x")
        if verdict.correct {
            lines.append([Span("\(mark) Right", style.done.bold())])
        } else {
            lines.append([Span(verdict.gaveUp ? "\(cross) Here is the answer" : "\(cross) Not quite", style.warning)])
        }
        blank()
        paragraph(current.posed.prompt, style.secondary)
        blank()
        if !verdict.gaveUp { labelled("Your answer", verdict.given, verdict.correct ? style.done : style.warning) }
        if !verdict.correct {
            labelled("The answer", verdict.rightAnswer, Style(bold: true))
            if let feedback = verdict.feedback { labelled("Why not", feedback) }
        } else if let exact = verdict.exactValue {
            labelled("Exact value", exact)
        }
        blank()
        paragraph(current.posed.explanation)
        blank()
        labelled("Taught in", current.question.topic(glyphs: glyphs))
        labelled("", "Enter reads that page; Esc there comes back here.", style.secondary)

        let schedule = tutor.progress.questions[current.question.id]?.schedule
        let when = schedule.map { DueDateText.describe($0.due, from: tutor.now, calendar: quiz.scheduler.calendar) } ?? "tomorrow"
        if current.isRetry {
            if verdict.correct {
                labelled("Next review", "\(when) (set by your first answer)")
            } else {
                labelled("Next review", current.comesBack ? "later in this quiz, and again \(when)" : when)
            }
        } else if verdict.correct, let grade = current.grade {
            labelled("Recall", "\(grade.name), judged from your time")
            labelled("Next review", when)
        } else {
            labelled("Next review", current.comesBack ? "later in this quiz, and again \(when)" : when)
        }
    }

    // MARK: Summary

    mutating func summary(_ summary: QuizSummary, tutor: Tutor, calendar: Calendar) {
        heading("Quiz finished")
        blank()
        if summary.answered > 0 {
            let percent = Int((Double(summary.right) * 100 / Double(summary.answered)).rounded())
            labelled("Score", "\(summary.right) of \(summary.answered) right the first time (\(percent)%)", Style(bold: true))
        } else {
            labelled("Score", "no questions answered")
        }
        if summary.retries > 0 {
            labelled("Second tries", "\(summary.retries), of which \(summary.rightRetries) right")
        }
        blank()
        heading("Weakest topics")
        if summary.weakest.isEmpty {
            paragraph("None: every topic in this quiz has only right answers so far.", indent: 2)
        }
        for topic in summary.weakest {
            let record = "\(topic.right) of \(topic.answers) right"
            let nameWidth = max(1, width - 4 - record.count)
            lines.append([Span("  " + align(topic.name, width: nameWidth, .left, ellipsis: glyphs.ellipsis)),
                          Span("  " + record, style.warning)])
        }
        blank()
        heading("Coming up")
        if summary.stillDue > 0 {
            let count = summary.stillDue == 1 ? "1 question is" : "\(summary.stillDue) questions are"
            paragraph("\(count) still due now: press r for another round.", style.accent, indent: 2)
        }
        for (day, count) in summary.upcoming {
            let when = DueDateText.describe(day, from: tutor.now, calendar: calendar)
            lines.append([Span("  " + align(when, width: 22, .left)), Span(count == 1 ? "1 question" : "\(count) questions", style.secondary)])
        }
        if summary.stillDue == 0, summary.upcoming.isEmpty {
            paragraph("Nothing is scheduled yet.", indent: 2)
        }
    }
}

extension Style {
    /// The same style in bold.
    fileprivate func bold() -> Style {
        var copy = self
        copy.bold = true
        return copy
    }
}
