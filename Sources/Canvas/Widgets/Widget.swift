/// A picture that draws itself into a rect of a buffer and nowhere else.
///
/// Widgets are plain values: build one from the data, render it, throw it away. `glyphs` chooses
/// Unicode or ASCII drawing and `colors` what the terminal can show; with `.none` every widget
/// still reads through glyphs and shades alone. Any rect works, from 0×0 up.
public protocol Widget: Sendable {
    func render(into buffer: inout Buffer, area: Rect, glyphs: GlyphSet, colors: ColorMode)
}

extension Buffer {
    /// Renders `widget` into `area`, with writes clipped to it.
    public mutating func render(_ widget: some Widget, in area: Rect, glyphs: GlyphSet, colors: ColorMode) {
        clipped(to: area) { buffer in
            widget.render(into: &buffer, area: area.intersection(buffer.clip), glyphs: glyphs, colors: colors)
        }
    }
}
