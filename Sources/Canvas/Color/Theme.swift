/// The styles of the parts every picture shares: titles, axes, labels, borders and highlights.
///
/// Colours here are the richest wanted; widgets downsample them to the terminal's `ColorMode`.
public struct Theme: Hashable, Sendable {
    public var title: Style
    public var text: Style
    /// Axis lines and tick marks.
    public var axis: Style
    /// Tick labels, legends and other secondary text.
    public var label: Style
    public var border: Style
    /// The chart cursor and selected items.
    public var highlight: Style
    /// Background tint of the chart cursor's column.
    public var cursorBackground: Color

    public init(
        title: Style, text: Style, axis: Style, label: Style, border: Style, highlight: Style,
        cursorBackground: Color
    ) {
        self.title = title
        self.text = text
        self.axis = axis
        self.label = label
        self.border = border
        self.highlight = highlight
        self.cursorBackground = cursorBackground
    }

    /// The standard look, made for dark and light terminals alike.
    public static let standard = Theme(
        title: Style(bold: true),
        text: .plain,
        axis: Style(foreground: .rgb(128, 128, 128)),
        label: Style(foreground: .rgb(160, 160, 160)),
        border: Style(foreground: .rgb(110, 110, 110)),
        highlight: Style(foreground: .rgb(255, 255, 255), bold: true),
        cursorBackground: .rgb(58, 58, 58)
    )

    /// This theme with every colour downsampled to `mode`.
    public func downsampled(to mode: ColorMode) -> Theme {
        Theme(
            title: title.downsampled(to: mode), text: text.downsampled(to: mode),
            axis: axis.downsampled(to: mode), label: label.downsampled(to: mode),
            border: border.downsampled(to: mode), highlight: highlight.downsampled(to: mode),
            cursorBackground: cursorBackground.downsampled(to: mode)
        )
    }
}
