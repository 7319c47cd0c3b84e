import Canvas
import Curriculum

/// Where the reader's parts go on a screen of a given size, and the page laid out as lines.
struct ReaderLayout {
    /// The widest a line of text gets: long lines are hard to read.
    static let readingWidth = 80
    /// The widest a widget gets: wider than text, so a large terminal gives pictures room.
    static let widgetWidth = 120

    /// The rows the page is drawn in.
    let body: Rect
    /// The page's lines at the body's width.
    let lines: [[Span]]
    /// The lines each widget and quiz occupies, in page order.
    let elementLines: [Range<Int>]

    /// Lays the reader's page out; `drawsElements: false` leaves widgets blank (for key handling,
    /// which needs positions only).
    init(reader: ReaderScreen, width: Int, height: Int, glyphs: GlyphSet, colors: ColorMode, drawsElements: Bool = true) {
        // Title bar, blank line, body, blank line, key bar.
        let bodyWidth = max(1, min(width - 4, Self.widgetWidth))
        let textWidth = min(bodyWidth, Self.readingWidth)
        body = Rect(x: max(0, (width - bodyWidth) / 2), y: 2, width: bodyWidth, height: max(1, height - 4))
        let result = PageLayout(glyphs: glyphs, colors: colors).layout(
            reader.lesson, page: reader.page, textWidth: textWidth, width: bodyWidth, elementHeight: body.height,
            elements: reader.elements, drawsElements: drawsElements)
        lines = result.lines
        elementLines = result.elementLines
    }

    /// The furthest the page can scroll: its last line at the bottom of the body.
    var maximumScroll: Int { max(0, lines.count - body.height) }
}
