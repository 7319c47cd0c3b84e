/// The rule that turns gradients into weight changes.
public enum OptimizerKind: Sendable, Hashable {
    /// Plain gradient descent: p ← p − lr·g.
    case sgd
    /// Gradient descent with momentum (PyTorch's default momentum is 0, so 0.9 here is the usual choice).
    case momentum(Float)
    /// Momentum with Nesterov's look-ahead.
    case nesterov(Float)
    /// RMSprop with smoothing constant alpha and epsilon (PyTorch's defaults: 0.99, 1e-8).
    case rmsprop(alpha: Float, epsilon: Float)
    /// Adam with betas and epsilon (PyTorch's defaults: 0.9, 0.999, 1e-8).
    case adam(beta1: Float, beta2: Float, epsilon: Float)

    /// Each rule with PyTorch's default hyper-parameters (momentum 0.9 for the two momentum rules).
    public static let all: [OptimizerKind] = [.sgd, .momentum(0.9), .nesterov(0.9), .rmsprop(alpha: 0.99, epsilon: 1e-8),
                                              .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)]

    /// The name used on the command line: `sgd`, `momentum`, `nesterov`, `rmsprop`, `adam`.
    public var name: String {
        switch self {
        case .sgd: "sgd"
        case .momentum: "momentum"
        case .nesterov: "nesterov"
        case .rmsprop: "rmsprop"
        case .adam: "adam"
        }
    }

    /// The rule with this name and PyTorch's default hyper-parameters.
    public init?(name: String) {
        guard let kind = OptimizerKind.all.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = kind
    }

    /// A sensible learning rate to start from (PyTorch's defaults for RMSprop and Adam).
    public var defaultLearningRate: Float {
        switch self {
        case .sgd, .momentum, .nesterov: 0.03
        case .rmsprop: 0.01
        case .adam: 0.001
        }
    }
}

/// An optimizer: a rule, a learning rate, weight penalties, and the running state each rule keeps per
/// parameter tensor (velocities, squared-gradient averages), allocated once by `prepare`.
///
/// Weight penalties follow PyTorch's `weight_decay`: they are added to the gradient of weights (never of
/// biases) before the rule runs, so
///
///     g ← g + l2·w + l1·sign(w)
///
/// is the gradient of  L + (l2/2)·Σw² + l1·Σ|w|.
public struct Optimizer: Sendable {
    public var kind: OptimizerKind
    /// The step size; changing it between steps keeps all other state.
    public var learningRate: Float
    /// The L1 penalty rate on weights.
    public var l1: Float
    /// The L2 penalty rate on weights.
    public var l2: Float
    /// How many steps have been taken (Adam's bias correction needs it).
    public private(set) var stepCount = 0

    private var firstMoment: [[Float]] = []
    private var secondMoment: [[Float]] = []
    /// Adam's bias corrections for the step under way, worked out by its first tensor.
    private var adamCorrections: Adam.Corrections?

    public init(_ kind: OptimizerKind, learningRate: Float? = nil, l1: Float = 0, l2: Float = 0) {
        self.kind = kind
        self.learningRate = learningRate ?? kind.defaultLearningRate
        self.l1 = l1
        self.l2 = l2
    }

    /// Allocates zeroed state for parameter tensors of these sizes, in slot order, and restarts the step count.
    public mutating func prepare(tensorSizes: [Int]) {
        firstMoment = tensorSizes.map { [Float](repeating: 0, count: $0) }
        secondMoment = tensorSizes.map { [Float](repeating: 0, count: $0) }
        stepCount = 0
    }

    /// Marks the start of a step: call once before updating every tensor.
    public mutating func beginStep() { stepCount += 1 }

    /// Updates `count` parameters in place from their gradient, with the state in `slot`.
    public mutating func update(_ parameters: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>, count: Int,
                                slot: Int, penalised: Bool) {
        let l1 = penalised ? self.l1 : 0, l2 = penalised ? self.l2 : 0
        let learningRate = self.learningRate, step = stepCount
        switch kind {
        case .sgd:
            SGD.update(parameters, gradient, count: count, learningRate: learningRate, l1: l1, l2: l2)
        case .momentum(let momentum), .nesterov(let momentum):
            let nesterov = if case .nesterov = kind { true } else { false }
            withState(slot) { velocity, _ in
                SGD.update(parameters, gradient, velocity: velocity, count: count, learningRate: learningRate,
                           momentum: momentum, nesterov: nesterov, l1: l1, l2: l2)
            }
        case .rmsprop(let alpha, let epsilon):
            withState(slot) { _, squareAverage in
                RMSprop.update(parameters, gradient, squareAverage: squareAverage, count: count,
                               learningRate: learningRate, alpha: alpha, epsilon: epsilon, l1: l1, l2: l2)
            }
        case .adam(let beta1, let beta2, let epsilon):
            let corrections: Adam.Corrections
            if let known = adamCorrections, known.step == step, known.beta1 == beta1, known.beta2 == beta2 {
                corrections = known
            } else {
                corrections = Adam.corrections(step: step, beta1: beta1, beta2: beta2)
                adamCorrections = corrections
            }
            withState(slot) { mean, squareMean in
                Adam.update(parameters, gradient, mean: mean, squareMean: squareMean, count: count, corrections: corrections,
                            learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, l1: l1, l2: l2)
            }
        }
    }

    @usableFromInline
    mutating func withState(_ slot: Int, _ body: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) -> Void) {
        precondition(slot < firstMoment.count, "optimizer state has \(firstMoment.count) slots; call prepare(tensorSizes:) first")
        firstMoment[slot].withUnsafeMutableBufferPointer { first in
            secondMoment[slot].withUnsafeMutableBufferPointer { second in
                body(first.baseAddress!, second.baseAddress!)
            }
        }
    }
}

/// The penalised gradient g + l2·w + l1·sign(w) (sign(0) = 0, as `torch.sign`).
@inline(__always)
func penalisedGradient(_ gradient: Float, weight: Float, l1: Float, l2: Float) -> Float {
    let sign: Float = weight > 0 ? 1 : (weight < 0 ? -1 : 0)
    return gradient + l2 * weight + l1 * sign
}
