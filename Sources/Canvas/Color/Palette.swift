/// The colour scales pictures use to show numbers, each with a no-colour fallback glyph.
///
/// - *Diverging*, for weights: blue for negative, a dark neutral grey at zero, orange-red for
///   positive, so sign reads as hue and strength as brightness.
/// - *Sequential*, for activations and probabilities in [0, 1]: viridis, dark purple to yellow,
///   which stays ordered in brightness when printed in grey.
/// - *Series*, for lines and classes: the Okabe–Ito colours, distinguishable with colour-blindness.
public enum Palette {
    /// The colour of zero on the diverging scale: dark, so small weights fade into a dark terminal.
    public static let neutral = Color.rgb(48, 48, 48)
    /// The colour of the most negative value on the diverging scale.
    public static let negative = Color.rgb(33, 102, 232)
    /// The colour of the most positive value on the diverging scale.
    public static let positive = Color.rgb(240, 96, 16)

    /// The colour for `value` in [-1, 1] (clamped) on the diverging scale; NaN is neutral.
    public static func diverging(_ value: Double) -> Color {
        guard !value.isNaN else { return neutral }
        let t = min(1, max(-1, value))
        return t < 0 ? neutral.mixed(with: negative, fraction: -t) : neutral.mixed(with: positive, fraction: t)
    }

    /// The stops of the viridis colour map at 0, ¼, ½, ¾ and 1.
    static let viridis: [Color] = [
        .rgb(68, 1, 84), .rgb(59, 82, 139), .rgb(33, 145, 140), .rgb(94, 201, 98), .rgb(253, 231, 37),
    ]

    /// The colour for `value` in [0, 1] (clamped) on the sequential scale; NaN is the lowest colour.
    public static func sequential(_ value: Double) -> Color {
        guard !value.isNaN else { return viridis[0] }
        let t = min(1, max(0, value)) * Double(viridis.count - 1)
        let lower = min(viridis.count - 2, Int(t))
        return viridis[lower].mixed(with: viridis[lower + 1], fraction: t - Double(lower))
    }

    /// The Okabe–Ito colours, in the order series take them.
    public static let seriesColors: [Color] = [
        .rgb(86, 180, 233),   // sky blue
        .rgb(230, 159, 0),    // orange
        .rgb(0, 158, 115),    // bluish green
        .rgb(204, 121, 167),  // reddish purple
        .rgb(240, 228, 66),   // yellow
        .rgb(213, 94, 0),     // vermilion
        .rgb(0, 114, 178),    // blue
        .rgb(200, 200, 200),  // light grey
    ]

    /// The colour of series or class number `index`, cycling past the end.
    public static func series(_ index: Int) -> Color {
        seriesColors[((index % seriesColors.count) + seriesColors.count) % seriesColors.count]
    }

    /// A one-cell glyph for `value` in [-1, 1] that shows sign and strength without colour:
    /// `=` strongly negative, `-` negative, blank near zero, `+` positive, `#` strongly positive.
    /// NaN is `?`.
    public static func divergingGlyph(_ value: Double) -> String {
        guard !value.isNaN else { return "?" }
        let t = min(1, max(-1, value))
        switch t {
        case ..<(-0.6): return "="
        case ..<(-0.15): return "-"
        case ...0.15: return " "
        case ...0.6: return "+"
        default: return "#"
        }
    }
}
