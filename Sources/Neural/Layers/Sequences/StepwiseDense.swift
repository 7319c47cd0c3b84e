/// A dense layer applied at every step of a sequence with the same weights: PyTorch's `nn.Linear` on a
/// `[batch, time, features]` tensor, which acts on the last dimension.
///
/// For every example and step t, with x_t the step's `inputSize` features:
///
///     forward    z_t = W x_t + b                    W is [outputSize, inputSize], as in nn.Linear
///     backward   ∂L/∂W = Σ over every step of every example of (∂L/∂z_t)ᵀ x_t
///                ∂L/∂b = Σ ∂L/∂z_t,     ∂L/∂x_t = ∂L/∂z_t · W
///
/// A batch of `[time, features]` examples is, in memory, `batch × time` rows of features, so each of the
/// three is one product over the whole batch, as in `Dense`.
public struct StepwiseDense: Layer {
    public let steps: Int
    public let inputFeatures: Int
    public let outputFeatures: Int
    public let inputShape: TensorShape
    public let outputShape: TensorShape
    /// `weight` `[outputSize, inputSize]` and `bias` `[outputSize]`, as in `torch.nn.Linear`.
    public var parameters: [Parameter] {
        get { tensors }
        set { tensors = newValue; transposeIsCurrent = false }
        _modify {
            transposeIsCurrent = false
            yield &tensors
        }
    }
    private var tensors: [Parameter]
    public private(set) var output: Matrix
    public private(set) var inputGradient: Matrix
    private var weightsTransposed: Matrix
    private var transposeIsCurrent = false

    public init(steps: Int, weights: Matrix, bias: [Float]) {
        guard steps >= 1, weights.rows >= 1, weights.columns >= 1, bias.count == weights.rows else {
            fatalError("a per-step dense layer needs at least 1 step and a weight row and a bias per neuron, got \(steps) steps, \(weights.rows)×\(weights.columns) weights and \(bias.count) biases")
        }
        self.steps = steps
        inputFeatures = weights.columns
        outputFeatures = weights.rows
        inputShape = [steps, inputFeatures]
        outputShape = [steps, outputFeatures]
        tensors = [Parameter(name: "weight", shape: [outputFeatures, inputFeatures], values: weights.elements, isPenalised: true),
                   Parameter(name: "bias", shape: [outputFeatures], values: bias, isPenalised: false)]
        output = Matrix(rows: 0, columns: steps * outputFeatures)
        inputGradient = Matrix(rows: 0, columns: steps * inputFeatures)
        weightsTransposed = Matrix(rows: inputFeatures, columns: outputFeatures)
    }

    /// A layer with weights drawn by `initializer` and zero biases.
    public init(steps: Int, inputSize: Int, outputSize: Int, initializer: Initializer, random: inout RandomSource) {
        let weights = initializer.weights(inputSize: inputSize, outputSize: outputSize, random: &random)
        self.init(steps: steps, weights: weights, bias: [Float](repeating: 0, count: outputSize))
    }

    public var summary: String { "Dense(\(inputFeatures) → \(outputFeatures)) per step" }
    public var spec: LayerSpec { .stepwiseDense(steps: steps, inputSize: inputFeatures, outputSize: outputFeatures) }

    public mutating func reserve(batchCapacity: Int) {
        output = Matrix(rows: 0, columns: steps * outputFeatures, capacity: batchCapacity)
        inputGradient = Matrix(rows: 0, columns: steps * inputFeatures, capacity: batchCapacity)
    }

    public mutating func forward(_ input: Matrix, mode: Mode) {
        checkInput(input)
        let batch = input.rows
        if batch > output.capacity { reserve(batchCapacity: batch) }
        if !transposeIsCurrent {
            Transpose.write(tensors[0].values, into: &weightsTransposed)
            transposeIsCurrent = true
        }
        output.resize(rows: batch)
        let (rows, inner, columns) = (batch * steps, inputFeatures, outputFeatures)
        input.storage.withUnsafeBufferPointer { x in
            weightsTransposed.storage.withUnsafeBufferPointer { wT in
                tensors[1].values.storage.withUnsafeBufferPointer { b in
                    output.storage.withUnsafeMutableBufferPointer { z in
                        Recurrence.multiply(x.baseAddress!, rowStride: inner, wT.baseAddress!, z.baseAddress!,
                                            rows: rows, inner: inner, columns: columns)
                        ElementwiseKernels.addBias(rows: rows, columns: columns, bias: b.baseAddress!, to: z.baseAddress!)
                    }
                }
            }
        }
    }

    public mutating func backward(input: Matrix, outputGradient: Matrix, computeInputGradient: Bool) {
        let batch = input.rows
        let (rows, inner, columns) = (batch * steps, inputFeatures, outputFeatures)
        outputGradient.storage.withUnsafeBufferPointer { g in
            let g = g.baseAddress!
            if tensors[0].isTrainable {
                input.storage.withUnsafeBufferPointer { x in
                    tensors[0].gradient.storage.withUnsafeMutableBufferPointer { dW in
                        Recurrence.multiplyTransposingA(g, x.baseAddress!, dW.baseAddress!, rows: columns, inner: rows, columns: inner)
                    }
                }
            }
            if tensors[1].isTrainable {
                tensors[1].gradient.storage.withUnsafeMutableBufferPointer { db in
                    Recurrence.columnSums(g, rows: rows, columns: columns, into: db.baseAddress!)
                }
            }
            if computeInputGradient {
                inputGradient.resize(rows: batch)
                tensors[0].values.storage.withUnsafeBufferPointer { w in
                    inputGradient.storage.withUnsafeMutableBufferPointer { dX in
                        Recurrence.multiply(g, rowStride: columns, w.baseAddress!, dX.baseAddress!, rows: rows, inner: columns, columns: inner)
                    }
                }
            }
        }
    }

    /// The optimizer step on `weight` and `bias`, reading the tensors directly.
    @discardableResult
    public mutating func update(with optimizer: inout Optimizer, firstSlot: Int) -> Int {
        if tensors[0].isTrainable { tensors[0].step(&optimizer, slot: firstSlot); transposeIsCurrent = false }
        if tensors[1].isTrainable { tensors[1].step(&optimizer, slot: firstSlot + 1) }
        return 2
    }

    public func detachedCopy() -> any Layer {
        var copy = StepwiseDense(steps: steps, weights: tensors[0].values, bias: tensors[1].values.elements)
        copy.parameters = parameters.map { $0.detachedCopy() }
        copy.reserve(batchCapacity: max(output.capacity, 1))
        return copy
    }

    /// The forward pass with plain loops: `z[n, t·out + j] = b[j] + Σᵢ W[j, i] · x[n, t·in + i]`.
    public static func reference(input: Matrix, steps: Int, weights: Matrix, bias: [Float]) -> Matrix {
        let (inner, columns) = (weights.columns, weights.rows)
        var z = Matrix(rows: input.rows, columns: steps * columns)
        for n in 0..<input.rows {
            for t in 0..<steps {
                for j in 0..<columns {
                    var sum = bias[j]
                    for i in 0..<inner { sum += weights[j, i] * input[n, t * inner + i] }
                    z[n, t * columns + j] = sum
                }
            }
        }
        return z
    }
}
