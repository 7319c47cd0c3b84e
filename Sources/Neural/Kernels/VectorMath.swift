import Foundation

/// Vectorised exponential, hyperbolic tangent and logistic sigmoid for 16 floats at a time.
///
/// Foundation's `exp` and `tanh` are exact to the last bit but take one library call per number; a training
/// step evaluates thousands of them. These versions do the same maths on 16 lanes at once with a few
/// multiplies and adds, accurate to a few units in the last place (tests compare them with Foundation over
/// the whole useful range).
public enum VectorMath {
    /// e^x for 16 lanes. Range reduction: x = n·ln 2 + r with |r| ≤ ½ ln 2, so e^x = 2ⁿ · e^r; e^r comes from a
    /// degree-6 polynomial (Cephes' `expf` coefficients) and 2ⁿ is written straight into the exponent bits.
    @inline(__always)
    public static func exp(_ x: SIMD16<Float>) -> SIMD16<Float> {
        let clamped = pointwiseMax(pointwiseMin(x, SIMD16(repeating: 88.72283)), SIMD16(repeating: -87.33654))
        let n = (clamped * 1.442695040888963 + 0.5).rounded(.down)
        // ln 2 split into a part exact in float and a correction, so r keeps its precision.
        var r = clamped - n * 0.693359375
        r = r + n * 2.12194440e-4
        let r2 = r * r
        var p = SIMD16<Float>(repeating: 1.9875691500e-4)
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        let er = p * r2 + r + 1
        // 2ⁿ: adding 1.5·2²³ to the whole number n + 127 leaves it in the low bits of the float's pattern;
        // subtracting that pattern's base and shifting by 23 places it in the exponent field.
        let shifted = unsafeBitCast(n + (127 + 12_582_912), to: SIMD16<Int32>.self)
        let exponent = (shifted &- 0x4B40_0000) &<< 23
        return er * unsafeBitCast(exponent, to: SIMD16<Float>.self)
    }

    /// tanh x for 16 lanes as a rational function x·P(x²)/Q(x²) (the minimax fit Eigen uses for floats),
    /// clamped where tanh is ±1 to float precision. Unlike 1 − 2/(e²ˣ + 1) it keeps full relative accuracy
    /// near zero, where most pre-activations live.
    @inline(__always)
    public static func tanh(_ x: SIMD16<Float>) -> SIMD16<Float> {
        let limit: Float = 7.90531110763549805
        let clamped = pointwiseMax(pointwiseMin(x, SIMD16(repeating: limit)), SIMD16(repeating: -limit))
        let x2 = clamped * clamped
        var p = SIMD16<Float>(repeating: -2.76076847742355e-16)
        p = p * x2 + 2.00018790482477e-13
        p = p * x2 - 8.60467152213735e-11
        p = p * x2 + 5.12229709037114e-08
        p = p * x2 + 1.48572235717979e-05
        p = p * x2 + 6.37261928875436e-04
        p = p * x2 + 4.89352455891786e-03
        p = p * clamped
        var q = SIMD16<Float>(repeating: 1.19825839466702e-06)
        q = q * x2 + 1.18534705686654e-04
        q = q * x2 + 2.26843463243900e-03
        q = q * x2 + 4.89352518554385e-03
        return p / q
    }

    /// σ(x) = 1 / (1 + e^(−x)) for 16 lanes. For very negative x, e^(−x) is huge and σ tiny but still
    /// accurate in relative terms; for very positive x it rounds to exactly 1.
    @inline(__always)
    public static func sigmoid(_ x: SIMD16<Float>) -> SIMD16<Float> {
        1 / (1 + exp(-x))
    }

    /// Applies a 16-lane function to `count` floats, finishing the tail through a zero-padded vector.
    @inline(__always)
    public static func apply(_ count: Int, _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>,
                             _ function: (SIMD16<Float>) -> SIMD16<Float>) {
        var index = 0
        while index + 16 <= count {
            let value = function(UnsafeRawPointer(input + index).loadUnaligned(as: SIMD16<Float>.self))
            UnsafeMutableRawPointer(output + index).storeBytes(of: value, as: SIMD16<Float>.self)
            index += 16
        }
        if index < count {
            var tail = SIMD16<Float>()
            for lane in 0..<(count - index) { tail[lane] = input[index + lane] }
            let value = function(tail)
            for lane in 0..<(count - index) { output[index + lane] = value[lane] }
        }
    }
}
