import Foundation

/// Cross-entropy at every step of a sequence, averaged over the steps that count: what a character model
/// calls its "loss per character", in nats. As PyTorch's `cross_entropy(logits.view(-1, V), targets.view(-1),
/// ignore_index=…)` with the padded positions ignored.
///
/// For logits z (one row of V numbers per step), target ids y and a mask m (1 where the step counts, 0 for
/// padding and for questions a task only shows):
///
///     L = (1/n) Σ_{b,t: m=1} (log Σᵥ e^(z_{b,t,v}) − z_{b,t,y_{b,t}}),     n = Σ m
///
///     ∂L/∂z_{b,t,v} = m_{b,t} · (softmax(z_{b,t})ᵥ − [v = y_{b,t}]) / n
///
/// Masked-out steps add nothing to the loss and get a zero gradient. The largest logit of each step is
/// subtracted before exponentiating, so nothing overflows. With no step masked in, the loss is 0.
public enum SequenceCrossEntropy {
    /// The mean loss over the masked steps, writing ∂L/∂logits into `gradient` (`[batch, time × V]`).
    /// `logits` is `[batch, time × V]`, `targets` and `mask` `[batch, time]`.
    public static func evaluate(logits: Matrix, targets: Matrix, mask: Matrix, gradient: inout Matrix) -> Float {
        let steps = targets.columns
        precondition(logits.rows == targets.rows && mask.rows == targets.rows && mask.columns == steps && steps > 0 && logits.columns % steps == 0,
                     "sequence cross-entropy: logits \(logits.shape), targets \(targets.shape) and mask \(mask.shape) do not fit")
        let vocabulary = logits.columns / steps, positions = targets.rows * steps
        gradient.resize(rows: logits.rows)
        return logits.storage.withUnsafeBufferPointer { z in
            targets.storage.withUnsafeBufferPointer { y in
                mask.storage.withUnsafeBufferPointer { m in
                    gradient.storage.withUnsafeMutableBufferPointer { g in
                        var counted: Float = 0
                        for position in 0..<positions where m[position] != 0 { counted += 1 }
                        let scale = counted > 0 ? 1 / counted : 0
                        var total: Float = 0
                        for position in 0..<positions {
                            let zRow = z.baseAddress! + position * vocabulary, gRow = g.baseAddress! + position * vocabulary
                            guard m[position] != 0 else {
                                for v in 0..<vocabulary { gRow[v] = 0 }
                                continue
                            }
                            var largest = -Float.infinity
                            for v in 0..<vocabulary { largest = max(largest, zRow[v]) }
                            for v in 0..<vocabulary { gRow[v] = zRow[v] - largest }
                            if ElementwiseKernels.replaceSwiftLoops {
                                ElementwiseKernels.exp(vocabulary, gRow, gRow)
                            } else {
                                VectorMath.apply(vocabulary, UnsafePointer(gRow), gRow) { VectorMath.exp($0) }
                            }
                            var sum: Float = 0
                            for v in 0..<vocabulary { sum += gRow[v] }
                            let target = Int(y[position])
                            precondition(target >= 0 && target < vocabulary, "target id \(y[position]) outside a vocabulary of \(vocabulary)")
                            total += largest + _log(sum) - zRow[target]
                            let weight = m[position] * scale, inverseSum = 1 / sum
                            for v in 0..<vocabulary { gRow[v] *= inverseSum * weight }
                            gRow[target] -= weight
                        }
                        return total * scale
                    }
                }
            }
        }
    }

    /// The loss alone with plain loops in double precision: the formula above as written.
    public static func reference(logits: Matrix, targets: Matrix, mask: Matrix) -> Double {
        let steps = targets.columns, vocabulary = logits.columns / steps
        var total = 0.0, counted = 0.0
        for b in 0..<targets.rows {
            for t in 0..<steps where mask[b, t] != 0 {
                var sum = 0.0
                for v in 0..<vocabulary { sum += Foundation.exp(Double(logits[b, t * vocabulary + v])) }
                total += Foundation.log(sum) - Double(logits[b, t * vocabulary + Int(targets[b, t])])
                counted += 1
            }
        }
        return counted > 0 ? total / counted : 0
    }
}
