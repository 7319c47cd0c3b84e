/// Categorical cross-entropy, averaged over the rows (examples), as PyTorch's `CrossEntropyLoss()` with
/// probability targets. With one-hot targets y and probabilities a = softmax(z) in each row:
///
///     L = −(1/rows) Σ_rows Σᵢ yᵢ log aᵢ
///
/// From the logits, log aᵢ = zᵢ − log Σⱼ e^(zⱼ) (computed after subtracting the row's largest logit, so
/// nothing overflows), and the gradient is
///
///     ∂L/∂zᵢ = (aᵢ · Σⱼ yⱼ − yᵢ) / rows       which is (aᵢ − yᵢ) / rows for one-hot targets.
public enum CrossEntropy {
    /// Probabilities are kept at least this large when the loss is given probabilities, not logits.
    public static let epsilon: Float = 1e-7

    public static func evaluate(logits z: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ gradient: UnsafeMutablePointer<Float>,
                                rows: Int, columns: Int) -> Float {
        guard rows > 0, columns > 0 else { return 0 }
        let scale = 1 / Float(rows)
        // First z − (row's largest logit) into the gradient buffer, then e^x of the whole batch in one
        // vectorised pass, then per row: the sum, the loss and the gradient.
        for row in 0..<rows {
            let zRow = z + row * columns, gRow = gradient + row * columns
            var largest = -Float.infinity
            for column in 0..<columns { largest = max(largest, zRow[column]) }
            for column in 0..<columns { gRow[column] = zRow[column] - largest }
        }
        if ElementwiseKernels.replaceSwiftLoops {
            ElementwiseKernels.exp(rows * columns, gradient, gradient)
        } else {
            VectorMath.apply(rows * columns, UnsafePointer(gradient), gradient) { VectorMath.exp($0) }
        }
        var total: Float = 0
        for row in 0..<rows {
            let zRow = z + row * columns, yRow = y + row * columns, gRow = gradient + row * columns
            var sum: Float = 0, targetSum: Float = 0, targetDotLogit: Float = 0
            for column in 0..<columns {
                sum += gRow[column]
                targetSum += yRow[column]
                targetDotLogit += yRow[column] * zRow[column]
            }
            var largest = -Float.infinity
            for column in 0..<columns { largest = max(largest, zRow[column]) }
            // Σ yᵢ (log Σ e^(z) − zᵢ), with log Σ e^(z) = largest + log Σ e^(z − largest).
            total += targetSum * (largest + _log(sum)) - targetDotLogit
            let inverseSum = 1 / sum
            for column in 0..<columns { gRow[column] = (gRow[column] * inverseSum * targetSum - yRow[column]) * scale }
        }
        return total * scale
    }

    public static func evaluate(probabilities a: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ gradient: UnsafeMutablePointer<Float>,
                                rows: Int, columns: Int) -> Float {
        guard rows > 0 else { return 0 }
        let scale = 1 / Float(rows)
        var total: Float = 0
        for index in 0..<(rows * columns) {
            let probability = max(a[index], epsilon)
            total -= y[index] * _log(probability)
            gradient[index] = -y[index] / probability * scale
        }
        return total * scale
    }
}
