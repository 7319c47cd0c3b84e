import Foundation
import Testing
@testable import Neural

/// The Float Box–Muller path: it gives the pair the Double formula gives for the same draw, and its
/// numbers have the moments of the standard normal distribution.
@Suite("Normal numbers in pairs")
struct NormalPairsTests {
    /// Draws where the polynomials work hardest: u₁ at its smallest (a = 2²⁴ − 1, r = 5.77) and at 1 (r = 0),
    /// u₂ on and around every eighth of a turn (where the quarter turn q changes and |θ| = π/4).
    static let edgeDraws: [UInt64] = {
        var draws: [UInt64] = [0, .max]
        for a: UInt64 in [0, 1, 0x7F_FFFF, 0x80_0000, 0xFF_FFFE, 0xFF_FFFF] {
            for b: UInt64 in [0, 1, 0x1F_FFFF, 0x20_0000, 0x20_0001, 0x40_0000, 0x60_0000, 0x80_0000, 0xA0_0000, 0xDF_FFFF, 0xE0_0000, 0xFF_FFFF] {
                draws.append(a << 40 | b << 16)
            }
        }
        return draws
    }()

    @Test func eachPairIsTheDoubleFormulaForTheSameDraw() {
        var random = RandomSource(seed: 11)
        var draws = Self.edgeDraws
        for _ in 0..<100_000 { draws.append(random.next()) }
        var worst = 0.0
        for draw in draws {
            let (z0, z1) = RandomSource.normalPair(draw: draw)
            let (r0, r1) = RandomSource.referenceNormalPair(draw: draw)
            // Float keeps about 7 digits: 4·10⁻⁶ covers rounding at |z| up to 5.8.
            worst = max(worst, abs(Double(z0) - r0), abs(Double(z1) - r1))
        }
        #expect(worst < 4e-6, "largest difference from the Double formula: \(worst)")
        let (z0, z1) = RandomSource.normalPair(draw: 0)
        #expect(z0 == 0 && z1 == 0, "u₁ = 1 gives r = 0")
        let (far, _) = RandomSource.normalPair(draw: 0xFF_FFFF << 40)
        #expect(abs(Double(far) - (48 * M_LN2).squareRoot()) < 4e-6, "u₁ = 2⁻²⁴, u₂ = 0: r = √(48 ln 2), cos 0 = 1")
    }

    /// The vector path `fillNormal` takes eight draws at a time gives, lane by lane, the scalar pair's bits,
    /// and is held by the scalar path's own test against the Double formula above.
    @Test(arguments: MatrixProduct.Variant.allCases.filter(\.isSupported))
    func theVectorKernelGivesTheScalarPairsBitForBit(variant: MatrixProduct.Variant) {
        var random = RandomSource(seed: 5)
        var draws = Self.edgeDraws
        for _ in 0..<80_000 { draws.append(random.next()) }
        var out = [Float](repeating: .nan, count: 2 * draws.count + 1)
        draws.withUnsafeBufferPointer { d in
            out.withUnsafeMutableBufferPointer { o in
                ElementwiseKernels.normalPairs(d.count, draws: d.baseAddress!, into: o.baseAddress!, mean: 0, standardDeviation: 1, variant: variant)
            }
        }
        var differing: [UInt64] = []
        for (index, draw) in draws.enumerated() {
            let (s0, s1) = RandomSource.normalPair(draw: draw)
            // As fillNormal writes them: mean + deviation·z (so a zero is +0 even where the pair has −0).
            let (e0, e1): (Float, Float) = (0 + 1 * s0, 0 + 1 * s1)
            if out[2 * index].bitPattern != e0.bitPattern || out[2 * index + 1].bitPattern != e1.bitPattern { differing.append(draw) }
        }
        #expect(differing.isEmpty, "\(variant): \(differing.count) draws differ, first \(differing.prefix(3).map { String($0, radix: 16) })")
        #expect(out[2 * draws.count].isNaN, "nothing is written past the pairs")
    }

    @Test func fillNormalIsThePairsOfSuccessiveDraws() {
        // 301 numbers: two blocks of 64 draws, 22 more pairs and the first number of one more draw.
        var filled = [Float](repeating: .nan, count: 301)
        var a = RandomSource(seed: 21), b = RandomSource(seed: 21)
        filled.withUnsafeMutableBufferPointer { a.fillNormal($0.baseAddress!, count: 301, mean: 1, standardDeviation: 3) }
        let pairs = (0..<151).map { _ in RandomSource.normalPair(draw: b.next()) }
        let expected = pairs.flatMap { [$0.0, $0.1] }.prefix(301).map { 1 + 3 * $0 }
        #expect(filled.map(\.bitPattern) == expected.map(\.bitPattern))
        #expect(a.next() == b.next(), "one draw per pair, one for the last half pair")
    }

    /// A million numbers against the published moments of N(0, 1): mean 0, variance 1, fourth moment 3,
    /// P(|z| < 1) = erf(1/√2) ≈ 0.6827, and the two numbers of a pair uncorrelated. Each bound is four
    /// standard errors of its estimate (variance of z² is 2, of z⁴ is 96).
    @Test func numbersHaveTheMomentsOfTheStandardNormal() {
        let count = 1_000_000
        var values = [Float](repeating: 0, count: count)
        var random = RandomSource(seed: 5)
        values.withUnsafeMutableBufferPointer { random.fillNormal($0.baseAddress!, count: count) }
        var sum = 0.0, squares = 0.0, fourth = 0.0, inside = 0, products = 0.0
        for (index, value) in values.enumerated() {
            let z = Double(value)
            sum += z
            squares += z * z
            fourth += z * z * z * z
            if abs(z) < 1 { inside += 1 }
            if index % 2 == 0 { products += z * Double(values[index + 1]) }
        }
        let n = Double(count)
        #expect(abs(sum / n) < 4 / n.squareRoot())
        #expect(abs(squares / n - 1) < 4 * (2 / n).squareRoot())
        #expect(abs(fourth / n - 3) < 4 * (96 / n).squareRoot())
        let p = erf(1 / 2.0.squareRoot())
        #expect(abs(Double(inside) / n - p) < 4 * (p * (1 - p) / n).squareRoot())
        #expect(abs(products / (n / 2)) < 4 / (n / 2).squareRoot(), "z₀ and z₁ of a pair are uncorrelated")
    }

    @Test func sameSeedSameBitsAndOnePairPerDraw() {
        func fill(_ count: Int, seed: UInt64, mean: Float = 0, deviation: Float = 1) -> [UInt32] {
            var values = [Float](repeating: .nan, count: count)
            var random = RandomSource(seed: seed)
            values.withUnsafeMutableBufferPointer { random.fillNormal($0.baseAddress!, count: count, mean: mean, standardDeviation: deviation) }
            return values.map(\.bitPattern)
        }
        #expect(fill(257, seed: 3) == fill(257, seed: 3))
        #expect(fill(257, seed: 3) != fill(257, seed: 4))
        // 7 numbers take 4 draws: the pairs of draws 1–3, then the first number of draw 4.
        var random = RandomSource(seed: 9)
        let pairs = (0..<4).map { _ in RandomSource.normalPair(draw: random.next()) }
        let expected = pairs.flatMap { [$0.0, $0.1] }.prefix(7).map { 2 + 0.5 * $0 }
        #expect(fill(7, seed: 9, mean: 2, deviation: 0.5) == expected.map(\.bitPattern))
    }
}
