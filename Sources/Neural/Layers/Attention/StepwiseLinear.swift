/// A linear map applied to every step of every sequence on its own: the projections inside attention and
/// the two layers of a transformer block's MLP.
///
/// A batch of `batch` sequences of `steps` steps is `rows = batch · steps` token rows of `inputSize`
/// numbers, one after another in memory, so the whole batch is one matrix product:
///
///     forward    Y = X·Wᵀ + b              X is [rows, in], W is [out, in] as in nn.Linear
///     backward   ∂L/∂W = (∂L/∂Y)ᵀ·X        summed over every step of every sequence
///                ∂L/∂b = Σ over rows of ∂L/∂Y
///                ∂L/∂X = (∂L/∂Y)·W
///
/// It is `Dense` read a step at a time; it is not a `Layer` of its own but a part of the layers in this
/// folder, which name its tensors as PyTorch does (`in_proj_weight`, `out_proj.weight`, `0.weight`).
struct StepwiseLinear: Sendable {
    let inputSize: Int
    let outputSize: Int
    /// `weight` `[out, in]` then `bias` `[out]`, under the names the owning module gives them.
    var tensors: [Parameter]
    /// Y of the last forward pass, `rows × outputSize` (the buffer may be longer).
    private(set) var output: [Float] = []
    /// ∂L/∂X of the last backward pass, `rows × inputSize`.
    private(set) var inputGradient: [Float] = []
    private var weightsTransposed: [Float]
    private var transposeIsCurrent = false

    init(weights: Matrix, bias: [Float], weightName: String, biasName: String) {
        precondition(bias.count == weights.rows, "\(weights.rows) outputs need \(weights.rows) biases, got \(bias.count)")
        inputSize = weights.columns
        outputSize = weights.rows
        tensors = [Parameter(name: weightName, shape: [outputSize, inputSize], values: weights.elements, isPenalised: true),
                   Parameter(name: biasName, shape: [outputSize], values: bias, isPenalised: false)]
        weightsTransposed = [Float](repeating: 0, count: inputSize * outputSize)
    }

    /// Replaces the tensors (same shapes); the transposed copy is rebuilt at the next forward pass.
    mutating func setTensors(_ newValue: [Parameter]) {
        precondition(newValue.count == 2 && newValue[0].shape == tensors[0].shape && newValue[1].shape == tensors[1].shape,
                     "a \(inputSize) → \(outputSize) projection takes a weight \(tensors[0].shape) and a bias \(tensors[1].shape)")
        tensors = newValue
        transposeIsCurrent = false
    }

    mutating func reserve(rows: Int) {
        output = [Float](repeating: 0, count: rows * outputSize)
        inputGradient = [Float](repeating: 0, count: rows * inputSize)
    }

    /// Y = X·Wᵀ + b for `rows` token rows starting at `input`.
    mutating func forward(_ input: UnsafePointer<Float>, rows: Int) {
        if output.count < rows * outputSize { reserve(rows: rows) }
        let (inputs, outputs) = (inputSize, outputSize)
        if !transposeIsCurrent {
            tensors[0].values.storage.withUnsafeBufferPointer { w in
                weightsTransposed.withUnsafeMutableBufferPointer { t in
                    for j in 0..<outputs { for i in 0..<inputs { t[i * outputs + j] = w[j * inputs + i] } }
                }
            }
            transposeIsCurrent = true
        }
        weightsTransposed.withUnsafeBufferPointer { t in
            output.withUnsafeMutableBufferPointer { y in
                MatrixProduct.multiply(input, t.baseAddress!, y.baseAddress!, rows: rows, inner: inputs, columns: outputs,
                                       rowStride: inputs, innerStride: 1)
                tensors[1].values.storage.withUnsafeBufferPointer { b in
                    ElementwiseKernels.addBias(rows: rows, columns: outputs, bias: b.baseAddress!, to: y.baseAddress!)
                }
            }
        }
    }

    /// The gradients of weight and bias from `input` and ∂L/∂Y, and ∂L/∂X when asked.
    mutating func backward(input: UnsafePointer<Float>, outputGradient g: UnsafePointer<Float>, rows: Int, computeInputGradient: Bool) {
        if inputGradient.count < rows * inputSize { reserve(rows: rows) }
        let (inputs, outputs) = (inputSize, outputSize)
        if tensors[0].isTrainable {
            // ∂L/∂W = (∂L/∂Y)ᵀ·X, reading ∂L/∂Y in transposed order.
            tensors[0].gradient.storage.withUnsafeMutableBufferPointer { dw in
                MatrixProduct.multiply(g, input, dw.baseAddress!, rows: outputs, inner: rows, columns: inputs,
                                       rowStride: 1, innerStride: outputs)
            }
        }
        if tensors[1].isTrainable {
            tensors[1].gradient.storage.withUnsafeMutableBufferPointer { db in
                ElementwiseKernels.columnSums(rows: rows, columns: outputs, of: g, into: db.baseAddress!)
            }
        }
        if computeInputGradient {
            tensors[0].values.storage.withUnsafeBufferPointer { w in
                inputGradient.withUnsafeMutableBufferPointer { dx in
                    MatrixProduct.multiply(g, w.baseAddress!, dx.baseAddress!, rows: rows, inner: outputs, columns: inputs,
                                           rowStride: outputs, innerStride: 1)
                }
            }
        }
    }

    /// The optimizer step on the weight (slot `firstSlot`) and the bias (`firstSlot + 1`).
    mutating func update(with optimizer: inout Optimizer, firstSlot: Int) {
        if tensors[0].isTrainable { tensors[0].step(&optimizer, slot: firstSlot); transposeIsCurrent = false }
        if tensors[1].isTrainable { tensors[1].step(&optimizer, slot: firstSlot + 1) }
    }

    /// A copy that shares no buffer with this one.
    func detachedCopy() -> StepwiseLinear {
        var copy = self
        copy.tensors = tensors.map { $0.detachedCopy() }
        copy.output = output.fresh(count: output.count)
        copy.inputGradient = inputGradient.fresh(count: inputGradient.count)
        copy.weightsTransposed = weightsTransposed.fresh(count: weightsTransposed.count)
        return copy
    }
}

extension Parameter {
    /// The same tensor (sharing its numbers until either is written) under another name: how a block's
    /// parts show their tensors as `attn.in_proj_weight`, `mlp.0.weight`, ….
    func renamed(_ newName: String) -> Parameter {
        var copy = Parameter(name: newName, shape: shape, values: [Float](repeating: 0, count: count),
                             isPenalised: isPenalised, isTrainable: isTrainable)
        copy.values = values
        copy.gradient = gradient
        return copy
    }
}
