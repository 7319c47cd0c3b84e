import Canvas

extension Buffer {
    /// Each row as a line of spans, consecutive cells of one style joined, so a drawn widget can flow
    /// with the page's text lines. Continuation cells are skipped: the wide character before them
    /// already takes both columns.
    var spanLines: [[Span]] {
        (0..<height).map { row in
            var spans: [Span] = []
            var text = ""
            var style = Style.plain
            for column in 0..<width {
                let cell = self[column, row]
                if cell.isContinuation { continue }
                if cell.style != style, !text.isEmpty {
                    spans.append(Span(text, style))
                    text = ""
                }
                style = cell.style
                text += cell.grapheme
            }
            if !text.isEmpty { spans.append(Span(text, style)) }
            return spans
        }
    }
}
