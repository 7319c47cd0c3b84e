import Canvas
import Neural

/// A matrix-vector product written out as text, brackets and all:
///
///     [ 0.52 −1.10]   [1.00]   [ 0.10]   [−0.43]
///     [ 0.33  0.80] · [0.50] + [−0.20] = [ 0.53]
///     [−0.71  0.25]            [ 0.00]   [−0.59]
///
/// Large layers show their first rows and columns and a `⋮` or `…` for the rest.
struct MatrixText {
    let glyphs: GlyphSet
    /// The most rows and matrix columns written out.
    var maximumRows = 6
    var maximumColumns = 5

    /// The lines of W·v + b = z, with the operators on the middle line.
    func product(weights: Matrix, vector: [Float], bias: [Float], result: [Float]) -> [String] {
        let outputs = weights.rows, inputs = weights.columns
        let rows = min(max(outputs, inputs), maximumRows)
        let shownColumns = min(inputs, maximumColumns)
        let middle = (min(outputs, rows) - 1) / 2
        let cell = 5
        func number(_ value: Float) -> String { align(WidgetText.number(value, glyphs: glyphs), width: cell, .right) }
        let more = glyphs.isUnicode ? "⋮" : ":"
        let cut = rows < max(outputs, inputs)

        func bracketed(_ entries: [String]?, width: Int) -> String {
            guard let entries else { return String(repeating: " ", count: width + 2) }
            return "[" + entries.joined(separator: " ") + "]"
        }
        let matrixWidth = shownColumns * cell + (shownColumns - 1) + (shownColumns < inputs ? 2 : 0)
        var lines: [String] = []
        for row in 0..<rows {
            let isLastShown = cut && row == rows - 1
            var matrixRow: [String]?
            if row < outputs {
                matrixRow = (0..<shownColumns).map { isLastShown ? align(more, width: cell, .right) : number(weights[row, $0]) }
                if shownColumns < inputs { matrixRow?.append(isLastShown ? " " : (glyphs.isUnicode ? "…" : "~")) }
            }
            func entry(_ values: [Float], _ index: Int) -> [String]? {
                guard index < values.count else { return nil }
                return [isLastShown ? align(more, width: cell, .right) : number(values[index])]
            }
            let isMiddle = row == middle
            lines.append(bracketed(matrixRow, width: matrixWidth) + (isMiddle ? " \(WidgetText.times(glyphs)) " : "   ")
                + bracketed(entry(vector, row), width: cell) + (isMiddle ? " + " : "   ")
                + bracketed(entry(bias, row), width: cell) + (isMiddle ? " = " : "   ")
                + bracketed(entry(result, row), width: cell))
        }
        return lines
    }
}
