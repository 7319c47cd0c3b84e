import Canvas
import Neural

/// A confusion matrix drawn as a heatmap of counts: rows are the true classes, columns the predicted
/// ones, so a good classifier lights up the diagonal. Small matrices show their counts as a table.
struct ConfusionView {
    var predicted: [Int]
    var actual: [Int]
    var classNames: [String]

    func draw(into buffer: inout Buffer, area: Rect, title: String, style: TutorStyle, glyphs: GlyphSet, colors: ColorMode) {
        let classCount = max(classNames.count, (predicted + actual).max().map { $0 + 1 } ?? 0, 2)
        let matrix = ConfusionMatrix(predicted: predicted, actual: actual, classCount: classCount)
        buffer.put([Span(title + " ", style.heading), Span(String(format: "%.1f%% right", matrix.accuracy * 100), style.secondary)],
                   at: area.x, area.y, maxWidth: area.width)
        let body = area.inset(top: 1, left: 0, bottom: 0, right: 0)
        let names = (0..<classCount).map { classNames[safe: $0] ?? "\($0)" }
        // Counts as numbers when every column fits, names shortened if need be; otherwise as a picture.
        // The true classes keep their whole names in the first column; the columns share what is left.
        let countWidth = max(3, String(matrix.total).count)
        let longest = names.map { displayWidth(of: $0) }.max() ?? 1
        let firstWidth = min(longest, max(4, body.width / 3))
        let room = (body.width - firstWidth - 2) / classCount - 2
        let columnWidth = min(max(countWidth, longest), room)
        if classCount <= 4, body.height >= classCount + 2, columnWidth >= countWidth {
            // Names that would be cut in the headings become numbers there, and the rows say which is which:
            // `1 setosa`, `2 versicolor`, … over columns `1 2 3`, rather than `versic…` beside `virgin…`.
            let numbered = columnWidth < longest
            let rowNames = names.enumerated().map { index, name in
                truncate(numbered ? "\(index + 1) \(name)" : name, width: numbered ? firstWidth + 2 : firstWidth,
                         ellipsis: glyphs.ellipsis)
            }
            let columnNames = numbered ? names.indices.map { String($0 + 1) }
                                       : names.map { truncate($0, width: columnWidth, ellipsis: glyphs.ellipsis) }
            let rows = (0..<classCount).map { row in [rowNames[row]] + (0..<classCount).map { String(matrix[actual: row, predicted: $0]) } }
            let corner = firstWidth >= 11 ? "true \\ said" : "true"
            let table = Table(headers: [corner] + columnNames, rows: rows,
                              alignments: [.left] + Array(repeating: .right, count: classCount), showsBorders: false)
            buffer.render(table, in: body, glyphs: glyphs, colors: colors)
            return
        }
        let counts = (0..<classCount).flatMap { row in (0..<classCount).map { Double(matrix[actual: row, predicted: $0]) } }
        let picture = Heatmap(values: counts, rows: classCount, columns: classCount, scale: .sequential,
                              rowLabels: names, columnLabels: names, showsColorBar: body.height >= 6)
        buffer.render(picture, in: body, glyphs: glyphs, colors: colors)
    }
}
