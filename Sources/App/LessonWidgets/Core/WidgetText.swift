import Canvas
import Foundation

/// How widgets write numbers and a few symbols, so every widget reads the same way.
enum WidgetText {
    /// `value` with `decimals` digits after the point and a real minus sign in Unicode (`−0.25`);
    /// `-0.00` reads `0.00`. NaN reads `NaN`, infinities `∞`.
    static func number(_ value: Float, decimals: Int = 2, glyphs: GlyphSet) -> String {
        number(Double(value), decimals: decimals, glyphs: glyphs)
    }

    static func number(_ value: Double, decimals: Int = 2, glyphs: GlyphSet) -> String {
        NumberText.fixed(value, decimals: decimals, unicode: glyphs.isUnicode)
    }

    /// `value` with at most `decimals` decimals and no trailing zeros: `0.1`, `−0.25`, `2`.
    static func short(_ value: Float, decimals: Int = 2, glyphs: GlyphSet) -> String {
        NumberText.trimmed(Double(value), decimals: decimals, unicode: glyphs.isUnicode)
    }

    /// `short(value)` in brackets when it is negative, as it reads inside a sum.
    static func shortTerm(_ value: Float, decimals: Int = 2, glyphs: GlyphSet) -> String {
        let text = short(value, decimals: decimals, glyphs: glyphs)
        return text.hasPrefix(minus(glyphs)) ? "(" + text + ")" : text
    }

    /// `value` with an explicit sign, for changes: `+0.10`, `−0.10`.
    static func signed(_ value: Float, decimals: Int = 2, glyphs: GlyphSet) -> String {
        let text = number(value, decimals: decimals, glyphs: glyphs)
        return text.hasPrefix(minus(glyphs)) ? text : "+" + text
    }

    /// `value` in brackets when it is negative, as it reads inside a sum: `(−0.50)`.
    static func term(_ value: Float, decimals: Int = 2, glyphs: GlyphSet) -> String {
        let text = number(value, decimals: decimals, glyphs: glyphs)
        return value < 0 && text.hasPrefix(minus(glyphs)) ? "(" + text + ")" : text
    }

    static func minus(_ glyphs: GlyphSet) -> String { glyphs.isUnicode ? "−" : "-" }

    /// The multiplication dot: `·` or `*`.
    static func times(_ glyphs: GlyphSet) -> String { glyphs.isUnicode ? "·" : "*" }

    /// An arrow for "becomes": `→` or `->`.
    static func becomes(_ glyphs: GlyphSet) -> String { glyphs.isUnicode ? "→" : "->" }

    /// A tick or a cross for right and wrong.
    static func mark(_ right: Bool, glyphs: GlyphSet) -> String {
        glyphs.isUnicode ? (right ? "✓" : "✗") : (right ? "ok" : "X")
    }

    /// A symbol with a subscript number: `w₁` in Unicode, `w1` in ASCII.
    static func indexed(_ symbol: String, _ index: Int, glyphs: GlyphSet) -> String {
        guard glyphs.isUnicode else { return symbol + "\(index)" }
        let subscripts: [Character] = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
        return symbol + String(String(index).compactMap { $0.wholeNumberValue.map { subscripts[$0] } })
    }

    /// A symbol with a superscript layer number: `a⁽¹⁾` in Unicode, `a[1]` in ASCII.
    static func layered(_ symbol: String, _ layer: Int, glyphs: GlyphSet) -> String {
        guard glyphs.isUnicode else { return symbol + "[\(layer)]" }
        let superscripts: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return symbol + "⁽" + String(String(layer).compactMap { $0.wholeNumberValue.map { superscripts[$0] } }) + "⁾"
    }
}
