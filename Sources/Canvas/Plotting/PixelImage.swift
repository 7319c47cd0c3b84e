/// Draws an image of coloured pixels into cells: two pixels per cell with half blocks, or one
/// glyph per cell where half blocks cannot be shown (ASCII or no colour).
struct PixelImage {
    /// Whether each cell shows two pixels stacked (upper ▀ in the foreground, lower in the background).
    let usesHalfBlocks: Bool

    init(glyphs: GlyphSet, colors: ColorMode) {
        usesHalfBlocks = glyphs.isUnicode && colors != .none
    }

    /// Pixel rows per cell.
    var pixelsPerRow: Int { usesHalfBlocks ? 2 : 1 }

    /// Fills `rect` with half-block cells whose pixels come from `color(x, y)`; nil leaves a pixel
    /// in the terminal's background. `pixelHeight` may be odd: the last row's lower half is empty.
    func drawHalfBlocks(
        into buffer: inout Buffer, rect: Rect, pixelHeight: Int, color: (Int, Int) -> Color?
    ) {
        for row in 0..<rect.height {
            let upperY = row * 2, lowerY = row * 2 + 1
            guard upperY < pixelHeight else { break }
            for column in 0..<rect.width {
                let upper = color(column, upperY)
                let lower = lowerY < pixelHeight ? color(column, lowerY) : nil
                let cell: Cell
                switch (upper, lower) {
                case let (upper?, lower?):
                    cell = upper == lower
                        ? Cell(" ", style: Style(background: upper))
                        : Cell("▀", style: Style(foreground: upper, background: lower))
                case let (upper?, nil):
                    cell = Cell("▀", style: Style(foreground: upper))
                case let (nil, lower?):
                    cell = Cell("▄", style: Style(foreground: lower))
                case (nil, nil):
                    cell = .blank
                }
                buffer.setNarrow(cell, x: rect.x + column, y: rect.y + row)
            }
        }
    }
}
