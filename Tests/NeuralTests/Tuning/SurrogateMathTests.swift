import Foundation
import Testing
@testable import Neural

@Suite("Search surrogate maths")
struct SurrogateMathTests {
    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) < tolerance }

    @Test func choleskyOfATwoByTwoByHand() throws {
        // [[4, 2], [2, 3]] = L·Lᵀ with L = [[2, 0], [1, √2]].
        let factor = try #require(Cholesky(matrix: [4, 2, 2, 3], size: 2))
        #expect(close(factor.lower[0], 2) && close(factor.lower[1], 0))
        #expect(close(factor.lower[2], 1) && close(factor.lower[3], 2.0.squareRoot()))
        // det = 4·3 − 2·2 = 8.
        #expect(close(factor.logDeterminant, log(8)))
        // A·x = b solved by Cramer's rule: x = (3·1 − 2·2, 4·2 − 2·1) / 8 = (−1/8, 6/8).
        let x = factor.solve([1, 2])
        #expect(close(x[0], -1.0 / 8) && close(x[1], 6.0 / 8))
    }

    @Test func choleskySolvesALargerSystemAgainstMultiplication() throws {
        var random = RandomSource(seed: 3)
        let size = 6
        // B·Bᵀ + I is positive definite.
        let b = (0..<size * size).map { _ in Double(random.uniform(-1...1)) }
        var a = [Double](repeating: 0, count: size * size)
        for i in 0..<size {
            for j in 0..<size {
                a[i * size + j] = (0..<size).reduce(0) { $0 + b[i * size + $1] * b[j * size + $1] } + (i == j ? 1 : 0)
            }
        }
        let factor = try #require(Cholesky(matrix: a, size: size))
        let rightSide = (0..<size).map { Double($0) - 2.5 }
        let x = factor.solve(rightSide)
        for i in 0..<size {
            let product = (0..<size).reduce(0) { $0 + a[i * size + $1] * x[$1] }
            #expect(close(product, rightSide[i], 1e-9))
        }
    }

    @Test func choleskyRefusesAMatrixThatIsNotPositiveDefinite() {
        #expect(Cholesky(matrix: [1, 2, 2, 1], size: 2) == nil)
    }

    @Test func kernelsFollowTheirFormulas() {
        // RBF at r = ℓ: exp(−½). Matérn 5/2 at r = ℓ: (1 + √5 + 5/3)·exp(−√5).
        #expect(close(GaussianProcess.Kernel.rbf.covariance(distance: 0.3, lengthScale: 0.3), exp(-0.5)))
        #expect(close(GaussianProcess.Kernel.matern52.covariance(distance: 0.3, lengthScale: 0.3),
                      (1 + 5.0.squareRoot() + 5.0 / 3) * exp(-5.0.squareRoot())))
        #expect(close(GaussianProcess.Kernel.matern52.covariance(distance: 0, lengthScale: 0.3), 1))
    }

    @Test func twoPointPosteriorMatchesTheClosedForm() throws {
        // Two points 0.2 apart, scores 1 and 3: standardised to −1 and +1 (mean 2, scale 1).
        let lengthScale = 0.3
        let noise = 1e-6
        let process = try #require(GaussianProcess(points: [[0.4], [0.6]], scores: [1, 3], kernel: .rbf,
                                                   lengthScale: lengthScale, noiseVariance: noise))
        func k(_ a: Double, _ b: Double) -> Double { exp(-(a - b) * (a - b) / (2 * lengthScale * lengthScale)) }
        // K⁻¹ of [[p, q], [q, p]] is [[p, −q], [−q, p]] / (p² − q²).
        let p = 1 + noise, q = k(0.4, 0.6)
        let determinant = p * p - q * q
        let x = 0.55
        let k1 = k(x, 0.4), k2 = k(x, 0.6)
        let weight1 = (p * k1 - q * k2) / determinant
        let weight2 = (p * k2 - q * k1) / determinant
        let mean = 2 + (weight1 * -1 + weight2 * 1)
        let variance = 1 - (k1 * weight1 + k2 * weight2)
        let prediction = process.predict([x])
        #expect(close(prediction.mean, mean, 1e-6))
        #expect(close(prediction.standardDeviation, variance.squareRoot(), 1e-6))
        // At an observed point the mean is the score and almost nothing is uncertain; far away the prior returns.
        #expect(close(process.predict([0.4]).mean, 1, 1e-3))
        #expect(process.predict([0.4]).standardDeviation < 0.01)
        #expect(close(process.predict([5]).mean, 2, 1e-6))
        #expect(close(process.predict([5]).standardDeviation, 1, 1e-6))
    }

    @Test func lengthScaleIsTheMostLikelyOfTheLadder() throws {
        let points = (0..<8).map { [Double($0) / 7] }
        let scores = points.map { sin(6 * $0[0]) }
        let process = try #require(GaussianProcess(points: points, scores: scores))
        for lengthScale in GaussianProcess.lengthScales {
            let other = try #require(GaussianProcess(points: points, scores: scores, lengthScale: lengthScale))
            #expect(other.logMarginalLikelihood <= process.logMarginalLikelihood + 1e-12)
        }
    }

    @Test func expectedImprovementByHand() {
        // μ − f* = 1, σ = 1: z = 1, EI = Φ(1) + φ(1) = 0.8413447461 + 0.2419707245.
        #expect(close(ExpectedImprovement.value(mean: 1, standardDeviation: 1, best: 0, exploration: 0), 1.0833154706, 1e-9))
        // With ξ = 1 the margin eats the improvement: z = 0, EI = σ·φ(0) = 1/√(2π).
        #expect(close(ExpectedImprovement.value(mean: 1, standardDeviation: 1, best: 0, exploration: 1), 1 / (2 * Double.pi).squareRoot()))
        // Certain values improve by exactly their margin, never by less than nothing.
        #expect(ExpectedImprovement.value(mean: 2, standardDeviation: 0, best: 0.5, exploration: 0) == 1.5)
        #expect(ExpectedImprovement.value(mean: 0, standardDeviation: 0, best: 0.5, exploration: 0) == 0)
        // Uncertainty alone is worth something even below the best.
        #expect(ExpectedImprovement.value(mean: -1, standardDeviation: 2, best: 0, exploration: 0) > 0)
    }
}
