/// A colour a cell can be drawn in, from the terminal's own default to full 24-bit RGB.
///
/// Widgets pick the richest colour they mean (usually `.rgb`) and downsample it with
/// `downsampled(to:)` to what the terminal can show; see `ColorMode`.
public enum Color: Hashable, Sendable {
    /// The terminal's own foreground or background colour.
    case `default`
    /// One of the 16 classic terminal colours: 0–7 normal, 8–15 bright.
    /// Values above 15 are read modulo 16.
    case ansi(UInt8)
    /// One of the 256 xterm colours: 0–15 classic, 16–231 a 6×6×6 cube, 232–255 a grey ramp.
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)
}

extension Color {
    /// The red, green and blue components this colour has in the standard xterm palette,
    /// or `nil` for `.default`, which has no fixed value.
    public var rgbComponents: (red: UInt8, green: UInt8, blue: UInt8)? {
        switch self {
        case .default:
            return nil
        case .ansi(let index):
            return XtermPalette.components(ofIndex: index % 16)
        case .indexed(let index):
            return XtermPalette.components(ofIndex: index)
        case let .rgb(red, green, blue):
            return (red, green, blue)
        }
    }

    /// Mixes two colours in RGB: `fraction` 0 gives `self`, 1 gives `other`.
    /// A `.default` end has no value to mix, so the nearer end wins.
    public func mixed(with other: Color, fraction: Double) -> Color {
        guard let start = rgbComponents, let end = other.rgbComponents else {
            return fraction < 0.5 ? self : other
        }
        let t = fraction.isNaN ? 0 : min(1, max(0, fraction))
        func blend(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded())
        }
        return .rgb(blend(start.red, end.red), blend(start.green, end.green), blend(start.blue, end.blue))
    }
}
