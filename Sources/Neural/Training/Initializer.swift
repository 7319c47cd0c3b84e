/// How a dense layer's first weights are drawn.
///
/// Weights that are all equal make every neuron compute the same thing forever, so they start random; their
/// spread is chosen so that signals neither shrink to nothing nor blow up as they pass through many layers.
public enum Initializer: Sendable, Hashable {
    /// Xavier/Glorot uniform: W ~ U(−a, a), a = √(6 / (fan_in + fan_out)). Suits tanh and sigmoid.
    case xavier
    /// He/Kaiming normal: W ~ N(0, 2 / fan_in). Suits ReLU, which zeroes half its inputs.
    case he
    /// W ~ U(−limit, limit): for lessons that want small, readable numbers.
    case uniform(limit: Float)

    /// The usual choice for a hidden activation: He for the ReLU family, Xavier for the rest.
    public static func recommended(for activation: Activation) -> Initializer {
        switch activation {
        case .relu, .leakyReLU: .he
        default: .xavier
        }
    }

    /// A `[outputSize, inputSize]` weight matrix.
    public func weights(inputSize: Int, outputSize: Int, random: inout RandomSource) -> Matrix {
        var weights = Matrix(rows: outputSize, columns: inputSize)
        for index in 0..<weights.count {
            switch self {
            case .xavier:
                let limit = (6 / Float(inputSize + outputSize)).squareRoot()
                weights.storage[index] = random.uniform(-limit...limit)
            case .he:
                weights.storage[index] = random.normal(standardDeviation: (2 / Float(inputSize)).squareRoot())
            case .uniform(let limit):
                weights.storage[index] = random.uniform(-limit...limit)
            }
        }
        return weights
    }
}
