/// Mean squared error over all N = rows × columns numbers, as PyTorch's `MSELoss()`:
///
///     L = (1/N) Σ (aᵢ − yᵢ)²
///     ∂L/∂aᵢ = 2 (aᵢ − yᵢ) / N
public enum MeanSquaredError {
    public static func evaluate(_ a: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ gradient: UnsafeMutablePointer<Float>,
                                count: Int) -> Float {
        guard count > 0 else { return 0 }
        let scale = 2 / Float(count)
        var total: Float = 0
        for index in 0..<count {
            let difference = a[index] - y[index]
            total += difference * difference
            gradient[index] = scale * difference
        }
        return total / Float(count)
    }
}
