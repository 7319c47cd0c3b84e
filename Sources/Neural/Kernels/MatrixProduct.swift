/// Matrix products: the one operation that dominates training time.
///
/// Every product a layer needs reduces to `C = A·B` on row-major buffers:
/// - forward through a dense layer, `Z = X·Wᵀ`, transposes the small weight matrix into a scratch buffer first;
/// - the weight gradient `∂L/∂W = (∂L/∂Z)ᵀ·X` transposes the gradient of the batch first;
/// - the input gradient `∂L/∂X = (∂L/∂Z)·W` is a plain product.
/// So one carefully written kernel serves them all, and beside it stands the readable triple loop it must
/// agree with (tests compare them on every shape class).
///
/// The engine's kernels are deliberately not `@inlinable`: each exists once, compiled by this module with
/// its vector flags. An inlinable kernel would also be compiled into every module that calls it, with
/// that module's (baseline) flags, and the linker may keep that slower copy.
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
        precondition(a.columns == b.rows && c.columns == b.columns,
                     "cannot multiply \(a.rows)×\(a.columns) by \(b.rows)×\(b.columns) into \(c.columns) columns")
        c.resize(rows: a.rows)
        a.storage.withUnsafeBufferPointer { aBuffer in
            b.storage.withUnsafeBufferPointer { bBuffer in
                c.storage.withUnsafeMutableBufferPointer { cBuffer in
                    multiply(aBuffer.baseAddress!, bBuffer.baseAddress!, cBuffer.baseAddress!,
                             rows: a.rows, inner: a.columns, columns: b.columns, rowStride: a.columns, innerStride: 1)
                }
            }
        }
    }

    /// `C = Aᵀ·B`, written into `c`, which is resized to `a.columns` rows and must have `b.columns` columns.
    /// Reads A's buffer in transposed order, so no transpose is ever stored.
    public static func multiplyTransposingA(_ a: Matrix, _ b: Matrix, into c: inout Matrix) {
        precondition(a.rows == b.rows && c.columns == b.columns,
                     "cannot multiply (\(a.rows)×\(a.columns))ᵀ by \(b.rows)×\(b.columns) into \(c.columns) columns")
        c.resize(rows: a.columns)
        a.storage.withUnsafeBufferPointer { aBuffer in
            b.storage.withUnsafeBufferPointer { bBuffer in
                c.storage.withUnsafeMutableBufferPointer { cBuffer in
                    multiply(aBuffer.baseAddress!, bBuffer.baseAddress!, cBuffer.baseAddress!,
                             rows: a.columns, inner: a.rows, columns: b.columns, rowStride: 1, innerStride: a.columns)
                }
            }
        }
    }

    /// `C = A·B` on raw row-major buffers: `a` is rows×inner, `b` inner×columns, `c` rows×columns.
    ///
    /// Register blocking: a tile of 4 rows × 32 columns of `C` lives in eight 16-lane accumulators while
    /// `k` runs over the inner dimension, so each element of `A` loaded is used 32 times and each vector of
    /// `B` four times. Column blocks are the outer loop, so a 32-column panel of `B` stays in cache while
    /// every row block uses it. Narrower tails fall back to 16-, 8- and 1-lane versions of the same idea.
    /// Element (i, k) of A is read at `a[i·rowStride + k·innerStride]`, so `rowStride: inner, innerStride: 1`
    /// is A itself and `rowStride: 1, innerStride: rows` reads Aᵀ from A's buffer without copying it.
    public static func multiply(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                                rows: Int, inner: Int, columns: Int, rowStride: Int, innerStride: Int) {
        var column = 0
        while column + 32 <= columns {
            var row = 0
            while row + 8 <= rows {
                tile8x32(a, b, c, row: row, column: column, inner: inner, columns: columns, rowStride: rowStride, innerStride: innerStride)
                row += 8
            }
            while row + 4 <= rows {
                tile4x32(a, b, c, row: row, column: column, inner: inner, columns: columns, rowStride: rowStride, innerStride: innerStride)
                row += 4
            }
            while row < rows {
                tile1x32(a, b, c, row: row, column: column, inner: inner, columns: columns, rowStride: rowStride, innerStride: innerStride)
                row += 1
            }
            column += 32
        }
        while column + 16 <= columns {
            var row = 0
            while row + 4 <= rows {
                tile4x16(a, b, c, row: row, column: column, inner: inner, columns: columns, rowStride: rowStride, innerStride: innerStride)
                row += 4
            }
            while row < rows {
                tile1x16(a, b, c, row: row, column: column, inner: inner, columns: columns, rowStride: rowStride, innerStride: innerStride)
                row += 1
            }
            column += 16
        }
        while column + 8 <= columns {
            var row = 0
            while row + 4 <= rows {
                tile4x8(a, b, c, row: row, column: column, inner: inner, columns: columns, rowStride: rowStride, innerStride: innerStride)
                row += 4
            }
            while row < rows {
                tile1x8(a, b, c, row: row, column: column, inner: inner, columns: columns, rowStride: rowStride, innerStride: innerStride)
                row += 1
            }
            column += 8
        }
        // A ragged tail of 1–7 columns: when the matrix is at least 8 wide, one more 8-wide tile ending at
        // the last column overlaps columns already done. Every element is the same sum taken in the same
        // order whichever tile computes it, so the overlap rewrites identical values.
        if column < columns && columns >= 8 {
            column = columns - 8
            var row = 0
            while row + 4 <= rows {
                tile4x8(a, b, c, row: row, column: column, inner: inner, columns: columns, rowStride: rowStride, innerStride: innerStride)
                row += 4
            }
            while row < rows {
                tile1x8(a, b, c, row: row, column: column, inner: inner, columns: columns, rowStride: rowStride, innerStride: innerStride)
                row += 1
            }
            column = columns
        }
        while column < columns {
            for row in 0..<rows {
                var sum: Float = 0
                let aRow = a + row * rowStride
                for k in 0..<inner { sum += aRow[k * innerStride] * b[k * columns + column] }
                c[row * columns + column] = sum
            }
            column += 1
        }
    }

    @inline(__always) @usableFromInline
    static func load16(_ pointer: UnsafePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD16<Float>.self)
    }

    @inline(__always) @usableFromInline
    static func load8(_ pointer: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always) @usableFromInline
    static func store<V: SIMD>(_ value: V, _ pointer: UnsafeMutablePointer<Float>) where V.Scalar == Float {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: V.self)
    }

    @inline(__always) @usableFromInline
    static func tile8x32(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                         row: Int, column: Int, inner: Int, columns: Int, rowStride: Int, innerStride: Int) {
        var c00 = SIMD16<Float>(), c01 = SIMD16<Float>(), c10 = SIMD16<Float>(), c11 = SIMD16<Float>()
        var c20 = SIMD16<Float>(), c21 = SIMD16<Float>(), c30 = SIMD16<Float>(), c31 = SIMD16<Float>()
        var c40 = SIMD16<Float>(), c41 = SIMD16<Float>(), c50 = SIMD16<Float>(), c51 = SIMD16<Float>()
        var c60 = SIMD16<Float>(), c61 = SIMD16<Float>(), c70 = SIMD16<Float>(), c71 = SIMD16<Float>()
        let a0 = a + row * rowStride, a1 = a0 + rowStride, a2 = a1 + rowStride, a3 = a2 + rowStride
        let a4 = a3 + rowStride, a5 = a4 + rowStride, a6 = a5 + rowStride, a7 = a6 + rowStride
        var bRow = b + column
        for k in 0..<inner {
            let b0 = load16(bRow), b1 = load16(bRow + 16)
            var x = SIMD16<Float>(repeating: a0[k * innerStride]); c00.addProduct(x, b0); c01.addProduct(x, b1)
            x = SIMD16<Float>(repeating: a1[k * innerStride]); c10.addProduct(x, b0); c11.addProduct(x, b1)
            x = SIMD16<Float>(repeating: a2[k * innerStride]); c20.addProduct(x, b0); c21.addProduct(x, b1)
            x = SIMD16<Float>(repeating: a3[k * innerStride]); c30.addProduct(x, b0); c31.addProduct(x, b1)
            x = SIMD16<Float>(repeating: a4[k * innerStride]); c40.addProduct(x, b0); c41.addProduct(x, b1)
            x = SIMD16<Float>(repeating: a5[k * innerStride]); c50.addProduct(x, b0); c51.addProduct(x, b1)
            x = SIMD16<Float>(repeating: a6[k * innerStride]); c60.addProduct(x, b0); c61.addProduct(x, b1)
            x = SIMD16<Float>(repeating: a7[k * innerStride]); c70.addProduct(x, b0); c71.addProduct(x, b1)
            bRow += columns
        }
        var out = c + row * columns + column
        store(c00, out); store(c01, out + 16); out += columns
        store(c10, out); store(c11, out + 16); out += columns
        store(c20, out); store(c21, out + 16); out += columns
        store(c30, out); store(c31, out + 16); out += columns
        store(c40, out); store(c41, out + 16); out += columns
        store(c50, out); store(c51, out + 16); out += columns
        store(c60, out); store(c61, out + 16); out += columns
        store(c70, out); store(c71, out + 16)
    }

    @inline(__always) @usableFromInline
    static func tile4x32(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                         row: Int, column: Int, inner: Int, columns: Int, rowStride: Int, innerStride: Int) {
        var c00 = SIMD16<Float>(), c01 = SIMD16<Float>()
        var c10 = SIMD16<Float>(), c11 = SIMD16<Float>()
        var c20 = SIMD16<Float>(), c21 = SIMD16<Float>()
        var c30 = SIMD16<Float>(), c31 = SIMD16<Float>()
        let a0 = a + row * rowStride, a1 = a0 + rowStride, a2 = a1 + rowStride, a3 = a2 + rowStride
        var bRow = b + column
        for k in 0..<inner {
            let b0 = load16(bRow), b1 = load16(bRow + 16)
            let x0 = SIMD16<Float>(repeating: a0[k * innerStride]), x1 = SIMD16<Float>(repeating: a1[k * innerStride])
            let x2 = SIMD16<Float>(repeating: a2[k * innerStride]), x3 = SIMD16<Float>(repeating: a3[k * innerStride])
            c00.addProduct(x0, b0); c01.addProduct(x0, b1)
            c10.addProduct(x1, b0); c11.addProduct(x1, b1)
            c20.addProduct(x2, b0); c21.addProduct(x2, b1)
            c30.addProduct(x3, b0); c31.addProduct(x3, b1)
            bRow += columns
        }
        let out = c + row * columns + column
        store(c00, out); store(c01, out + 16)
        store(c10, out + columns); store(c11, out + columns + 16)
        store(c20, out + 2 * columns); store(c21, out + 2 * columns + 16)
        store(c30, out + 3 * columns); store(c31, out + 3 * columns + 16)
    }

    @inline(__always) @usableFromInline
    static func tile1x32(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                         row: Int, column: Int, inner: Int, columns: Int, rowStride: Int, innerStride: Int) {
        var c0 = SIMD16<Float>(), c1 = SIMD16<Float>()
        let aRow = a + row * rowStride
        var bRow = b + column
        for k in 0..<inner {
            let x = SIMD16<Float>(repeating: aRow[k * innerStride])
            c0.addProduct(x, load16(bRow)); c1.addProduct(x, load16(bRow + 16))
            bRow += columns
        }
        let out = c + row * columns + column
        store(c0, out); store(c1, out + 16)
    }

    @inline(__always) @usableFromInline
    static func tile4x16(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                         row: Int, column: Int, inner: Int, columns: Int, rowStride: Int, innerStride: Int) {
        var c0 = SIMD16<Float>(), c1 = SIMD16<Float>(), c2 = SIMD16<Float>(), c3 = SIMD16<Float>()
        let a0 = a + row * rowStride, a1 = a0 + rowStride, a2 = a1 + rowStride, a3 = a2 + rowStride
        var bRow = b + column
        for k in 0..<inner {
            let b0 = load16(bRow)
            c0.addProduct(SIMD16(repeating: a0[k * innerStride]), b0)
            c1.addProduct(SIMD16(repeating: a1[k * innerStride]), b0)
            c2.addProduct(SIMD16(repeating: a2[k * innerStride]), b0)
            c3.addProduct(SIMD16(repeating: a3[k * innerStride]), b0)
            bRow += columns
        }
        let out = c + row * columns + column
        store(c0, out); store(c1, out + columns); store(c2, out + 2 * columns); store(c3, out + 3 * columns)
    }

    @inline(__always) @usableFromInline
    static func tile1x16(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                         row: Int, column: Int, inner: Int, columns: Int, rowStride: Int, innerStride: Int) {
        var c0 = SIMD16<Float>()
        let aRow = a + row * rowStride
        var bRow = b + column
        for k in 0..<inner {
            c0.addProduct(SIMD16(repeating: aRow[k * innerStride]), load16(bRow))
            bRow += columns
        }
        store(c0, c + row * columns + column)
    }

    @inline(__always) @usableFromInline
    static func tile4x8(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                        row: Int, column: Int, inner: Int, columns: Int, rowStride: Int, innerStride: Int) {
        var c0 = SIMD8<Float>(), c1 = SIMD8<Float>(), c2 = SIMD8<Float>(), c3 = SIMD8<Float>()
        let a0 = a + row * rowStride, a1 = a0 + rowStride, a2 = a1 + rowStride, a3 = a2 + rowStride
        var bRow = b + column
        for k in 0..<inner {
            let b0 = load8(bRow)
            c0.addProduct(SIMD8(repeating: a0[k * innerStride]), b0)
            c1.addProduct(SIMD8(repeating: a1[k * innerStride]), b0)
            c2.addProduct(SIMD8(repeating: a2[k * innerStride]), b0)
            c3.addProduct(SIMD8(repeating: a3[k * innerStride]), b0)
            bRow += columns
        }
        let out = c + row * columns + column
        store(c0, out); store(c1, out + columns); store(c2, out + 2 * columns); store(c3, out + 3 * columns)
    }

    @inline(__always) @usableFromInline
    static func tile1x8(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                        row: Int, column: Int, inner: Int, columns: Int, rowStride: Int, innerStride: Int) {
        var c0 = SIMD8<Float>()
        let aRow = a + row * rowStride
        var bRow = b + column
        for k in 0..<inner {
            c0.addProduct(SIMD8(repeating: aRow[k * innerStride]), load8(bRow))
            bRow += columns
        }
        store(c0, c + row * columns + column)
    }
}
