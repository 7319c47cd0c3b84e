import Canvas
import Curriculum

/// Where the reader's parts go on a screen of a given size, and the page laid out as lines.
struct ReaderLayout {
    /// The widest a line of text gets: long lines are hard to read.
    static let readingWidth = 80

    /// The rows the page text is drawn in.
    let body: Rect
    /// The page's lines at the body's width.
    let lines: [[Span]]

    init(reader: ReaderScreen, width: Int, height: Int, glyphs: GlyphSet, colors: ColorMode) {
        // Title bar, blank line, body, blank line, key bar.
        let textWidth = max(1, min(width - 4, Self.readingWidth))
        body = Rect(x: max(0, (width - textWidth) / 2), y: 2, width: textWidth, height: max(1, height - 4))
        lines = PageLayout(glyphs: glyphs, colors: colors).lines(reader.lesson, page: reader.page, width: textWidth)
    }

    /// The furthest the page can scroll: its last line at the bottom of the body.
    var maximumScroll: Int { max(0, lines.count - body.height) }
}
