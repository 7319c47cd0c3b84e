import Canvas

extension Buffer {
    /// Fills row `y` of `area` with `style` and writes `left` and `right` aligned text on it.
    mutating func bar(_ left: [Span], right: [Span] = [], row y: Int, in area: Rect, style: Style) {
        fill(Rect(x: area.x, y: y, width: area.width, height: 1), with: Cell(" ", style: style))
        let rightWidth = right.width
        put(left, at: area.x + 1, y, maxWidth: max(0, area.width - 2 - (rightWidth > 0 ? rightWidth + 2 : 0)))
        if rightWidth > 0, rightWidth + 2 <= area.width {
            put(right, at: area.right - 1 - rightWidth, y)
        }
    }

    /// Draws a frame around `rect`, with an optional title in its top edge, and blanks its inside.
    mutating func frame(_ rect: Rect, title: String = "", glyphs: GlyphSet, style: Style, titleStyle: Style) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        fill(rect.inset(by: 1))
        let horizontal = String(repeating: glyphs.horizontal, count: rect.width - 2)
        put(glyphs.topLeft + horizontal + glyphs.topRight, at: rect.x, rect.y, style: style)
        put(glyphs.bottomLeft + horizontal + glyphs.bottomRight, at: rect.x, rect.bottom - 1, style: style)
        for row in (rect.y + 1)..<(rect.bottom - 1) {
            put(glyphs.vertical, at: rect.x, row, style: style)
            put(glyphs.vertical, at: rect.right - 1, row, style: style)
        }
        if !title.isEmpty, rect.width > 6 {
            put(" " + truncate(title, width: rect.width - 6, ellipsis: glyphs.ellipsis) + " ", at: rect.x + 2, rect.y, style: titleStyle)
        }
    }
}
