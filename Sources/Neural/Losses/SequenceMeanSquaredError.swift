/// Mean squared error over the steps of a sequence that count, for forecasting (the next value of a wave).
///
/// For outputs a and targets y of F features per step and a mask m over the steps:
///
///     L = (1/(n·F)) Σ_{b,t: m=1} Σ_f (a_{b,t,f} − y_{b,t,f})²,       n = Σ m
///
///     ∂L/∂a_{b,t,f} = m_{b,t} · 2 (a_{b,t,f} − y_{b,t,f}) / (n·F)
///
/// as PyTorch's `mse_loss` over the masked positions. With no step masked in, the loss is 0.
public enum SequenceMeanSquaredError {
    /// The mean loss, writing ∂L/∂outputs into `gradient`. `outputs` and `targets` are `[batch, time × F]`
    /// (targets may also be `[batch, time]` when F is 1), `mask` is `[batch, time]`.
    public static func evaluate(outputs: Matrix, targets: Matrix, mask: Matrix, gradient: inout Matrix) -> Float {
        let steps = mask.columns
        precondition(outputs.rows == mask.rows && outputs.rows == targets.rows && outputs.columns == targets.columns && steps > 0 && outputs.columns % steps == 0,
                     "sequence mean squared error: outputs \(outputs.shape), targets \(targets.shape) and mask \(mask.shape) do not fit")
        let features = outputs.columns / steps, positions = mask.rows * steps
        gradient.resize(rows: outputs.rows)
        return outputs.storage.withUnsafeBufferPointer { a in
            targets.storage.withUnsafeBufferPointer { y in
                mask.storage.withUnsafeBufferPointer { m in
                    gradient.storage.withUnsafeMutableBufferPointer { g in
                        var counted: Float = 0
                        for position in 0..<positions where m[position] != 0 { counted += 1 }
                        let scale = counted > 0 ? 1 / (counted * Float(features)) : 0
                        var total: Float = 0
                        for position in 0..<positions {
                            let weight = m[position] != 0 ? scale : 0
                            for f in 0..<features {
                                let index = position * features + f
                                let difference = m[position] != 0 ? a[index] - y[index] : 0
                                total += difference * difference
                                g[index] = 2 * difference * weight
                            }
                        }
                        return total * scale
                    }
                }
            }
        }
    }
}
