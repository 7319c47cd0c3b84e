/// Inverted dropout: during training, each value is kept with probability 1 − p and scaled by 1/(1 − p),
/// or set to 0; during evaluation the layer passes values through unchanged.
///
///     forward (training)    A = X ⊙ M,  Mᵢⱼ = 1/(1 − p) with probability 1 − p, else 0
///     forward (evaluation)  A = X
///     backward              ∂L/∂X = ∂L/∂A ⊙ M
///
/// Scaling at training time keeps each value's expected size the same in both modes, so nothing changes
/// when training ends. The mask comes from the layer's own seeded generator, so runs are reproducible.
public struct Dropout: Layer {
    /// The probability of dropping each value.
    public let probability: Float
    public let inputShape: TensorShape
    public var outputShape: TensorShape { inputShape }
    public let inputSize: Int
    public var outputSize: Int { inputSize }
    public var parameters: [Parameter] { get { [] } set {} }
    public private(set) var output: Matrix
    public private(set) var inputGradient: Matrix
    private var mask: Matrix
    private var random: RandomSource
    private var lastMode: Mode = .evaluation

    public init(probability: Float, shape: TensorShape, seed: UInt64) {
        guard probability >= 0 && probability < 1 else {
            fatalError("a dropout probability must be at least 0 and below 1, got \(probability)")
        }
        self.probability = probability
        inputShape = shape
        inputSize = shape.count
        output = Matrix(rows: 0, columns: shape.count)
        inputGradient = Matrix(rows: 0, columns: shape.count)
        mask = Matrix(rows: 0, columns: shape.count)
        random = RandomSource(seed: seed)
    }

    public init(probability: Float, size: Int, seed: UInt64) {
        self.init(probability: probability, shape: [size], seed: seed)
    }

    public var summary: String { "dropout(\(probability))" }
    public var spec: LayerSpec { .dropout(probability: probability, size: inputSize) }

    public func detachedCopy() -> any Layer {
        var copy = Dropout(probability: probability, shape: inputShape, seed: 0)
        copy.random = random
        copy.lastMode = lastMode
        return copy
    }

    public mutating func reserve(batchCapacity: Int) {
        output = Matrix(rows: 0, columns: inputSize, capacity: batchCapacity)
        inputGradient = Matrix(rows: 0, columns: inputSize, capacity: batchCapacity)
        mask = Matrix(rows: 0, columns: inputSize, capacity: batchCapacity)
    }

    public mutating func forward(_ input: Matrix, mode: Mode) {
        checkInput(input)
        if input.rows > output.capacity { reserve(batchCapacity: input.rows) }
        lastMode = mode
        guard mode == .training, probability > 0 else {
            output.copy(from: input)
            return
        }
        output.resize(rows: input.rows)
        mask.resize(rows: input.rows)
        let count = input.count, keep = 1 - probability, scale = 1 / (1 - probability)
        input.storage.withUnsafeBufferPointer { x in
            mask.storage.withUnsafeMutableBufferPointer { m in
                output.storage.withUnsafeMutableBufferPointer { a in
                    for index in 0..<count {
                        m[index] = random.nextUnitFloat() < keep ? scale : 0
                        a[index] = x[index] * m[index]
                    }
                }
            }
        }
    }

    public mutating func backward(input: Matrix, outputGradient: Matrix, computeInputGradient: Bool) {
        guard computeInputGradient else { return }
        guard lastMode == .training, probability > 0 else {
            inputGradient.copy(from: outputGradient)
            return
        }
        inputGradient.resize(rows: input.rows)
        let count = input.count
        mask.storage.withUnsafeBufferPointer { m in
            outputGradient.storage.withUnsafeBufferPointer { g in
                inputGradient.storage.withUnsafeMutableBufferPointer { dx in
                    for index in 0..<count { dx[index] = g[index] * m[index] }
                }
            }
        }
    }
}
