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
/// `reference(…)` below computes the same three formulas with plain loops; tests hold the fast path to it.
public struct Dense: Layer {
    public let inputSize: Int
    public let outputSize: Int
    /// `weight` `[outputSize, inputSize]` and `bias` `[outputSize]`, as in `torch.nn.Linear`.
    public var parameters: [Parameter] {
        get { tensors }
        set { tensors = newValue; transposeIsCurrent = false }
        // In place, so an optimizer step never copies the tensors; any change may touch the weights.
        _modify {
            transposeIsCurrent = false
            yield &tensors
        }
    }
    private var tensors: [Parameter]
    private mutating func weightsChanged() { transposeIsCurrent = false }
    /// The pre-activations Z of the last forward pass.
    public private(set) var output: Matrix
    public private(set) var inputGradient: Matrix

    // Scratch: Wᵀ, so the forward product reads contiguous rows. It is rewritten only after the weights
    // change, so measuring a data set batch by batch transposes once.
    private var weightsTransposed: Matrix
    private var transposeIsCurrent = false

    /// A layer with the given weights `[outputSize, inputSize]` and biases.
    public init(weights: Matrix, bias: [Float]) {
        guard bias.count == weights.rows else {
            fatalError("a layer of \(weights.rows) neurons needs \(weights.rows) biases, got \(bias.count)")
        }
        inputSize = weights.columns
        outputSize = weights.rows
        inputShape = [inputSize]
        outputShape = [outputSize]
        tensors = [Parameter(name: "weight", shape: [outputSize, inputSize], values: weights.elements, isPenalised: true),
                      Parameter(name: "bias", shape: [outputSize], values: bias, isPenalised: false)]
        output = Matrix(rows: 0, columns: outputSize)
        inputGradient = Matrix(rows: 0, columns: inputSize)
        weightsTransposed = Matrix(rows: inputSize, columns: outputSize)
    }

    /// A layer with weights drawn by `initializer` and zero biases.
    public init(inputSize: Int, outputSize: Int, initializer: Initializer, random: inout RandomSource) {
        let weights = initializer.weights(inputSize: inputSize, outputSize: outputSize, random: &random)
        self.init(weights: weights, bias: [Float](repeating: 0, count: outputSize))
    }

    /// The weights, one row per neuron: `[outputSize, inputSize]`.
    public var weights: Matrix {
        get { parameters[0].values }
        set {
            guard newValue.rows == outputSize, newValue.columns == inputSize else {
                fatalError("\(summary) needs \(outputSize)×\(inputSize) weights, got \(newValue.rows)×\(newValue.columns)")
            }
            parameters[0].values = newValue
        }
    }
    /// One bias per neuron.
    public var bias: [Float] {
        get { parameters[1].values.elements }
        set {
            guard newValue.count == outputSize else { fatalError("\(summary) needs \(outputSize) biases, got \(newValue.count)") }
            parameters[1].values = Matrix(rows: 1, columns: outputSize, elements: newValue)
        }
    }
    /// ∂L/∂W from the last backward pass.
    public var weightGradient: Matrix { parameters[0].gradient }
    /// ∂L/∂b from the last backward pass.
    public var biasGradient: [Float] { parameters[1].gradient.elements }

    public let inputShape: TensorShape
    public let outputShape: TensorShape
    public var summary: String { "Dense(\(inputSize) → \(outputSize))" }
    public var spec: LayerSpec { .dense(inputSize: inputSize, outputSize: outputSize) }

    public mutating func reserve(batchCapacity: Int) {
        output = .cacheAligned(rows: 0, columns: outputSize, capacity: batchCapacity)
        inputGradient = .cacheAligned(rows: 0, columns: inputSize, capacity: batchCapacity)
    }

    public mutating func forward(_ input: Matrix, mode: Mode) {
        forward(input, rectifiedInto: nil)
    }

    /// ReLU alone: its forward pass is written beside Z, and its backward pass beside ∂L/∂X.
    public func runsTogether(with function: Activation) -> Bool { function == .relu }

    /// With ReLU after it, a dense layer writes relu(Z) beside Z as each element is finished, so the ReLU layer
    /// need not pass over Z again (`Network.forward` hands it the ReLU's buffer). Any other function: false.
    public mutating func forward(_ input: Matrix, mode: Mode, alsoApplying function: Activation,
                                 into activated: UnsafeMutablePointer<Float>) -> Bool {
        guard function == .relu else { return false }
        forward(input, rectifiedInto: activated)
        return true
    }

    /// Z = X·Wᵀ + b into `output`, and relu(Z) into `rectified` when it is given, in one pass over Z.
    mutating func forward(_ input: Matrix, rectifiedInto rectified: UnsafeMutablePointer<Float>?) {
        checkInput(input)
        if input.rows > output.capacity { reserve(batchCapacity: input.rows) }
        if !transposeIsCurrent {
            Transpose.write(tensors[0].values, into: &weightsTransposed)
            transposeIsCurrent = true
        }
        // Z = X·Wᵀ + b, through the weights' transposed copy (Wᵀ, the layout the product kernels read fastest);
        // the bias is added to each sum as the product finishes it.
        let columns = outputSize, rows = input.rows, inner = inputSize
        output.resize(rows: rows)
        input.storage.withUnsafeBufferPointer { x in
            weightsTransposed.storage.withUnsafeBufferPointer { wT in
                tensors[1].values.storage.withUnsafeBufferPointer { b in
                    output.storage.withUnsafeMutableBufferPointer { z in
                        MatrixProduct.multiply(x.baseAddress!, wT.baseAddress!, z.baseAddress!, rows: rows, inner: inner,
                                               columns: columns, rowStride: inner, innerStride: 1,
                                               bias: b.baseAddress!, relu: rectified)
                    }
                }
            }
        }
    }

    public mutating func backward(input: Matrix, outputGradient: Matrix, computeInputGradient: Bool) {
        parameterGradients(input: input, outputGradient: outputGradient)
        if computeInputGradient {
            MatrixProduct.multiply(outputGradient, tensors[0].values, into: &inputGradient)
        }
    }

    /// With ReLU before it, a dense layer writes that ReLU's gradient, ∂L/∂X where z > 0, beside ∂L/∂X as each
    /// element is finished (`Network`'s backward passes hand it the ReLU's buffer). Any other function: false.
    public mutating func backward(input: Matrix, outputGradient: Matrix, parameters: Bool, thenActivation function: Activation,
                                  at z: Matrix, into gradient: UnsafeMutablePointer<Float>) -> Bool {
        guard function == .relu, z.count == outputGradient.rows * inputSize else { return false }
        if parameters { parameterGradients(input: input, outputGradient: outputGradient) }
        // ∂L/∂X = (∂L/∂Z)·W, and ∂L/∂z = ∂L/∂X where z > 0.
        let rows = outputGradient.rows, inner = outputSize, columns = inputSize
        inputGradient.resize(rows: rows)
        outputGradient.storage.withUnsafeBufferPointer { g in
            tensors[0].values.storage.withUnsafeBufferPointer { w in
                z.storage.withUnsafeBufferPointer { z in
                    inputGradient.storage.withUnsafeMutableBufferPointer { dX in
                        MatrixProduct.multiply(g.baseAddress!, w.baseAddress!, dX.baseAddress!, rows: rows, inner: inner, columns: columns,
                                               rowStride: inner, innerStride: 1, bias: nil, relu: gradient, gate: z.baseAddress!)
                    }
                }
            }
        }
        return true
    }

    /// ∂L/∂W and ∂L/∂b of the trainable tensors.
    private mutating func parameterGradients(input: Matrix, outputGradient: Matrix) {
        let rows = input.rows, columns = outputSize
        if tensors[0].isTrainable {
            // ∂L/∂W = (∂L/∂Z)ᵀ·X, summing over the examples of the batch.
            MatrixProduct.multiplyTransposingA(outputGradient, input, into: &tensors[0].gradient)
        }
        if tensors[1].isTrainable {
            // ∂L/∂b = column sums of ∂L/∂Z.
            outputGradient.storage.withUnsafeBufferPointer { g in
                tensors[1].gradient.storage.withUnsafeMutableBufferPointer { db in
                    ElementwiseKernels.columnSums(rows: rows, columns: columns, of: g.baseAddress!, into: db.baseAddress!)
                }
            }
        }
    }

    /// ∂L/∂X = (∂L/∂Z)·W alone; the weight and bias gradients keep the numbers of the last `backward`.
    public mutating func backwardToInputOnly(input: Matrix, outputGradient: Matrix) {
        MatrixProduct.multiply(outputGradient, tensors[0].values, into: &inputGradient)
    }

    /// The optimizer step on `weight` (slot `firstSlot`) and `bias`, reading the tensors directly.
    @discardableResult
    public mutating func update(with optimizer: inout Optimizer, firstSlot: Int) -> Int {
        if tensors[0].isTrainable { tensors[0].step(&optimizer, slot: firstSlot); weightsChanged() }
        if tensors[1].isTrainable { tensors[1].step(&optimizer, slot: firstSlot + 1) }
        return 2
    }

    public func detachedCopy() -> any Layer {
        var copy = Dense(weights: weights, bias: bias)
        copy.parameters = parameters.map { $0.detachedCopy() }
        return copy
    }

    // MARK: - The plain reference

    /// The forward pass with plain loops: `Z[n, j] = b[j] + Σᵢ X[n, i] · W[j, i]`.
    public static func referenceForward(input: Matrix, weights: Matrix, bias: [Float]) -> Matrix {
        var z = Matrix(rows: input.rows, columns: weights.rows)
        for n in 0..<input.rows {
            for j in 0..<weights.rows {
                var sum = bias[j]
                for i in 0..<weights.columns { sum += input[n, i] * weights[j, i] }
                z[n, j] = sum
            }
        }
        return z
    }

    /// The backward pass with plain loops:
    /// `∂W[j, i] = Σₙ G[n, j]·X[n, i]`, `∂b[j] = Σₙ G[n, j]`, `∂X[n, i] = Σⱼ G[n, j]·W[j, i]`.
    public static func referenceBackward(input: Matrix, weights: Matrix, outputGradient g: Matrix)
        -> (weightGradient: Matrix, biasGradient: [Float], inputGradient: Matrix) {
        var dW = Matrix(rows: weights.rows, columns: weights.columns)
        var db = [Float](repeating: 0, count: weights.rows)
        var dX = Matrix(rows: input.rows, columns: weights.columns)
        for n in 0..<input.rows {
            for j in 0..<weights.rows {
                db[j] += g[n, j]
                for i in 0..<weights.columns {
                    dW[j, i] += g[n, j] * input[n, i]
                    dX[n, i] += g[n, j] * weights[j, i]
                }
            }
        }
        return (dW, db, dX)
    }
}
