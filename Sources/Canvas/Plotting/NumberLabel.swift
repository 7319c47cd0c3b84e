import Foundation

/// Short, readable labels for numbers on axes and read-outs: `0.25`, `1.5k`, `2M`, `1e-3`.
public enum NumberLabel {
    /// `value` with about three significant digits, as short as it can be.
    ///
    /// Thousands up to 10¹⁸ take a suffix (k, M, G, T, P), values below 0.01 or from 10¹⁸ on scientific notation,
    /// everything else plain decimals without trailing zeros. NaN reads `NaN`, infinities `inf`.
    public static func compact(_ value: Double) -> String {
        format(value, significantDigits: 3)
    }

    /// `value` in at most `width` columns: three significant digits if they fit, else fewer.
    /// Returns the shortest form (one digit) when nothing fits, for the caller to truncate.
    public static func fitting(_ value: Double, width: Int) -> String {
        var shortest = ""
        for digits in stride(from: 3, through: 1, by: -1) {
            shortest = format(value, significantDigits: digits)
            if shortest.count <= width { return shortest }
        }
        return shortest
    }

    /// `value` printed precisely enough that neighbouring ticks `step` apart read differently.
    public static func tick(_ value: Double, step: Double) -> String {
        guard value.isFinite, step.isFinite, step > 0 else { return compact(value) }
        if abs(value) < step / 2 { return "0" }
        // Digits needed: from the value's leading digit down to the step's, one more for steps like 2.5.
        let valueExponent = Int(floor(log10(abs(value))))
        var stepExponent = Int(floor(log10(step)))
        let stepMantissa = step / pow10(stepExponent)
        if abs(stepMantissa - stepMantissa.rounded()) > 1e-6 { stepExponent -= 1 }
        return format(value, significantDigits: min(15, max(1, valueExponent - stepExponent + 1)))
    }

    /// `value` rounded to `significantDigits` and written in the shortest of the three styles.
    static func format(_ value: Double, significantDigits: Int) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return "0" }
        let sign = value < 0 ? "-" : ""
        var magnitude = abs(value)
        var exponent = Int(floor(log10(magnitude)))
        // Round first: 999.7 at three digits is 1000 and must take the "k" suffix.
        let scale = pow10(exponent - significantDigits + 1)
        magnitude = (magnitude / scale).rounded() * scale
        exponent = Int(floor(log10(magnitude)))
        if exponent >= 3 && exponent < 18 {
            let suffixes = ["k", "M", "G", "T", "P"]
            let group = exponent / 3
            return sign + decimal(magnitude / pow10(3 * group), significantDigits: significantDigits) + suffixes[group - 1]
        }
        if exponent < -2 || exponent >= 18 {
            let mantissa = magnitude / pow10(exponent)
            return sign + decimal(mantissa, significantDigits: significantDigits) + "e\(exponent)"
        }
        return sign + decimal(magnitude, significantDigits: significantDigits)
    }

    /// A positive number with at most `significantDigits` digits, trailing zeros and point removed.
    static func decimal(_ magnitude: Double, significantDigits: Int) -> String {
        let exponent = magnitude > 0 ? Int(floor(log10(magnitude))) : 0
        // At most 15 digits in all, so the scaled value stays exact in a Double and fits an Int.
        let decimals = max(0, min(significantDigits - 1 - exponent, 14 - exponent))
        let factor = pow10(decimals)
        let rounded = (magnitude * factor).rounded()
        guard rounded < 1e15 else { return "\(Int(magnitude.rounded()))" }
        let whole = Int(rounded)
        let integerPart = whole / Int(factor)
        var fraction = whole % Int(factor)
        guard decimals > 0, fraction != 0 else { return "\(integerPart)" }
        var digits = decimals
        while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        let fractionText = String(fraction)
        return "\(integerPart)." + String(repeating: "0", count: digits - fractionText.count) + fractionText
    }

    static func pow10(_ exponent: Int) -> Double {
        pow(10, Double(exponent))
    }
}
