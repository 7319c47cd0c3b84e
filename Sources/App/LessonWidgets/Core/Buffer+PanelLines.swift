import Canvas

extension Buffer {
    /// Puts `lines` one per row from the top of `area`, cut at its width and height.
    mutating func put(_ lines: [[Span]], in area: Rect) {
        for (row, line) in lines.enumerated() where row < area.height {
            put(line, at: area.x, area.y + row, maxWidth: area.width)
        }
    }
}
