/// The plain (Elman) recurrent layer: one hidden state, updated at every step from the input and from
/// itself, with backpropagation through time.
///
/// For one example, with x_t the input at step t and h_{t−1} the state before it (zero before the first
/// step), as PyTorch's `nn.RNN` with its default tanh:
///
///     h_t = tanh(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)
///
/// `weight_ih_l0` is `[hidden, input]`, `weight_hh_l0` `[hidden, hidden]`, `bias_ih_l0` and `bias_hh_l0`
/// `[hidden]`, PyTorch's names and layout.
///
/// Backward through time, from ∂L/∂h_t (the loss's own gradient at step t plus what flows back from step
/// t + 1), with a_t the pre-activation:
///
///     ∂L/∂a_t = ∂L/∂h_t ⊙ (1 − h_t²)
///     ∂L/∂h_{t−1} = ∂L/∂a_t · W_hh
///
/// so the gradient reaching an early step has been multiplied by W_hh and by tanh's slope once per step
/// in between: it shrinks (or grows) geometrically — the vanishing-gradient problem the LSTM answers.
/// Summed over every step of every example: ∂L/∂W_ih = Σ ∂a_tᵀ x_t, ∂L/∂W_hh = Σ ∂a_tᵀ h_{t−1},
/// ∂L/∂b_ih = ∂L/∂b_hh = Σ ∂a_t, ∂L/∂x_t = ∂a_t · W_ih.
public struct RNN: Layer {
    public let steps: Int
    public let inputFeatures: Int
    public let hiddenSize: Int
    public let returns: RecurrentOutput
    public let inputShape: TensorShape
    public let outputShape: TensorShape

    /// `weight_ih_l0`, `weight_hh_l0`, `bias_ih_l0`, `bias_hh_l0`, as in `torch.nn.RNN`.
    public var parameters: [Parameter] {
        get { tensors }
        set { tensors = newValue; transposesAreCurrent = false }
        _modify {
            transposesAreCurrent = false
            yield &tensors
        }
    }
    private var tensors: [Parameter]

    /// h_t for every step of every example, `[batch, time × hidden]`.
    public private(set) var hiddenStates: Matrix
    /// For each step, the mean over the batch of ‖∂L/∂h_t‖ in the last backward pass.
    public private(set) var hiddenGradientSizes: [Float]
    private var lastHidden: Matrix
    public private(set) var inputGradient: Matrix

    private var preActivationGradients: Matrix
    private var previousHidden: Matrix
    private var recurrentProduct: Matrix
    private var hiddenGradient: Matrix
    private var combinedBias: [Float]
    private var inputWeightsTransposed: Matrix
    private var hiddenWeightsTransposed: Matrix
    private var transposesAreCurrent = false

    public init(steps: Int, inputWeights: Matrix, hiddenWeights: Matrix, inputBias: [Float], hiddenBias: [Float],
                returns: RecurrentOutput = .everyStep) {
        let hidden = hiddenWeights.columns
        Recurrence.checkSizes("an RNN", steps: steps, inputSize: inputWeights.columns, hiddenSize: hidden)
        guard inputWeights.rows == hidden, hiddenWeights.rows == hidden, inputBias.count == hidden, hiddenBias.count == hidden else {
            fatalError("an RNN of \(hidden) units needs weights of \(hidden) rows and biases of \(hidden) numbers")
        }
        self.steps = steps
        inputFeatures = inputWeights.columns
        hiddenSize = hidden
        self.returns = returns
        inputShape = [steps, inputFeatures]
        outputShape = returns == .everyStep ? [steps, hidden] : [hidden]
        tensors = [
            Parameter(name: "weight_ih_l0", shape: [hidden, inputFeatures], values: inputWeights.elements, isPenalised: true),
            Parameter(name: "weight_hh_l0", shape: [hidden, hidden], values: hiddenWeights.elements, isPenalised: true),
            Parameter(name: "bias_ih_l0", shape: [hidden], values: inputBias, isPenalised: false),
            Parameter(name: "bias_hh_l0", shape: [hidden], values: hiddenBias, isPenalised: false),
        ]
        hiddenStates = Matrix(rows: 0, columns: steps * hidden)
        hiddenGradientSizes = [Float](repeating: 0, count: steps)
        lastHidden = Matrix(rows: 0, columns: hidden)
        inputGradient = Matrix(rows: 0, columns: steps * inputFeatures)
        preActivationGradients = Matrix(rows: 0, columns: hidden)
        previousHidden = Matrix(rows: 0, columns: hidden)
        recurrentProduct = Matrix(rows: 0, columns: hidden)
        hiddenGradient = Matrix(rows: 0, columns: hidden)
        combinedBias = [Float](repeating: 0, count: hidden)
        inputWeightsTransposed = Matrix(rows: inputFeatures, columns: hidden)
        hiddenWeightsTransposed = Matrix(rows: hidden, columns: hidden)
    }

    /// An RNN with PyTorch's first weights: every number from U(−1/√hidden, 1/√hidden).
    public init(steps: Int, inputFeatures: Int, hiddenSize: Int, returns: RecurrentOutput = .everyStep, random: inout RandomSource) {
        Recurrence.checkSizes("an RNN", steps: steps, inputSize: inputFeatures, hiddenSize: hiddenSize)
        let h = hiddenSize
        let wih = Recurrence.uniformValues(count: h * inputFeatures, hiddenSize: h, random: &random)
        let whh = Recurrence.uniformValues(count: h * h, hiddenSize: h, random: &random)
        let bih = Recurrence.uniformValues(count: h, hiddenSize: h, random: &random)
        let bhh = Recurrence.uniformValues(count: h, hiddenSize: h, random: &random)
        self.init(steps: steps, inputWeights: Matrix(rows: h, columns: inputFeatures, elements: wih),
                  hiddenWeights: Matrix(rows: h, columns: h, elements: whh), inputBias: bih, hiddenBias: bhh, returns: returns)
    }

    public var output: Matrix { returns == .everyStep ? hiddenStates : lastHidden }
    public var summary: String { "RNN(\(inputFeatures) → \(hiddenSize))" }
    public var spec: LayerSpec {
        .recurrent(.rnn, steps: steps, inputFeatures: inputFeatures, hiddenSize: hiddenSize, returns: returns)
    }

    public mutating func reserve(batchCapacity: Int) {
        let h = hiddenSize, rows = batchCapacity * steps
        hiddenStates = Matrix(rows: 0, columns: steps * h, capacity: batchCapacity)
        lastHidden = Matrix(rows: 0, columns: h, capacity: batchCapacity)
        inputGradient = Matrix(rows: 0, columns: steps * inputFeatures, capacity: batchCapacity)
        preActivationGradients = Matrix(rows: 0, columns: h, capacity: rows)
        previousHidden = Matrix(rows: 0, columns: h, capacity: rows)
        recurrentProduct = Matrix(rows: 0, columns: h, capacity: batchCapacity)
        hiddenGradient = Matrix(rows: 0, columns: h, capacity: batchCapacity)
    }

    public mutating func forward(_ input: Matrix, mode: Mode) {
        checkInput(input)
        let batch = input.rows
        if batch > hiddenStates.capacity { reserve(batchCapacity: batch) }
        if !transposesAreCurrent {
            Transpose.write(tensors[0].values, into: &inputWeightsTransposed)
            Transpose.write(tensors[1].values, into: &hiddenWeightsTransposed)
            for index in 0..<hiddenSize { combinedBias[index] = tensors[2].values.storage[index] + tensors[3].values.storage[index] }
            transposesAreCurrent = true
        }
        let rows = batch * steps
        hiddenStates.resize(rows: batch)
        lastHidden.resize(rows: batch)
        previousHidden.resize(rows: rows)
        recurrentProduct.resize(rows: batch)
        let (h, t0, features) = (hiddenSize, steps, inputFeatures)
        input.storage.withUnsafeBufferPointer { x in
        hiddenStates.storage.withUnsafeMutableBufferPointer { hidden in
        previousHidden.storage.withUnsafeMutableBufferPointer { previous in
        recurrentProduct.storage.withUnsafeMutableBufferPointer { product in
        inputWeightsTransposed.storage.withUnsafeBufferPointer { wihT in
        hiddenWeightsTransposed.storage.withUnsafeBufferPointer { whhT in
        combinedBias.withUnsafeBufferPointer { bias in
            let hidden = hidden.baseAddress!, previous = previous.baseAddress!, product = product.baseAddress!
            // Every step's W_ih x_t at once, written straight into the hidden states (rows b·T + t of h
            // numbers are the same memory as row b, columns t·h of `hiddenStates`).
            Recurrence.multiply(x.baseAddress!, rowStride: features, wihT.baseAddress!, hidden, rows: rows, inner: features, columns: h)
            for t in 0..<t0 {
                if t > 0 {
                    Recurrence.multiply(hidden + (t - 1) * h, rowStride: t0 * h, whhT.baseAddress!, product,
                                        rows: batch, inner: h, columns: h)
                }
                for b in 0..<batch {
                    let row = b * t0 + t
                    let a = hidden + row * h
                    for j in 0..<h { a[j] += bias[j] }
                    let p = previous + row * h
                    if t > 0 {
                        let q = product + b * h
                        for j in 0..<h { a[j] += q[j] }
                        let hBefore = a - h
                        for j in 0..<h { p[j] = hBefore[j] }
                    } else {
                        for j in 0..<h { p[j] = 0 }
                    }
                    Tanh.forward(a, a, count: h)
                }
            }
        }}}}}}}
        if returns == .lastStep {
            hiddenStates.storage.withUnsafeBufferPointer { hidden in
                lastHidden.storage.withUnsafeMutableBufferPointer { last in
                    for b in 0..<batch {
                        (last.baseAddress! + b * h).update(from: hidden.baseAddress! + (b * t0 + t0 - 1) * h, count: h)
                    }
                }
            }
        }
    }

    public mutating func backward(input: Matrix, outputGradient: Matrix, computeInputGradient: Bool) {
        let batch = input.rows, rows = batch * steps
        let (h, t0, features) = (hiddenSize, steps, inputFeatures)
        let everyStep = returns == .everyStep
        preActivationGradients.resize(rows: rows)
        hiddenGradient.resize(rows: batch)
        hiddenGradient.fill(0)
        outputGradient.storage.withUnsafeBufferPointer { dOut in
        hiddenStates.storage.withUnsafeBufferPointer { hidden in
        preActivationGradients.storage.withUnsafeMutableBufferPointer { dA in
        hiddenGradient.storage.withUnsafeMutableBufferPointer { dHidden in
        hiddenGradientSizes.withUnsafeMutableBufferPointer { sizes in
        tensors[1].values.storage.withUnsafeBufferPointer { whh in
            let hidden = hidden.baseAddress!, dA = dA.baseAddress!, dHidden = dHidden.baseAddress!
            for t in stride(from: t0 - 1, through: 0, by: -1) {
                var sizeSum: Float = 0
                for b in 0..<batch {
                    let row = b * t0 + t
                    let dh = dHidden + b * h, hRow = hidden + row * h, da = dA + row * h
                    if everyStep {
                        let own = dOut.baseAddress! + row * h
                        for j in 0..<h { dh[j] += own[j] }
                    } else if t == t0 - 1 {
                        let own = dOut.baseAddress! + b * h
                        for j in 0..<h { dh[j] += own[j] }
                    }
                    var squares: Float = 0
                    for j in 0..<h {
                        squares += dh[j] * dh[j]
                        da[j] = dh[j] * (1 - hRow[j] * hRow[j])
                    }
                    sizeSum += squares.squareRoot()
                }
                sizes[t] = batch > 0 ? sizeSum / Float(batch) : 0
                if t > 0 {
                    Recurrence.multiply(dA + t * h, rowStride: t0 * h, whh.baseAddress!, dHidden, rows: batch, inner: h, columns: h)
                }
            }
        }}}}}}
        Recurrence.finishBackward(gateGradients: preActivationGradients, gateWidth: h, input: input, previousHidden: previousHidden,
                                  tensors: &tensors, rows: rows, batch: batch, features: features, hiddenSize: h,
                                  computeInputGradient: computeInputGradient, inputGradient: &inputGradient)
    }

    /// The optimizer step on the four tensors, reading them directly; the weights' transposes are redone.
    @discardableResult
    public mutating func update(with optimizer: inout Optimizer, firstSlot: Int) -> Int {
        for index in 0..<4 where tensors[index].isTrainable { tensors[index].step(&optimizer, slot: firstSlot + index) }
        transposesAreCurrent = false
        return 4
    }

    public func detachedCopy() -> any Layer {
        var copy = self
        copy.tensors = tensors.map { $0.detachedCopy() }
        copy.transposesAreCurrent = false
        copy.reserve(batchCapacity: max(hiddenStates.capacity, 1))
        copy.inputWeightsTransposed = Matrix(rows: inputFeatures, columns: hiddenSize)
        copy.hiddenWeightsTransposed = Matrix(rows: hiddenSize, columns: hiddenSize)
        copy.combinedBias = [Float](repeating: 0, count: hiddenSize)
        copy.hiddenGradientSizes = [Float](repeating: 0, count: steps)
        return copy
    }

    /// h_t of one example after the last forward pass.
    public func hiddenState(example: Int, step: Int) -> ArraySlice<Float> {
        let start = example * steps * hiddenSize + step * hiddenSize
        return hiddenStates.storage[start ..< start + hiddenSize]
    }

    /// The forward pass with plain loops, one example and one step at a time; h_t for every step.
    public static func reference(input: Matrix, steps: Int, inputWeights: Matrix, hiddenWeights: Matrix,
                                 inputBias: [Float], hiddenBias: [Float]) -> Matrix {
        let h = hiddenWeights.columns, features = inputWeights.columns
        var result = Matrix(rows: input.rows, columns: steps * h)
        for b in 0..<input.rows {
            var hidden = [Float](repeating: 0, count: h)
            for t in 0..<steps {
                var next = [Float](repeating: 0, count: h)
                for j in 0..<h {
                    var sum = inputBias[j] + hiddenBias[j]
                    for k in 0..<features { sum += inputWeights[j, k] * input[b, t * features + k] }
                    for k in 0..<h { sum += hiddenWeights[j, k] * hidden[k] }
                    next[j] = _tanh(sum)
                    result[b, t * h + j] = next[j]
                }
                hidden = next
            }
        }
        return result
    }
}
