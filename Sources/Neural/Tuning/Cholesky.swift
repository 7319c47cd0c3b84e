import Foundation

/// The Cholesky factor of a symmetric positive-definite matrix: `A = L·Lᵀ` with `L` lower-triangular.
///
/// `L[i][i] = √(A[i][i] − Σ_{k<i} L[i][k]²)` and `L[j][i] = (A[j][i] − Σ_{k<i} L[j][k]·L[i][k]) / L[i][i]`
/// for `j > i` (Golub and Van Loan, algorithm 4.2.1). Solving `A·x = b` is then two triangular solves,
/// `L·y = b` forward and `Lᵀ·x = y` backward, without ever inverting `A`. Kept in `Double`: the surrogate's
/// kernel matrices are nearly singular when two trials sit close together.
public struct Cholesky: Sendable {
    /// The lower factor, row-major, `size × size`.
    public let lower: [Double]
    public let size: Int

    /// Factors the `size × size` row-major matrix `matrix`; `nil` when it is not positive definite.
    public init?(matrix: [Double], size: Int) {
        precondition(matrix.count == size * size, "a \(size)×\(size) matrix needs \(size * size) numbers")
        var lower = [Double](repeating: 0, count: size * size)
        for i in 0..<size {
            for j in 0...i {
                var sum = matrix[i * size + j]
                for k in 0..<j { sum -= lower[i * size + k] * lower[j * size + k] }
                if i == j {
                    guard sum > 0, sum.isFinite else { return nil }
                    lower[i * size + i] = sum.squareRoot()
                } else {
                    lower[i * size + j] = sum / lower[j * size + j]
                }
            }
        }
        self.lower = lower
        self.size = size
    }

    /// `y` with `L·y = b`.
    public func solveLower(_ b: [Double]) -> [Double] {
        var y = b
        for i in 0..<size {
            var sum = y[i]
            for k in 0..<i { sum -= lower[i * size + k] * y[k] }
            y[i] = sum / lower[i * size + i]
        }
        return y
    }

    /// `x` with `Lᵀ·x = y`.
    public func solveUpper(_ y: [Double]) -> [Double] {
        var x = y
        for i in stride(from: size - 1, through: 0, by: -1) {
            var sum = x[i]
            for k in (i + 1)..<size { sum -= lower[k * size + i] * x[k] }
            x[i] = sum / lower[i * size + i]
        }
        return x
    }

    /// `x` with `A·x = b`.
    public func solve(_ b: [Double]) -> [Double] { solveUpper(solveLower(b)) }

    /// `log det A = 2 Σ log L[i][i]`.
    public var logDeterminant: Double {
        (0..<size).reduce(0) { $0 + 2 * log(lower[$1 * size + $1]) }
    }
}
