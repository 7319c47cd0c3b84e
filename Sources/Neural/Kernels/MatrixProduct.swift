import _MatrixKernels

/// Matrix products: the one operation that dominates training time.
///
/// Every product a layer needs reduces to `C = A·B` on row-major buffers:
/// - forward through a dense layer, `Z = X·Wᵀ`, transposes the small weight matrix into a scratch buffer first;
/// - the weight gradient `∂L/∂W = (∂L/∂Z)ᵀ·X` reads the gradient of the batch in transposed order;
/// - the input gradient `∂L/∂X = (∂L/∂Z)·W` is a plain product.
/// So one kernel serves them all, and beside it stands the readable triple loop it must agree with (tests
/// compare them at every shape up to 40 in each dimension, for every kernel variant the CPU can run).
///
/// The kernel itself is C (module `_MatrixKernels`), written once and compiled for each kind of vector
/// unit: see ``Variant``. A tile of C stays in registers while k runs over the inner dimension; each
/// variant's tile is as large as its registers allow without spilling to memory.
public enum MatrixProduct {
    /// The readable definition: `C[i, j] = Σₖ A[i, k] · B[k, j]`.
    public static func reference(_ a: Matrix, _ b: Matrix) -> Matrix {
        precondition(a.columns == b.rows, "cannot multiply \(a.rows)×\(a.columns) by \(b.rows)×\(b.columns)")
        var c = Matrix(rows: a.rows, columns: b.columns)
        for i in 0..<a.rows {
            for j in 0..<b.columns {
                var sum: Float = 0
                for k in 0..<a.columns { sum += a[i, k] * b[k, j] }
                c[i, j] = sum
            }
        }
        return c
    }

    /// `C = A·B`, written into `c`, which is resized to `a.rows` rows and must have `b.columns` columns.
    public static func multiply(_ a: Matrix, _ b: Matrix, into c: inout Matrix) {
        multiply(a, b, into: &c, variant: Variant.selected)
    }

    /// `C = A·B` with a chosen kernel variant, which must be supported (tests and the bench compare them).
    public static func multiply(_ a: Matrix, _ b: Matrix, into c: inout Matrix, variant: Variant) {
        precondition(a.columns == b.rows && c.columns == b.columns,
                     "cannot multiply \(a.rows)×\(a.columns) by \(b.rows)×\(b.columns) into \(c.columns) columns")
        c.resize(rows: a.rows)
        a.storage.withUnsafeBufferPointer { aBuffer in
            b.storage.withUnsafeBufferPointer { bBuffer in
                c.storage.withUnsafeMutableBufferPointer { cBuffer in
                    multiply(aBuffer.baseAddress!, bBuffer.baseAddress!, cBuffer.baseAddress!,
                             rows: a.rows, inner: a.columns, columns: b.columns, rowStride: a.columns, innerStride: 1,
                             variant: variant)
                }
            }
        }
    }

    /// `C = Aᵀ·B`, written into `c`, which is resized to `a.columns` rows and must have `b.columns` columns.
    /// Reads A's buffer in transposed order, so no transpose is ever stored.
    public static func multiplyTransposingA(_ a: Matrix, _ b: Matrix, into c: inout Matrix) {
        multiplyTransposingA(a, b, into: &c, variant: Variant.selected)
    }

    /// `C = Aᵀ·B` with a chosen kernel variant, which must be supported.
    public static func multiplyTransposingA(_ a: Matrix, _ b: Matrix, into c: inout Matrix, variant: Variant) {
        precondition(a.rows == b.rows && c.columns == b.columns,
                     "cannot multiply (\(a.rows)×\(a.columns))ᵀ by \(b.rows)×\(b.columns) into \(c.columns) columns")
        c.resize(rows: a.columns)
        a.storage.withUnsafeBufferPointer { aBuffer in
            b.storage.withUnsafeBufferPointer { bBuffer in
                c.storage.withUnsafeMutableBufferPointer { cBuffer in
                    multiply(aBuffer.baseAddress!, bBuffer.baseAddress!, cBuffer.baseAddress!,
                             rows: a.columns, inner: a.rows, columns: b.columns, rowStride: 1, innerStride: a.columns,
                             variant: variant)
                }
            }
        }
    }

    /// `C = A·B` on raw row-major buffers: `a` is rows×inner, `b` inner×columns, `c` rows×columns.
    ///
    /// Element (i, k) of A is read at `a[i·rowStride + k·innerStride]`, so `rowStride: inner, innerStride: 1`
    /// is A itself and `rowStride: 1, innerStride: rows` reads Aᵀ from A's buffer without copying it.
    public static func multiply(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                                rows: Int, inner: Int, columns: Int, rowStride: Int, innerStride: Int) {
        multiply(a, b, c, rows: rows, inner: inner, columns: columns, rowStride: rowStride, innerStride: innerStride,
                 variant: Variant.selected)
    }

    /// The raw product with a chosen kernel variant, which must be supported.
    public static func multiply(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                                rows: Int, inner: Int, columns: Int, rowStride: Int, innerStride: Int,
                                variant: Variant) {
        gs_matrix_product(variant.rawValue, rows, inner, columns, a, rowStride, innerStride, b, c)
    }
}
