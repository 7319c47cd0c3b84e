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
        // Counts as numbers when every column fits; otherwise as a picture.
        let columnWidth = max(3, (names.map { displayWidth(of: $0) }.max() ?? 1), String(matrix.total).count)
        if classCount <= 4, body.height >= classCount + 2, (classCount + 1) * (columnWidth + 2) <= body.width {
            let rows = (0..<classCount).map { row in [names[row]] + (0..<classCount).map { String(matrix[actual: row, predicted: $0]) } }
            let table = Table(headers: ["true \\ said"] + names, rows: rows,
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
