/// Lays a Markdown table out as aligned columns with a rule under the header.
struct MarkdownTableLayout {
    let table: MarkdownTable
    let layout: MarkdownLayout

    func lines(width: Int) -> [[Span]] {
        let columns = max(table.header.count, table.rows.map(\.count).max() ?? 0)
        guard columns > 0, width > 0 else { return [] }
        let separator = layout.glyphs.isUnicode ? " │ " : " | "
        let allRows = [table.header] + table.rows
        var widths = (0..<columns).map { column in
            allRows.map { row in column < row.count ? displayWidth(of: row[column].plainText) : 0 }.max() ?? 0
        }
        // Shrink the widest column one cell at a time until the table fits; every column keeps one cell.
        let available = width - (columns - 1) * displayWidth(of: separator)
        while widths.reduce(0, +) > max(available, columns), let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 1 {
            widths[widest] -= 1
        }

        func line(_ row: [[MarkdownInline]], style: Style) -> [Span] {
            var spans: [Span] = []
            for column in 0..<columns {
                if column > 0 { spans.append(Span(separator, layout.theme.decoration)) }
                let text = column < row.count ? row[column].plainText : ""
                let alignment: Alignment = switch column < table.alignments.count ? table.alignments[column] : .left {
                case .left: .left
                case .centre: .center
                case .right: .right
                }
                spans.append(Span(align(text, width: widths[column], alignment, ellipsis: layout.glyphs.ellipsis), style))
            }
            return spans
        }

        let cross = layout.glyphs.isUnicode ? "─┼─" : "-+-"
        let rule = widths.map { String(repeating: layout.glyphs.horizontal, count: $0) }.joined(separator: cross)
        var lines = [line(table.header, style: layout.theme.tableHeader), [Span(rule, layout.theme.decoration)]]
        lines += table.rows.map { line($0, style: layout.theme.text) }
        return lines
    }
}
