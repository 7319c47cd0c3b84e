import Canvas
import Neural

/// Draws the `activation` widget: the list of functions, the selected one plotted with its slope and a
/// cursor, and the read-out of f(z) and f′(z); for softmax, the scores and their probabilities as bars.
extension ActivationWidget {
    func preferredContentHeight(width: Int, available: Int) -> Int {
        min(available, width >= 100 ? 20 : 15)
    }

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        let listWidth = min(14, max(10, (entries.map { $0.name.count }.max() ?? 8) + 4))
        let columns = area.split(.horizontal, [.fixed(listWidth), .fixed(1), .fill])
        for (index, entry) in entries.enumerated() where index < columns[0].height {
            let isSelected = index == selected
            let pointer = isSelected ? (context.glyphs.isUnicode ? "▸ " : "> ") : "  "
            buffer.put([Span(pointer, context.style.accent), Span(entry.name, isSelected ? context.selected : .plain)],
                       at: columns[0].x, columns[0].y + index, maxWidth: columns[0].width)
        }
        switch entry {
        case .function(let activation): drawFunction(activation, into: &buffer, area: columns[2], context: context)
        case .softmax: drawSoftmax(into: &buffer, area: columns[2], context: context)
        }
    }

    /// The y range that shows a function's shape near the origin, with its slope.
    private func yRange(_ activation: Activation) -> (Double, Double) {
        switch activation {
        case .step, .sigmoid: (-0.25, 1.25)
        case .tanh: (-1.25, 1.25)
        case .relu, .leakyReLU: (-1, 4)
        default: (-4, 4)
        }
    }

    private func drawFunction(_ activation: Activation, into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        let glyphs = context.glyphs, style = context.style
        let limit = Double(Self.cursorLimit)
        let samples = stride(from: -limit, through: limit, by: 0.05).map { Float($0) }
        let symbol = ActivationNames.symbol(activation, unicode: glyphs.isUnicode)
        var series = [LineChart.Series("\(symbol)(z)", x: samples.map(Double.init), y: samples.map { Double(activation.value(at: $0)) },
                                       color: Palette.series(0))]
        if showsDerivative {
            // The step's slope is 0 away from 0; at 0 it has none, so the plot leaves a gap there.
            series.append(LineChart.Series("slope", x: samples.map(Double.init),
                                           y: samples.map { activation == .step && $0 == 0 ? .nan : Double(activation.derivative(at: $0)) },
                                           color: Palette.series(1)))
        }
        let (low, high) = yRange(activation)
        let readoutRows = 3
        let chartArea = Rect(x: area.x, y: area.y, width: area.width, height: max(0, area.height - readoutRows))
        var chart = LineChart(series: series, xRange: .fixed(-limit, limit), yRange: .fixed(low, high), xTitle: "z",
                              showsLegend: true, cursor: Double(cursor), theme: context.theme)
        // The read-out shows the same digits as the line of numbers under the chart.
        chart.readoutDecimals = 3
        buffer.render(chart, in: chartArea, glyphs: glyphs, colors: context.colors)

        guard let reading else { return }
        let prime = glyphs.isUnicode ? "′" : "'"
        var line: [Span] = [Span("z = \(WidgetText.number(cursor, glyphs: glyphs))   "),
                            Span("\(symbol)(z) = \(WidgetText.number(reading.value, decimals: 3, glyphs: glyphs))", context.tinted(Palette.series(0), bold: true))]
        if showsDerivative {
            line.append(Span("   \(symbol)\(prime)(z) = \(WidgetText.number(reading.slope, decimals: 3, glyphs: glyphs))", context.tinted(Palette.series(1), bold: true)))
        }
        buffer.put(line, at: area.x, area.bottom - readoutRows, maxWidth: area.width)
        if let note = slopeNote {
            let vanishing = abs(reading.slope) < Self.vanishingSlope
            for (index, text) in wrap(note, width: area.width).prefix(2).enumerated() {
                buffer.put(text, at: area.x, area.bottom - 2 + index, style: vanishing ? style.warning : style.secondary, maxWidth: area.width)
            }
        }
    }

    private func drawSoftmax(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        let glyphs = context.glyphs, style = context.style
        let probabilities = self.probabilities
        var lines: [[Span]] = [[Span("softmax turns scores into probabilities that add up to 1:", style.secondary)],
                               [Span("  pᵢ = e^zᵢ / (e^z₁ + e^z₂ + e^z₃)")], []]
        for (index, score) in scores.enumerated() {
            let isSelected = index == selectedScore
            let pointer = isSelected && context.isFocused ? (glyphs.isUnicode ? "▸" : ">") : " "
            lines.append([Span(pointer, style.accent), Span(" score \(index + 1): "),
                          Span(align(WidgetText.number(score, glyphs: glyphs), width: 6, .right), isSelected ? context.selected : .plain)])
        }
        for (row, line) in lines.enumerated() where row < area.height {
            buffer.put(line, at: area.x, area.y + row, maxWidth: area.width)
        }
        let top = area.y + lines.count + 1
        let bars = BarChart(bars: probabilities.enumerated().map { BarChart.Bar("p\($0.offset + 1)", Double($0.element), color: Palette.series($0.offset)) },
                            range: 0...1, highlighted: probabilities.indices.max { probabilities[$0] < probabilities[$1] }, theme: context.theme)
        buffer.render(bars, in: Rect(x: area.x, y: top, width: min(area.width, 48), height: min(scores.count, area.bottom - top)),
                      glyphs: glyphs, colors: context.colors)
        let total = probabilities.reduce(0, +)
        if area.bottom - 1 > top + scores.count {
            buffer.put("sum = \(WidgetText.number(total, decimals: 3, glyphs: glyphs)); the largest score gets the largest share.",
                       at: area.x, area.bottom - 1, style: style.secondary, maxWidth: area.width)
        }
    }
}
