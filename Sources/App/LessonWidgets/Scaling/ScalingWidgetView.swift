import Canvas
import Foundation
import Neural

/// Draws the `scaling` widget: two loss landscapes over (w₁, w₂), shaded in bands like a contour map,
/// each with its walk from (0, 0), and under each its learning rate, loss and verdict.
extension ScalingWidget {
    func preferredContentHeight(width: Int, available: Int) -> Int {
        min(available, width >= 100 ? 20 : 15)
    }

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        let columns = area.split(.horizontal, [.fill, .fixed(2), .fill])
        for (panel, column) in zip(panels, [columns[0], columns[2]]) {
            draw(panel, into: &buffer, area: column, context: context)
        }
    }

    /// The square of weights drawn: centred between the start (0, 0) and the bottom, wide enough for both.
    static func ranges(of panel: ScalingPanel) -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let centre = panel.best.map { Double($0) / 2 }
        let half = max(abs(Double(panel.best[0])), abs(Double(panel.best[1]))) * 0.8 + 1e-6
        return ((centre[0] - half)...(centre[0] + half), (centre[1] - half)...(centre[1] + half))
    }

    private func draw(_ panel: ScalingPanel, into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        let glyphs = context.glyphs, style = context.style
        let textRows = 3
        let mapArea = Rect(x: area.x, y: area.y + 1, width: area.width, height: max(0, area.height - textRows - 1))
        buffer.put([Span(panel.name, style.heading),
                    Span(panel.name == raw.name ? "  x₁ ten times larger" : "  (x − μ)/σ", style.secondary)], at: area.x, area.y, maxWidth: area.width)
        if mapArea.height >= 2 {
            let ranges = Self.ranges(of: panel)
            let grid = DecisionMap.gridSize(for: mapArea, glyphs: glyphs, colors: context.colors)
            let positions = DecisionMap.samplePoints(width: grid.width, height: grid.height, x: ranges.x, y: ranges.y)
            let points = stride(from: 0, to: positions.count - 1, by: 2).map { [Float(positions[$0]), Float(positions[$0 + 1])] }
            let losses = ScalingPanel.losses(at: points, features: panel.features, targets: panel.targets)
            let top = Double(panel.losses[0] - panel.lowestLoss)
            // Bands of equal height, like contour lines: the square root spreads the low part.
            let values = losses.map { (max(0, Double($0 - panel.lowestLoss)) / max(1e-12, top)).squareRoot() * 8 }.map { $0.rounded(.down) }
            let path = panel.path.map { DecisionMap.Point(x: Double($0[0]), y: Double($0[1]), label: 0) }
            let map = DecisionMap(values: values, gridWidth: grid.width, gridHeight: grid.height, xRange: ranges.x, yRange: ranges.y,
                                  points: path, scale: .values(.sequential))
            buffer.render(map, in: mapArea, glyphs: glyphs, colors: context.colors)
            if let cell = PlaneCell.cell(x: Double(panel.best[0]), y: Double(panel.best[1]), xRange: ranges.x, yRange: ranges.y, in: mapArea) {
                buffer.put(glyphs.isUnicode ? "✚" : "+", at: cell.x, cell.y, style: Style(foreground: context.color(.rgb(255, 255, 255)), bold: true))
            }
        }
        let eta = glyphs.isUnicode ? "η" : "lr"
        let verdictStyle: Style
        switch panel.status {
        case .converged: verdictStyle = style.done
        case .diverged: verdictStyle = style.warning
        case .running: verdictStyle = style.secondary
        }
        let loss = panel.losses.last ?? .nan
        let lines: [[Span]] = [
            [Span("\(eta) = ", style.secondary), Span(Self.rate(panel.learningRate), style.accent),
             Span("  step \(panel.steps)", style.secondary)],
            [Span("L = ", style.secondary), Span(loss.isFinite && loss < 1e6 ? WidgetText.number(loss, decimals: 5, glyphs: glyphs) : "huge")],
            [Span(panel.verdict, verdictStyle)],
        ]
        buffer.put(lines, in: Rect(x: area.x, y: area.bottom - textRows, width: area.width, height: textRows))
    }

    /// A learning rate with the digits it needs: 0.0005, 0.25.
    static func rate(_ value: Float) -> String {
        let digits = max(2, Int(-Foundation.log10(Double(value)).rounded(.up)) + 2)
        return NumberText.trimmed(Double(value), decimals: digits, unicode: true)
    }
}
