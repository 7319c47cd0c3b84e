/// Stochastic gradient descent, with optional momentum and Nesterov's variant (PyTorch's `torch.optim.SGD`
/// with dampening 0):
///
///     plain       p ← p − lr·g
///     momentum    v ← μ·v + g               p ← p − lr·v
///     Nesterov    v ← μ·v + g               p ← p − lr·(g + μ·v)
///
/// Momentum lets steps build up speed along directions the gradient keeps pointing, and damps zig-zags.
/// (PyTorch starts v at the first gradient; with v starting at 0 the first step is the same.)
/// Each loop runs 16 parameters at a time, then finishes the tail one by one with the same formula.
public enum SGD {
    public static func update(_ p: UnsafeMutablePointer<Float>, _ gradient: UnsafePointer<Float>, count: Int,
                              learningRate: Float, l1: Float, l2: Float) {
        if ElementwiseKernels.replaceSwiftLoops {
            ElementwiseKernels.sgd(p, gradient, count: count, learningRate: learningRate, l1: l1, l2: l2)
            return
        }
        var index = 0
        while index + 16 <= count {
            let w = Lanes.load(p, index)
            let g = Lanes.penalised(Lanes.load(gradient, index), w, l1: l1, l2: l2)
            Lanes.store(w - learningRate * g, p, index)
            index += 16
        }
        while index < count {
            let g = penalisedGradient(gradient[index], weight: p[index], l1: l1, l2: l2)
            p[index] -= learningRate * g
            index += 1
        }
    }

    public static func update(_ p: UnsafeMutablePointer<Float>, _ gradient: UnsafePointer<Float>, velocity v: UnsafeMutablePointer<Float>,
                              count: Int, learningRate: Float, momentum: Float, nesterov: Bool, l1: Float, l2: Float) {
        if ElementwiseKernels.replaceSwiftLoops {
            ElementwiseKernels.sgd(p, gradient, velocity: v, count: count, learningRate: learningRate, momentum: momentum,
                                   nesterov: nesterov, l1: l1, l2: l2)
            return
        }
        var index = 0
        while index + 16 <= count {
            let w = Lanes.load(p, index)
            let g = Lanes.penalised(Lanes.load(gradient, index), w, l1: l1, l2: l2)
            let velocity = momentum * Lanes.load(v, index) + g
            Lanes.store(velocity, v, index)
            Lanes.store(w - learningRate * (nesterov ? g + momentum * velocity : velocity), p, index)
            index += 16
        }
        while index < count {
            let g = penalisedGradient(gradient[index], weight: p[index], l1: l1, l2: l2)
            v[index] = momentum * v[index] + g
            p[index] -= learningRate * (nesterov ? g + momentum * v[index] : v[index])
            index += 1
        }
    }
}
