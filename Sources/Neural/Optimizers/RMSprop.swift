/// RMSprop (PyTorch's `torch.optim.RMSprop`, not centred, no momentum):
///
///     s ← α·s + (1 − α)·g²
///     p ← p − lr · g / (√s + ε)
///
/// Each parameter's step is divided by a running size of its recent gradients, so parameters with small
/// gradients take relatively larger steps and ones with large gradients smaller steps.
public enum RMSprop {
    public static func update(_ p: UnsafeMutablePointer<Float>, _ gradient: UnsafePointer<Float>, squareAverage s: UnsafeMutablePointer<Float>,
                              count: Int, learningRate: Float, alpha: Float, epsilon: Float, l1: Float, l2: Float) {
        if ElementwiseKernels.replaceSwiftLoops {
            ElementwiseKernels.rmsprop(p, gradient, squareAverage: s, count: count, learningRate: learningRate, alpha: alpha,
                                       epsilon: epsilon, l1: l1, l2: l2)
            return
        }
        var index = 0
        while index + 16 <= count {
            let w = Lanes.load(p, index)
            let g = Lanes.penalised(Lanes.load(gradient, index), w, l1: l1, l2: l2)
            let average = alpha * Lanes.load(s, index) + (1 - alpha) * g * g
            Lanes.store(average, s, index)
            Lanes.store(w - learningRate * g * Lanes.reciprocal(Lanes.squareRoot(average) + epsilon), p, index)
            index += 16
        }
        while index < count {
            let g = penalisedGradient(gradient[index], weight: p[index], l1: l1, l2: l2)
            s[index] = alpha * s[index] + (1 - alpha) * g * g
            p[index] -= learningRate * g / (s[index].squareRoot() + epsilon)
            index += 1
        }
    }
}
