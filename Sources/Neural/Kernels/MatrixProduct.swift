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
        let kernel = variant.rawValue
        // Addresses cross into the worker threads as integers: each thread touches only its own block of C.
        let (aAddress, bAddress, cAddress) = (Int(bitPattern: a), Int(bitPattern: b), Int(bitPattern: c))
        shareAmongThreads(rows: rows, inner: inner, columns: columns) { block in
            guard let a = UnsafePointer<Float>(bitPattern: aAddress), let b = UnsafePointer<Float>(bitPattern: bAddress),
                  let c = UnsafeMutablePointer<Float>(bitPattern: cAddress) else { return }
            gs_matrix_product(kernel, block.rows.count, inner, block.columns.count,
                              a + block.rows.lowerBound * rowStride, rowStride, innerStride,
                              b + block.columns.lowerBound, columns, c + block.rows.lowerBound * columns + block.columns.lowerBound, columns)
        }
    }

    /// Runs `body` on the whole of a rows × columns product, or, when it has at least ``parallelWork``
    /// multiply-adds and ``threads`` is more than one, on blocks of it in as many threads: each block is a
    /// range of rows of C (or of columns, when C has too few rows to go round), so no two threads write the
    /// same element and each element is the same sum as on one thread.
    private static func shareAmongThreads(rows: Int, inner: Int, columns: Int,
                                          _ body: @Sendable (_ block: (rows: Range<Int>, columns: Range<Int>)) -> Void) {
        let parts = rows * inner * columns >= parallelWork ? min(threads, 64) : 1
        if parts <= 1 {
            body((0..<rows, 0..<columns))
            return
        }
        // Blocks are whole multiples of 24 rows (or 32 columns), so every thread's share is made of full tiles.
        let splitRows = rows >= 24 * parts
        let unit = splitRows ? 24 : 32
        let length = splitRows ? rows : columns
        let block = (length + parts - 1) / parts
        let blockLength = (block + unit - 1) / unit * unit
        let blocks = (length + blockLength - 1) / blockLength
        DispatchQueue.concurrentPerform(iterations: blocks) { index in
            let start = index * blockLength, count = min(blockLength, length - start)
            guard count > 0 else { return }
            body(splitRows ? (start..<start + count, 0..<columns) : (0..<rows, start..<start + count))
        }
    }

    /// `C = A·B`, each element then finished in the same pass (see `gs_product_finish`), to the bit as the
    /// separate passes would give:
    /// - `bias` (`columns` floats) added to every row: a dense layer's `Z = X·Wᵀ + b`;
    /// - `relu` (`rows × columns` floats), when given, gets relu(C): the ReLU after a dense layer, as
    ///   `ReLU.forward` gives it;
    /// - or, with `gate` too (`rows × columns` floats), C where gate > 0 and 0 elsewhere: the backward pass of
    ///   the ReLU before a dense layer whose input gradient C is (gate = that ReLU's input z), as `ReLU.backward`.
    /// The C kernels finish each element while it is still in a register, so the output is stored once
    /// rather than passed over again; the small Swift tiles run the passes one after the other.
    public static func multiply(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                                rows: Int, inner: Int, columns: Int, rowStride: Int, innerStride: Int,
                                bias: UnsafePointer<Float>?, relu: UnsafeMutablePointer<Float>?, gate: UnsafePointer<Float>? = nil,
                                variant: Variant = .selected) {
        if usesSmallTiles(rows: rows, inner: inner, columns: columns) {
            smallProduct(a, b, c, rows: rows, inner: inner, columns: columns, rowStride: rowStride, innerStride: innerStride)
            if let bias { ElementwiseKernels.addBias(rows: rows, columns: columns, bias: bias, to: c, variant: variant) }
            if let relu, let gate {
                ReLU.backward(z: gate, outputGradient: c, inputGradient: relu, count: rows * columns)
            } else if let relu {
                ReLU.forward(c, relu, count: rows * columns)
            }
            return
        }
        multiply(a, b, c, rows: rows, inner: inner, columns: columns, rowStride: rowStride, innerStride: innerStride,
                 bias: bias, relu: relu, gate: gate, inKernel: variant)
    }

    /// The finishing product above in the C kernels alone, whatever its size, with a chosen (supported) variant:
    /// tests hold every variant to the reference with it.
    static func multiply(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                         rows: Int, inner: Int, columns: Int, rowStride: Int, innerStride: Int,
                         bias: UnsafePointer<Float>?, relu: UnsafeMutablePointer<Float>?, gate: UnsafePointer<Float>?,
                         inKernel variant: Variant) {
        let kernel = variant.rawValue
        let (aAddress, bAddress, cAddress) = (Int(bitPattern: a), Int(bitPattern: b), Int(bitPattern: c))
        let (biasAddress, reluAddress, gateAddress) = (Int(bitPattern: bias), Int(bitPattern: relu), Int(bitPattern: gate))
        shareAmongThreads(rows: rows, inner: inner, columns: columns) { block in
            guard let a = UnsafePointer<Float>(bitPattern: aAddress), let b = UnsafePointer<Float>(bitPattern: bAddress),
                  let c = UnsafeMutablePointer<Float>(bitPattern: cAddress) else { return }
            let (row, column) = (block.rows.lowerBound, block.columns.lowerBound)
            let finish = gs_product_finish(bias: UnsafePointer<Float>(bitPattern: biasAddress).map { $0 + column },
                                           relu: UnsafeMutablePointer<Float>(bitPattern: reluAddress).map { $0 + row * columns + column },
                                           ldr: columns,
                                           gate: UnsafePointer<Float>(bitPattern: gateAddress).map { $0 + row * columns + column },
                                           ldg: columns)
            gs_matrix_product_finishing(kernel, block.rows.count, inner, block.columns.count, a + row * rowStride, rowStride, innerStride,
                                        b + column, columns, c + row * columns + column, columns, finish)
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
