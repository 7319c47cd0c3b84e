import Canvas

extension Buffer {
    /// Turns every `NaN` a network diagram wrote in `area` into a plain dot: a neuron whose value is not
    /// known yet (a gradient the walk has not reached) reads as a neuron, not as a broken number.
    mutating func markUnknownValues(in area: Rect, glyphs: GlyphSet) {
        let rect = area.intersection(self.area)
        guard rect.width >= 3 else { return }
        for row in rect.y..<rect.bottom {
            var column = rect.x
            while column + 2 < rect.right {
                if self[column, row].grapheme == "N", self[column + 1, row].grapheme == "a", self[column + 2, row].grapheme == "N" {
                    let style = Style.plain
                    self[column, row] = Cell(" ", style: style)
                    self[column + 1, row] = Cell(glyphs.isUnicode ? "●" : "o", style: style)
                    self[column + 2, row] = Cell(" ", style: style)
                    column += 3
                } else {
                    column += 1
                }
            }
        }
    }
}
