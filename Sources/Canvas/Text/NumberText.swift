import Foundation

/// Numbers as the learner reads them in text, the same on every screen: a real minus sign `−` where the
/// terminal shows Unicode, `-0.00` read as `0.00`, and huge values in compact form (`2.5M`).
public enum NumberText {
    /// `value` with exactly `decimals` digits after the point: `0.50`, `−1.25`. NaN reads `NaN`,
    /// infinities `∞` (`inf` in ASCII); values from a million on read as `NumberLabel.compact` does.
    public static func fixed(_ value: Double, decimals: Int, unicode: Bool = true) -> String {
        let minus = unicode ? "−" : "-"
        if value.isNaN { return "NaN" }
        if value.isInfinite { return (value < 0 ? minus : "") + (unicode ? "∞" : "inf") }
        if abs(value) >= 1e6 { return (value < 0 ? minus : "") + NumberLabel.compact(abs(value)) }
        var text = String(format: "%.\(max(0, decimals))f", value)
        if text.hasPrefix("-") {
            let digits = text.dropFirst()
            text = digits.allSatisfy({ $0 == "0" || $0 == "." }) ? String(digits) : minus + digits
        }
        return text
    }

    /// `value` with at most `decimals` decimals and no trailing zeros: `0.1`, `−0.25`, `2`.
    public static func trimmed(_ value: Double, decimals: Int, unicode: Bool = true) -> String {
        var text = fixed(value, decimals: decimals, unicode: unicode)
        guard text.contains("."), !text.contains("e"), text.last?.isNumber == true else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == (unicode ? "−0" : "-0") ? "0" : text
    }
}
