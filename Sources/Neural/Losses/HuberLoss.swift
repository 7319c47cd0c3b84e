/// Huber loss over all N = rows × columns numbers with threshold δ, as PyTorch's `HuberLoss(delta=δ)`:
///
///     ℓ(e) = ½ e²              where |e| ≤ δ
///     ℓ(e) = δ (|e| − ½ δ)     where |e| > δ        with e = aᵢ − yᵢ
///     L = (1/N) Σ ℓ(eᵢ)
///     ∂L/∂aᵢ = clamp(eᵢ, −δ, δ) / N
///
/// Squared error for small errors, absolute error for large ones: near the fit it is smooth like mean
/// squared error, and an outlier pulls with a force of at most δ, like mean absolute error.
public enum HuberLoss {
    public static func evaluate(_ a: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ gradient: UnsafeMutablePointer<Float>,
                                count: Int, delta: Float) -> Float {
        guard count > 0 else { return 0 }
        let scale = 1 / Float(count)
        var total: Float = 0
        for index in 0..<count {
            let difference = a[index] - y[index]
            let size = abs(difference)
            total += size <= delta ? 0.5 * difference * difference : delta * (size - 0.5 * delta)
            gradient[index] = scale * min(delta, max(-delta, difference))
        }
        return total / Float(count)
    }
}
