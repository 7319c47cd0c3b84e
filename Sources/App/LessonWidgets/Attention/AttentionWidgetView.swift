import Canvas
import Foundation

/// Draws the `attention` widget: the words with their q, k and v; the chosen query's scores, weights and
/// weighted sum of the values written out; and every word's weights as a table.
extension AttentionWidget {
    func preferredContentHeight(width: Int, available: Int) -> Int {
        min(available, lines(width: width, height: available, context: WidgetContext(glyphs: .ascii, colors: .none, isFocused: false)).count)
    }

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        buffer.put(lines(width: area.width, height: area.height, context: context), in: area)
    }

    /// A number with two decimals, as the widget shows every number.
    static func number(_ value: Float, unicode: Bool) -> String {
        NumberText.fixed(Double(value), decimals: 2, unicode: unicode)
    }

    /// A short whole-or-decimal number for vectors: `1`, `−1`, `0.5`.
    static func short(_ value: Float, unicode: Bool) -> String {
        NumberText.trimmed(Double(value), decimals: 2, unicode: unicode)
    }

    static func vector(_ values: [Float], unicode: Bool) -> String {
        "(" + values.map { short($0, unicode: unicode) }.joined(separator: ", ") + ")"
    }

    static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - displayWidth(of: text)))
    }

    /// A number as a term of a product: negative ones in brackets, `1·(−1)`.
    static func factor(_ value: Float, unicode: Bool) -> String {
        value < 0 ? "(" + short(value, unicode: unicode) + ")" : short(value, unicode: unicode)
    }

    /// Every line the widget draws at `width` columns, top to bottom; the output's sum goes on a second
    /// line when it does not fit on one. When the lines do not fit in `height` rows (a 24-row terminal),
    /// the same tables are drawn tighter: no blank lines, no reminder of the softmax, the query written in
    /// the scores' heading, and the mask's state in the weights table's heading, so the weights table at the
    /// bottom is always whole.
    func lines(width: Int, height: Int = .max, context: WidgetContext) -> [[Span]] {
        let full = lines(width: width, compact: false, context: context)
        return full.count <= height ? full : lines(width: width, compact: true, context: context)
    }

    private func lines(width: Int, compact: Bool, context: WidgetContext) -> [[Span]] {
        let style = context.style
        let u = context.glyphs.isUnicode
        let words = Self.words
        let dot = u ? "·" : "*"
        let root = u ? "√" : "sqrt "
        var lines: [[Span]] = []
        let maskState = isCausal ? "causal mask on" : "causal mask off"
        if !compact {
            lines.append([Span(isCausal ? "causal mask on" : "causal mask off", style.accent),
                      Span(isCausal ? ": each word sees itself and the words before it" : ": every word sees every word", style.secondary)])
        }
        lines.append([Span(Self.padded("word", 6) + Self.padded("x", 10) + Self.padded("query q", 10)
                           + Self.padded("key k", 10) + "value v", style.heading)])
        for (t, word) in words.enumerated() {
            let row = Self.padded(word, 6) + Self.padded(Self.vector(Self.inputs[t], unicode: u), 10)
                + Self.padded(Self.vector(Self.queries[t], unicode: u), 10) + Self.padded(Self.vector(Self.keys[t], unicode: u), 10)
                + Self.vector(Self.values[t], unicode: u)
            lines.append([Span(row, t == query ? context.selected : .plain)])
        }
        let q = Self.queries[query]
        if compact {
            let heading = "score = q\(dot)k/\(root)\(Self.dimension), q(\(words[query])) = \(Self.vector(q, unicode: u))"
            lines.append([Span(Self.padded("key", 6) + Self.padded(heading, 34) + "weight", style.heading)])
        } else {
            lines.append([])
            lines.append([Span("query: \(words[query]), q = \(Self.vector(q, unicode: u))", style.accent),
                          Span("   score = q\(dot)k / \(root)\(Self.dimension)", style.secondary)])
            lines.append([Span(Self.padded("key", 6) + Self.padded("score", 34) + "weight", style.heading)])
        }
        let divisor = Self.number(Float(Self.dimension).squareRoot(), unicode: u)
        for (s, word) in words.enumerated() {
            let k = Self.keys[s]
            let weight = Self.number(weights[query][s], unicode: u)
            if isMasked(query: query, key: s) {
                lines.append([Span(Self.padded(word, 6), style.secondary), Span(Self.padded("masked: after \(words[query])", 34), style.secondary),
                              Span(weight, style.secondary)])
                continue
            }
            let products = zip(q, k).map { "\(Self.factor($0.0, unicode: u))\(dot)\(Self.factor($0.1, unicode: u))" }.joined(separator: " + ")
            let score = Self.number(Self.score(query: query, key: s), unicode: u)
            lines.append([Span(Self.padded(word, 6)), Span(Self.padded("(\(products)) / \(divisor) = \(score)", 34)), Span(weight, style.accent)])
        }
        if !compact {
            lines.append([Span("softmax: weight = e^score / (sum of e^score over the keys it sees)", style.secondary)])
        }
        let visible = words.indices.filter { !isMasked(query: query, key: $0) }
        let terms = visible.map { "\(Self.number(weights[query][$0], unicode: u))\(dot)\(Self.vector(Self.values[$0], unicode: u))" }
        let output = "(" + outputs[query].map { Self.number($0, unicode: u) }.joined(separator: ", ") + ")"
        let sum = "output = " + terms.joined(separator: " + ")
        if displayWidth(of: sum + " = " + output) <= width {
            lines.append([Span(sum + " = "), Span(output, style.accent)])
        } else {
            lines.append([Span(sum)])
            lines.append([Span("       = "), Span(output, style.accent)])
        }
        if compact {
            lines.append([Span(Self.padded("weights", 8) + words.map { Self.padded($0, 6) }.joined(), style.heading),
                          Span("  " + maskState, style.accent)])
        } else {
            lines.append([])
            lines.append([Span(Self.padded("weights", 8) + words.map { Self.padded($0, 6) }.joined(), style.heading)])
        }
        for (t, word) in words.enumerated() {
            var row = [Span(Self.padded(word, 8), t == query ? context.selected : .plain)]
            for s in words.indices {
                let text = Self.padded(Self.number(weights[t][s], unicode: u), 6)
                row.append(Span(text, isMasked(query: t, key: s) ? style.secondary : .plain))
            }
            lines.append(row)
        }
        return lines
    }
}
