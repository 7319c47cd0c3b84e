extension Buffer {
    /// Writes `text` on row `y` from column `x`, clipped to the buffer, the clip and `maxWidth` columns.
    ///
    /// Wide characters take two cells (the second a continuation); a wide character that would be
    /// cut by the right edge is left out. Control characters, such as a newline, are not drawn:
    /// `put` writes one line, use `wrap` first for more. Returns the column after the last cell
    /// the text would have reached, so the next piece of a line can follow on.
    @discardableResult
    public mutating func put(
        _ text: String, at x: Int, _ y: Int, style: Style = .plain, maxWidth: Int? = nil
    ) -> Int {
        var column = x
        let limit = min(clip.right, maxWidth.map { x + max(0, $0) } ?? Int.max)
        let rowVisible = y >= clip.y && y < clip.bottom
        for character in text {
            let w = displayWidth(of: character)
            if w == 0 { continue }
            if column + w > limit { return limit }
            if rowVisible && column >= clip.x {
                let index = y * width + column
                repairWideNeighbours(x: column, y: y, newWidth: w)
                cells[index] = Cell(String(character), style: style)
                if w == 2 { cells[index + 1] = Cell("", style: style) }
            }
            column += w
        }
        return column
    }

    /// Writes a line of styled spans from column `x`; see `put(_:at:_:style:maxWidth:)`.
    @discardableResult
    public mutating func put(_ spans: [Span], at x: Int, _ y: Int, maxWidth: Int? = nil) -> Int {
        var column = x
        let end = maxWidth.map { x + max(0, $0) }
        for span in spans {
            let room = end.map { $0 - column }
            if let room, room <= 0 { break }
            column = put(span.text, at: column, y, style: span.style, maxWidth: room)
        }
        return column
    }
}
