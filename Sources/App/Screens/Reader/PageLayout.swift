import Canvas
import Curriculum

/// Lays one lesson page out as lines: its title, its Markdown, and its live widgets and quizzes.
///
/// Text is set at the reading width and centred; widgets take the whole width, so a large terminal
/// gives them room. A widget is drawn into a buffer of its own and joins the page as lines, so it
/// scrolls with the text.
struct PageLayout {
    let glyphs: GlyphSet
    let colors: ColorMode

    /// The page's lines and, for each widget and quiz in page order, the lines it occupies.
    struct Result {
        var lines: [[Span]]
        var elementLines: [Range<Int>]
    }

    /// Lays out page `index` of `lesson`.
    /// - Parameters:
    ///   - textWidth: the width text is wrapped to, at most `width`.
    ///   - width: the width widgets take; text is centred within it.
    ///   - elementHeight: the most rows a widget may take (the height of the reader's body).
    ///   - elements: the page's live widgets and quizzes, in page order.
    ///   - drawsElements: false to lay out only (widgets become blank lines of their height), as key
    ///     handling needs the positions but not the pictures.
    func layout(
        _ lesson: Lesson, page index: Int, textWidth: Int, width: Int, elementHeight: Int,
        elements: PageElements, drawsElements: Bool = true
    ) -> Result {
        guard lesson.pages.indices.contains(index) else { return Result(lines: [], elementLines: []) }
        let page = lesson.pages[index]
        let theme = MarkdownTheme.standard.downsampled(to: colors)
        let indent = [Span(String(repeating: " ", count: max(0, (width - textWidth) / 2)))]
        func indented(_ lines: [[Span]]) -> [[Span]] { indent[0].text.isEmpty ? lines : lines.map { $0.isEmpty ? $0 : indent + $0 } }
        var lines = indented(MarkdownView([.heading(level: 2, text: [.text(page.title)])], theme: theme, glyphs: glyphs).lines(width: textWidth))
        var elementLines: [Range<Int>] = []
        var elementIndex = 0
        for block in page.blocks {
            var blockLines: [[Span]]
            var caption: String?
            switch block {
            case .markdown(let markdown):
                blockLines = indented(MarkdownView([markdown], theme: theme, glyphs: glyphs).lines(width: textWidth))
            case .widget(let widget):
                caption = WidgetSettings(widget.settings).caption
                if elements.items.indices.contains(elementIndex), case .widget(let host) = elements.items[elementIndex] {
                    let height = host.height(width: width, available: elementHeight)
                    if drawsElements {
                        let isFocused = elements.focus == elementIndex
                        blockLines = host.render(width: width, height: height, glyphs: glyphs, colors: colors, isFocused: isFocused).spanLines
                    } else {
                        blockLines = Array(repeating: [], count: height)
                    }
                } else {
                    blockLines = []
                }
                elementIndex += 1
            case .quiz:
                if elements.items.indices.contains(elementIndex), case .quiz(let state) = elements.items[elementIndex] {
                    let view = QuizView(state: state, isFocused: elements.focus == elementIndex, glyphs: glyphs, colors: colors)
                    let quizLines = view.lines(width: textWidth)
                    blockLines = indented(glyphs.isUnicode ? quizLines : quizLines.replacingMathsWithASCII())
                } else {
                    blockLines = []
                }
                elementIndex += 1
            }
            if blockLines.isEmpty { continue }
            lines.append([])
            if case .markdown = block {} else { elementLines.append(lines.count..<(lines.count + blockLines.count)) }
            lines += blockLines
            if let caption {
                let shown = glyphs.isUnicode ? caption : ASCIIText.transliterated(caption)
                lines += indented(wrap(shown, width: textWidth).map { [Span($0, theme.emphasis)] })
            }
        }
        return Result(lines: lines, elementLines: elementLines)
    }
}
