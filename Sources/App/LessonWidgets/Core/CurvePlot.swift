import Canvas

/// A plot of one input against one output: data points, and curves drawn across them (fitted models).
///
/// Curves are braille lines in colour; without colour, or in ASCII, each curve is one glyph per cell
/// (`*`, `+`, `~`, …) so that curves stay apart by shape. Points sit on top: filled `●` (ASCII `o`)
/// for training points and hollow `○` (ASCII `O`) for points held out. A legend fills the top row.
struct CurvePlot {
    struct Curve {
        var name: String
        var x: [Double]
        var y: [Double]
        var color: Color
    }

    struct Point {
        var x: Double
        var y: Double
        var isHeldOut = false
    }

    var xRange: ClosedRange<Double>
    var yRange: ClosedRange<Double>
    var curves: [Curve]
    var points: [Point]
    /// The name of the filled points in the legend, and of the hollow ones (when any are drawn).
    var pointsName = "data"
    var heldOutName = "held out"

    /// The glyph a curve is drawn with when it cannot be told apart by colour.
    static func marker(_ index: Int) -> String { ["*", "+", "~", "#"][index % 4] }

    /// Whether curves are braille lines told apart by colour.
    static func usesBraille(_ context: WidgetContext, curves: Int) -> Bool {
        context.glyphs.isUnicode && (context.colors != .none || curves <= 1)
    }

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        guard area.width >= 4, area.height >= 3 else { return }
        let glyphs = context.glyphs
        let braille = Self.usesBraille(context, curves: curves.count)
        // The legend.
        var legend: [Span] = []
        let filled = glyphs.isUnicode ? "●" : "o", hollow = glyphs.isUnicode ? "○" : "O"
        if points.contains(where: { !$0.isHeldOut }) { legend += [Span(filled + " " + pointsName + "  ")] }
        if points.contains(where: \.isHeldOut) { legend += [Span(hollow + " " + heldOutName + "  ")] }
        for (index, curve) in curves.enumerated() {
            let mark = braille ? (glyphs.isUnicode ? "━" : "-") : Self.marker(index)
            legend += [Span(mark + " " + curve.name, context.tinted(curve.color, bold: true)), Span("  ")]
        }
        buffer.put(legend, at: area.x, area.y, maxWidth: area.width)

        let plot = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        // A faint line at y = 0 when it is in range.
        if yRange.contains(0) {
            let row = plot.y + cellRow(0, rows: plot.height)
            for column in plot.x..<plot.right {
                buffer[column, row] = Cell(glyphs.isUnicode ? "┄" : ".", style: context.style.secondary)
            }
        }
        if braille {
            var canvas = BrailleLineCanvas(columns: plot.width, rows: plot.height)
            let width = plot.width * 2, height = plot.height * 4
            for curve in curves {
                let dots = zip(curve.x, curve.y).compactMap { x, y -> (x: Int, y: Int)? in
                    guard y.isFinite else { return nil }
                    return (dot(x, in: xRange, count: width), height - 1 - dot(min(max(y, yRange.lowerBound), yRange.upperBound), in: yRange, count: height))
                }
                for (start, end) in zip(dots, dots.dropFirst()) {
                    canvas.line(from: start, to: end, style: context.tinted(curve.color, bold: true))
                }
            }
            canvas.draw(into: &buffer, x: plot.x, y: plot.y)
        } else {
            var canvas = GlyphLineCanvas(columns: plot.width, rows: plot.height)
            for (index, curve) in curves.enumerated() {
                let cells = zip(curve.x, curve.y).compactMap { x, y -> (x: Int, y: Int)? in
                    guard y.isFinite else { return nil }
                    return (dot(x, in: xRange, count: plot.width), cellRow(min(max(y, yRange.lowerBound), yRange.upperBound), rows: plot.height))
                }
                let cell = Cell(Self.marker(index), style: context.tinted(curve.color, bold: true))
                for (start, end) in zip(cells, cells.dropFirst()) { canvas.line(from: start, to: end, cell: cell) }
            }
            canvas.draw(into: &buffer, x: plot.x, y: plot.y)
        }
        for point in points where xRange.contains(point.x) {
            let y = min(max(point.y, yRange.lowerBound), yRange.upperBound)
            buffer[plot.x + dot(point.x, in: xRange, count: plot.width), plot.y + cellRow(y, rows: plot.height)] =
                Cell(point.isHeldOut ? hollow : filled, style: context.style.secondary)
        }
    }

    /// The index of `value` among `count` equal steps across `range`.
    private func dot(_ value: Double, in range: ClosedRange<Double>, count: Int) -> Int {
        let share = (value - range.lowerBound) / (range.upperBound - range.lowerBound)
        return min(count - 1, max(0, Int((share * Double(count)).rounded(.down))))
    }

    /// The row (from the top) of output `value`.
    private func cellRow(_ value: Double, rows: Int) -> Int {
        rows - 1 - dot(value, in: yRange, count: rows)
    }
}
