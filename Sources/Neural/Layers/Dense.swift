/// A fully connected layer: every output neuron sees every input.
///
/// For a batch `X` (one example per row, `inputSize` columns):
///
///     forward    Z = X·Wᵀ + b              W is [outputSize, inputSize], as in PyTorch's nn.Linear
///     backward   ∂L/∂W = (∂L/∂Z)ᵀ·X        summed over the examples of the batch
///                ∂L/∂b = Σ over rows of ∂L/∂Z
///                ∂L/∂X = (∂L/∂Z)·W
///
/// Row `j` of `weights` holds the weights of neuron `j`: `weights[j, i]` multiplies input `i`.
public struct Dense: Layer {
    public let inputSize: Int
    public let outputSize: Int
    /// The weights, one row per neuron: `[outputSize, inputSize]`.
    public var weights: Matrix { didSet { transposeIsCurrent = false } }
    /// One bias per neuron.
    public var bias: [Float]
    /// ∂L/∂W from the last backward pass.
    public private(set) var weightGradient: Matrix
    /// ∂L/∂b from the last backward pass.
    public private(set) var biasGradient: [Float]
    /// The pre-activations Z of the last forward pass.
    public private(set) var output: Matrix
    public private(set) var inputGradient: Matrix

    // Scratch: Wᵀ, so the forward product reads contiguous rows. It is rewritten only after the weights
    // change, so measuring a data set batch by batch transposes once.
    private var weightsTransposed: Matrix
    private var transposeIsCurrent = false

    /// A layer with the given weights `[outputSize, inputSize]` and biases.
    public init(weights: Matrix, bias: [Float]) {
        precondition(bias.count == weights.rows, "a layer of \(weights.rows) neurons needs \(weights.rows) biases, got \(bias.count)")
        inputSize = weights.columns
        outputSize = weights.rows
        self.weights = weights
        self.bias = bias
        weightGradient = Matrix(rows: outputSize, columns: inputSize)
        biasGradient = [Float](repeating: 0, count: outputSize)
        output = Matrix(rows: 0, columns: outputSize)
        inputGradient = Matrix(rows: 0, columns: inputSize)
        weightsTransposed = Matrix(rows: inputSize, columns: outputSize)
    }

    /// A layer with weights drawn by `initializer` and zero biases.
    public init(inputSize: Int, outputSize: Int, initializer: Initializer, random: inout RandomSource) {
        let weights = initializer.weights(inputSize: inputSize, outputSize: outputSize, random: &random)
        self.init(weights: weights, bias: [Float](repeating: 0, count: outputSize))
    }

    public var summary: String { "Dense(\(inputSize) → \(outputSize))" }
    public var parameterCount: Int { outputSize * inputSize + outputSize }
    public var parameterSlotCount: Int { 2 }

    public mutating func reserve(batchCapacity: Int) {
        output = Matrix(rows: 0, columns: outputSize, capacity: batchCapacity)
        inputGradient = Matrix(rows: 0, columns: inputSize, capacity: batchCapacity)
    }

    public mutating func forward(_ input: Matrix, mode: Mode) {
        precondition(input.columns == inputSize, "\(summary) expects \(inputSize) inputs per example, got \(input.columns)")
        if input.rows > output.capacity { reserve(batchCapacity: input.rows) }
        if !transposeIsCurrent {
            Transpose.write(weights, into: &weightsTransposed)
            transposeIsCurrent = true
        }
        MatrixProduct.multiply(input, weightsTransposed, into: &output)
        let columns = outputSize, rows = input.rows
        output.storage.withUnsafeMutableBufferPointer { z in
            bias.withUnsafeBufferPointer { b in
                for row in 0..<rows {
                    let zRow = z.baseAddress! + row * columns
                    for column in 0..<columns { zRow[column] += b[column] }
                }
            }
        }
    }

    public mutating func backward(input: Matrix, outputGradient: Matrix, computeInputGradient: Bool) {
        let rows = input.rows, columns = outputSize
        // ∂L/∂W = (∂L/∂Z)ᵀ·X, summing over the examples of the batch.
        MatrixProduct.multiplyTransposingA(outputGradient, input, into: &weightGradient)
        // ∂L/∂b = column sums of ∂L/∂Z.
        outputGradient.storage.withUnsafeBufferPointer { g in
            biasGradient.withUnsafeMutableBufferPointer { db in
                for column in 0..<columns { db[column] = 0 }
                for row in 0..<rows {
                    let gRow = g.baseAddress! + row * columns
                    for column in 0..<columns { db[column] += gRow[column] }
                }
            }
        }
        if computeInputGradient {
            MatrixProduct.multiply(outputGradient, weights, into: &inputGradient)
        }
    }

    public mutating func update(with optimizer: inout Optimizer, firstSlot: Int) {
        let weightCount = weights.count
        let weightGradient = self.weightGradient  // changing `weights` claims the whole layer (see its didSet)
        weights.storage.withUnsafeMutableBufferPointer { w in
            weightGradient.storage.withUnsafeBufferPointer { g in
                optimizer.update(w.baseAddress!, gradient: g.baseAddress!, count: weightCount, slot: firstSlot, penalised: true)
            }
        }
        let biasCount = bias.count
        bias.withUnsafeMutableBufferPointer { b in
            biasGradient.withUnsafeBufferPointer { g in
                optimizer.update(b.baseAddress!, gradient: g.baseAddress!, count: biasCount, slot: firstSlot + 1, penalised: false)
            }
        }
    }
}
