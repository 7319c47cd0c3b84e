import _VectorMath

/// Loads and stores of 16 floats, for the optimizers' element-wise loops.
@usableFromInline
enum Lanes {
    @inlinable @inline(__always)
    static func load(_ pointer: UnsafePointer<Float>, _ index: Int) -> SIMD16<Float> {
        UnsafeRawPointer(pointer + index).loadUnaligned(as: SIMD16<Float>.self)
    }

    @inlinable @inline(__always)
    static func load(_ pointer: UnsafeMutablePointer<Float>, _ index: Int) -> SIMD16<Float> {
        UnsafeRawPointer(pointer + index).loadUnaligned(as: SIMD16<Float>.self)
    }

    @inlinable @inline(__always)
    static func store(_ value: SIMD16<Float>, _ pointer: UnsafeMutablePointer<Float>, _ index: Int) {
        UnsafeMutableRawPointer(pointer + index).storeBytes(of: value, as: SIMD16<Float>.self)
    }

    /// g + l2·w + l1·sign(w) on 16 lanes.
    @inlinable @inline(__always)
    static func penalised(_ g: SIMD16<Float>, _ w: SIMD16<Float>, l1: Float, l2: Float) -> SIMD16<Float> {
        if l1 == 0 { return l2 == 0 ? g : g + l2 * w }
        let sign = SIMD16<Float>().replacing(with: 1, where: w .> 0).replacing(with: -1, where: w .< 0)
        return g + l2 * w + l1 * sign
    }

    /// √x on 16 lanes as one vector instruction.
    @inlinable @inline(__always)
    static func squareRoot(_ x: SIMD16<Float>) -> SIMD16<Float> { gs_square_root16(x) }

    /// 1/x on 16 lanes for positive x, without the divide unit where the CPU allows (see the C helper).
    @inlinable @inline(__always)
    static func reciprocal(_ x: SIMD16<Float>) -> SIMD16<Float> { gs_reciprocal16(x) }
}
