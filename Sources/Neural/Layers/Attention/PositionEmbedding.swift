/// Learned position embeddings: a vector per step, added to what each step carries, so that attention
/// (which by itself sees a set, not an order) can tell step 2 from step 7.
///
/// Two forms:
/// - on `[time, d]` inputs it adds its `weight` `[time, d]` (PyTorch: an `nn.Parameter` of that shape);
/// - given a vocabulary, it reads token ids (`[time]`, each id a whole number stored as a Float) and is the
///   whole input stage of a transformer, token embedding plus position embedding, with tensors
///   `token.weight` `[vocabulary, d]` (an `nn.Embedding(vocabulary, d)` called `token`) and
///   `position.weight` `[time, d]` (an `nn.Embedding(time, d)` called `position`, read at 0, 1, …).
///
///     forward    y[t] = x[t] + P[t]                 or  y[t] = E[id[t]] + P[t]
///     backward   ∂L/∂P[t] = Σ over the batch of ∂L/∂y[t]
///                ∂L/∂x[t] = ∂L/∂y[t]                or  ∂L/∂E[v] = Σ over the steps whose id is v of ∂L/∂y[t]
///
/// Token ids are not differentiable: in the token form `inputGradient` stays zero.
public struct PositionEmbedding: Layer {
    public let steps: Int
    public let dimension: Int
    /// The number of token ids in the token form, `nil` when the layer adds positions to vectors.
    public let vocabulary: Int?
    public let inputShape: TensorShape
    public let outputShape: TensorShape

    /// `weight` `[time, d]`, or `token.weight` `[vocabulary, d]` and `position.weight` `[time, d]`.
    public var parameters: [Parameter]
    public private(set) var output: Matrix
    public private(set) var inputGradient: Matrix

    /// Position embeddings with the given numbers (`[time, d]`), and token embeddings when `tokens`
    /// (`[vocabulary, d]`) is given.
    public init(positions: Matrix, tokens: Matrix? = nil) {
        guard positions.rows > 0, positions.columns > 0 else { fatalError("position embeddings need at least one step of one number") }
        if let tokens, tokens.columns != positions.columns || tokens.rows == 0 {
            fatalError("token embeddings [\(tokens.rows), \(tokens.columns)] do not match positions of \(positions.columns) numbers")
        }
        steps = positions.rows
        dimension = positions.columns
        vocabulary = tokens?.rows
        inputShape = tokens == nil ? [steps, dimension] : [steps]
        outputShape = [steps, dimension]
        if let tokens {
            parameters = [Parameter(name: "token.weight", shape: [tokens.rows, dimension], values: tokens.elements, isPenalised: true),
                          Parameter(name: "position.weight", shape: [steps, dimension], values: positions.elements, isPenalised: true)]
        } else {
            parameters = [Parameter(name: "weight", shape: [steps, dimension], values: positions.elements, isPenalised: true)]
        }
        output = Matrix(rows: 0, columns: steps * dimension)
        inputGradient = Matrix(rows: 0, columns: vocabulary == nil ? steps * dimension : steps)
    }

    /// Embeddings drawn from N(0, 1), as `nn.Embedding` starts; scaled by `scale` (a transformer often
    /// starts them small, such as 0.02 in GPT-2).
    public init(steps: Int, dimension: Int, vocabulary: Int? = nil, scale: Float = 1, random: inout RandomSource) {
        func draw(_ rows: Int) -> Matrix {
            Matrix(rows: rows, columns: dimension, elements: (0..<(rows * dimension)).map { _ in scale * random.normal() })
        }
        let tokens = vocabulary.map { draw($0) }
        self.init(positions: draw(steps), tokens: tokens)
    }

    public var summary: String {
        if let vocabulary { return "Embedding(\(vocabulary) → \(dimension)) + positions(\(steps))" }
        return "Positions(\(steps) × \(dimension))"
    }
    public var spec: LayerSpec { .positionEmbedding(steps: steps, dimension: dimension, vocabulary: vocabulary) }

    public mutating func reserve(batchCapacity: Int) {
        output = Matrix(rows: 0, columns: outputSize, capacity: batchCapacity)
        inputGradient = Matrix(rows: 0, columns: inputSize, capacity: batchCapacity)
    }

    public mutating func forward(_ input: Matrix, mode: Mode) {
        checkInput(input)
        if input.rows > output.capacity { reserve(batchCapacity: input.rows) }
        output.resize(rows: input.rows)
        let (steps, d, batch) = (self.steps, dimension, input.rows)
        let positionIndex = parameters.count - 1
        if let vocabulary {
            input.storage.withUnsafeBufferPointer { ids in
                output.storage.withUnsafeMutableBufferPointer { y in
                    parameters[0].values.storage.withUnsafeBufferPointer { tokens in
                        parameters[positionIndex].values.storage.withUnsafeBufferPointer { positions in
                            for row in 0..<(batch * steps) {
                                let token = Self.tokenIndex(ids[row], vocabulary: vocabulary)
                                let yRow = y.baseAddress! + row * d
                                let e = tokens.baseAddress! + token * d, p = positions.baseAddress! + (row % steps) * d
                                for j in 0..<d { yRow[j] = e[j] + p[j] }
                            }
                        }
                    }
                }
            }
        } else {
            input.storage.withUnsafeBufferPointer { x in
                output.storage.withUnsafeMutableBufferPointer { y in
                    parameters[0].values.storage.withUnsafeBufferPointer { positions in
                        for example in 0..<batch {
                            let offset = example * steps * d
                            for index in 0..<(steps * d) { y[offset + index] = x[offset + index] + positions[index] }
                        }
                    }
                }
            }
        }
    }

    public mutating func backward(input: Matrix, outputGradient: Matrix, computeInputGradient: Bool) {
        let (steps, d, batch) = (self.steps, dimension, input.rows)
        let positionIndex = parameters.count - 1
        if parameters[positionIndex].isTrainable {
            outputGradient.storage.withUnsafeBufferPointer { g in
                parameters[positionIndex].gradient.storage.withUnsafeMutableBufferPointer { dp in
                    for index in 0..<(steps * d) { dp[index] = 0 }
                    for example in 0..<batch {
                        let offset = example * steps * d
                        for index in 0..<(steps * d) { dp[index] += g[offset + index] }
                    }
                }
            }
        }
        if let vocabulary {
            if parameters[0].isTrainable {
                input.storage.withUnsafeBufferPointer { ids in
                    outputGradient.storage.withUnsafeBufferPointer { g in
                        parameters[0].gradient.storage.withUnsafeMutableBufferPointer { de in
                            for index in 0..<(vocabulary * d) { de[index] = 0 }
                            for row in 0..<(batch * steps) {
                                let token = Self.tokenIndex(ids[row], vocabulary: vocabulary)
                                let gRow = g.baseAddress! + row * d, deRow = de.baseAddress! + token * d
                                for j in 0..<d { deRow[j] += gRow[j] }
                            }
                        }
                    }
                }
            }
            if computeInputGradient {
                inputGradient.resize(rows: batch)
                inputGradient.fill(0)
            }
        } else if computeInputGradient {
            inputGradient.copy(from: outputGradient)
        }
    }

    /// The row of the token table for an id; an id that is not a whole number below the vocabulary is a
    /// mistake of the code that made the batch, and stops with a sentence in every build.
    @inline(__always)
    static func tokenIndex(_ id: Float, vocabulary: Int) -> Int {
        guard id >= 0, id < Float(vocabulary), id == id.rounded(.towardZero) else {
            fatalError("token id \(id) is not a whole number from 0 to \(vocabulary - 1): the batch does not come from this vocabulary")
        }
        return Int(id)
    }

    public func detachedCopy() -> any Layer {
        var copy = self
        copy.parameters = parameters.map { $0.detachedCopy() }
        copy.output = Matrix(rows: output.rows, columns: output.columns, elements: output.elements)
        copy.inputGradient = Matrix(rows: inputGradient.rows, columns: inputGradient.columns, elements: inputGradient.elements)
        return copy
    }

    // MARK: - The plain reference

    /// The forward pass written out: `y[n, t, j] = x[n, t, j] + P[t, j]`, or `E[id[n, t], j] + P[t, j]`.
    public static func referenceForward(input: Matrix, positions: Matrix, tokens: Matrix?) -> Matrix {
        let steps = positions.rows, d = positions.columns
        var y = Matrix(rows: input.rows, columns: steps * d)
        for n in 0..<input.rows {
            for t in 0..<steps {
                for j in 0..<d {
                    let carried = tokens.map { $0[Int(input[n, t]), j] } ?? input[n, t * d + j]
                    y[n, t * d + j] = carried + positions[t, j]
                }
            }
        }
        return y
    }
}
