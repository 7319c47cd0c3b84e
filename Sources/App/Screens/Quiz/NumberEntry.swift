import Foundation

/// Reading the numbers learners type, judging them against a tolerance, and writing numbers back.
enum NumberEntry {
    /// Whether `character` can appear in a typed number: digits, a point or comma, a minus sign, an
    /// exponent (`1e-3`) and a fraction bar (`1/4`).
    static func isNumberCharacter(_ character: Character) -> Bool {
        character.isASCII && character.isWholeNumber || ".,-−/eE+".contains(character)
    }

    /// The number in `text`, or nil. A comma may stand for the decimal point, `−` for the minus sign,
    /// and `a/b` is a fraction, so `0,25`, `−.5` and `1/4` all read as a learner means them.
    static func parse(_ text: String) -> Double? {
        let normalized = text.trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: "−", with: "-")
            .replacingOccurrences(of: ",", with: ".")
        let parts = normalized.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            return finite(String(parts[0]))
        case 2:
            guard let numerator = finite(String(parts[0])), let denominator = finite(String(parts[1])), denominator != 0 else { return nil }
            return numerator / denominator
        default:
            return nil
        }
    }

    /// Whether `value` is within `tolerance` of `expected`. A whisker of slack keeps answers exactly on
    /// the edge right despite binary rounding (|0.63 − 0.62| is 0.010000000000000009 in a Double).
    static func isClose(_ value: Double, to expected: Double, tolerance: Double) -> Bool {
        abs(value - expected) <= tolerance * (1 + 1e-9) + 1e-12
    }

    /// A number as the learner reads it: at most `decimals` decimals, no trailing zeros, `−` for minus.
    static func show(_ value: Double, decimals: Int = 4) -> String {
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" { text = "0" }
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// How many decimals show a tolerance's size: one more than its first significant digit needs,
    /// so an answer of 0.6225 with tolerance 0.01 reads 0.622 and a tolerance of 0.001 reads 0.6225.
    static func decimals(for tolerance: Double) -> Int {
        guard tolerance > 0 else { return 4 }
        return min(6, max(1, Int((-log10(tolerance)).rounded(.up)) + 1))
    }

    private static func finite(_ text: String) -> Double? {
        guard !text.isEmpty, let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
