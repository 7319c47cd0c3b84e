import Foundation

/// Adam (PyTorch's `torch.optim.Adam`): momentum and RMSprop together, with bias correction for the first
/// steps, where both running averages start at zero. At step t (counting from 1):
///
///     m ← β₁·m + (1 − β₁)·g                 running mean of gradients
///     v ← β₂·v + (1 − β₂)·g²                running mean of squared gradients
///     p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
public enum Adam {
    public static func update(_ p: UnsafeMutablePointer<Float>, _ gradient: UnsafePointer<Float>,
                              mean m: UnsafeMutablePointer<Float>, squareMean v: UnsafeMutablePointer<Float>,
                              count: Int, step: Int, learningRate: Float, beta1: Float, beta2: Float, epsilon: Float,
                              l1: Float, l2: Float) {
        update(p, gradient, mean: m, squareMean: v, count: count,
               corrections: corrections(step: step, beta1: beta1, beta2: beta2),
               learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, l1: l1, l2: l2)
    }

    /// The bias corrections of step t, 1 − β₁ᵗ and 1 − β₂ᵗ: the same for every tensor of a step, so an
    /// optimizer works them out once a step.
    public static func corrections(step: Int, beta1: Float, beta2: Float) -> Corrections {
        Corrections(step: step, beta1: beta1, beta2: beta2,
                    first: 1 - Float(pow(Double(beta1), Double(step))), second: 1 - Float(pow(Double(beta2), Double(step))))
    }

    /// 1 − β₁ᵗ and 1 − β₂ᵗ for one step and pair of rates.
    public struct Corrections: Sendable, Equatable {
        public var step: Int
        public var beta1: Float
        public var beta2: Float
        public var first: Float
        public var second: Float
    }

    /// The update with the step's bias corrections worked out already.
    public static func update(_ p: UnsafeMutablePointer<Float>, _ gradient: UnsafePointer<Float>,
                              mean m: UnsafeMutablePointer<Float>, squareMean v: UnsafeMutablePointer<Float>,
                              count: Int, corrections: Corrections, learningRate: Float, beta1: Float, beta2: Float,
                              epsilon: Float, l1: Float, l2: Float) {
        let correction1 = corrections.first, correction2 = corrections.second
        let stepSize = learningRate / correction1
        let inverseRootCorrection2 = 1 / correction2.squareRoot()
        if ElementwiseKernels.replaceSwiftLoops {
            ElementwiseKernels.adam(p, gradient, mean: m, squareMean: v, count: count, stepSize: stepSize,
                                    inverseRootCorrection2: inverseRootCorrection2, beta1: beta1, beta2: beta2,
                                    epsilon: epsilon, l1: l1, l2: l2)
            return
        }
        var index = 0
        while index + 16 <= count {
            let w = Lanes.load(p, index)
            let g = Lanes.penalised(Lanes.load(gradient, index), w, l1: l1, l2: l2)
            let mean = beta1 * Lanes.load(m, index) + (1 - beta1) * g
            let squareMean = beta2 * Lanes.load(v, index) + (1 - beta2) * g * g
            Lanes.store(mean, m, index)
            Lanes.store(squareMean, v, index)
            Lanes.store(w - stepSize * mean * Lanes.reciprocal(Lanes.squareRoot(squareMean) * inverseRootCorrection2 + epsilon), p, index)
            index += 16
        }
        while index < count {
            let g = penalisedGradient(gradient[index], weight: p[index], l1: l1, l2: l2)
            m[index] = beta1 * m[index] + (1 - beta1) * g
            v[index] = beta2 * v[index] + (1 - beta2) * g * g
            p[index] -= stepSize * m[index] / (v[index].squareRoot() * inverseRootCorrection2 + epsilon)
            index += 1
        }
    }
}
