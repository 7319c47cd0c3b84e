/// Mean absolute error over all N = rows × columns numbers, as PyTorch's `L1Loss()`:
///
///     L = (1/N) Σ |aᵢ − yᵢ|
///     ∂L/∂aᵢ = sign(aᵢ − yᵢ) / N        (0 where aᵢ = yᵢ)
///
/// Every error pulls with the same force, however large: one far-off point (an outlier) moves the fit
/// no more than a near one, so a fit under this loss follows the median of the data, not its mean.
public enum MeanAbsoluteError {
    public static func evaluate(_ a: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ gradient: UnsafeMutablePointer<Float>,
                                count: Int) -> Float {
        guard count > 0 else { return 0 }
        let scale = 1 / Float(count)
        var total: Float = 0
        for index in 0..<count {
            let difference = a[index] - y[index]
            total += abs(difference)
            gradient[index] = difference > 0 ? scale : (difference < 0 ? -scale : 0)
        }
        return total / Float(count)
    }
}
