/// One-hot encoding: a class index becomes a row with a 1 in that class's column and 0 elsewhere.
///
/// Softmax outputs one probability per class, so the true answer is written in the same shape:
/// class 2 of 4 is `[0, 0, 1, 0]`. Decoding takes the column of the largest value (argmax), which turns
/// a row of probabilities back into the predicted class.
public enum OneHot {
    /// One row per label with a 1 in column `label`. A label outside `0..<classCount` gives a row of zeros.
    public static func encode(_ labels: [Int], classCount: Int) -> Matrix {
        var encoded = Matrix(rows: labels.count, columns: max(classCount, 0))
        for (row, label) in labels.enumerated() where label >= 0 && label < classCount {
            encoded.storage[row * classCount + label] = 1
        }
        return encoded
    }

    /// The column of the largest value in every row (the first one on a tie); 0 for a row with no columns.
    /// NaN never counts as largest.
    public static func decode(_ rows: Matrix) -> [Int] {
        (0..<rows.rows).map { argmax(of: rows, row: $0) }
    }

    /// The column of the largest value in one row (the first one on a tie).
    public static func argmax(of matrix: Matrix, row: Int) -> Int {
        var best = 0
        var bestValue = -Float.infinity
        for column in 0..<matrix.columns {
            let value = matrix.storage[row * matrix.columns + column]
            if value > bestValue {
                best = column
                bestValue = value
            }
        }
        return best
    }
}
