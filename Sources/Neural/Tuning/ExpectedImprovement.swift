import Foundation

/// How much a point is expected to beat the best score so far, when its score is believed to be normal
/// with mean `μ` and standard deviation `σ` (Jones, Schonlau and Welch, 1998):
///
///     z = (μ − f* − ξ) / σ
///     EI = (μ − f* − ξ)·Φ(z) + σ·φ(z)
///
/// where `f*` is the best score so far, `ξ ≥ 0` asks for a margin (more exploration), `Φ` is the standard
/// normal distribution function and `φ` its density. With `σ = 0` nothing is uncertain and
/// `EI = max(0, μ − f* − ξ)`. Scores are maximised.
public enum ExpectedImprovement {
    public static func value(mean: Double, standardDeviation: Double, best: Double, exploration: Double) -> Double {
        let improvement = mean - best - exploration
        guard standardDeviation > 1e-12 else { return max(0, improvement) }
        let z = improvement / standardDeviation
        return improvement * normalCDF(z) + standardDeviation * normalDensity(z)
    }

    /// Φ(z) = ½ erfc(−z/√2).
    public static func normalCDF(_ z: Double) -> Double {
        0.5 * erfc(-z / 2.0.squareRoot())
    }

    /// φ(z) = exp(−z²/2) / √(2π).
    public static func normalDensity(_ z: Double) -> Double {
        exp(-0.5 * z * z) / (2 * Double.pi).squareRoot()
    }
}
