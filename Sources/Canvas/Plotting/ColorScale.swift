/// Which palette a picture of numbers uses.
public enum ValueScale: Hashable, Sendable {
    /// Signed values around zero, such as weights: the diverging palette, zero in the middle.
    case diverging
    /// Ordered values, such as activations, probabilities or counts: the sequential palette.
    case sequential
}

/// A value scale resolved against data: maps each number to a position, a colour and a glyph.
///
/// Diverging scales are symmetric, −m…m with m the largest magnitude (so zero always sits in the
/// neutral middle); sequential scales run from the smallest to the largest value. NaN and infinite
/// values are ignored when finding the range; an all-equal sequential range puts every value in
/// the middle.
public struct ColorScale: Hashable, Sendable {
    public let kind: ValueScale
    public let lower: Double
    public let upper: Double

    /// A scale over an explicit range (ascending after sorting its ends).
    public init(_ kind: ValueScale, lower: Double, upper: Double) {
        self.kind = kind
        self.lower = min(lower, upper)
        self.upper = max(lower, upper)
    }

    /// A scale fitted to the finite values in `values`.
    public init<Values: Sequence>(_ kind: ValueScale, fitting values: Values) where Values.Element == Double {
        var smallest = Double.infinity, largest = -Double.infinity
        for value in values where value.isFinite {
            smallest = min(smallest, value)
            largest = max(largest, value)
        }
        if smallest > largest { smallest = 0; largest = kind == .diverging ? 0 : 1 }
        switch kind {
        case .diverging:
            let magnitude = max(abs(smallest), abs(largest))
            self.init(.diverging, lower: -magnitude, upper: magnitude)
        case .sequential:
            self.init(.sequential, lower: smallest, upper: largest)
        }
    }

    /// The value's place on the scale: −1…1 for diverging, 0…1 for sequential, clamped.
    /// NaN stays NaN; +∞ and −∞ go to the ends.
    public func position(_ value: Double) -> Double {
        if value.isNaN { return .nan }
        switch kind {
        case .diverging:
            guard upper > 0 else { return value == 0 ? 0 : (value > 0 ? 1 : -1) }
            return min(1, max(-1, value / upper))
        case .sequential:
            guard upper > lower else { return value.isInfinite ? (value > 0 ? 1 : 0) : 0.5 }
            return min(1, max(0, (value - lower) / (upper - lower)))
        }
    }

    /// The palette colour of a value (full colour; downsample for the terminal).
    public func color(_ value: Double) -> Color {
        let t = position(value)
        return kind == .diverging ? Palette.diverging(t) : Palette.sequential(t)
    }

    /// A one-cell glyph that shows the value without colour: sign glyphs (`= - + #`) for diverging
    /// scales, shades for sequential ones; `?` for NaN.
    public func glyph(_ value: Double, glyphs: GlyphSet) -> String {
        let t = position(value)
        if t.isNaN { return "?" }
        return kind == .diverging ? Palette.divergingGlyph(t) : glyphs.shade(t)
    }
}

extension Color {
    /// Black or white, whichever reads better on top of this colour (by luma).
    var contrasting: Color {
        guard let c = rgbComponents else { return .default }
        let luma = 0.299 * Double(c.red) + 0.587 * Double(c.green) + 0.114 * Double(c.blue)
        return luma > 140 ? .rgb(0, 0, 0) : .rgb(255, 255, 255)
    }
}
