/// Thin styled lines in braille dots (2 × 4 per cell), each cell taking the style of the line drawn last
/// through it: the dots of `BrailleGrid`, one series per line.
///
/// The playground's diagram draws its links here, weakest first, so strong links end on top.
public struct BrailleLineCanvas: Sendable {
    private var grid: BrailleGrid
    private var styles: [Style] = []

    public init(columns: Int, rows: Int) {
        grid = BrailleGrid(columns: columns, rows: rows)
    }

    public var columns: Int { grid.columns }
    public var rows: Int { grid.rows }

    /// Draws a line between two dot positions (x right, y down, in dots) in `style`.
    public mutating func line(from start: (x: Int, y: Int), to end: (x: Int, y: Int), style: Style) {
        styles.append(style)
        grid.line(from: (Double(start.x), Double(start.y)), to: (Double(end.x), Double(end.y)), series: styles.count - 1)
    }

    /// Copies the dots into `buffer` with the top-left cell at (`x`, `y`); cells without dots are left alone.
    public func draw(into buffer: inout Buffer, x: Int, y: Int) {
        for row in 0..<rows {
            for column in 0..<columns {
                guard let character = grid.character(column: column, row: row) else { continue }
                let owner = Int(grid.owner[row * columns + column])
                buffer[x + column, y + row] = Cell(character, style: styles.indices.contains(owner) ? styles[owner] : .plain)
            }
        }
    }
}

/// The ASCII and no-colour stand-in for `BrailleLineCanvas`: one glyph per cell, the last line's, on a
/// `MarkerGrid`.
public struct GlyphLineCanvas: Sendable {
    private var grid: MarkerGrid
    private var cells: [Cell] = []

    public init(columns: Int, rows: Int) {
        grid = MarkerGrid(columns: columns, rows: rows)
    }

    public var columns: Int { grid.columns }
    public var rows: Int { grid.rows }

    /// Draws a line between two cell positions with `cell`.
    public mutating func line(from start: (x: Int, y: Int), to end: (x: Int, y: Int), cell: Cell) {
        cells.append(cell)
        grid.line(from: (Double(start.x), Double(start.y)), to: (Double(end.x), Double(end.y)), series: cells.count - 1)
    }

    /// Copies the line cells into `buffer` with the top-left cell at (`x`, `y`).
    public func draw(into buffer: inout Buffer, x: Int, y: Int) {
        for row in 0..<rows {
            for column in 0..<columns {
                let owner = Int(grid.owner[row * columns + column])
                if cells.indices.contains(owner) { buffer[x + column, y + row] = cells[owner] }
            }
        }
    }
}
