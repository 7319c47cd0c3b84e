import Canvas
import Foundation
import Neural

/// Draws the `confusion` widget: the 10 × 10 table of held-out counts (true digit by row, the network's
/// answer by column), and beside it the most frequent mistakes, each with one of its digits drawn.
extension ConfusionWidget {
    /// Columns of the table: a row name of 10, then 10 counts of 4.
    static let tableWidth = 10 + 10 * 4

    func preferredContentHeight(width: Int, available: Int) -> Int {
        min(available, 14)
    }

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        let style = context.style, glyphs = context.glyphs
        guard (try? spec.get()) != nil, let heldOut else {
            if case .failure(let error) = spec { buffer.put([[Span(error.description, style.warning)]], in: area) }
            return
        }
        let status: [Span]
        if snapshot == nil || epoch == 0 {
            status = [Span("untrained", style.accent), Span(": press Space to train and watch the table fill its diagonal", style.secondary)]
        } else {
            let accuracy = WidgetText.number(matrix.accuracy * 100, decimals: 1, glyphs: glyphs)
            status = [Span("epoch \(epoch)", style.accent), Span("   held-out accuracy ", style.secondary), Span(accuracy + " %", style.accent),
                      Span(" of \(heldOut.count) digits" + (isDone ? ", done" : ""), style.secondary)]
        }
        buffer.put(status, at: area.x, area.y, maxWidth: area.width)
        let body = area.inset(top: 2, left: 0, bottom: 0, right: 0)
        buffer.put(tableLines(context: context), in: body)
        let side = body.inset(top: 0, left: Self.tableWidth + 2, bottom: 0, right: 0)
        drawMistakes(into: &buffer, area: side, context: context)
    }

    /// The table's lines: a header of the answers, then one row per true digit.
    func tableLines(context: WidgetContext) -> [[Span]] {
        let style = context.style
        var lines: [[Span]] = [[Span("true\\said", style.secondary)] + (0..<10).map { Span(align(String($0), width: 4, .right), style.heading) }]
        lines[0][0] = Span(align("true\\said", width: 10, .left, ellipsis: ""), style.secondary)
        for actual in 0..<10 {
            var line = [Span(align("     \(actual)", width: 10, .left), style.heading)]
            for predicted in 0..<10 {
                let count = matrix[actual: actual, predicted: predicted]
                let text = align(count == 0 ? (context.glyphs.isUnicode ? "·" : ".") : String(count), width: 4, .right)
                let cellStyle = actual == predicted ? style.done : (count == 0 ? style.secondary : style.warning)
                line.append(Span(text, cellStyle))
            }
            lines.append(line)
        }
        return lines
    }

    private func drawMistakes(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        guard area.width >= 9, area.height >= 3 else { return }
        let style = context.style
        buffer.put([Span("most confused", style.heading)], at: area.x, area.y, maxWidth: area.width)
        let mistakes = mostConfused
        guard !mistakes.isEmpty else {
            buffer.put([Span("no mistakes", style.done)], at: area.x, area.y + 1, maxWidth: area.width)
            return
        }
        let fits = min(mistakes.count, (area.width + 1) / 10)
        let arrow = WidgetText.becomes(context.glyphs)
        let imageHeight = context.glyphs.isUnicode && context.colors != .none ? 4 : 8
        for (index, mistake) in mistakes.prefix(fits).enumerated() {
            let x = area.x + index * 10
            buffer.put([Span("\(mistake.actual)\(arrow)\(mistake.predicted) ", style.warning), Span("\(mistake.count)", style.secondary)],
                       at: x, area.y + 1, maxWidth: 9)
            let picture = Heatmap(values: mistake.pixels.map(Double.init), rows: 8, columns: 8, scale: .sequential, range: 0...1,
                                  showsColorBar: false, keepsAspect: false, theme: context.theme)
            let rect = Rect(x: x, y: area.y + 2, width: 8, height: min(imageHeight, area.bottom - area.y - 2))
            buffer.render(picture, in: rect, glyphs: context.glyphs, colors: context.colors)
        }
        let noteRow = area.y + 3 + imageHeight
        if noteRow < area.bottom {
            buffer.put([Span("true\(arrow)said, times", style.secondary)], at: area.x, noteRow, maxWidth: area.width)
        }
    }
}
