/// The characters pictures are drawn with: full Unicode (braille, blocks, box drawing) or plain ASCII.
///
/// Every widget takes a glyph set and works with both, so a picture reads on any terminal.
/// Pick one with `GlyphSet.fromEnvironment(_:)`.
public struct GlyphSet: Hashable, Sendable {
    /// Whether the set may use braille, block and box-drawing characters.
    public let isUnicode: Bool

    /// Box drawing: lines, corners and tees.
    public let horizontal: String
    public let vertical: String
    public let topLeft: String
    public let topRight: String
    public let bottomLeft: String
    public let bottomRight: String
    /// A tick on a vertical axis, pointing left at its label: `┤`.
    public let verticalTick: String
    /// A tick on a horizontal axis, pointing down at its label: `┬`.
    public let horizontalTick: String
    /// The tee joining a horizontal line to a vertical one from the left: `├`.
    public let leftTee: String
    /// The tee closing vertical lines at a bottom border: `┴`.
    public let bottomTee: String
    /// Crossing lines: `┼`.
    public let cross: String

    /// Shading from empty to full, lightest first: ` ░▒▓█` or ` .:-=+*#%@`.
    public let shades: [String]
    /// Bars from empty to a full cell in eighths: ` ▁▂▃▄▅▆▇█`, or ` _.-=#` in ASCII.
    public let verticalEighths: [String]
    /// Bars growing to the right in eighths: ` ▏▎▍▌▋▊▉█`, or ` -=#` in ASCII.
    public let horizontalEighths: [String]
    /// The upper half block `▀`, used with two colours to draw two pixels per cell.
    public let upperHalf: String
    /// The lower half block `▄`.
    public let lowerHalf: String
    /// A full cell `█`.
    public let fullBlock: String

    /// Distinct point markers, one per series or class: `•×+○◆▲` or `*.+ox#`.
    public let markers: [String]
    /// Data-point markers by class for training points (filled shapes: `●▲■◆`, ASCII `ox+*`)…
    public let trainMarkers: [String]
    /// …and the matching markers for test points (open shapes: `○△□◇`, ASCII `OX#@`).
    public let testMarkers: [String]
    /// The vertical cursor line of a chart.
    public let cursor: String
    /// Marks text that was cut short: `…` or `~`.
    public let ellipsis: String
    /// A short line used as a legend key for a series: `──` or `--`.
    public let legendLine: String

    /// Full Unicode glyphs, for UTF-8 terminals.
    public static let unicode = GlyphSet(
        isUnicode: true,
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        verticalTick: "┤", horizontalTick: "┬", leftTee: "├", bottomTee: "┴", cross: "┼",
        shades: [" ", "░", "▒", "▓", "█"],
        verticalEighths: [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        horizontalEighths: [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"],
        upperHalf: "▀", lowerHalf: "▄", fullBlock: "█",
        markers: ["•", "×", "+", "○", "◆", "▲", "■", "◇"],
        trainMarkers: ["●", "▲", "■", "◆"], testMarkers: ["○", "△", "□", "◇"],
        cursor: "│", ellipsis: "…", legendLine: "──"
    )

    /// Plain ASCII glyphs, for terminals without a UTF-8 locale.
    public static let ascii = GlyphSet(
        isUnicode: false,
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        verticalTick: "+", horizontalTick: "+", leftTee: "+", bottomTee: "+", cross: "+",
        shades: [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"],
        verticalEighths: [" ", "_", "_", ".", ".", "-", "-", "=", "#"],
        horizontalEighths: [" ", "-", "-", "-", "=", "=", "=", "#", "#"],
        upperHalf: "\"", lowerHalf: ",", fullBlock: "#",
        markers: ["*", ".", "+", "o", "x", "#", "%", "@"],
        trainMarkers: ["o", "x", "+", "*"], testMarkers: ["O", "X", "#", "@"],
        cursor: "|", ellipsis: "~", legendLine: "--"
    )

    /// The set the locale asks for: Unicode when the effective locale's character set is UTF-8.
    ///
    /// Follows POSIX precedence: the first non-empty of `LC_ALL`, `LC_CTYPE` and `LANG` decides;
    /// with none set the locale is "C", which is ASCII.
    public static func fromEnvironment(_ environment: [String: String]) -> GlyphSet {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
            .lazy
            .compactMap { environment[$0] }
            .first { !$0.isEmpty } ?? ""
        let normalized = locale.lowercased().filter { $0 != "-" && $0 != "_" }
        return normalized.contains("utf8") ? .unicode : .ascii
    }

    /// The marker for series or class number `index`, cycling when there are more than markers.
    public func marker(_ index: Int) -> String {
        markers[((index % markers.count) + markers.count) % markers.count]
    }

    /// The tee closing horizontal lines at a right border: `┤` (the same glyph as `verticalTick`).
    public var rightTee: String { verticalTick }
    /// The tee opening vertical lines at a top border: `┬` (the same glyph as `horizontalTick`).
    public var topTee: String { horizontalTick }

    /// The marker of a data point of class `label`, filled for training points and open for test points.
    public func pointMarker(class label: Int, isTest: Bool) -> String {
        let markers = isTest ? testMarkers : trainMarkers
        return markers[((label % markers.count) + markers.count) % markers.count]
    }

    /// The shade for an intensity in [0, 1]; NaN and out-of-range values are clamped (NaN as 0).
    public func shade(_ intensity: Double) -> String {
        shades[Self.level(intensity, count: shades.count)]
    }

    /// A level 0..<count for an intensity in [0, 1], rounding to the nearest.
    static func level(_ intensity: Double, count: Int) -> Int {
        guard !intensity.isNaN else { return 0 }
        let clamped = min(1, max(0, intensity))
        return min(count - 1, Int((clamped * Double(count - 1)).rounded()))
    }
}
