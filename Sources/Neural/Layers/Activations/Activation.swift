/// The non-linear function a layer applies to each pre-activation `z` to get its activation `a = f(z)`.
///
/// Each case's maths, forward and backward, lives in its own file (`Sigmoid.swift`, `Tanh.swift`, …).
/// `softmax` is the one that works on a whole row at once: it turns a row of scores into probabilities.
public enum Activation: Sendable, Hashable {
    /// 1 when z > 0, else 0: the perceptron's all-or-nothing output. Its derivative is 0 wherever it exists.
    case step
    /// f(z) = z: no non-linearity (used for regression outputs).
    case identity
    /// σ(z) = 1 / (1 + e^(−z)), squashing to (0, 1).
    case sigmoid
    /// tanh z, squashing to (−1, 1).
    case tanh
    /// max(0, z).
    case relu
    /// z when z > 0, else slope·z.
    case leakyReLU(slope: Float)
    /// e^(zᵢ) / Σⱼ e^(zⱼ) over a row: probabilities that sum to 1.
    case softmax

    /// Leaky ReLU with PyTorch's default slope of 0.01.
    public static let leakyReLU = Activation.leakyReLU(slope: 0.01)

    /// Every activation, in the order the lessons introduce them.
    public static let all: [Activation] = [.step, .identity, .sigmoid, .tanh, .relu, .leakyReLU, .softmax]

    /// The name used on the command line and in saved models: `step`, `identity`, `sigmoid`, `tanh`,
    /// `relu`, `leaky-relu`, `softmax`.
    public var name: String {
        switch self {
        case .step: "step"
        case .identity: "identity"
        case .sigmoid: "sigmoid"
        case .tanh: "tanh"
        case .relu: "relu"
        case .leakyReLU: "leaky-relu"
        case .softmax: "softmax"
        }
    }

    /// The activation with this name (also accepts `leakyrelu`, `leaky_relu`, `linear` and `none` for identity).
    public init?(name: String) {
        switch name.lowercased() {
        case "step": self = .step
        case "identity", "linear", "none": self = .identity
        case "sigmoid", "logistic": self = .sigmoid
        case "tanh": self = .tanh
        case "relu": self = .relu
        case "leaky-relu", "leakyrelu", "leaky_relu": self = .leakyReLU
        case "softmax": self = .softmax
        default: return nil
        }
    }

    /// f(z) for one number. For softmax, which needs a whole row, this is the logistic σ of a two-class row
    /// [z, 0]; use `softmax(_:)` for a row.
    public func value(at z: Float) -> Float {
        switch self {
        case .step: Step.value(z)
        case .identity: z
        case .sigmoid, .softmax: Sigmoid.value(z)
        case .tanh: Tanh.value(z)
        case .relu: ReLU.value(z)
        case .leakyReLU(let slope): LeakyReLU.value(z, slope: slope)
        }
    }

    /// f′(z) for one number (for softmax, the derivative of σ as in `value(at:)`).
    public func derivative(at z: Float) -> Float {
        switch self {
        case .step: 0
        case .identity: 1
        case .sigmoid, .softmax: Sigmoid.derivative(z)
        case .tanh: Tanh.derivative(z)
        case .relu: ReLU.derivative(z)
        case .leakyReLU(let slope): LeakyReLU.derivative(z, slope: slope)
        }
    }

    /// Softmax of one row of scores.
    public static func softmax(_ scores: [Float]) -> [Float] {
        var result = [Float](repeating: 0, count: scores.count)
        scores.withUnsafeBufferPointer { z in
            result.withUnsafeMutableBufferPointer { a in
                Softmax.forward(z.baseAddress!, a.baseAddress!, rows: 1, columns: scores.count)
            }
        }
        return result
    }

    /// a = f(z) for `rows × columns` numbers in row-major buffers.
    public func forward(_ z: UnsafePointer<Float>, _ a: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        let count = rows * columns
        switch self {
        case .step: Step.forward(z, a, count: count)
        case .identity: if UnsafePointer(a) != z { a.update(from: z, count: count) }
        case .sigmoid: Sigmoid.forward(z, a, count: count)
        case .tanh: Tanh.forward(z, a, count: count)
        case .relu: ReLU.forward(z, a, count: count)
        case .leakyReLU(let slope): LeakyReLU.forward(z, a, count: count, slope: slope)
        case .softmax: Softmax.forward(z, a, rows: rows, columns: columns)
        }
    }

    /// ∂L/∂z from ∂L/∂a, given the pre-activations `z` and activations `a` of the forward pass.
    public func backward(z: UnsafePointer<Float>, a: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                         inputGradient: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        let count = rows * columns
        switch self {
        case .step: for index in 0..<count { inputGradient[index] = 0 }
        case .identity: inputGradient.update(from: outputGradient, count: count)
        case .sigmoid: Sigmoid.backward(a: a, outputGradient: outputGradient, inputGradient: inputGradient, count: count)
        case .tanh: Tanh.backward(a: a, outputGradient: outputGradient, inputGradient: inputGradient, count: count)
        case .relu: ReLU.backward(z: z, outputGradient: outputGradient, inputGradient: inputGradient, count: count)
        case .leakyReLU(let slope):
            LeakyReLU.backward(z: z, outputGradient: outputGradient, inputGradient: inputGradient, count: count, slope: slope)
        case .softmax:
            Softmax.backward(a: a, outputGradient: outputGradient, inputGradient: inputGradient, rows: rows, columns: columns)
        }
    }
}
