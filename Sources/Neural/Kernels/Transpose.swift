import _VectorMath

/// Writing the transpose of a matrix into a buffer that already exists.
public enum Transpose {
    /// `target = sourceᵀ`; `target` must have `source.rows` columns and room for `source.columns` rows.
    public static func write(_ source: Matrix, into target: inout Matrix) {
        precondition(target.columns == source.rows, "a \(source.rows)×\(source.columns) transpose needs \(source.rows) columns")
        target.resize(rows: source.columns)
        let rows = source.rows, columns = source.columns
        source.storage.withUnsafeBufferPointer { s in
            target.storage.withUnsafeMutableBufferPointer { t in
                write(s.baseAddress!, rows: rows, columns: columns, sourceStride: columns, into: t.baseAddress!, targetStride: rows)
            }
        }
    }

    /// `target[j·targetStride + i] = source[i·sourceStride + j]` for every row i < `rows` and column j <
    /// `columns` of the source: the transpose of a block of one buffer written into a block of another.
    ///
    /// Whole 8×8 blocks are turned in registers (see `gs_transpose8x8`); the rows and columns left over
    /// at the edges are copied one number at a time.
    public static func write(_ source: UnsafePointer<Float>, rows: Int, columns: Int, sourceStride: Int,
                             into target: UnsafeMutablePointer<Float>, targetStride: Int) {
        let blockRows = rows - rows % 8, blockColumns = columns - columns % 8
        for row in stride(from: 0, to: blockRows, by: 8) {
            for column in stride(from: 0, to: blockColumns, by: 8) {
                gs_transpose8x8(source + row * sourceStride + column, sourceStride, target + column * targetStride + row, targetStride)
            }
        }
        // The right edge: columns past the last whole block, for every row.
        for column in blockColumns..<columns {
            for row in 0..<rows { target[column * targetStride + row] = source[row * sourceStride + column] }
        }
        // The bottom edge: rows past the last whole block, for the columns the blocks covered.
        for row in blockRows..<rows {
            for column in 0..<blockColumns { target[column * targetStride + row] = source[row * sourceStride + column] }
        }
    }
}
