/// A dense layer applied to every step of a sequence with the same weights: `[time, in]` → `[time, out]`,
/// as `torch.nn.Linear(in, out)` does to the last dimension of a `[batch, time, in]` tensor. The output
/// head of a sequence model: one set of scores over the vocabulary at every step.
///
///     forward    Y[t] = W·X[t] + b                 W is `weight` [out, in], b is `bias` [out]
///     backward   ∂L/∂W = Σₙ Σₜ ∂L/∂Y[t] ⊗ X[t]     ∂L/∂b = Σₙ Σₜ ∂L/∂Y[t]     ∂L/∂X[t] = Wᵀ·∂L/∂Y[t]
///
/// The formulas and the products are `StepwiseLinear`'s; `Dense.referenceForward` on the batch read as
/// one row per step is its plain reference.
public struct StepwiseDense: Layer {
    public let steps: Int
    var linear: StepwiseLinear
    public let inputShape: TensorShape
    public let outputShape: TensorShape
    public private(set) var output: Matrix
    public private(set) var inputGradient: Matrix

    /// The layer with the given weights `[out, in]` and biases.
    public init(steps: Int, weights: Matrix, bias: [Float]) {
        guard steps > 0 else { fatalError("a stepwise dense layer needs at least one step") }
        self.steps = steps
        inputShape = [steps, weights.columns]
        outputShape = [steps, weights.rows]
        linear = StepwiseLinear(weights: weights, bias: bias, weightName: "weight", biasName: "bias")
        output = Matrix(rows: 0, columns: steps * weights.rows)
        inputGradient = Matrix(rows: 0, columns: steps * weights.columns)
    }

    /// Weights drawn by `initializer`, zero biases.
    public init(steps: Int, inputSize: Int, outputSize: Int, initializer: Initializer, random: inout RandomSource) {
        self.init(steps: steps, weights: initializer.weights(inputSize: inputSize, outputSize: outputSize, random: &random),
                  bias: [Float](repeating: 0, count: outputSize))
    }

    public var summary: String { "Dense(\(linear.inputSize) → \(linear.outputSize)) at each step" }
    public var spec: LayerSpec { .stepwiseDense(steps: steps, inputSize: linear.inputSize, outputSize: linear.outputSize) }

    public var parameters: [Parameter] {
        get { linear.tensors }
        set { linear.setTensors(newValue) }
    }

    @discardableResult
    public mutating func update(with optimizer: inout Optimizer, firstSlot: Int) -> Int {
        linear.update(with: &optimizer, firstSlot: firstSlot)
        return 2
    }

    public mutating func reserve(batchCapacity: Int) {
        output = Matrix(rows: 0, columns: outputSize, capacity: batchCapacity)
        inputGradient = Matrix(rows: 0, columns: inputSize, capacity: batchCapacity)
        linear.reserve(rows: batchCapacity * steps)
    }

    public mutating func forward(_ input: Matrix, mode: Mode) {
        checkInput(input)
        if input.rows > output.capacity || input.rows * steps * linear.outputSize > linear.output.count { reserve(batchCapacity: input.rows) }
        let rows = input.rows * steps
        input.storage.withUnsafeBufferPointer { x in linear.forward(x.baseAddress!, rows: rows) }
        output.resize(rows: input.rows)
        let count = output.count
        linear.output.withUnsafeBufferPointer { y in
            output.storage.withUnsafeMutableBufferPointer { target in target.baseAddress!.update(from: y.baseAddress!, count: count) }
        }
    }

    public mutating func backward(input: Matrix, outputGradient: Matrix, computeInputGradient: Bool) {
        let rows = input.rows * steps
        input.storage.withUnsafeBufferPointer { x in
            outputGradient.storage.withUnsafeBufferPointer { g in
                linear.backward(input: x.baseAddress!, outputGradient: g.baseAddress!, rows: rows, computeInputGradient: computeInputGradient)
            }
        }
        guard computeInputGradient else { return }
        inputGradient.resize(rows: input.rows)
        let count = inputGradient.count
        linear.inputGradient.withUnsafeBufferPointer { dx in
            inputGradient.storage.withUnsafeMutableBufferPointer { target in target.baseAddress!.update(from: dx.baseAddress!, count: count) }
        }
    }

    public func detachedCopy() -> any Layer {
        var copy = self
        copy.linear = linear.detachedCopy()
        copy.output = Matrix(rows: output.rows, columns: output.columns, elements: output.elements)
        copy.inputGradient = Matrix(rows: inputGradient.rows, columns: inputGradient.columns, elements: inputGradient.elements)
        return copy
    }
}
