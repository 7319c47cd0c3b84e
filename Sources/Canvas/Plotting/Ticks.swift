import Foundation

/// Where an axis puts its tick marks: at "nice" round values that people read at a glance.
struct Ticks: Equatable {
    /// The tick values, ascending.
    var values: [Double]
    /// The distance between neighbouring linear ticks (0 for logarithmic axes).
    var step: Double

    /// A round step (1, 2, 2.5 or 5 times a power of ten) that cuts `span` into about `count` parts.
    static func niceStep(span: Double, count: Int) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let rough = span / Double(max(1, count))
        let magnitude = pow(10, floor(log10(rough)))
        let normalized = rough / magnitude
        let nice: Double = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 2.5 ? 2.5 : normalized <= 5 ? 5 : 10
        return nice * magnitude
    }

    /// Ticks at multiples of a nice step inside [lower, upper], about `count` of them and at least
    /// two: when the first choice leaves a single tick, the next smaller nice step is taken.
    static func linear(lower: Double, upper: Double, count: Int) -> Ticks {
        guard lower.isFinite, upper.isFinite, upper > lower, count > 0 else { return Ticks(values: [], step: 0) }
        var step = niceStep(span: upper - lower, count: max(1, count - 1))
        var ticks = linear(lower: lower, upper: upper, step: step)
        while ticks.values.count < 2 {
            step = smallerNiceStep(than: step)
            ticks = linear(lower: lower, upper: upper, step: step)
        }
        return ticks
    }

    /// The multiples of `step` inside [lower, upper].
    static func linear(lower: Double, upper: Double, step: Double) -> Ticks {
        guard lower.isFinite, upper.isFinite, upper >= lower, step > 0, step.isFinite else { return Ticks(values: [], step: 0) }
        var values: [Double] = []
        var k = ceil(lower / step - 1e-9)
        while k * step <= upper + step * 1e-9 && values.count < 1000 {
            // Zero must print as 0, not as a rounding residue like -1e-17.
            let value = k * step
            values.append(abs(value) < step * 1e-9 ? 0 : value)
            k += 1
        }
        return Ticks(values: values, step: step)
    }

    /// The next nice step below `step`: 10 → 5 → 2.5 → 2 → 1 → 0.5 …
    static func smallerNiceStep(than step: Double) -> Double {
        let magnitude = pow(10, floor(log10(step) + 1e-9))
        let normalized = step / magnitude
        if normalized > 5 + 1e-9 { return 5 * magnitude }
        if normalized > 2.5 + 1e-9 { return 2.5 * magnitude }
        if normalized > 2 + 1e-9 { return 2 * magnitude }
        if normalized > 1 + 1e-9 { return magnitude }
        return 0.5 * magnitude
    }

    /// Powers of ten inside [lower, upper] (both positive), thinned to at most `count`.
    static func logarithmic(lower: Double, upper: Double, count: Int) -> Ticks {
        guard lower > 0, upper > lower, lower.isFinite, upper.isFinite, count > 0 else {
            return Ticks(values: [], step: 0)
        }
        let first = Int(ceil(log10(lower) - 1e-9)), last = Int(floor(log10(upper) + 1e-9))
        guard first <= last else { return Ticks(values: [], step: 0) }
        let decades = last - first + 1
        let stride = max(1, (decades + count - 1) / count)
        let values = Swift.stride(from: first, through: last, by: stride).map { pow(10, Double($0)) }
        return Ticks(values: values, step: 0)
    }
}
