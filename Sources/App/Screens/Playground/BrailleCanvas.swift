import Canvas

/// Thin lines in braille dots (2 × 4 per cell), each cell taking the style of the line drawn last through it.
///
/// The playground's diagram draws its links here, weakest first, so strong links end on top.
struct BrailleCanvas {
    let columns: Int
    let rows: Int
    private var bits: [UInt8]
    private var owner: [Int32]
    private var styles: [Style] = []

    init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        bits = [UInt8](repeating: 0, count: self.columns * self.rows)
        owner = [Int32](repeating: -1, count: self.columns * self.rows)
    }

    /// The bit of each dot, indexed [row within cell][column within cell].
    private static let dotBits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]

    /// Draws a line between two dot positions (x right, y down, in dots) in `style`.
    mutating func line(from start: (x: Int, y: Int), to end: (x: Int, y: Int), style: Style) {
        styles.append(style)
        let series = Int32(styles.count - 1)
        var x = start.x, y = start.y
        let dx = abs(end.x - x), dy = -abs(end.y - y)
        let stepX = x < end.x ? 1 : -1, stepY = y < end.y ? 1 : -1
        var error = dx + dy
        // Bresenham's line: at most dx + |dy| + 1 dots.
        for _ in 0...(dx - dy) {
            set(x: x, y: y, series: series)
            if x == end.x && y == end.y { break }
            let doubled = 2 * error
            if doubled >= dy { error += dy; x += stepX }
            if doubled <= dx { error += dx; y += stepY }
        }
    }

    private mutating func set(x: Int, y: Int, series: Int32) {
        guard x >= 0, y >= 0, x < columns * 2, y < rows * 4 else { return }
        let index = (y >> 2) * columns + (x >> 1)
        bits[index] |= Self.dotBits[y & 3][x & 1]
        owner[index] = series
    }

    /// Copies the dots into `buffer` with the top-left cell at (`x`, `y`); cells without dots are left alone.
    func draw(into buffer: inout Buffer, x: Int, y: Int) {
        for row in 0..<rows {
            for column in 0..<columns {
                let index = row * columns + column
                guard bits[index] != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(bits[index])) else { continue }
                buffer[x + column, y + row] = Cell(String(Character(scalar)), style: styles[Int(owner[index])])
            }
        }
    }
}

/// The ASCII and no-colour stand-in for `BrailleCanvas`: one glyph per cell, the last line's.
struct GlyphCanvas {
    let columns: Int
    let rows: Int
    private var cells: [Cell?]

    init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        cells = [Cell?](repeating: nil, count: self.columns * self.rows)
    }

    /// Draws a line between two cell positions with `cell`.
    mutating func line(from start: (x: Int, y: Int), to end: (x: Int, y: Int), cell: Cell) {
        var x = start.x, y = start.y
        let dx = abs(end.x - x), dy = -abs(end.y - y)
        let stepX = x < end.x ? 1 : -1, stepY = y < end.y ? 1 : -1
        var error = dx + dy
        for _ in 0...(dx - dy) {
            if x >= 0, y >= 0, x < columns, y < rows { cells[y * columns + x] = cell }
            if x == end.x && y == end.y { break }
            let doubled = 2 * error
            if doubled >= dy { error += dy; x += stepX }
            if doubled <= dx { error += dx; y += stepY }
        }
    }

    func draw(into buffer: inout Buffer, x: Int, y: Int) {
        for row in 0..<rows {
            for column in 0..<columns {
                if let cell = cells[row * columns + column] { buffer[x + column, y + row] = cell }
            }
        }
    }
}
