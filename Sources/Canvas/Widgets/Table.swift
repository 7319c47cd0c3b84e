/// Rows and columns of text with box-drawing borders: hyperparameters, metrics, a confusion count.
///
/// Columns are as wide as their widest entry; when the table is too wide the widest columns give
/// up room first and long entries are truncated with an ellipsis. Rows that do not fit are left
/// out. Without borders columns are separated by two spaces and the header is bold.
public struct Table: Widget, Sendable {
    public var headers: [String]
    public var rows: [[String]]
    /// Alignment per column; missing entries are `.left`.
    public var alignments: [Alignment]
    public var showsBorders: Bool
    /// The index of a row to emphasise.
    public var highlightedRow: Int?
    public var theme: Theme

    public init(
        headers: [String], rows: [[String]], alignments: [Alignment] = [], showsBorders: Bool = true,
        highlightedRow: Int? = nil, theme: Theme = .standard
    ) {
        self.headers = headers
        self.rows = rows
        self.alignments = alignments
        self.showsBorders = showsBorders
        self.highlightedRow = highlightedRow
        self.theme = theme
    }

    var columnCount: Int { max(headers.count, rows.map(\.count).max() ?? 0) }

    /// Column widths that fit `available` columns of content, shrinking the widest first.
    func columnWidths(available: Int) -> [Int] {
        let count = columnCount
        var widths = [Int](repeating: 1, count: count)
        for (index, header) in headers.enumerated() { widths[index] = max(widths[index], displayWidth(of: header)) }
        for row in rows { for (index, entry) in row.enumerated() { widths[index] = max(widths[index], displayWidth(of: entry)) } }
        var excess = widths.reduce(0, +) - max(0, available)
        while excess > 0 {
            guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 1 else { break }
            widths[widest] -= 1
            excess -= 1
        }
        return widths
    }

    public func render(into buffer: inout Buffer, area: Rect, glyphs: GlyphSet, colors: ColorMode) {
        buffer.clipped(to: area) { buffer in
            let area = area.intersection(buffer.clip)
            guard !area.isEmpty, columnCount > 0 else { return }
            draw(into: &buffer, area: area, glyphs: glyphs, colors: colors)
        }
    }

    private func draw(into buffer: inout Buffer, area: Rect, glyphs: GlyphSet, colors: ColorMode) {
        let theme = self.theme.downsampled(to: colors)
        let count = columnCount
        // Borders take "│ " before each column, " " after it and a final "│": 3 per column + 1.
        let borders = showsBorders && area.height >= 3 && area.width >= 4 * count + 1
        let overhead = borders ? 3 * count + 1 : 2 * (count - 1)
        let widths = columnWidths(available: area.width - overhead)
        var y = area.y

        func rule(_ left: String, _ middle: String, _ right: String) {
            var line = left
            for (index, width) in widths.enumerated() {
                line += String(repeating: glyphs.horizontal, count: width + 2)
                line += index == widths.count - 1 ? right : middle
            }
            buffer.put(line, at: area.x, y, style: theme.border)
            y += 1
        }

        func line(_ entries: [String], style: Style) {
            var x = area.x
            for index in 0..<count {
                let entry = index < entries.count ? entries[index] : ""
                let alignment = index < alignments.count ? alignments[index] : .left
                let text = align(entry, width: widths[index], alignment, ellipsis: glyphs.ellipsis)
                if borders {
                    buffer.put(glyphs.vertical, at: x, y, style: theme.border)
                    buffer.put(text, at: x + 2, y, style: style)
                    x += widths[index] + 3
                } else {
                    buffer.put(text, at: x, y, style: style)
                    x += widths[index] + 2
                }
            }
            if borders { buffer.put(glyphs.vertical, at: x, y, style: theme.border) }
            y += 1
        }

        let bottomRows = borders ? 1 : 0
        if borders { rule(glyphs.topLeft, glyphs.topTee, glyphs.topRight) }
        if !headers.isEmpty && y < area.bottom - bottomRows {
            var headerStyle = theme.title
            headerStyle.bold = true
            line(headers, style: headerStyle)
            if borders && y < area.bottom - bottomRows { rule(glyphs.leftTee, glyphs.cross, glyphs.rightTee) }
        }
        for (index, row) in rows.enumerated() {
            guard y < area.bottom - bottomRows else { break }
            line(row, style: index == highlightedRow ? theme.highlight : theme.text)
        }
        if borders && y < area.bottom { rule(glyphs.bottomLeft, glyphs.bottomTee, glyphs.bottomRight) }
    }
}
