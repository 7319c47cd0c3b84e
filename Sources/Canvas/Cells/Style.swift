/// How a cell looks: its colours and text attributes.
public struct Style: Hashable, Sendable {
    /// The colour of the glyph.
    public var foreground: Color
    /// The colour behind the glyph.
    public var background: Color
    public var bold: Bool
    public var dim: Bool
    public var italic: Bool
    public var underline: Bool
    /// Swaps foreground and background.
    public var reverse: Bool

    public init(
        foreground: Color = .default, background: Color = .default,
        bold: Bool = false, dim: Bool = false, italic: Bool = false,
        underline: Bool = false, reverse: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.italic = italic
        self.underline = underline
        self.reverse = reverse
    }

    /// The terminal's default look: default colours, no attributes.
    public static let plain = Style()

    /// This style with both colours downsampled to what `mode` can show; attributes are kept.
    public func downsampled(to mode: ColorMode) -> Style {
        var style = self
        style.foreground = foreground.downsampled(to: mode)
        style.background = background.downsampled(to: mode)
        return style
    }

    /// This style with a different foreground colour.
    public func foreground(_ color: Color) -> Style {
        var style = self
        style.foreground = color
        return style
    }

    /// This style with a different background colour.
    public func background(_ color: Color) -> Style {
        var style = self
        style.background = color
        return style
    }
}
