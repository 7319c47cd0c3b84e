import Canvas
import Foundation
import Neural

/// Draws the `tuning` widget: the map of trials (log learning rate across, width up) over the Bayesian
/// surrogate's mean or uncertainty, the best-so-far held-out loss of each method side by side, and a line
/// per method with its progress and best trial.
extension TuningWidget {
    func preferredContentHeight(width: Int, available: Int) -> Int {
        min(available, width >= 100 ? 20 : 15)
    }

    /// The map's axes: log10 of the learning rate, and the width.
    static let xRange = log10(learningRates.lowerBound)...log10(learningRates.upperBound)
    static let yRange = widths

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        let style = context.style, glyphs = context.glyphs
        guard training != nil, space != nil else {
            buffer.put([Span("The moons could not be made.", style.warning)], at: area.x, area.y, maxWidth: area.width)
            return
        }
        let textRows = searches.count + 2
        let body = Rect(x: area.x, y: area.y, width: area.width, height: max(0, area.height - textRows))
        let columns = body.split(.horizontal, [.percent(50), .fixed(2), .fill])
        drawMap(into: &buffer, area: columns[0], context: context)
        drawCurves(into: &buffer, area: columns[2], context: context)
        buffer.put(methodLines(context: context), in: Rect(x: area.x, y: body.bottom, width: area.width, height: textRows))
        _ = glyphs
    }

    /// One line per method: trials done of planned, and the best trial's loss and settings.
    func methodLines(context: WidgetContext) -> [[Span]] {
        let style = context.style, glyphs = context.glyphs
        var lines: [[Span]] = []
        for (index, search) in searches.enumerated() {
            let marker = glyphs.pointMarker(class: index, isTest: false)
            let color = context.tinted(Palette.series(index), bold: true)
            var line = [Span(marker + " ", color), Span(align(search.name, width: 7, .left), color),
                        Span(align("\(search.results.count)/\(search.plannedTrials)", width: 6, .left), style.secondary)]
            if let best = search.results.best {
                line += [Span("best loss ", style.secondary), Span(WidgetText.number(-best.score, decimals: 3, glyphs: glyphs), style.accent),
                         Span("  at \(glyphs.isUnicode ? "η" : "lr") " + Self.rateText(best.trial.values[0])
                              + ", width \(Int(best.trial.values[1].rounded()))", style.secondary)]
            } else {
                line.append(Span(isStarted ? "training its first trial" : "press Space to search", style.secondary))
            }
            lines.append(line)
        }
        let eta = glyphs.isUnicode ? "η" : "lr"
        let arrow = WidgetText.becomes(glyphs)
        lines.append([Span("map: \(eta) 0.001\(arrow)1 across (log scale), width 1\(arrow)16 up", style.secondary)])
        let layer = showsUncertainty ? "uncertainty (one standard deviation)" : "expected loss (darker is lower)"
        lines.append([Span("shading: the Bayesian surrogate's \(layer)", style.secondary)])
        return lines
    }

    static func rateText(_ rate: Double) -> String {
        NumberText.trimmed(rate, decimals: rate < 0.01 ? 4 : 3, unicode: true)
    }

    private func drawMap(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        guard area.width >= 6, area.height >= 3, let space else { return }
        let glyphs = context.glyphs
        let grid = DecisionMap.gridSize(for: area, glyphs: glyphs, colors: context.colors)
        var values = [Double](repeating: .nan, count: grid.width * grid.height)
        if let surrogate {
            // The surrogate at the centre of every pixel, in the search's unit square.
            let positions = DecisionMap.samplePoints(width: grid.width, height: grid.height, x: Self.xRange, y: Self.yRange)
            values = stride(from: 0, to: positions.count - 1, by: 2).map { index in
                let unit = space.unitPoint(of: [pow(10, positions[index]), positions[index + 1]])
                let prediction = surrogate.predict(unit)
                return showsUncertainty ? prediction.standardDeviation : -prediction.mean
            }
        }
        var points: [DecisionMap.Point] = []
        for (index, search) in searches.enumerated() {
            points += search.results.map { DecisionMap.Point(x: log10($0.trial.values[0]), y: $0.trial.values[1], label: index) }
        }
        let map = DecisionMap(values: values, gridWidth: grid.width, gridHeight: grid.height, xRange: Self.xRange,
                              yRange: Self.yRange, points: points, scale: .values(.sequential))
        buffer.render(map, in: area, glyphs: glyphs, colors: context.colors)
    }

    private func drawCurves(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        guard area.width >= 8, area.height >= 4 else { return }
        let series = searches.enumerated().map { index, search in
            LineChart.Series(search.name, x: search.results.indices.map { Double($0 + 1) },
                             y: search.bestLossSoFar.map { $0.isFinite ? $0 : .nan }, color: Palette.series(index))
        }
        let chart = LineChart(series: series, xRange: .fixed(1, Double(max(2, budget))), xTitle: "trial", yTitle: "best held-out loss",
                              showsLegend: false, theme: context.theme)
        buffer.render(chart, in: area, glyphs: context.glyphs, colors: context.colors)
    }
}
