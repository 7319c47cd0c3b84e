/// Writing the transpose of a matrix into a buffer that already exists.
public enum Transpose {
    /// `target = sourceᵀ`; `target` must have `source.rows` columns and room for `source.columns` rows.
    public static func write(_ source: Matrix, into target: inout Matrix) {
        precondition(target.columns == source.rows, "a \(source.rows)×\(source.columns) transpose needs \(source.rows) columns")
        target.resize(rows: source.columns)
        let rows = source.rows, columns = source.columns
        source.storage.withUnsafeBufferPointer { s in
            target.storage.withUnsafeMutableBufferPointer { t in
                // Row by row of the target, so the writes run in order and only the reads stride.
                for column in 0..<columns {
                    let targetRow = t.baseAddress! + column * rows
                    for row in 0..<rows { targetRow[row] = s[row * columns + column] }
                }
            }
        }
    }
}
