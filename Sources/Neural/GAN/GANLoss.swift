import Foundation

/// What a GAN's two players are scored by. The discriminator D gives each point x a score d = D(x) (a
/// logit, no activation after it); real points should score "real" (1) and generated points G(z) "fake" (0).
///
/// **Standard** (Goodfellow et al., 2014), binary cross-entropy on the logits, with σ(d) = 1 / (1 + e^(−d))
/// the probability that D calls x real and softplus(d) = log(1 + e^d):
///
///     L_D = (1/n) Σ_real softplus(−d) + (1/m) Σ_fake softplus(d)      = BCE(d_real, 1) + BCE(d_fake, 0)
///     L_G = (1/m) Σ_fake softplus(−d)                                 = BCE(d_fake, 1), "non-saturating"
///
///     ∂L_D/∂d = (σ(d) − 1)/n for a real point,  σ(d)/m for a generated one;   ∂L_G/∂d = (σ(d) − 1)/m
///
/// The generator's loss is the non-saturating one: minimising log(1 − σ(d)) instead would give it almost no
/// gradient exactly when D rejects its points confidently, at the start.
///
/// **Least squares** (Mao et al., 2017, LSGAN with targets 0 and 1), on the raw scores:
///
///     L_D = ½ (1/n) Σ_real (d − 1)² + ½ (1/m) Σ_fake d²               L_G = ½ (1/m) Σ_fake (d − 1)²
///
///     ∂L_D/∂d = (d − 1)/n for a real point,  d/m for a generated one;     ∂L_G/∂d = (d − 1)/m
public enum GANLoss: Sendable, Hashable, CaseIterable {
    case standard
    case leastSquares

    /// The name used on screens and command lines: `bce` or `least-squares`.
    public var name: String {
        switch self {
        case .standard: "bce"
        case .leastSquares: "least-squares"
        }
    }

    /// The discriminator's loss for `scores` whose first `realCount` rows are real points and the rest
    /// generated ones, writing ∂L_D/∂score into `gradient` (resized to match).
    public func discriminator(scores: Matrix, realCount: Int, gradient: inout Matrix) -> Float {
        precondition(scores.columns == 1 && realCount >= 0 && realCount <= scores.rows, "one score per row, \(realCount) of them real")
        gradient.resize(rows: scores.rows)
        let total = scores.rows, fakeCount = total - realCount
        let realScale = realCount > 0 ? 1 / Float(realCount) : 0
        let fakeScale = fakeCount > 0 ? 1 / Float(fakeCount) : 0
        return scores.storage.withUnsafeBufferPointer { d in
            gradient.storage.withUnsafeMutableBufferPointer { g in
                if self == .standard {
                    let real = Self.standardTerms(d.baseAddress!, count: realCount, target: 1, scale: realScale, gradient: g.baseAddress!)
                    let fake = Self.standardTerms(d.baseAddress! + realCount, count: fakeCount, target: 0, scale: fakeScale,
                                                  gradient: g.baseAddress! + realCount)
                    return real * realScale + fake * fakeScale
                }
                var realSum: Float = 0, fakeSum: Float = 0
                for row in 0..<realCount {
                    let term = Self.term(self, score: d[row], target: 1)
                    realSum += term.loss
                    g[row] = term.slope * realScale
                }
                for row in realCount..<total {
                    let term = Self.term(self, score: d[row], target: 0)
                    fakeSum += term.loss
                    g[row] = term.slope * fakeScale
                }
                return realSum * realScale + fakeSum * fakeScale
            }
        }
    }

    /// The generator's loss for the `scores` D gives its points, writing ∂L_G/∂score into `gradient`.
    public func generator(scores: Matrix, gradient: inout Matrix) -> Float {
        precondition(scores.columns == 1, "one score per row")
        gradient.resize(rows: scores.rows)
        let count = scores.rows
        guard count > 0 else { return 0 }
        let scale = 1 / Float(count)
        return scores.storage.withUnsafeBufferPointer { d in
            gradient.storage.withUnsafeMutableBufferPointer { g in
                if self == .standard {
                    return Self.standardTerms(d.baseAddress!, count: count, target: 1, scale: scale, gradient: g.baseAddress!) * scale
                }
                var sum: Float = 0
                for row in 0..<count {
                    let term = Self.term(self, score: d[row], target: 1)
                    sum += term.loss
                    g[row] = term.slope * scale
                }
                return sum * scale
            }
        }
    }

    /// One point's loss for being called `target` (1 real, 0 fake), and its derivative by the score.
    /// Binary cross-entropy from the logit: max(d, 0) − d·y + log(1 + e^(−|d|)), slope σ(d) − y.
    @inline(__always)
    static func term(_ loss: GANLoss, score d: Float, target y: Float) -> (loss: Float, slope: Float) {
        switch loss {
        case .standard:
            let e = _exp(-abs(d))
            let probability = d >= 0 ? 1 / (1 + e) : e / (1 + e)
            return (max(d, 0) - d * y + _log1p(e), probability - y)
        case .leastSquares:
            let difference = d - y
            return (0.5 * difference * difference, difference)
        }
    }

    /// The standard loss over `count` scores that should all be called `target`: writes scale·(σ(d) − y)
    /// into `gradient` and returns the unscaled sum Σ [max(d, 0) − d·y + log(1 + e^(−|d|))].
    ///
    /// The same terms as `term`, with one logarithm for 512 points instead of one `log1p` a point
    /// (`LogOnePlusSum`).
    static func standardTerms(_ d: UnsafePointer<Float>, count: Int, target y: Float, scale: Float,
                              gradient g: UnsafeMutablePointer<Float>) -> Float {
        var linear: Float = 0
        var logarithms = LogOnePlusSum()
        for row in 0..<count {
            let score = d[row]
            let e = _exp(-abs(score))
            let probability = score >= 0 ? 1 / (1 + e) : e / (1 + e)
            linear += max(score, 0) - score * y
            logarithms.add(e)
            g[row] = (probability - y) * scale
        }
        return linear + Float(logarithms.total)
    }

    /// How real the discriminator finds a point of score `d`, in [0, 1]: σ(d) for the standard loss, and
    /// the score itself kept within [0, 1] for least squares (whose targets are 0 and 1).
    public func realness(score d: Float) -> Float {
        switch self {
        case .standard: 1 / (1 + _exp(-d))
        case .leastSquares: min(max(d, 0), 1)
        }
    }

    /// The best discriminator for a fixed generator, where real points have density p_data and generated
    /// ones p_g: D*(x) = p_data / (p_data + p_g). For the standard loss, the expected L_D at x is
    /// −p_data·log D − p_g·log(1 − D), least where its derivative −p_data/D + p_g/(1 − D) is 0; for least
    /// squares, ½p_data·(D − 1)² + ½p_g·D² is least at the same D. When the generator matches the data,
    /// p_g = p_data and D* = ½ everywhere: the map turns one even colour. Nil where both densities are 0.
    public static func optimalRealness(realDensity: Double, generatedDensity: Double) -> Double? {
        guard realDensity >= 0, generatedDensity >= 0, realDensity + generatedDensity > 0 else { return nil }
        return realDensity / (realDensity + generatedDensity)
    }

    // MARK: - The plain reference

    /// L_D written straight from the formulas above, in `Double`, for tests.
    public func referenceDiscriminatorLoss(realScores: [Float], fakeScores: [Float]) -> Double {
        func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
        switch self {
        case .standard:
            return mean(realScores.map { -log(Self.sigmoid(Double($0))) })
                + mean(fakeScores.map { -log(1 - Self.sigmoid(Double($0))) })
        case .leastSquares:
            return mean(realScores.map { 0.5 * (Double($0) - 1) * (Double($0) - 1) })
                + mean(fakeScores.map { 0.5 * Double($0) * Double($0) })
        }
    }

    /// L_G written straight from the formulas above, in `Double`, for tests.
    public func referenceGeneratorLoss(fakeScores: [Float]) -> Double {
        guard !fakeScores.isEmpty else { return 0 }
        let terms: [Double] = switch self {
        case .standard: fakeScores.map { -log(Self.sigmoid(Double($0))) }
        case .leastSquares: fakeScores.map { 0.5 * (Double($0) - 1) * (Double($0) - 1) }
        }
        return terms.reduce(0, +) / Double(terms.count)
    }

    private static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
}
