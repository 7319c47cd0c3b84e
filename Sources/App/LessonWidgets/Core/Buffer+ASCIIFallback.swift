import Canvas

extension Buffer {
    /// The one-column ASCII stand-ins for the maths characters widgets write (`∂` → `d`, `−` → `-`,
    /// `x₁` → `x1`), so a terminal without Unicode shows formulas instead of question marks.
    static let asciiStandIns: [String: String] = [
        "−": "-", "·": "*", "→": ">", "←": "<", "∂": "d", "ŷ": "y", "σ": "s", "η": "n", "Σ": "S", "′": "'",
        "≈": "~", "√": "V", "ε": "e", "…": "~", "⋮": ":", "▸": ">", "✓": "v", "✗": "x", "✚": "+",
        "₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7", "₈": "8", "₉": "9",
        "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9",
        "⁽": "(", "⁾": ")", "ˡ": "l", "⁻": "-", "ᵢ": "i", "ⱼ": "j", "ᵀ": "T",
    ]

    /// The one-column stand-in for `grapheme`: from the table above, else the first letter of its
    /// ASCII spelling (`θ` → `t`), else `?`.
    static func asciiStandIn(for grapheme: String) -> String? {
        if let standIn = asciiStandIns[grapheme] { return standIn }
        guard !grapheme.allSatisfy(\.isASCII) else { return nil }
        return ASCIIText.transliterated(grapheme).first.map(String.init) ?? "?"
    }

    /// Replaces every maths character in the buffer by its ASCII stand-in.
    mutating func replaceMathsWithASCII() {
        for row in 0..<height {
            for column in 0..<width {
                let cell = self[column, row]
                guard let standIn = Self.asciiStandIn(for: cell.grapheme) else { continue }
                self[column, row] = Cell(standIn, style: cell.style)
            }
        }
    }
}

extension Array where Element == [Span] {
    /// These lines with every maths character replaced by its ASCII stand-in.
    func replacingMathsWithASCII() -> [[Span]] {
        map { line in
            line.map { span in
                Span(String(span.text.flatMap { Buffer.asciiStandIn(for: String($0)) ?? String($0) }), span.style)
            }
        }
    }
}
