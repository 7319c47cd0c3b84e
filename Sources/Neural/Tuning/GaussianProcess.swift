import Foundation

/// A Gaussian-process regression of scores over the unit cube: the surrogate a Bayesian search consults.
///
/// With observed points `X`, standardised scores `y`, kernel matrix `K[i][j] = k(xᵢ, xⱼ)` and noise
/// variance `σₙ²`, the posterior at a new point `x*` with `k* = [k(x*, xᵢ)]` is (Rasmussen and Williams,
/// *Gaussian Processes for Machine Learning*, algorithm 2.1):
///
///     L = cholesky(K + σₙ²I),  α = Lᵀ \ (L \ y)
///     mean μ(x*) = k*ᵀ α
///     variance σ²(x*) = k(x*, x*) − vᵀv  with  v = L \ k*
///     log p(y | X) = −½ yᵀα − Σᵢ log Lᵢᵢ − (n/2) log 2π
///
/// The length scale is chosen from a fixed ladder by the largest log marginal likelihood, so the fit is
/// deterministic. Scores are standardised (mean 0, standard deviation 1) before fitting and mapped back
/// by `predict`.
public struct GaussianProcess: Sendable {
    /// How alike the scores of two points are expected to be, as a function of their distance `r`.
    public enum Kernel: String, Sendable, Hashable {
        /// Squared exponential: `k(r) = exp(−r² / 2ℓ²)`; very smooth.
        case rbf
        /// Matérn ν = 5/2: `k(r) = (1 + √5 r/ℓ + 5r²/3ℓ²) exp(−√5 r/ℓ)`; twice differentiable, the usual
        /// choice for hyper-parameter search (Snoek, Larochelle and Adams, 2012).
        case matern52

        /// The covariance of two points `distance` apart with length scale `lengthScale` (unit signal variance).
        public func covariance(distance: Double, lengthScale: Double) -> Double {
            switch self {
            case .rbf:
                return exp(-distance * distance / (2 * lengthScale * lengthScale))
            case .matern52:
                let scaled = 5.0.squareRoot() * distance / lengthScale
                return (1 + scaled + scaled * scaled / 3) * exp(-scaled)
            }
        }
    }

    /// The length scales tried when fitting, in unit-cube distances.
    public static let lengthScales: [Double] = [0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.8, 1.2]

    public let kernel: Kernel
    public let lengthScale: Double
    /// The noise variance added to the diagonal, in standardised score units.
    public let noiseVariance: Double
    public let points: [[Double]]
    /// The mean and standard deviation used to standardise the scores.
    public let scoreMean: Double
    public let scoreScale: Double
    private let factor: Cholesky
    private let alpha: [Double]
    /// log p(y | X) of the standardised scores at the chosen length scale.
    public let logMarginalLikelihood: Double

    /// Fits the surrogate to `scores` observed at `points`; the length scale is the ladder's most likely
    /// one unless `lengthScale` fixes it. `nil` when there are no points.
    public init?(points: [[Double]], scores: [Double], kernel: Kernel = .matern52, lengthScale: Double? = nil,
                 noiseVariance: Double = 1e-6) {
        guard !points.isEmpty, points.count == scores.count else { return nil }
        let count = Double(scores.count)
        let mean = scores.reduce(0, +) / count
        let variance = scores.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
        let scale = variance > 1e-24 ? variance.squareRoot() : 1
        let standardised = scores.map { ($0 - mean) / scale }

        var best: (lengthScale: Double, factor: Cholesky, alpha: [Double], likelihood: Double)?
        for candidate in lengthScale.map({ [$0] }) ?? Self.lengthScales {
            guard let fit = Self.fit(points: points, scores: standardised, kernel: kernel, lengthScale: candidate,
                                     noiseVariance: noiseVariance) else { continue }
            if best == nil || fit.likelihood > best!.likelihood {
                best = (candidate, fit.factor, fit.alpha, fit.likelihood)
            }
        }
        guard let best else { return nil }
        self.kernel = kernel
        self.lengthScale = best.lengthScale
        self.noiseVariance = noiseVariance
        self.points = points
        self.scoreMean = mean
        self.scoreScale = scale
        self.factor = best.factor
        self.alpha = best.alpha
        self.logMarginalLikelihood = best.likelihood
    }

    private static func fit(points: [[Double]], scores: [Double], kernel: Kernel, lengthScale: Double,
                            noiseVariance: Double) -> (factor: Cholesky, alpha: [Double], likelihood: Double)? {
        let size = points.count
        var jitter = noiseVariance
        // Points closer than the noise make K singular: add a little more to the diagonal until it factors.
        for _ in 0..<8 {
            var matrix = [Double](repeating: 0, count: size * size)
            for i in 0..<size {
                for j in 0...i {
                    let value = kernel.covariance(distance: distance(points[i], points[j]), lengthScale: lengthScale)
                    matrix[i * size + j] = value
                    matrix[j * size + i] = value
                }
                matrix[i * size + i] += jitter
            }
            if let factor = Cholesky(matrix: matrix, size: size) {
                let alpha = factor.solve(scores)
                let fitTerm = zip(scores, alpha).reduce(0) { $0 + $1.0 * $1.1 }
                let likelihood = -0.5 * fitTerm - 0.5 * factor.logDeterminant - 0.5 * Double(size) * log(2 * Double.pi)
                return (factor, alpha, likelihood)
            }
            jitter *= 10
        }
        return nil
    }

    /// The Euclidean distance between two points.
    static func distance(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for (x, y) in zip(a, b) { sum += (x - y) * (x - y) }
        return sum.squareRoot()
    }

    /// The posterior mean and standard deviation of the score at `point`, in the scores' own units.
    public func predict(_ point: [Double]) -> (mean: Double, standardDeviation: Double) {
        let standardised = predictStandardised(point)
        return (scoreMean + scoreScale * standardised.mean, scoreScale * standardised.standardDeviation)
    }

    /// The posterior in standardised units, as expected improvement is computed.
    func predictStandardised(_ point: [Double]) -> (mean: Double, standardDeviation: Double) {
        let covariances = points.map { kernel.covariance(distance: Self.distance(point, $0), lengthScale: lengthScale) }
        let mean = zip(covariances, alpha).reduce(0) { $0 + $1.0 * $1.1 }
        let v = factor.solveLower(covariances)
        let variance = 1 - v.reduce(0) { $0 + $1 * $1 }
        return (mean, max(0, variance).squareRoot())
    }
}
