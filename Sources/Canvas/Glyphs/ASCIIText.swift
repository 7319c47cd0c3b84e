import Foundation

/// Text written for a Unicode terminal, spelt in ASCII for one that is not (`LANG=C`): the lesson's
/// maths reads `z = w1*x1 + ... + b` and `sigma(z)` instead of question marks.
public enum ASCIIText {
    /// Stand-ins for characters the lessons and widgets write. Greek letters take their names, so
    /// `σ(z)` reads `sigma(z)`; subscripts become plain digits (`x₁` → `x1`), superscripts a power
    /// (`x²` → `x^2`).
    public static let standIns: [Character: String] = [
        "−": "-", "–": "-", "—": "--", "·": "*", "⋅": "*", "×": "x", "÷": "/", "→": "->", "←": "<-",
        "⇒": "=>", "↑": "^", "↓": "v", "≈": "~", "⌊": "floor(", "⌋": ")", "≠": "!=", "≤": "<=", "≥": ">=", "±": "+/-", "∞": "inf",
        "√": "sqrt", "∑": "sum", "∂": "d", "∇": "grad", "∈": "in", "⊙": "(.)", "…": "...", "⋮": ":",
        "‘": "'", "’": "'", "“": "\"", "”": "\"", "′": "'", "•": "-", "▸": ">", "✓": "v", "✗": "x",
        "ŷ": "y_hat", "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "Δ": "Delta", "ε": "eps",
        "η": "eta", "θ": "theta", "λ": "lambda", "μ": "mu", "π": "pi", "ρ": "rho", "σ": "sigma",
        "Σ": "Sum", "τ": "tau", "φ": "phi", "ω": "omega",
        "₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7", "₈": "8", "₉": "9",
        "ᵢ": "i", "ⱼ": "j", "ₖ": "k", "ₙ": "n",
        "⁰": "^0", "¹": "^1", "²": "^2", "³": "^3", "⁴": "^4", "⁵": "^5", "⁶": "^6", "⁷": "^7", "⁸": "^8",
        "⁹": "^9", "⁻": "^-", "ᵀ": "^T", "⁽": "(", "⁾": ")", "ˡ": "l",
    ]

    /// `text` in ASCII: stand-ins where there are some, letters without their accents (`é` → `e`), and
    /// `?` for anything else.
    public static func transliterated(_ text: String) -> String {
        guard !text.allSatisfy(\.isASCII) else { return text }
        var result = ""
        var previousWasSuperscript = false
        for character in text {
            if character.isASCII {
                result.append(character)
                previousWasSuperscript = false
            } else if let standIn = standIns[character] {
                // A run of superscripts is one power: `x¹⁰` → `x^10`.
                let isSuperscript = standIn.hasPrefix("^") && standIn.count == 2
                result += isSuperscript && previousWasSuperscript ? String(standIn.dropFirst()) : standIn
                previousWasSuperscript = isSuperscript
            } else {
                let plain = String(character).folding(options: .diacriticInsensitive, locale: nil)
                result += plain.allSatisfy(\.isASCII) ? plain : "?"
                previousWasSuperscript = false
            }
        }
        return result
    }
}

extension MarkdownBlock {
    /// The block with every piece of text spelt in ASCII.
    public var transliterated: MarkdownBlock {
        switch self {
        case .heading(let level, let text): .heading(level: level, text: text.map(\.transliterated))
        case .paragraph(let text): .paragraph(text.map(\.transliterated))
        case .list(let start, let items): .list(start: start, items: items.map { $0.map(\.transliterated) })
        case .code(let language, let text): .code(language: language, text: ASCIIText.transliterated(text))
        case .quote(let inner): .quote(inner.map(\.transliterated))
        case .rule: .rule
        case .table(let table):
            .table(MarkdownTable(header: table.header.map { $0.map(\.transliterated) },
                                 rows: table.rows.map { $0.map { $0.map(\.transliterated) } }, alignments: table.alignments))
        }
    }
}

extension MarkdownInline {
    /// The inline with its text spelt in ASCII.
    public var transliterated: MarkdownInline {
        switch self {
        case .text(let text): .text(ASCIIText.transliterated(text))
        case .code(let text): .code(ASCIIText.transliterated(text))
        case .emphasis(let inner): .emphasis(inner.map(\.transliterated))
        case .strong(let inner): .strong(inner.map(\.transliterated))
        case .strikethrough(let inner): .strikethrough(inner.map(\.transliterated))
        case .link(let inner, let destination): .link(text: inner.map(\.transliterated), destination: destination)
        case .softBreak, .lineBreak: self
        }
    }
}
