import Canvas
import Neural

/// Draws the `transformer` widget: each head's attention on the shown question as a heatmap (rows the
/// step reading, columns the steps it looks at), and beside it the training's numbers and the model's
/// answer to the shown question.
extension TransformerWidget {
    /// Shades for a weight from 0 to 1, in fifths.
    static let unicodeShades = [" ", "░", "▒", "▓", "█"]
    static let asciiShades = [" ", ".", ":", "+", "#"]
    /// The widest line of the panel beside the heatmaps.
    static let panelWidth = 24

    func preferredContentHeight(width: Int, available: Int) -> Int {
        min(available, lines(width: width, context: WidgetContext(glyphs: .ascii, colors: .none, isFocused: false)).count)
    }

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        buffer.put(lines(width: area.width, context: context), in: area)
    }

    /// The shade for one weight.
    static func shade(_ weight: Float, unicode: Bool) -> String {
        let shades = unicode ? unicodeShades : asciiShades
        let index = min(shades.count - 1, max(0, Int((weight * Float(shades.count)).rounded(.down))))
        // Any weight above zero shows, however faint.
        return shades[weight > 0.02 ? max(index, 1) : 0]
    }

    static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - displayWidth(of: text)))
    }

    /// One head's heatmap: a title, the column symbols, then one row per step.
    func heatmap(head: Int, context: WidgetContext) -> [[Span]] {
        let style = context.style, u = context.glyphs.isUnicode
        let symbols = shownInputs.map { SequenceTask.symbols[$0] }
        var lines: [[Span]] = [[Span("head \(head + 1), focus " + NumberText.fixed(Double(focus(head: head)), decimals: 2), style.heading)]]
        lines.append([Span("   " + symbols.map { Self.padded($0, 2) }.joined(), style.secondary)])
        for (t, symbol) in symbols.enumerated() {
            var row = [Span(Self.padded(symbol, 3), t >= questionLength - 1 ? style.accent : style.secondary)]
            let weights = head < attention.count ? attention[head][t] : []
            for s in symbols.indices {
                let weight = s < weights.count ? weights[s] : 0
                let glyph = Self.shade(weight, unicode: u)
                row.append(Span(glyph + glyph, context.tinted(.rgb(255, 170, 60))))
            }
            lines.append(row)
        }
        return lines
    }

    /// The numbers beside the heatmaps.
    func panel(context: WidgetContext) -> [[Span]] {
        let style = context.style
        let question = shownInputs.prefix(questionLength).map { SequenceTask.symbols[$0] }.joined(separator: " ")
        let right = shownAnswer.map { SequenceTask.symbols[$0] }.joined(separator: " ")
        let given = answer.map { SequenceTask.symbols[$0] }.joined(separator: " ")
        let isRight = answer == shownAnswer
        let percent = NumberText.trimmed(Double(sequenceAccuracy) * 100, decimals: 1)
        return [
            [Span("step \(steps)", style.accent), Span(isPlaying ? "  training" : "  paused", style.secondary)],
            [Span("loss " + (lastLoss.map { NumberText.fixed(Double($0), decimals: 3) } ?? "–") + " nats a digit")],
            [Span("right: \(percent) % of \(Self.measuredCount)", style.accent)],
            [],
            [Span("question  \(question)")],
            [Span("answer    \(right)")],
            [Span("model     \(given)  "), Span(isRight ? "right" : "wrong", isRight ? style.accent : style.secondary)],
            [],
            [Span("1 block, \(Self.heads) heads, d = 32", style.secondary)],
            [Span("Adam \(NumberText.trimmed(Double(Self.learningRate), decimals: 3)), batch \(Self.batchSize)", style.secondary)],
        ]
    }

    /// Every line the widget draws at `width` columns: the heatmaps side by side, the panel beside them
    /// on a wide widget and under them on a narrow one, and the key to the heatmaps last.
    func lines(width: Int, context: WidgetContext) -> [[Span]] {
        let maps = (0..<Self.heads).map { heatmap(head: $0, context: context) }
        let mapWidth = 3 + 2 * shownInputs.count + 3
        var lines: [[Span]] = []
        let panel = panel(context: context)
        let besidePanel = width >= Self.heads * mapWidth + Self.panelWidth
        let rows = max(maps.map(\.count).max() ?? 0, besidePanel ? panel.count : 0)
        for row in 0..<rows {
            var line: [Span] = []
            for map in maps {
                let cells = row < map.count ? map[row] : []
                line += cells
                line.append(Span(String(repeating: " ", count: max(0, mapWidth - cells.width))))
            }
            if besidePanel, row < panel.count { line += panel[row] }
            lines.append(line)
        }
        if !besidePanel { lines.append([]); lines += panel }
        lines.append([Span("rows read, columns are read from; darker takes more", context.style.secondary)])
        return lines
    }
}
