import Foundation

/// A seeded source of random numbers: the same seed gives the same numbers on every machine.
///
/// Swift's `SystemRandomNumberGenerator` cannot be seeded, so the engine uses xoshiro256**
/// (Blackman and Vigna, 2018), seeded through SplitMix64 as its authors recommend. Every random
/// choice in the engine — initial weights, shuffling, dropout masks, generated datasets — takes
/// one of these, so a run is reproduced bit for bit by its seed.
public struct RandomSource: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose whole sequence is fixed by `seed`.
    public init(seed: UInt64) {
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
    }

    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, by: 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotateLeft(state.3, by: 45)
        return result
    }

    private func rotateLeft(_ value: UInt64, by amount: UInt64) -> UInt64 {
        (value << amount) | (value >> (64 - amount))
    }

    /// A float drawn uniformly from [0, 1), using the top 24 bits so every value is exact.
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A float drawn uniformly from `range`.
    public mutating func uniform(_ range: ClosedRange<Float>) -> Float {
        range.lowerBound + (range.upperBound - range.lowerBound) * nextUnitFloat()
    }

    /// A float from the normal distribution with the given mean and standard deviation (Box–Muller).
    public mutating func normal(mean: Float = 0, standardDeviation: Float = 1) -> Float {
        // 1 - u lies in (0, 1], so the logarithm is finite.
        let u1 = 1 - Double(nextUnitFloat())
        let u2 = Double(nextUnitFloat())
        let radius = (-2 * log(u1)).squareRoot()
        return mean + standardDeviation * Float(radius * cos(2 * Double.pi * u2))
    }

    /// An integer drawn uniformly from `0..<upperBound` without modulo bias.
    public mutating func nextIndex(below upperBound: Int) -> Int {
        precondition(upperBound > 0, "cannot draw from an empty range")
        // Lemire's multiply-and-reject, written for UInt64: the standard library's generic
        // `next(upperBound:)` allocates when it is not specialised, and shuffling runs every epoch.
        let bound = UInt64(upperBound)
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
        }
        return Int(product.high)
    }

    /// Shuffles `values` in place (Fisher–Yates); the order depends only on the generator's state.
    public mutating func shuffle(_ values: inout [Int]) {
        guard values.count > 1 else { return }
        values.withUnsafeMutableBufferPointer { buffer in
            for index in stride(from: buffer.count - 1, to: 0, by: -1) {
                let other = nextIndex(below: index + 1)
                buffer.swapAt(index, other)
            }
        }
    }
}
