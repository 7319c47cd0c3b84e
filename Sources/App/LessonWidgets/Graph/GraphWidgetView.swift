import Canvas

/// Draws the `graph` widget: the expression graph, then one row per node with its value going forward and
/// its gradient going backward written as local gradient × upstream gradient, then what the last step did.
extension GraphWidget {
    func preferredContentHeight(width: Int, available: Int) -> Int {
        min(available, lines(width: max(20, width), context: WidgetContext(glyphs: .unicode, colors: .none, isFocused: false)).count)
    }

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        for (row, line) in lines(width: area.width, context: context).prefix(area.height).enumerated() {
            buffer.put(line, at: area.x, area.y + row, maxWidth: area.width)
        }
    }

    /// Every line the widget draws at `width` columns, top to bottom.
    func lines(width: Int, context: WidgetContext) -> [[Span]] {
        let glyphs = context.glyphs, style = context.style
        var lines = graphLines(glyphs: glyphs).map { [Span($0, style.secondary)] }
        let nameWidth = 11, forwardWidth = 14
        func cell(_ text: String, _ width: Int) -> String { align(text, width: width, .left) }
        let d = glyphs.isUnicode ? "∂" : "d"
        lines.append([Span(cell("node", nameWidth) + cell("forward", forwardWidth), style.heading),
                      Span("backward: \(d)L/\(d)node = local \(times(glyphs)) upstream", style.heading)])
        let count = position
        for node in ExpressionGraph.nodes {
            var spans = [Span(cell(nodeName(node, glyphs: glyphs), nameWidth)), Span(cell(forwardText(node, glyphs: glyphs), forwardWidth))]
            if let gradient = backwardText(node, glyphs: glyphs, after: count) {
                let finished = isComplete(node, after: count)
                spans.append(Span(gradient, finished ? style.accent : style.secondary))
            }
            lines.append(spans)
        }
        lines.append([])
        for line in wrap(explanation(glyphs: glyphs), width: max(10, width)) { lines.append([Span(line)]) }
        if isFinished {
            for line in wrap(checkText(glyphs: glyphs), width: max(10, width)) { lines.append([Span(line, style.done)]) }
            for line in wrap(matrixText(glyphs: glyphs), width: max(10, width)) { lines.append([Span(line, style.secondary)]) }
        }
        return lines
    }

    // MARK: Pieces

    private func times(_ glyphs: GlyphSet) -> String { glyphs.isUnicode ? "×" : "*" }
    private func number(_ value: Float, _ glyphs: GlyphSet) -> String { WidgetText.short(value, decimals: 3, glyphs: glyphs) }
    /// A number as a factor: negative ones in brackets.
    private func factor(_ value: Float, _ glyphs: GlyphSet) -> String {
        value < 0 ? "(" + number(value, glyphs) + ")" : number(value, glyphs)
    }

    /// The graph: x feeds the product and, along a second path, the sum.
    func graphLines(glyphs: GlyphSet) -> [String] {
        let u = glyphs.isUnicode
        let h = u ? "─" : "-", arrow = u ? "▶" : ">", up = u ? "▲" : "^"
        let split = u ? "┬" : "+", down = u ? "│" : "|", corner = u ? "└" : "+", join = u ? "┘" : "+"
        let square = u ? "²" : "^2"
        // Columns: × at 16 and + at 27 on the first line; the lines below meet them there.
        let first = "x " + h + split + String(repeating: h, count: 10) + arrow + " " + times(glyphs) + " " + h + h + " p " + h + h + arrow
            + " + " + h + h + " f " + h + h + arrow + " " + square + " " + h + h + " L"
        let second = "   " + down + "   y " + String(repeating: h, count: 7) + join + String(repeating: " ", count: 10) + up
        let third = "   " + corner + String(repeating: h, count: 23) + join
        return [first, second, third]
    }

    func nodeName(_ node: String, glyphs: GlyphSet) -> String {
        switch node {
        case "p": "p = x" + times(glyphs) + "y"
        case "f": "f = p + x"
        case "L": glyphs.isUnicode ? "L = f²" : "L = f^2"
        default: node
        }
    }

    func forwardText(_ node: String, glyphs: GlyphSet) -> String {
        let g = graph
        switch node {
        case "x": return number(g.x, glyphs)
        case "y": return number(g.y, glyphs)
        case "p": return factor(g.x, glyphs) + times(glyphs) + factor(g.y, glyphs) + " = " + number(g.p, glyphs)
        case "f": return number(g.p, glyphs) + " + " + factor(g.x, glyphs) + " = " + number(g.f, glyphs)
        default: return factor(g.f, glyphs) + (glyphs.isUnicode ? "²" : "^2") + " = " + number(g.loss, glyphs)
        }
    }

    /// Whether every path to `node` has been walked.
    func isComplete(_ node: String, after count: Int) -> Bool {
        guard count >= 1 else { return false }
        if node == "L" { return true }
        let all = graph.contributions(to: node, after: graph.steps.count).count
        return graph.contributions(to: node, after: count).count == all
    }

    /// `local × upstream` for each path that has reached `node`, and their sum; nil before any has.
    func backwardText(_ node: String, glyphs: GlyphSet, after count: Int) -> String? {
        if node == "L" { return count >= 1 ? "1 (where the walk starts)" : nil }
        let reached = graph.contributions(to: node, after: count)
        guard let total = graph.gradient(of: node, after: count) else { return nil }
        let terms = reached.map { factor($0.local, glyphs) + times(glyphs) + factor($0.upstream, glyphs) }.joined(separator: " + ")
        var text = terms + " = " + number(total, glyphs)
        if reached.count > 1 {
            text += "  (two paths add up)"
        } else if !isComplete(node, after: count) {
            text += "  (one path so far)"
        }
        return text
    }

    /// What the last step did, in a sentence or two.
    func explanation(glyphs: GlyphSet) -> String {
        let g = graph, t = times(glyphs), d = glyphs.isUnicode ? "∂" : "d"
        let df = 2 * g.f
        switch position {
        case 0:
            return "Forward: each node's value from x and y up to L. Enter walks back from L, one node at a time."
        case 1:
            return "L = f" + (glyphs.isUnicode ? "²" : "^2") + ": its local gradient is 2f = 2" + t + factor(g.f, glyphs) + " = " + number(df, glyphs)
                + ". Times the upstream \(d)L/\(d)L = 1, f gets \(d)L/\(d)f = " + number(df, glyphs) + "."
        case 2:
            return "f = p + x: + passes the gradient on. Its local gradient is 1 for each input, so p and x both get 1"
                + t + factor(df, glyphs) + " = " + number(df, glyphs) + "."
        default:
            return "p = x" + t + "y: " + t + " swaps. The local gradient for x is y, and for y it is x: x gets "
                + factor(g.y, glyphs) + t + factor(df, glyphs) + " = " + number(g.y * df, glyphs) + ", y gets "
                + factor(g.x, glyphs) + t + factor(df, glyphs) + " = " + number(g.x * df, glyphs)
                + ". x was used twice, so its two paths add up: " + number(df, glyphs) + " + " + factor(g.y * df, glyphs)
                + " = " + number(df + g.y * df, glyphs) + "."
        }
    }

    /// The answer checked by hand: L = x²(y + 1)².
    func checkText(glyphs: GlyphSet) -> String {
        let g = graph, d = glyphs.isUnicode ? "∂" : "d", sq = glyphs.isUnicode ? "²" : "^2"
        let dx = 2 * g.x * (g.y + 1) * (g.y + 1), dy = 2 * g.x * g.x * (g.y + 1)
        return "Check by hand: L = x\(sq)(y + 1)\(sq), so \(d)L/\(d)x = 2x(y + 1)\(sq) = " + number(dx, glyphs)
            + " and \(d)L/\(d)y = 2x\(sq)(y + 1) = " + number(dy, glyphs) + "."
    }

    /// The same rules for a whole layer at once.
    func matrixText(glyphs: GlyphSet) -> String {
        let d = glyphs.isUnicode ? "∂" : "d", delta = glyphs.isUnicode ? "δ" : "delta", T = glyphs.isUnicode ? "ᵀ" : "^T"
        let dot = WidgetText.times(glyphs)
        return "A layer z = W\(dot)a + b, with \(delta) = \(d)L/\(d)z: + passes it on, \(d)L/\(d)b = \(delta); "
            + "\(dot) swaps, \(d)L/\(d)W = \(delta)\(dot)a\(T) and \(d)L/\(d)a = W\(T)\(dot)\(delta)."
    }
}
