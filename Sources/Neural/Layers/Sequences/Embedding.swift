/// Token ids to vectors: row `id` of a learned table, as PyTorch's `nn.Embedding`.
///
/// Each example is a sequence of `steps` token ids (whole numbers carried as `Float`s, one per column);
/// the output is, for every step, the `dimension` numbers of that token's row of `weight`
/// `[vocabulary, dimension]`:
///
///     forward    y_t = W[x_t]                       (a lookup: a one-hot row times W, without the zeros)
///     backward   ∂L/∂W[v] = Σ over every step of every example with x_t = v of ∂L/∂y_t
///
/// Ids are not numbers that can move, so there is no gradient for the input: `inputGradient` stays zero.
public struct Embedding: Layer {
    public let steps: Int
    public let vocabularySize: Int
    public let dimension: Int
    public let inputShape: TensorShape
    public let outputShape: TensorShape
    /// `weight` `[vocabulary, dimension]`, as in `torch.nn.Embedding`.
    public var parameters: [Parameter]
    public private(set) var output: Matrix
    public private(set) var inputGradient: Matrix

    /// An embedding whose table is `weights` `[vocabulary, dimension]`, for sequences of `steps` tokens.
    public init(steps: Int, weights: Matrix) {
        guard steps >= 1, weights.rows >= 1, weights.columns >= 1 else {
            fatalError("an embedding needs at least 1 step, 1 token and 1 dimension, got \(steps) steps and a \(weights.rows)×\(weights.columns) table")
        }
        self.steps = steps
        vocabularySize = weights.rows
        dimension = weights.columns
        inputShape = [steps]
        outputShape = [steps, dimension]
        parameters = [Parameter(name: "weight", shape: [vocabularySize, dimension], values: weights.elements, isPenalised: true)]
        output = Matrix(rows: 0, columns: steps * dimension)
        inputGradient = Matrix(rows: 0, columns: steps)
    }

    /// An embedding with PyTorch's first weights: every number from the standard normal N(0, 1).
    public init(steps: Int, vocabularySize: Int, dimension: Int, random: inout RandomSource) {
        var weights = Matrix(rows: max(vocabularySize, 1), columns: max(dimension, 1))
        for index in 0..<weights.count { weights.storage[index] = random.normal() }
        self.init(steps: steps, weights: weights)
    }

    public var summary: String { "Embedding(\(vocabularySize) → \(dimension))" }
    public var spec: LayerSpec { .embedding(steps: steps, vocabularySize: vocabularySize, dimension: dimension) }

    public mutating func reserve(batchCapacity: Int) {
        output = Matrix(rows: 0, columns: steps * dimension, capacity: batchCapacity)
        inputGradient = Matrix(rows: 0, columns: steps, capacity: batchCapacity)
    }

    public mutating func forward(_ input: Matrix, mode: Mode) {
        checkInput(input)
        let batch = input.rows
        if batch > output.capacity { reserve(batchCapacity: batch) }
        output.resize(rows: batch)
        let (count, d, vocabulary) = (batch * steps, dimension, vocabularySize)
        input.storage.withUnsafeBufferPointer { ids in
            parameters[0].values.storage.withUnsafeBufferPointer { table in
                output.storage.withUnsafeMutableBufferPointer { y in
                    for position in 0..<count {
                        let id = Self.tokenIndex(ids[position], vocabulary: vocabulary)
                        (y.baseAddress! + position * d).update(from: table.baseAddress! + id * d, count: d)
                    }
                }
            }
        }
    }

    public mutating func backward(input: Matrix, outputGradient: Matrix, computeInputGradient: Bool) {
        let batch = input.rows
        if computeInputGradient {
            inputGradient.resize(rows: batch)
            inputGradient.fill(0)
        }
        guard parameters[0].isTrainable else { return }
        let (count, d, vocabulary) = (batch * steps, dimension, vocabularySize)
        input.storage.withUnsafeBufferPointer { ids in
            outputGradient.storage.withUnsafeBufferPointer { dy in
                parameters[0].gradient.storage.withUnsafeMutableBufferPointer { dW in
                    dW.update(repeating: 0)
                    for position in 0..<count {
                        let id = Self.tokenIndex(ids[position], vocabulary: vocabulary)
                        let row = dW.baseAddress! + id * d, source = dy.baseAddress! + position * d
                        for j in 0..<d { row[j] += source[j] }
                    }
                }
            }
        }
    }

    /// The optimizer step on `weight`, reading the tensor directly.
    @discardableResult
    public mutating func update(with optimizer: inout Optimizer, firstSlot: Int) -> Int {
        if parameters[0].isTrainable { parameters[0].step(&optimizer, slot: firstSlot) }
        return 1
    }

    public func detachedCopy() -> any Layer {
        var copy = Embedding(steps: steps, weights: parameters[0].values)
        copy.parameters = parameters.map { $0.detachedCopy() }
        copy.reserve(batchCapacity: max(output.capacity, 1))
        return copy
    }

    /// The row of a token id; an id outside the table is a mistake in the calling code (data is checked
    /// against the vocabulary when it is read), and stops with a sentence rather than read past the table.
    @inline(__always)
    static func tokenIndex(_ value: Float, vocabulary: Int) -> Int {
        let id = Int(exactly: value) ?? -1
        guard id >= 0 && id < vocabulary else {
            fatalError("token id \(value) is outside this embedding's vocabulary of \(vocabulary) tokens")
        }
        return id
    }

    /// The forward pass with plain loops: `y[n, t·d + j] = W[x[n, t], j]`.
    public static func reference(input: Matrix, weights: Matrix) -> Matrix {
        let steps = input.columns, d = weights.columns
        var y = Matrix(rows: input.rows, columns: steps * d)
        for n in 0..<input.rows {
            for t in 0..<steps {
                for j in 0..<d { y[n, t * d + j] = weights[Int(input[n, t]), j] }
            }
        }
        return y
    }
}
