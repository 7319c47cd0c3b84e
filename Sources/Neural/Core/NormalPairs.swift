import Foundation

/// Normal numbers in pairs, in Float, for the places that draw many of them at every step (a GAN's noise
/// and its target's points).
///
/// The Box–Muller transform (Box and Muller, 1958) turns two uniform numbers into two independent
/// standard normal ones:
///
///     u₁ ∈ (0, 1],  u₂ ∈ [0, 1)
///     r = √(−2 ln u₁),   z₀ = r · cos 2πu₂,   z₁ = r · sin 2πu₂
///
/// Both uniforms come from one 64-bit draw (its top 24 bits give u₁ = 1 − a·2⁻²⁴, the next 24 give
/// u₂ = b·2⁻²⁴), and both results are kept, so a pair costs one draw where `normal()` costs two draws per
/// number. ln, cos and sin are short polynomials in Float, with no table and no library call, so the same
/// seed gives the same bits on every machine:
///
/// - ln u₁: with u₁ = m · 2ᵉ and m ∈ [√½, √2), ln u₁ = e · ln 2 + ln m, and
///   ln m = 2 atanh s = 2 (s + s³/3 + s⁵/5 + s⁷/7 + s⁹/9) with s = (m − 1)/(m + 1), |s| ≤ 0.172
///   (the next term is below 4·10⁻¹⁰).
/// - cos and sin of 2πu₂: 4u₂ = q + f with q the nearest whole number and f ∈ [−½, ½], so
///   2πu₂ = q·π/2 + θ with θ = f·π/2 ∈ [−π/4, π/4]; Taylor series to θ⁸ (cos) and θ⁹ (sin) are exact to
///   3·10⁻⁸ there, and the quarter turns q rotate (cos θ, sin θ) into place.
///
/// `referenceNormalPair(draw:)` computes the same pair from the same draw in Double with the library's
/// log, cos and sin; the tests hold this path to it.
extension RandomSource {
    /// Two independent standard normal numbers from one draw (see above).
    @inline(__always)
    public mutating func normalPair() -> (Float, Float) {
        Self.normalPair(draw: next())
    }

    /// Fills `count` numbers from `start` with normal numbers of mean `mean` and standard deviation
    /// `standardDeviation`, a pair per draw (the second number of the last pair is dropped when `count` is
    /// odd). Allocates nothing.
    public mutating func fillNormal(_ start: UnsafeMutablePointer<Float>, count: Int, mean: Float = 0, standardDeviation: Float = 1) {
        var index = 0
        // The pairs go through the vector kernel 64 draws at a time (the same bits as `normalPair`).
        if count >= 2 {
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 64) { draws in
                while count - index >= 2 {
                    let pairs = Swift.min(64, (count - index) / 2)
                    for pair in 0..<pairs { draws[pair] = next() }
                    ElementwiseKernels.normalPairs(pairs, draws: draws.baseAddress!, into: start + index,
                                                   mean: mean, standardDeviation: standardDeviation)
                    index += 2 * pairs
                }
            }
        }
        if index < count { start[index] = mean + standardDeviation * normalPair().0 }
    }

    /// The pair Box–Muller gives for one 64-bit `draw`, in Float with polynomial ln, cos and sin.
    @inline(__always)
    static func normalPair(draw: UInt64) -> (Float, Float) {
        let a = UInt32(truncatingIfNeeded: draw >> 40)                 // 24 bits
        let b = Int32(truncatingIfNeeded: (draw >> 16) & 0xFF_FFFF)     // 24 bits
        // u₁ = (2²⁴ − a)·2⁻²⁴ ∈ (0, 1], exact in Float.
        let u1 = Float(0x100_0000 - a) * 0x1p-24
        let radius = (-2 * logarithm(u1)).squareRoot()
        // 4u₂ = b·2⁻²², q = round(4u₂) ∈ 0...4, f = 4u₂ − q ∈ [−½, ½] (exact).
        let quarter = (b + 0x20_0000) >> 22
        let theta = Float(b - (quarter << 22)) * (0x1p-22 * Float.pi / 2)
        let t2 = theta * theta
        let sine = theta * (1 - t2 / 6 * (1 - t2 / 20 * (1 - t2 / 42 * (1 - t2 / 72))))
        let cosine = 1 - t2 / 2 * (1 - t2 / 12 * (1 - t2 / 30 * (1 - t2 / 56)))
        let (c, s): (Float, Float)
        switch quarter & 3 {
        case 0: (c, s) = (cosine, sine)
        case 1: (c, s) = (-sine, cosine)
        case 2: (c, s) = (-cosine, -sine)
        default: (c, s) = (sine, -cosine)
        }
        return (radius * c, radius * s)
    }

    /// ln x for a positive, finite, normal Float x, by the atanh series above.
    @inline(__always)
    static func logarithm(_ x: Float) -> Float {
        let bits = x.bitPattern
        var exponent = Int32(bitPattern: bits >> 23) - 127
        var m = Float(bitPattern: (bits & 0x7F_FFFF) | 0x3F80_0000)  // [1, 2)
        if m > 1.41421356 { m *= 0.5; exponent += 1 }
        let s = (m - 1) / (m + 1)
        let s2 = s * s
        let series = 2 * s * (1 + s2 * (1 / 3 + s2 * (1 / 5 + s2 * (1 / 7 + s2 / 9))))
        // ln 2 split in two so e · ln 2 keeps its precision: the high part has few bits, e · high is exact.
        let e = Float(exponent)
        return e * 0.693145751953125 + (series + e * 1.428606765330187e-6)
    }

    // MARK: - The plain reference

    /// The same pair from the same draw, in Double with the library's log, cos and sin.
    static func referenceNormalPair(draw: UInt64) -> (Double, Double) {
        let a = Double(draw >> 40), b = Double((draw >> 16) & 0xFF_FFFF)
        let u1 = 1 - a * 0x1p-24, u2 = b * 0x1p-24
        let radius = (-2 * log(u1)).squareRoot()
        return (radius * cos(2 * Double.pi * u2), radius * sin(2 * Double.pi * u2))
    }
}
