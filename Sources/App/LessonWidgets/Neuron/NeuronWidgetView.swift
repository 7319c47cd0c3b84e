import Canvas
import Neural

/// Draws the `neuron` widget: the numbers the learner moves, the weighted sum and the activation worked
/// out with those numbers, a plot of the activation with the neuron's z marked, and the goal gate.
extension NeuronWidget {
    func preferredContentHeight(width: Int, available: Int) -> Int {
        let numbers = max(rowCount, 4)
        let goalRows = goal == nil ? 0 : 2
        return min(available, numbers + 1 + max(6, width >= 100 ? 10 : 7) + goalRows)
    }

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        let glyphs = context.glyphs, style = context.style
        let (z, a) = forward
        func number(_ value: Float) -> String { WidgetText.number(value, glyphs: glyphs) }
        func term(_ value: Float) -> String { WidgetText.shortTerm(value, glyphs: glyphs) }
        let times = WidgetText.times(glyphs)

        // The numbers: inputs and weights side by side, the bias below.
        let numbersWidth = 30
        for row in 0..<rowCount {
            let isInput = row < inputCount, isWeight = !isInput && row < 2 * inputCount
            let name = isInput ? WidgetText.indexed("x", row + 1, glyphs: glyphs)
                : isWeight ? WidgetText.indexed("w", row - inputCount + 1, glyphs: glyphs) : "b"
            let column = isInput ? 0 : (isWeight ? 15 : 15)
            let line = isInput ? row : (isWeight ? row - inputCount : inputCount)
            let isSelected = row == selected
            let pointer = isSelected && context.isFocused ? (glyphs.isUnicode ? "▸" : ">") : " "
            buffer.put([Span(pointer, style.accent), Span(" " + name.padding(toLength: 3, withPad: " ", startingAt: 0)),
                        Span(align(number(value(ofRow: row)), width: 6, .right), isSelected ? context.selected : .plain)],
                       at: area.x + column, area.y + line, maxWidth: 14)
        }

        // The maths with the numbers in it.
        let symbol = ActivationNames.symbol(activation, unicode: glyphs.isUnicode)
        let names = (1...inputCount).map { "\(WidgetText.indexed("w", $0, glyphs: glyphs))\(times)\(WidgetText.indexed("x", $0, glyphs: glyphs))" }
        let products = (0..<inputCount).map { "\(term(weights[$0]))\(times)\(term(inputs[$0]))" }
        var maths: [[Span]] = [
            [Span("z = " + names.joined(separator: " + ") + " + b")],
            [Span("  = " + products.joined(separator: " + ") + " + " + term(bias))],
            [Span("  = "), Span(WidgetText.short(z, decimals: 3, glyphs: glyphs), style.heading)],
            [Span("a = \(symbol)(z) = \(symbol)(\(WidgetText.short(z, decimals: 3, glyphs: glyphs))) = "), Span(WidgetText.short(a, decimals: 3, glyphs: glyphs), style.heading)],
        ]
        let mathsX = area.x + numbersWidth + 2
        let mathsWidth = area.right - mathsX
        if mathsWidth < 24 {
            // Too narrow for two columns: the maths goes under the numbers.
            maths = maths.flatMap { wrap($0, width: area.width) }
            for (index, line) in maths.enumerated() where index + rowCount + 1 < area.height {
                buffer.put(line, at: area.x, area.y + rowCount + 1 + index, maxWidth: area.width)
            }
        } else {
            for (index, line) in maths.flatMap({ wrap($0, width: mathsWidth) }).enumerated() where index < area.height {
                buffer.put(line, at: mathsX, area.y + index, maxWidth: mathsWidth)
            }
        }

        // The activation's curve with the neuron's z on it.
        let numbersHeight = max(rowCount, maths.count) + 1
        let goalRows = goal == nil ? 0 : 2
        let plot = Rect(x: area.x, y: area.y + numbersHeight, width: area.width, height: area.height - numbersHeight - goalRows)
        if plot.height >= 4 {
            let span: Float = max(4, (abs(z) + 1).rounded(.up))
            let samples = stride(from: -span, through: span, by: span / 100).map { $0 }
            let curve = LineChart.Series("\(symbol)(z)", x: samples.map(Double.init), y: samples.map { Double(activation.value(at: $0)) })
            var chart = LineChart(series: [curve], xRange: .fixed(Double(-span), Double(span)),
                                  xTitle: nil, showsLegend: true, cursor: Double(z), theme: context.theme)
            chart.cursorName = "z"
            chart.readoutDecimals = 2
            buffer.render(chart, in: plot, glyphs: glyphs, colors: context.colors)
        }

        if let goal, area.height - goalRows >= numbersHeight {
            let sums = goalSums
            var line: [Span] = [Span("goal \(goal.rawValue.uppercased()): ", style.heading)]
            for index in 0..<4 {
                let (x1, x2) = (index >> 1, index & 1)
                let says = sums[index] > 0 ? 1 : 0, wants = goal.output(x1, x2)
                line.append(Span("(\(x1),\(x2))" + WidgetText.becomes(glyphs) + "\(says)", says == wants ? .plain : style.warning))
                line.append(Span(WidgetText.mark(says == wants, glyphs: glyphs) + "  ", says == wants ? style.done : style.warning))
            }
            let verdict = meetsGoal ? "The neuron computes \(goal.rawValue.uppercased())." : "Not yet: move the weights and the bias."
            buffer.put(line, at: area.x, area.bottom - 2, maxWidth: area.width)
            buffer.put(verdict, at: area.x, area.bottom - 1, style: meetsGoal ? style.done : style.secondary, maxWidth: area.width)
        }
    }
}
