import Canvas
import Curriculum

/// A quiz drawn inline in the reader: the question in a frame, the choices or the typed number, the
/// outcome and explanation once answered, and the keys on the frame's last line.
struct QuizView {
    let state: QuizState
    let isFocused: Bool
    let glyphs: GlyphSet
    let colors: ColorMode

    /// `text` wrapped at `width` as it will be shown: spelt in ASCII first on a terminal that is not UTF-8,
    /// since a stand-in can be longer than what it stands for (`−∞` is `-inf`), and a line wrapped before
    /// would be cut at the frame.
    private func wrap(_ text: String, width: Int) -> [String] {
        Canvas.wrap(glyphs.isUnicode ? text : ASCIIText.transliterated(text), width: width)
    }

    func lines(width: Int) -> [[Span]] {
        let style = TutorStyle.standard(for: colors)
        let inner = max(1, width - 4)
        var body = wrap(state.questionText, width: inner).map { [Span($0, Style(bold: true))] }
        if state.isMultipleChoice {
            body += choiceLines(width: inner, style: style)
        } else {
            body += entryLines(width: inner, style: style)
        }
        if state.showsHint, let hint = state.posed.hint {
            body.append([])
            body += wrap("Hint: " + hint, width: inner).map { [Span($0, style.accent)] }
        }
        if let outcome = state.outcome {
            body.append([])
            body += outcomeLines(outcome, width: inner, style: style)
        }
        body.append([])
        body.append(keyLine(width: inner, style: style))
        let title = state.isMultipleChoice ? "quiz" : "quiz: type a number"
        return framed(title: (isFocused ? (glyphs.isUnicode ? "▸ " : "> ") : "") + title, body: body, width: width, style: style)
    }

    private func choiceLines(width: Int, style: TutorStyle) -> [[Span]] {
        var lines: [[Span]] = []
        let chosen: [Int]? = switch state.outcome {
        case .choice(let index, _)?: [index]
        case .marked(let indices, _)?: indices
        default: nil
        }
        for (index, choice) in state.quiz.choices.enumerated() {
            let pointer = isFocused && index == state.cursor ? (glyphs.isUnicode ? "▸" : ">") : " "
            let box = state.marksAll ? (state.marked.contains(index) ? "[x] " : "[ ] ") : ""
            let marker = "\(pointer)\(box)\(index + 1). "
            var textStyle = Style.plain
            if let chosen {
                // After an answer, the right choices show in green and wrong picks in red.
                let right = state.quiz.answers.contains(index)
                if right { textStyle = style.done }
                if chosen.contains(index), !right { textStyle = style.warning }
            }
            if isFocused && index == state.cursor { textStyle.reverse = true }
            for (row, line) in wrap(choice, width: max(1, width - marker.count)).enumerated() {
                lines.append([Span(row == 0 ? marker : String(repeating: " ", count: marker.count), style.accent), Span(line, textStyle)])
            }
        }
        if let problem = state.entryProblem {
            lines += wrap(problem, width: width).map { [Span($0, style.warning)] }
        }
        return lines
    }

    private func entryLines(width: Int, style: TutorStyle) -> [[Span]] {
        let cursor = isFocused && state.outcome == nil ? (glyphs.isUnicode ? "▏" : "_") : ""
        var lines: [[Span]] = [[]]
        lines.append([Span("Your answer: ", style.accent), Span(state.typed + cursor, Style(bold: true, underline: state.typed.isEmpty))])
        if let problem = state.entryProblem {
            lines += wrap(problem, width: width).map { [Span($0, style.warning)] }
        }
        return lines
    }

    private func outcomeLines(_ outcome: QuizState.Outcome, width: Int, style: TutorStyle) -> [[Span]] {
        let mark = WidgetText.mark(outcome.isCorrect, glyphs: glyphs)
        var headline: String
        switch outcome {
        case .choice(_, let correct):
            headline = correct ? "Right." : "Not quite: the answer is \(state.quiz.answer + 1)."
        case .marked(_, let correct):
            let right = state.quiz.answers.map { String($0 + 1) }
            let list = right.count == 1 ? "only \(right[0])" : right.dropLast().joined(separator: ", ") + " and " + right[right.count - 1]
            headline = correct ? "Right: exactly these." : "Not quite: the right choices are \(list)."
        case .number(let value, let correct):
            let answer = state.numericAnswer.map { show($0.value) } ?? "?"
            headline = correct ? "Right: the answer is \(answer)." : "Not quite: you typed \(show(value)); the answer is \(answer)."
        }
        var lines = wrap(mark + " " + headline, width: width).map { [Span($0, outcome.isCorrect ? style.done : style.warning)] }
        if let feedback = state.verdict?.feedback { lines += wrap(feedback, width: width).map { [Span($0)] } }
        lines += wrap(state.explanation, width: width).map { [Span($0)] }
        return lines
    }

    private func keyLine(width: Int, style: TutorStyle) -> [Span] {
        var hints: [(String, String)]
        if !isFocused {
            hints = [("Tab", "answer this question")]
        } else if state.marksAll {
            let count = state.quiz.choices.count
            hints = [(glyphs.isUnicode ? "1–\(count) Space" : "1-\(count) Space", "mark"), ("Enter", "answer")]
            if state.outcome != nil { hints.append(("r", "clear")) }
            hints.append(("Esc", "leave"))
        } else if state.isMultipleChoice {
            let count = state.quiz.choices.count
            hints = [(glyphs.isUnicode ? "1–\(count)" : "1-\(count)", "answer"), (glyphs.isUnicode ? "↑↓ Enter" : "Up/Down Enter", "choose")]
            if state.outcome != nil { hints.append(("r", "clear")) }
            hints.append(("Esc", "leave"))
        } else {
            hints = [("0–9 . -", "type"), ("Enter", "answer")]
            if case .generated = state.quiz.form { hints.append(("r", "new numbers")) } else if state.outcome != nil { hints.append(("r", "clear")) }
            hints.append(("Esc", "leave"))
        }
        if isFocused, state.posed.hint != nil, !state.showsHint, state.outcome == nil { hints.insert(("h", "hint"), at: min(1, hints.count)) }
        var spans: [Span] = []
        for (keys, action) in hints {
            let piece = (spans.isEmpty ? "" : "  ") + keys + " " + action
            guard spans.width + displayWidth(of: piece) <= width else { break }
            spans.append(Span((spans.isEmpty ? "" : "  ") + keys, style.accent))
            spans.append(Span(" " + action, isFocused ? .plain : style.secondary))
        }
        return spans
    }

    /// `body` inside a box `width` columns wide, with `title` in its top edge.
    private func framed(title: String, body: [[Span]], width: Int, style: TutorStyle) -> [[Span]] {
        guard width >= 6 else { return body }
        let frameStyle = isFocused ? style.accent : style.frame
        let inner = width - 4
        let titleText = " " + truncate(title, width: width - 6, ellipsis: glyphs.ellipsis) + " "
        let topRest = max(0, width - 3 - displayWidth(of: titleText))
        var lines: [[Span]] = [[
            Span(glyphs.topLeft + glyphs.horizontal, frameStyle), Span(titleText, style.heading),
            Span(String(repeating: glyphs.horizontal, count: topRest) + glyphs.topRight, frameStyle),
        ]]
        for line in body {
            let padding = max(0, inner - line.width)
            lines.append([Span(glyphs.vertical + " ", frameStyle)] + line
                         + [Span(String(repeating: " ", count: padding)), Span(" " + glyphs.vertical, frameStyle)])
        }
        lines.append([Span(glyphs.bottomLeft + String(repeating: glyphs.horizontal, count: width - 2) + glyphs.bottomRight, frameStyle)])
        return lines
    }

    /// A number as the outcome line shows it: up to four decimals, no trailing zeros.
    /// A number as the page's text writes it: up to four decimals, with a real minus where Unicode shows.
    private func show(_ value: Double) -> String { NumberText.trimmed(value, decimals: 4, unicode: glyphs.isUnicode) }
}
