import _MatrixKernels

extension MatrixProduct {
    /// Products of at most this many multiply-adds (a lesson's batch of 10 through a layer of 8, say) take
    /// ``smallProduct(_:_:_:rows:inner:columns:rowStride:innerStride:)``: for them the call into the C
    /// kernels, the choice of tile and the padding cost more than the arithmetic.
    ///
    /// The portable build's Swift is compiled for a baseline CPU: 4-float vectors without fused multiply-add,
    /// a quarter of what the C kernels it dispatches to can do. There only the tiniest products (the
    /// lessons' 2-8-8-1 networks, at most 640 multiply-adds a product), whose time is all call and set-up,
    /// stay in Swift.
    #if GRADSCHOOL_PORTABLE
    public static let smallProductLimit = 1024
    #else
    public static let smallProductLimit = 4096
    #endif

    /// Whether the default entry points take the small-product path for this shape. Products narrower
    /// than 4 columns over an inner dimension of 16 or more go to the C kernels instead, whose small-product
    /// path (`ProductSmallTemplate.h`) sums them a vector at a time where these tiles fall back to a scalar loop.
    @inline(__always)
    static func usesSmallTiles(rows: Int, inner: Int, columns: Int) -> Bool {
        rows * inner * columns <= smallProductLimit && (columns >= 4 || inner < 16)
    }

    /// The C kernels' small-product path alone, with a chosen variant (which must be supported): products
    /// one to three columns wide read straight from A and B, as `multiply` sends them there. Wider products
    /// get a plain triple loop. Tests hold every variant to the reference with it.
    static func multiplyNarrow(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                               rows: Int, inner: Int, columns: Int, rowStride: Int, innerStride: Int, variant: Variant) {
        gs_small_product(variant.rawValue, rows, inner, columns, a, rowStride, innerStride, b, columns, c, columns)
    }

    /// The C kernels' small-inner path alone: products over 1 to 4 steps of the inner dimension and at
    /// least one vector of columns, B held in registers while A's rows go by. Returns false, leaving C
    /// alone, for other shapes (`multiply` then takes the register tiles).
    static func multiplySmallInner(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                                   rows: Int, inner: Int, columns: Int, rowStride: Int, innerStride: Int, variant: Variant) -> Bool {
        gs_small_inner(variant.rawValue, rows, inner, columns, a, rowStride, innerStride, b, columns, c, columns) != 0
    }

    /// c + a·b, fused into one instruction where the engine is compiled for a CPU that has one. A portable
    /// build has no fused multiply-add in its baseline instruction set: `addProduct` would become a library
    /// call for each lane, so it multiplies and adds separately.
    @inline(__always)
    static func multiplyAdd(_ c: inout SIMD8<Float>, _ a: SIMD8<Float>, _ b: SIMD8<Float>) {
        #if GRADSCHOOL_PORTABLE
        c = c + a * b
        #else
        c.addProduct(a, b)
        #endif
    }

    /// `C = A·B` for small shapes, inlined Swift: tiles of 4 rows × 8 columns of `SIMD8` accumulators (4 of
    /// the 16 or 32 vector registers), single rows, and a scalar loop for fewer than 8 columns.
    ///
    /// A ragged tail of 1–7 columns of a matrix at least 8 wide is done by one more 8-wide tile ending at
    /// the last column, which overlaps columns already done. Every element is the same sum taken in the
    /// same order whichever tile computes it, so the overlap rewrites identical values.
    static func smallProduct(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                             rows: Int, inner: Int, columns: Int, rowStride: Int, innerStride: Int) {
        var column = 0
        while column + 8 <= columns {
            smallTiles(a, b, c, column: column, rows: rows, inner: inner, columns: columns, rowStride: rowStride, innerStride: innerStride)
            column += 8
        }
        if column < columns && columns >= 8 {
            smallTiles(a, b, c, column: columns - 8, rows: rows, inner: inner, columns: columns, rowStride: rowStride, innerStride: innerStride)
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

    @inline(__always)
    static func smallTiles(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                           column: Int, rows: Int, inner: Int, columns: Int, rowStride: Int, innerStride: Int) {
        var row = 0
        while row + 4 <= rows {
            var c0 = SIMD8<Float>(), c1 = SIMD8<Float>(), c2 = SIMD8<Float>(), c3 = SIMD8<Float>()
            let a0 = a + row * rowStride, a1 = a0 + rowStride, a2 = a1 + rowStride, a3 = a2 + rowStride
            var bRow = b + column
            for k in 0..<inner {
                let b0 = UnsafeRawPointer(bRow).loadUnaligned(as: SIMD8<Float>.self)
                multiplyAdd(&c0, SIMD8(repeating: a0[k * innerStride]), b0)
                multiplyAdd(&c1, SIMD8(repeating: a1[k * innerStride]), b0)
                multiplyAdd(&c2, SIMD8(repeating: a2[k * innerStride]), b0)
                multiplyAdd(&c3, SIMD8(repeating: a3[k * innerStride]), b0)
                bRow += columns
            }
            let out = UnsafeMutableRawPointer(c + row * columns + column)
            out.storeBytes(of: c0, as: SIMD8<Float>.self)
            out.storeBytes(of: c1, toByteOffset: 4 * columns, as: SIMD8<Float>.self)
            out.storeBytes(of: c2, toByteOffset: 8 * columns, as: SIMD8<Float>.self)
            out.storeBytes(of: c3, toByteOffset: 12 * columns, as: SIMD8<Float>.self)
            row += 4
        }
        while row < rows {
            var c0 = SIMD8<Float>()
            let aRow = a + row * rowStride
            var bRow = b + column
            for k in 0..<inner {
                multiplyAdd(&c0, SIMD8(repeating: aRow[k * innerStride]), UnsafeRawPointer(bRow).loadUnaligned(as: SIMD8<Float>.self))
                bRow += columns
            }
            UnsafeMutableRawPointer(c + row * columns + column).storeBytes(of: c0, as: SIMD8<Float>.self)
            row += 1
        }
    }
}
