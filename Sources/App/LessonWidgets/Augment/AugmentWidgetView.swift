import Canvas
import Neural

/// Draws the `augment` widget: the digit and its copies side by side in shades of ink, each named below.
extension AugmentWidget {
    func preferredContentHeight(width: Int, available: Int) -> Int { min(available, 11) }

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        let glyphs = context.glyphs, style = context.style
        let copies = self.copies
        guard !copies.isEmpty else {
            buffer.put("The bundled digits could not be read.", at: area.x, area.y, style: style.warning, maxWidth: area.width)
            return
        }
        // Two columns a pixel where they fit, so the digits are not squeezed; else one.
        let gap = 2
        let pixelWidth = copies.count * 16 + (copies.count - 1) * gap <= area.width ? 2 : 1
        let imageWidth = 8 * pixelWidth
        let perRow = max(1, min(copies.count, (area.width + gap) / (imageWidth + gap)))
        buffer.put("label \(label ?? 0): the network is told each copy is a \(label ?? 0)", at: area.x, area.y,
                   style: style.secondary, maxWidth: area.width)
        for (number, copy) in copies.enumerated() {
            let column = number % perRow, band = number / perRow
            let x = area.x + column * (imageWidth + gap), top = area.y + 1 + band * 10
            for row in 0..<8 {
                var line = ""
                for pixel in 0..<8 {
                    let shade = glyphs.shade(Double(min(1, max(0, copy.pixels[row * 8 + pixel]))))
                    line += String(repeating: shade, count: pixelWidth)
                }
                buffer.put(line, at: x, top + row, style: context.tinted(Palette.series(0)), maxWidth: imageWidth)
            }
            buffer.put(copy.name, at: x, top + 8, style: number == 0 ? style.accent : .plain, maxWidth: imageWidth + gap - 1)
        }
    }
}
