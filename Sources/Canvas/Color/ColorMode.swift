/// How many colours the terminal can show, from 24-bit truecolour down to none at all.
public enum ColorMode: Int, Hashable, Sendable, CaseIterable, Comparable {
    /// No colour: pictures must read by glyph and shade alone (for `NO_COLOR` and dumb terminals).
    case none = 0
    /// The eight classic colours.
    case ansi8 = 1
    /// The eight classic colours and their bright variants.
    case ansi16 = 2
    /// The xterm 256-colour palette.
    case palette256 = 3
    /// Any 24-bit RGB colour.
    case trueColor = 4

    public static func < (lhs: ColorMode, rhs: ColorMode) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Guesses the richest mode a terminal supports from its environment.
    ///
    /// `NO_COLOR` (any non-empty value, see no-color.org) and `TERM=dumb` mean no colour;
    /// `COLORTERM=truecolor` or `24bit` means truecolour; a `TERM` ending in `256color` means 256;
    /// any other terminal gets the 16 classic colours.
    public static func detect(environment: [String: String]) -> ColorMode {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        let term = (environment["TERM"] ?? "").lowercased()
        if term.isEmpty || term == "dumb" { return .none }
        let colorTerm = (environment["COLORTERM"] ?? "").lowercased()
        if colorTerm == "truecolor" || colorTerm == "24bit" { return .trueColor }
        if term.hasSuffix("256color") || term.contains("256") { return .palette256 }
        return .ansi16
    }
}
