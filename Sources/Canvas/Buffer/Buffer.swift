/// A grid of cells that widgets draw into; the terminal backend shows it and tests read its lines.
///
/// Reading outside the grid gives a blank cell and writing outside it does nothing, so drawing can
/// never crash on a small screen. While `clipped(to:_:)` runs, writes are further limited to its rect:
/// that is how a widget is kept inside the area it was given.
public struct Buffer: Sendable {
    public let width: Int
    public let height: Int
    /// The cells row by row: the cell at (x, y) is `cells[y * width + x]`.
    public internal(set) var cells: [Cell]
    /// Writes outside this rect are dropped.
    public internal(set) var clip: Rect

    /// A buffer of blank cells; negative sizes count as zero.
    public init(width: Int, height: Int, filledWith cell: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = [Cell](repeating: cell, count: self.width * self.height)
        self.clip = Rect(width: self.width, height: self.height)
    }

    /// The whole buffer as a rect.
    public var area: Rect { Rect(width: width, height: height) }

    /// The cell at (`x`, `y`); a blank cell outside the buffer. Setting outside the clip does nothing.
    ///
    /// Setting a cell over half of a wide character blanks the other half, so the grid never holds
    /// a wide character without its continuation or a continuation without its wide character.
    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard x >= 0, x < width, y >= 0, y < height else { return .blank }
            return cells[y * width + x]
        }
        set {
            guard clip.contains(x: x, y: y) else { return }
            if newValue.grapheme.utf8.count > 1, displayWidth(of: newValue.grapheme) == 2 {
                // A wide character needs its continuation cell; without room it becomes a space.
                guard x + 1 < clip.right else {
                    setNarrow(Cell(" ", style: newValue.style), x: x, y: y)
                    return
                }
                repairWideNeighbours(x: x, y: y, newWidth: 2)
                cells[y * width + x] = newValue
                cells[y * width + x + 1] = Cell("", style: newValue.style)
                return
            }
            setNarrow(newValue, x: x, y: y)
        }
    }

    /// Sets a cell the caller knows to be one column wide (or a continuation): the fast path widgets
    /// use for plot glyphs. Outside the clip nothing happens.
    @inline(__always)
    mutating func setNarrow(_ cell: Cell, x: Int, y: Int) {
        guard clip.contains(x: x, y: y) else { return }
        repairWideNeighbours(x: x, y: y, newWidth: 1)
        cells[y * width + x] = cell
    }

    /// Sets a cell's style, keeping its grapheme; outside the clip nothing happens.
    public mutating func setStyle(_ style: Style, x: Int, y: Int) {
        guard clip.contains(x: x, y: y) else { return }
        cells[y * width + x].style = style
    }

    /// Fills every cell of `rect` (within the clip) with `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let target = rect.intersection(clip)
        guard !target.isEmpty else { return }
        for row in target.y..<target.bottom {
            repairWideNeighbours(x: target.x, y: row, newWidth: 1)
            repairWideNeighbours(x: target.right - 1, y: row, newWidth: 1)
            let start = row * width
            for column in target.x..<target.right {
                cells[start + column] = cell
            }
        }
    }

    /// Applies `change` to the style of every cell in `rect` (within the clip).
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        let target = rect.intersection(clip)
        guard !target.isEmpty else { return }
        for row in target.y..<target.bottom {
            for column in target.x..<target.right {
                change(&cells[row * width + column].style)
            }
        }
    }

    /// Runs `draw` with writes limited to `rect` (and any clip already in force), then restores the clip.
    public mutating func clipped(to rect: Rect, _ draw: (inout Buffer) -> Void) {
        let saved = clip
        clip = clip.intersection(rect)
        draw(&self)
        clip = saved
    }

    /// Each row as plain text: continuation cells are skipped, so a row is exactly `width` columns wide.
    public var lines: [String] {
        (0..<height).map { row in
            var line = ""
            line.reserveCapacity(width)
            for column in 0..<width {
                let cell = cells[row * width + column]
                if !cell.isContinuation { line += cell.grapheme }
            }
            return line
        }
    }

    /// Before a write of a `newWidth`-column character at (x, y), blanks the stray half of any wide
    /// character the write would cut in two.
    mutating func repairWideNeighbours(x: Int, y: Int, newWidth: Int) {
        let row = y * width
        if cells[row + x].isContinuation, x > 0 {
            cells[row + x - 1] = Cell(" ", style: cells[row + x - 1].style)
        }
        let after = x + newWidth
        if after < width, cells[row + after].isContinuation {
            cells[row + after] = Cell(" ", style: cells[row + after].style)
        }
    }
}

extension Buffer: Equatable {
    /// Two buffers are equal when they show the same cells; the clip is a drawing aid and not compared.
    public static func == (lhs: Buffer, rhs: Buffer) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
    }
}
