import _VectorMath

/// Writing the transpose of a matrix into a buffer that already exists.
public enum Transpose {
    /// `target = sourceᵀ`; `target` must have `source.rows` columns and room for `source.columns` rows.
    ///
    /// Whole 8×8 blocks are turned in registers (see `gs_transpose8x8`); the rows and columns left over
    /// at the edges are copied one number at a time.
    public static func write(_ source: Matrix, into target: inout Matrix) {
        precondition(target.columns == source.rows, "a \(source.rows)×\(source.columns) transpose needs \(source.rows) columns")
        target.resize(rows: source.columns)
        let rows = source.rows, columns = source.columns
        let blockRows = rows - rows % 8, blockColumns = columns - columns % 8
        source.storage.withUnsafeBufferPointer { s in
            target.storage.withUnsafeMutableBufferPointer { t in
                let s = s.baseAddress!, t = t.baseAddress!
                for row in stride(from: 0, to: blockRows, by: 8) {
                    for column in stride(from: 0, to: blockColumns, by: 8) {
                        gs_transpose8x8(s + row * columns + column, columns, t + column * rows + row, rows)
                    }
                }
                // The right edge: columns past the last whole block, for every row.
                for column in blockColumns..<columns {
                    for row in 0..<rows { t[column * rows + row] = s[row * columns + column] }
                }
                // The bottom edge: rows past the last whole block, for the columns the blocks covered.
                for row in blockRows..<rows {
                    for column in 0..<blockColumns { t[column * rows + row] = s[row * columns + column] }
                }
            }
        }
    }
}
