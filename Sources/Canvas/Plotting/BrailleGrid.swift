/// A grid of braille dots, 2 wide and 4 high per cell, that line plots are drawn on.
///
/// Each cell's dots form one braille character U+2800 + bits, where the bit of dot (column, row)
/// is 0x01, 0x02, 0x04, 0x40 down the left column and 0x08, 0x10, 0x20, 0x80 down the right.
/// The cell also remembers which series set a dot last, so it can take that series' colour.
struct BrailleGrid {
    let columns: Int
    let rows: Int
    /// Dot bits per cell, row-major.
    var bits: [UInt8]
    /// The series that last drew in each cell, or -1.
    var owner: [Int16]

    var pixelWidth: Int { columns * 2 }
    var pixelHeight: Int { rows * 4 }

    init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        bits = [UInt8](repeating: 0, count: self.columns * self.rows)
        owner = [Int16](repeating: -1, count: self.columns * self.rows)
    }

    /// The bit of each dot, indexed [row within cell][column within cell].
    static let dotBits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]

    /// Sets the dot at pixel (x, y), ignoring pixels outside the grid.
    mutating func set(x: Int, y: Int, series: Int) {
        guard x >= 0, y >= 0, x < pixelWidth, y < pixelHeight else { return }
        let index = (y >> 2) * columns + (x >> 1)
        bits[index] |= Self.dotBits[y & 3][x & 1]
        owner[index] = Int16(truncatingIfNeeded: series)
    }

    /// The braille character of a cell, or nil when it has no dot.
    func character(column: Int, row: Int) -> String? {
        let value = bits[row * columns + column]
        guard value != 0 else { return nil }
        return String(Character(Unicode.Scalar(0x2800 + UInt32(value))!))
    }
}

/// A surface that can light single pixels: a braille grid or a grid of marker cells.
protocol PixelSurface {
    var pixelWidth: Int { get }
    var pixelHeight: Int { get }
    mutating func set(x: Int, y: Int, series: Int)
}

extension BrailleGrid: PixelSurface {}

/// One marker per cell: the ASCII and no-colour stand-in for braille.
struct MarkerGrid: PixelSurface {
    let columns: Int
    let rows: Int
    /// The series drawn last in each cell, or -1.
    var owner: [Int16]

    var pixelWidth: Int { columns }
    var pixelHeight: Int { rows }

    init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        owner = [Int16](repeating: -1, count: self.columns * self.rows)
    }

    mutating func set(x: Int, y: Int, series: Int) {
        guard x >= 0, y >= 0, x < columns, y < rows else { return }
        owner[y * columns + x] = Int16(truncatingIfNeeded: series)
    }
}

extension PixelSurface {
    /// Draws the segment between two pixel positions (real-valued), clipped to the surface.
    ///
    /// The segment is first clipped to the surface with Liang–Barsky, so far-off or huge
    /// coordinates cost nothing, then rasterised with Bresenham's algorithm.
    mutating func line(from start: (x: Double, y: Double), to end: (x: Double, y: Double), series: Int) {
        guard let clipped = clip(start, end) else { return }
        var x0 = Int(clipped.0.x.rounded()), y0 = Int(clipped.0.y.rounded())
        let x1 = Int(clipped.1.x.rounded()), y1 = Int(clipped.1.y.rounded())
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var error = dx + dy
        while true {
            set(x: x0, y: y0, series: series)
            if x0 == x1 && y0 == y1 { break }
            let doubled = 2 * error
            if doubled >= dy { error += dy; x0 += sx }
            if doubled <= dx { error += dx; y0 += sy }
        }
    }

    /// The part of a segment inside the pixel box [-0.5, width − 0.5] × [-0.5, height − 0.5].
    private func clip(
        _ start: (x: Double, y: Double), _ end: (x: Double, y: Double)
    ) -> ((x: Double, y: Double), (x: Double, y: Double))? {
        guard start.x.isFinite, start.y.isFinite, end.x.isFinite, end.y.isFinite,
              pixelWidth > 0, pixelHeight > 0 else { return nil }
        let minX = -0.49, maxX = Double(pixelWidth) - 0.51
        let minY = -0.49, maxY = Double(pixelHeight) - 0.51
        let dx = end.x - start.x, dy = end.y - start.y
        var enter = 0.0, leave = 1.0
        for (p, q) in [(-dx, start.x - minX), (dx, maxX - start.x), (-dy, start.y - minY), (dy, maxY - start.y)] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let t = q / p
                if p < 0 { enter = max(enter, t) } else { leave = min(leave, t) }
            }
        }
        guard enter <= leave else { return nil }
        return ((start.x + enter * dx, start.y + enter * dy), (start.x + leave * dx, start.y + leave * dy))
    }
}
