@testable import Canvas

/// Renders a widget into a fresh buffer of the given size and returns its lines.
func renderLines(
    _ widget: some Widget, width: Int, height: Int, glyphs: GlyphSet = .ascii, colors: ColorMode = .none
) -> [String] {
    renderBuffer(widget, width: width, height: height, glyphs: glyphs, colors: colors).lines
}

/// Renders a widget into a fresh buffer covering the whole of it.
func renderBuffer(
    _ widget: some Widget, width: Int, height: Int, glyphs: GlyphSet = .ascii, colors: ColorMode = .none
) -> Buffer {
    var buffer = Buffer(width: width, height: height)
    buffer.render(widget, in: buffer.area, glyphs: glyphs, colors: colors)
    return buffer
}
