/// One cell the terminal must redraw.
public struct CellChange: Hashable, Sendable {
    public let x: Int
    public let y: Int
    public let cell: Cell

    public init(x: Int, y: Int, cell: Cell) {
        self.x = x
        self.y = y
        self.cell = cell
    }
}

extension Buffer {
    /// The cells that differ from `old`, row by row, for the backend to redraw.
    ///
    /// Continuation cells are never listed: when one changes, the wide character to its left is
    /// listed instead (drawing it covers both columns). When the sizes differ every cell that is not
    /// a continuation is listed, as after a resize the whole screen must be redrawn.
    public func diff(from old: Buffer) -> [CellChange] {
        var changes: [CellChange] = []
        let sameSize = old.width == width && old.height == height
        for row in 0..<height {
            var lastListed = -1
            for column in 0..<width {
                let index = row * width + column
                let cell = cells[index]
                if sameSize && old.cells[index] == cell { continue }
                if cell.isContinuation {
                    let lead = column - 1
                    if lead >= 0 && lead != lastListed && !cells[index - 1].isContinuation {
                        changes.append(CellChange(x: lead, y: row, cell: cells[index - 1]))
                        lastListed = lead
                    }
                    continue
                }
                changes.append(CellChange(x: column, y: row, cell: cell))
                lastListed = column
            }
        }
        return changes
    }
}
