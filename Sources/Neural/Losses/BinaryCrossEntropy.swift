/// Binary cross-entropy, averaged over all N = rows × columns outputs, as PyTorch's `BCELoss()` /
/// `BCEWithLogitsLoss()`. With target y ∈ {0, 1} and predicted probability p = σ(z):
///
///     L = −(1/N) Σ [ y log p + (1 − y) log(1 − p) ]
///
/// From the logit z the same loss is max(z, 0) − z·y + log(1 + e^(−|z|)), which never takes log(0) nor
/// overflows, and its gradient is remarkably simple:
///
///     ∂L/∂zᵢ = (σ(zᵢ) − yᵢ) / N
public enum BinaryCrossEntropy {
    /// Probabilities are kept this far from 0 and 1 when the loss is given probabilities, not logits.
    public static let epsilon: Float = 1e-7

    public static func evaluate(logits z: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ gradient: UnsafeMutablePointer<Float>,
                                count: Int) -> Float {
        guard count > 0 else { return 0 }
        let scale = 1 / Float(count)
        var linear: Float = 0
        var logarithms = LogOnePlusSum()
        for index in 0..<count {
            let logit = z[index], target = y[index]
            // One exponential serves both: e = e^(−|z|) ≤ 1, and σ(z) = 1/(1 + e) for z ≥ 0, e/(1 + e) below.
            let e = _exp(-abs(logit))
            linear += max(logit, 0) - logit * target
            logarithms.add(e)
            let probability = logit >= 0 ? 1 / (1 + e) : e / (1 + e)
            gradient[index] = (probability - target) * scale
        }
        return (linear + Float(logarithms.total)) * scale
    }

    public static func evaluate(probabilities p: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ gradient: UnsafeMutablePointer<Float>,
                                count: Int) -> Float {
        guard count > 0 else { return 0 }
        let scale = 1 / Float(count)
        var total: Float = 0
        for index in 0..<count {
            let probability = min(max(p[index], epsilon), 1 - epsilon), target = y[index]
            total -= target * _log(probability) + (1 - target) * _log(1 - probability)
            gradient[index] = (probability - target) / (probability * (1 - probability)) * scale
        }
        return total * scale
    }
}
