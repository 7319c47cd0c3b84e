import Canvas
import Foundation
import Neural

/// Draws the `descent` widget: the loss surface shaded in bands like a contour map with each run's path
/// on it, and beside it the learning rate and each run's loss and verdict.
extension DescentWidget {
    func preferredContentHeight(width: Int, available: Int) -> Int {
        min(available, width >= 100 ? 24 : 16)
    }

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        let mapWidth = min(area.width * 11 / 20, max(16, area.height * 2 + 2))
        let columns = area.split(.horizontal, [.fixed(mapWidth), .fixed(2), .fill])
        drawSurface(into: &buffer, area: columns[0], context: context)
        drawPanel(into: &buffer, area: columns[2], context: context)
    }

    private var range: ClosedRange<Double> { Double(LossSurface.range.lowerBound)...Double(LossSurface.range.upperBound) }

    private func drawSurface(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        let grid = DecisionMap.gridSize(for: area, glyphs: context.glyphs, colors: context.colors)
        let positions = DecisionMap.samplePoints(width: grid.width, height: grid.height, x: range, y: range)
        // Bands of equal height, like contour lines: the square root spreads the low, interesting part.
        var values: [Double] = []
        values.reserveCapacity(positions.count / 2)
        for index in stride(from: 0, to: positions.count, by: 2) {
            let loss = surface.loss(Float(positions[index]), Float(positions[index + 1])) - surface.minimumLoss
            values.append((Double(max(0, loss)).squareRoot() * 2).rounded(.down))
        }
        var points: [DecisionMap.Point] = []
        for (index, run) in runs.enumerated() {
            points += run.path.map { DecisionMap.Point(x: Double($0.x), y: Double($0.y), label: index) }
        }
        let map = DecisionMap(values: values, gridWidth: grid.width, gridHeight: grid.height, xRange: range, yRange: range,
                              points: points, scale: .values(.sequential))
        buffer.render(map, in: area, glyphs: context.glyphs, colors: context.colors)

        // The start, and where each run stands now, reversed so they show without colour too.
        if let cell = PlaneCell.cell(x: Double(start.x), y: Double(start.y), xRange: range, yRange: range, in: area) {
            buffer.put(context.glyphs.isUnicode ? "✚" : "+", at: cell.x, cell.y, style: Style(foreground: context.color(.rgb(255, 255, 255)), bold: true))
        }
        for run in runs where run.steps > 0 {
            guard let cell = PlaneCell.cell(x: Double(run.position.x), y: Double(run.position.y), xRange: range, yRange: range, in: area) else { continue }
            var current = buffer[cell.x, cell.y]
            current.style.reverse = true
            current.style.bold = true
            buffer[cell.x, cell.y] = current
        }
    }

    private func drawPanel(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        let glyphs = context.glyphs, style = context.style
        var lines: [[Span]] = []
        lines.append([Span(surface.summary, style.heading)])
        let eta = glyphs.isUnicode ? "η" : "lr"
        lines.append([Span("\(eta) = ", style.secondary), Span(WidgetText.short(learningRate, decimals: 3, glyphs: glyphs), style.accent),
                      Span("   start (\(WidgetText.short(start.x, glyphs: glyphs)), \(WidgetText.short(start.y, glyphs: glyphs)))", style.secondary)])
        lines.append([])
        let nameWidth = 9
        for (index, run) in runs.enumerated() {
            let marker = glyphs.pointMarker(class: index, isTest: false)
            let color = context.tinted(Palette.series(index), bold: true)
            let loss = run.losses.last ?? .nan
            lines.append([Span(marker + " ", color), Span(align(run.kind.name, width: nameWidth, .left), color),
                          Span("L = " + WidgetText.number(loss, decimals: 4, glyphs: glyphs))])
            let verdictStyle: Style
            switch run.status {
            case .converged: verdictStyle = style.done
            case .diverged: verdictStyle = style.warning
            case .running: verdictStyle = run.isOscillating || run.isCrawling ? style.warning : style.secondary
            }
            lines.append([Span("  " + run.verdict, verdictStyle)])
        }
        for (row, line) in lines.enumerated() where row < area.height {
            buffer.put(line, at: area.x, area.y + row, maxWidth: area.width)
        }
        // The loss step by step, one line per run: a falling curve, a zigzag or a climb.
        let chartTop = area.y + lines.count + 1
        let chartArea = Rect(x: area.x, y: chartTop, width: area.width, height: area.bottom - chartTop)
        guard chartArea.height >= 5, runs.contains(where: { $0.steps > 0 }) else { return }
        let series = runs.enumerated().map { index, run in
            LineChart.Series(run.kind.name, values: run.losses.map { Double($0) }, color: Palette.series(index))
        }
        let chart = LineChart(series: series, xTitle: "step", yTitle: "loss", showsLegend: false, theme: context.theme)
        buffer.render(chart, in: chartArea, glyphs: glyphs, colors: context.colors)
    }
}