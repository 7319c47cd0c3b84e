import _MatrixKernels
import Dispatch

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
        multiply(a, b, into: &c, variant: nil)
    }

    /// `C = A·B` with a chosen kernel variant, which must be supported (tests and the bench compare them);
    /// nil makes the engine's own choice.
    public static func multiply(_ a: Matrix, _ b: Matrix, into c: inout Matrix, variant: Variant?) {
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
        multiplyTransposingA(a, b, into: &c, variant: nil)
    }

    /// `C = Aᵀ·B` with a chosen kernel variant, which must be supported; nil makes the engine's own choice.
    public static func multiplyTransposingA(_ a: Matrix, _ b: Matrix, into c: inout Matrix, variant: Variant?) {
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
    /// Small products (see ``smallProductLimit``) take inlined Swift tiles; the rest go to
    /// the C kernel variant chosen for this CPU.
    public static func multiply(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                                rows: Int, inner: Int, columns: Int, rowStride: Int, innerStride: Int) {
        if usesSmallTiles(rows: rows, inner: inner, columns: columns) {
            smallProduct(a, b, c, rows: rows, inner: inner, columns: columns, rowStride: rowStride, innerStride: innerStride)
        } else {
            multiply(a, b, c, rows: rows, inner: inner, columns: columns, rowStride: rowStride, innerStride: innerStride,
                     variant: Variant.selected)
        }
    }

    /// The raw product with a chosen kernel variant, or the engine's own choice for nil.
    static func multiply(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                         rows: Int, inner: Int, columns: Int, rowStride: Int, innerStride: Int, variant: Variant?) {
        if let variant {
            multiply(a, b, c, rows: rows, inner: inner, columns: columns, rowStride: rowStride, innerStride: innerStride, variant: variant)
        } else {
            multiply(a, b, c, rows: rows, inner: inner, columns: columns, rowStride: rowStride, innerStride: innerStride)
        }
    }

    /// The raw product with a chosen kernel variant, which must be supported.
    ///
    /// A product of at least ``parallelWork`` multiply-adds is shared among ``threads`` threads when that is
    /// more than one: each computes its own block of rows of C (or of columns, when C has too few rows to go
    /// round), so no two threads write the same element and each element is the same sum as on one thread.
    public static func multiply(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                                rows: Int, inner: Int, columns: Int, rowStride: Int, innerStride: Int,
                                variant: Variant) {
        let parts = rows * inner * columns >= parallelWork ? min(threads, 64) : 1
        if parts <= 1 {
            gs_matrix_product(variant.rawValue, rows, inner, columns, a, rowStride, innerStride, b, columns, c, columns)
            return
        }
        // Blocks are whole multiples of 24 rows (or 32 columns), so every thread's share is made of full tiles.
        let splitRows = rows >= 24 * parts
        let unit = splitRows ? 24 : 32
        let length = splitRows ? rows : columns
        let block = (length + parts - 1) / parts
        let blockLength = (block + unit - 1) / unit * unit
        let blocks = (length + blockLength - 1) / blockLength
        // Addresses cross into the worker threads as integers: each thread touches only its own block of C.
        let (aAddress, bAddress, cAddress) = (Int(bitPattern: a), Int(bitPattern: b), Int(bitPattern: c))
        let kernel = variant.rawValue
        DispatchQueue.concurrentPerform(iterations: blocks) { index in
            let start = index * blockLength, count = min(blockLength, length - start)
            guard count > 0, let a = UnsafePointer<Float>(bitPattern: aAddress),
                  let b = UnsafePointer<Float>(bitPattern: bAddress),
                  let c = UnsafeMutablePointer<Float>(bitPattern: cAddress) else { return }
            if splitRows {
                gs_matrix_product(kernel, count, inner, columns, a + start * rowStride, rowStride, innerStride,
                                  b, columns, c + start * columns, columns)
            } else {
                gs_matrix_product(kernel, rows, inner, count, a, rowStride, innerStride,
                                  b + start, columns, c + start, columns)
            }
        }
    }

    /// How many threads a large product may use: 1 unless a caller says otherwise for the work it runs,
    /// `MatrixProduct.$threads.withValue(2) { … }` (the `--threads` option of `train` and `bench`).
    /// A task-local value, so two trainings in one program can each choose their own.
    @TaskLocal public static var threads: Int = 1

    /// The smallest product, in multiply-adds, worth sharing among threads: 2²¹ take about 25 µs on one core,
    /// well above the cost of waking another thread.
    public static let parallelWork = 1 << 21
}
