import Canvas
import Curriculum

/// Lays one lesson page out as lines: its title, its Markdown, and a framed placeholder for each
/// widget and quiz until those are drawn live.
struct PageLayout {
    let glyphs: GlyphSet
    let colors: ColorMode

    func lines(_ lesson: Lesson, page index: Int, width: Int) -> [[Span]] {
        guard lesson.pages.indices.contains(index) else { return [] }
        let page = lesson.pages[index]
        let theme = MarkdownTheme.standard.downsampled(to: colors)
        var lines = MarkdownView([.heading(level: 2, text: [.text(page.title)])], theme: theme, glyphs: glyphs).lines(width: width)
        for block in page.blocks {
            let blockLines: [[Span]]
            switch block {
            case .markdown(let markdown):
                blockLines = MarkdownView([markdown], theme: theme, glyphs: glyphs).lines(width: width)
            case .widget(let widget):
                blockLines = widgetPlaceholder(widget, width: width, theme: theme)
            case .quiz(let quiz):
                blockLines = quizPlaceholder(quiz, width: width, theme: theme)
            }
            if blockLines.isEmpty { continue }
            lines.append([])
            lines += blockLines
        }
        return lines
    }

    private func widgetPlaceholder(_ widget: WidgetBlock, width: Int, theme: MarkdownTheme) -> [[Span]] {
        let style = TutorStyle.standard(for: colors)
        let inner = max(1, width - 4)
        var body: [[Span]] = []
        if let entry = WidgetRegistry.entry(named: widget.name) {
            body += wrap(entry.summary.prefix(1).uppercased() + entry.summary.dropFirst() + ".", width: inner).map { [Span($0)] }
        }
        let settings = widget.settings
            .filter { $0.key != "caption" }
            .sorted { $0.key < $1.key }
            .map { "\($0.key): \($0.value.text)" }
        if !settings.isEmpty {
            let separator = glyphs.isUnicode ? " · " : ", "
            body += wrap(settings.joined(separator: separator), width: inner).map { [Span($0, style.secondary)] }
        }
        body += wrap("The live widget is not drawn yet; it arrives in a later version.", width: inner).map { [Span($0, style.secondary)] }
        var lines = framed(title: "widget: \(widget.name)", body: body, width: width, style: style)
        if case .text(let caption)? = widget.settings["caption"] {
            lines += wrap(caption, width: width).map { [Span($0, theme.emphasis)] }
        }
        return lines
    }

    private func quizPlaceholder(_ quiz: QuizBlock, width: Int, theme: MarkdownTheme) -> [[Span]] {
        let style = TutorStyle.standard(for: colors)
        let inner = max(1, width - 4)
        var body = wrap(quiz.question, width: inner).map { [Span($0, Style(bold: true))] }
        for (number, choice) in quiz.choices.enumerated() {
            let marker = "\(number + 1). "
            for (index, line) in wrap(choice, width: max(1, inner - marker.count)).enumerated() {
                body.append([Span(index == 0 ? marker : String(repeating: " ", count: marker.count), style.accent), Span(line)])
            }
        }
        body += wrap("Answering quizzes arrives in a later version.", width: inner).map { [Span($0, style.secondary)] }
        return framed(title: "quiz", body: body, width: width, style: style)
    }

    /// `body` inside a box `width` columns wide, with `title` in its top edge.
    private func framed(title: String, body: [[Span]], width: Int, style: TutorStyle) -> [[Span]] {
        guard width >= 6 else { return body }
        let inner = width - 4
        let titleText = " " + truncate(title, width: width - 6, ellipsis: glyphs.ellipsis) + " "
        let topRest = max(0, width - 3 - displayWidth(of: titleText))
        var lines: [[Span]] = [[
            Span(glyphs.topLeft + glyphs.horizontal, style.frame), Span(titleText, style.heading),
            Span(String(repeating: glyphs.horizontal, count: topRest) + glyphs.topRight, style.frame),
        ]]
        for line in body {
            let padding = max(0, inner - line.width)
            lines.append([Span(glyphs.vertical + " ", style.frame)] + line
                         + [Span(String(repeating: " ", count: padding)), Span(" " + glyphs.vertical, style.frame)])
        }
        lines.append([Span(glyphs.bottomLeft + String(repeating: glyphs.horizontal, count: width - 2) + glyphs.bottomRight, style.frame)])
        return lines
    }
}

extension WidgetSettingValue {
    /// The value as an author would write it.
    var text: String {
        switch self {
        case .integer(let value): "\(value)"
        case .number(let value): value == value.rounded() && abs(value) < 1e9 ? "\(Int(value))" : "\(value)"
        case .flag(let value): value ? "true" : "false"
        case .text(let value): value
        case .integers(let values): "[" + values.map(String.init).joined(separator: ", ") + "]"
        case .texts(let values): "[" + values.joined(separator: ", ") + "]"
        }
    }
}
