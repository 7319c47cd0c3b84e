/// Lays Markdown blocks out as lines of styled text at a given width, and draws them.
///
/// Laying out and drawing are separate so a reader can lay a page out once, then scroll by
/// drawing a window of its lines. Blocks are separated by one blank line; paragraphs wrap at word
/// boundaries; code is never wrapped but cut at the edge; tables shrink their widest columns to fit.
public struct MarkdownView: Widget, Sendable {
    public var blocks: [MarkdownBlock]
    public var theme: MarkdownTheme
    public var glyphs: GlyphSet
    /// How many lines to skip before the first one drawn.
    public var scroll: Int

    public init(_ blocks: [MarkdownBlock], theme: MarkdownTheme = .standard, glyphs: GlyphSet = .unicode, scroll: Int = 0) {
        self.blocks = blocks
        self.theme = theme
        self.glyphs = glyphs
        self.scroll = scroll
    }

    /// The blocks as lines of at most `width` columns.
    public func lines(width: Int) -> [[Span]] {
        guard width > 0 else { return [] }
        // Without Unicode the text is spelt in ASCII before it wraps, as stand-ins change its width.
        let shown = glyphs.isUnicode ? blocks : blocks.map(\.transliterated)
        return MarkdownLayout(theme: theme, glyphs: glyphs).blocks(shown, width: width)
    }

    public func render(into buffer: inout Buffer, area: Rect, glyphs: GlyphSet, colors: ColorMode) {
        var view = self
        view.glyphs = glyphs
        view.theme = theme.downsampled(to: colors)
        let laidOut = view.lines(width: area.width)
        for (row, line) in laidOut.dropFirst(max(0, scroll)).prefix(area.height).enumerated() {
            buffer.put(line, at: area.x, area.y + row, maxWidth: area.width)
        }
    }
}

/// The layout rules, one function per kind of block.
struct MarkdownLayout {
    let theme: MarkdownTheme
    let glyphs: GlyphSet

    /// The deepest nesting of quotes and lists laid out; deeper blocks show as one ellipsis line.
    /// Lesson text is cut to less by its parser; this keeps any other caller's tree from overflowing the stack.
    static let maximumDepth = 32

    func blocks(_ blocks: [MarkdownBlock], width: Int, depth: Int = 0) -> [[Span]] {
        guard depth <= Self.maximumDepth else { return [[Span(glyphs.ellipsis, theme.decoration)]] }
        var lines: [[Span]] = []
        for block in blocks {
            let laidOut = self.block(block, width: width, depth: depth)
            if laidOut.isEmpty { continue }
            if !lines.isEmpty { lines.append([]) }
            lines += laidOut
        }
        return lines
    }

    func block(_ block: MarkdownBlock, width: Int, depth: Int = 0) -> [[Span]] {
        switch block {
        case .heading(let level, let text):
            let style = level == 1 ? theme.title : level == 2 ? theme.heading : theme.subheading
            return wrap(spans(text, base: style), width: width)
        case .paragraph(let text):
            return wrap(spans(text, base: theme.text), width: width)
        case .list(let start, let items):
            return list(start: start, items: items, width: width, depth: depth)
        case .code(_, let text):
            return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
                Self.codeLines(line.replacingTabs, width: width, ellipsis: glyphs.ellipsis).map { [Span($0, theme.code)] }
            }
        case .quote(let inner):
            let bar = glyphs.isUnicode ? "│ " : "| "
            return blocks(inner, width: width - 2, depth: depth + 1).map { [Span(bar, theme.decoration)] + $0.map { Span($0.text, $0.style.merged(over: theme.quote)) } }
        case .rule:
            return [[Span(String(repeating: glyphs.horizontal, count: width), theme.decoration)]]
        case .table(let table):
            return MarkdownTableLayout(table: table, layout: self).lines(width: width)
        }
    }

    /// One line of code, indented by 2, as rows no wider than `width`: a longer line goes on over further
    /// rows indented by 6, broken after a space where one falls in the second half of the row, so nothing
    /// is cut. Below 12 columns a line is cut with an ellipsis instead.
    static func codeLines(_ line: String, width: Int, ellipsis: String) -> [String] {
        let first = "  " + line
        guard displayWidth(of: first) > width, width >= 12 else { return [truncate(first, width: width, ellipsis: ellipsis)] }
        var rows: [String] = []
        var rest = Substring(line)
        var indent = "  "
        while !rest.isEmpty {
            let room = width - indent.count
            var end = rest.startIndex
            var used = 0
            while end < rest.endIndex {
                let characterWidth = displayWidth(of: String(rest[end]))
                if used + characterWidth > room { break }
                used += characterWidth
                end = rest.index(after: end)
            }
            if end == rest.startIndex { end = rest.index(after: end) }
            if end < rest.endIndex, let space = rest[rest.startIndex..<end].lastIndex(of: " "),
               rest.distance(from: rest.startIndex, to: space) >= room / 2 {
                end = rest.index(after: space)
            }
            rows.append(indent + rest[rest.startIndex..<end])
            rest = rest[end...]
            indent = "      "
        }
        return rows
    }

    private func list(start: Int?, items: [[MarkdownBlock]], width: Int, depth: Int) -> [[Span]] {
        let markers: [String] = items.indices.map { index in
            if let start { "\(start + index)." } else { glyphs.isUnicode ? "•" : "-" }
        }
        let markerWidth = (markers.map { displayWidth(of: $0) }.max() ?? 1) + 1
        var lines: [[Span]] = []
        for (item, marker) in zip(items, markers) {
            // Items of a list sit on consecutive lines; blocks within an item keep their blank line.
            let body = blocks(item, width: width - markerWidth, depth: depth + 1)
            for (index, line) in (body.isEmpty ? [[]] : body).enumerated() {
                let prefix = index == 0
                    ? marker + String(repeating: " ", count: markerWidth - displayWidth(of: marker))
                    : String(repeating: " ", count: markerWidth)
                lines.append([Span(prefix, theme.decoration)] + line)
            }
        }
        return lines
    }

    /// Inline elements as spans, each style laid over `base`.
    func spans(_ inlines: [MarkdownInline], base: Style) -> [Span] {
        inlines.flatMap { inline -> [Span] in
            switch inline {
            case .text(let text): [Span(text, base)]
            case .code(let text): [Span(text, theme.code.merged(over: base))]
            case .emphasis(let inner): spans(inner, base: theme.emphasis.merged(over: base))
            case .strong(let inner): spans(inner, base: theme.strong.merged(over: base))
            case .strikethrough(let inner): spans(inner, base: theme.strikethrough.merged(over: base))
            case .link(let inner, let destination):
                spans(inner, base: theme.link.merged(over: base))
                    + (inner.plainText == destination || destination.isEmpty
                        ? [] : [Span(" (\(destination))", theme.linkDestination)])
            case .softBreak: [Span(" ", base)]
            case .lineBreak: [Span("\n", base)]
            }
        }
    }
}

extension Style {
    /// This style's attributes added to `base`, and its colours where it sets one.
    func merged(over base: Style) -> Style {
        Style(
            foreground: foreground == .default ? base.foreground : foreground,
            background: background == .default ? base.background : background,
            bold: bold || base.bold, dim: dim || base.dim, italic: italic || base.italic,
            underline: underline || base.underline, reverse: reverse || base.reverse
        )
    }
}

extension Substring {
    /// Tabs as four spaces, since a cell holds one column and terminals' tab stops vary.
    fileprivate var replacingTabs: String {
        self.reduce(into: "") { text, character in
            if character == "\t" { text += "    " } else { text.append(character) }
        }
    }
}
