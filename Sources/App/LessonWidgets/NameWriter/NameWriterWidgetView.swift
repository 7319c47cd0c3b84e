import Canvas

/// Draws the `namewriter` widget: the training's numbers on the left, the names it writes on the right.
extension NameWriterWidget {
    func preferredContentHeight(width: Int, available: Int) -> Int {
        min(available, lines(width: width, context: WidgetContext(glyphs: .ascii, colors: .none, isFocused: false)).count)
    }

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        buffer.put(lines(width: area.width, context: context), in: area)
    }

    /// Every line the widget draws: the numbers, then the names two columns wide (one on a narrow widget).
    func lines(width: Int, context: WidgetContext) -> [[Span]] {
        let style = context.style
        if let problem { return [[Span(problem, style.secondary)]] }
        var lines: [[Span]] = []
        lines.append([Span("step \(steps)", style.accent), Span(isPlaying ? "  training" : "  paused", style.secondary),
                      Span("   temperature " + NumberText.trimmed(temperature, decimals: 1), style.accent)])
        lines.append([Span("held-out loss " + NumberText.fixed(Double(heldOutLoss), decimals: 2) + " nats a letter"),
                       Span("   letter pairs " + NumberText.fixed(letterPairLoss, decimals: 2), style.secondary)])
        lines.append([Span("1 block, 4 heads, d = 32, on \(NameWriterWidget.trainingCount) names", style.secondary)])
        lines.append([])
        let columns = width >= 40 ? 2 : 1
        let columnWidth = max(1, width / columns)
        let rows = (names.count + columns - 1) / columns
        for row in 0..<rows {
            var text = ""
            for column in 0..<columns {
                let index = column * rows + row
                guard index < names.count else { continue }
                let name = names[index].isEmpty ? "(empty)" : names[index]
                text += column == columns - 1 ? name : name + String(repeating: " ", count: max(1, columnWidth - displayWidth(of: name)))
            }
            lines.append([Span(text)])
        }
        return lines
    }
}
