/// A long short-term memory layer: a recurrent layer whose cell state carries information across many
/// steps, guarded by three gates, with backpropagation through time.
///
/// For one example, with x_t the input at step t, h_{t−1} and c_{t−1} the hidden and cell states before it
/// (zero before the first step), and σ the logistic sigmoid (PyTorch's `nn.LSTM` equations):
///
///     i_t = σ(W_ii x_t + b_ii + W_hi h_{t−1} + b_hi)       input gate: how much of the candidate to write
///     f_t = σ(W_if x_t + b_if + W_hf h_{t−1} + b_hf)       forget gate: how much of the old cell to keep
///     g_t = tanh(W_ig x_t + b_ig + W_hg h_{t−1} + b_hg)    candidate cell values
///     o_t = σ(W_io x_t + b_io + W_ho h_{t−1} + b_ho)       output gate: how much of the cell to show
///     c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t
///     h_t = o_t ⊙ tanh(c_t)
///
/// The four gates' weights are stacked in the order i, f, g, o: `weight_ih_l0` is `[4·hidden, input]`,
/// `weight_hh_l0` `[4·hidden, hidden]`, `bias_ih_l0` and `bias_hh_l0` `[4·hidden]`, exactly PyTorch's names
/// and layout, so the same numbers give the same outputs there.
///
/// Backward, from ∂L/∂h_t (the loss's own gradient at step t plus what flows back from step t + 1) and
/// ∂L/∂c_t flowing back from step t + 1:
///
///     ∂L/∂o_t = ∂L/∂h_t ⊙ tanh(c_t)
///     ∂L/∂c_t += ∂L/∂h_t ⊙ o_t ⊙ (1 − tanh²(c_t))
///     ∂L/∂i_t = ∂L/∂c_t ⊙ g_t,   ∂L/∂g_t = ∂L/∂c_t ⊙ i_t,   ∂L/∂f_t = ∂L/∂c_t ⊙ c_{t−1}
///     ∂L/∂c_{t−1} = ∂L/∂c_t ⊙ f_t
///     ∂L/∂(gate pre-activations) a_t: σ' = σ(1 − σ) for i, f, o and tanh' = 1 − g² for g
///     ∂L/∂h_{t−1} = a_tᵀ-gradient · W_hh     (the only product that must wait for the step after)
///
/// and, summed over every step of every example, ∂L/∂W_ih = Σ ∂a_tᵀ x_t, ∂L/∂W_hh = Σ ∂a_tᵀ h_{t−1},
/// ∂L/∂b_ih = ∂L/∂b_hh = Σ ∂a_t, ∂L/∂x_t = ∂a_t · W_ih. Those are each one product over the whole batch.
///
/// `reference(…)` below runs the same equations with plain loops; tests hold the fast path to it.
public struct LSTM: Layer {
    /// The number of steps in each sequence.
    public let steps: Int
    /// Features per step going in.
    public let inputFeatures: Int
    /// Hidden (and cell) units.
    public let hiddenSize: Int
    /// Every step's hidden state, or only the last.
    public let returns: RecurrentOutput
    public let inputShape: TensorShape
    public let outputShape: TensorShape

    /// `weight_ih_l0`, `weight_hh_l0`, `bias_ih_l0`, `bias_hh_l0`, as in `torch.nn.LSTM`.
    public var parameters: [Parameter] {
        get { tensors }
        set { tensors = newValue; transposesAreCurrent = false }
        _modify {
            transposesAreCurrent = false
            yield &tensors
        }
    }
    private var tensors: [Parameter]

    /// h_t for every step of every example, `[batch, time × hidden]`: the output when `returns` is
    /// `.everyStep`, and what lessons read to draw the network's memory.
    public private(set) var hiddenStates: Matrix
    /// c_t for every step of every example, rows `batch × time` of `hidden` numbers.
    public private(set) var cellStates: Matrix
    /// The gate values i, f, g, o after their activations, rows `batch × time` of `4 × hidden` numbers.
    public private(set) var gateValues: Matrix
    /// For each step, the mean over the batch of the length ‖∂L/∂h_t‖ of the gradient that reached the
    /// hidden state in the last backward pass: the vanishing-gradient picture.
    public private(set) var hiddenGradientSizes: [Float]
    private var lastHidden: Matrix
    public private(set) var inputGradient: Matrix

    // Scratch, sized once.
    private var cellTanh: Matrix
    private var previousHidden: Matrix
    private var recurrentProduct: Matrix
    private var gateGradients: Matrix
    private var hiddenGradient: Matrix
    private var cellGradient: Matrix
    private var combinedBias: [Float]
    private var inputWeightsTransposed: Matrix
    private var hiddenWeightsTransposed: Matrix
    private var transposesAreCurrent = false

    /// An LSTM with the given tensors: `inputWeights` `[4h, in]`, `hiddenWeights` `[4h, h]`, biases `[4h]`.
    public init(steps: Int, inputWeights: Matrix, hiddenWeights: Matrix, inputBias: [Float], hiddenBias: [Float],
                returns: RecurrentOutput = .everyStep) {
        let hidden = hiddenWeights.columns
        Recurrence.checkSizes("an LSTM", steps: steps, inputSize: inputWeights.columns, hiddenSize: hidden)
        guard inputWeights.rows == 4 * hidden, hiddenWeights.rows == 4 * hidden, inputBias.count == 4 * hidden,
              hiddenBias.count == 4 * hidden else {
            fatalError("an LSTM of \(hidden) units needs weights of \(4 * hidden) rows and biases of \(4 * hidden) numbers")
        }
        self.steps = steps
        inputFeatures = inputWeights.columns
        hiddenSize = hidden
        self.returns = returns
        inputShape = [steps, inputFeatures]
        outputShape = returns == .everyStep ? [steps, hidden] : [hidden]
        tensors = [
            Parameter(name: "weight_ih_l0", shape: [4 * hidden, inputFeatures], values: inputWeights.elements, isPenalised: true),
            Parameter(name: "weight_hh_l0", shape: [4 * hidden, hidden], values: hiddenWeights.elements, isPenalised: true),
            Parameter(name: "bias_ih_l0", shape: [4 * hidden], values: inputBias, isPenalised: false),
            Parameter(name: "bias_hh_l0", shape: [4 * hidden], values: hiddenBias, isPenalised: false),
        ]
        hiddenStates = Matrix(rows: 0, columns: steps * hidden)
        cellStates = Matrix(rows: 0, columns: hidden)
        gateValues = Matrix(rows: 0, columns: 4 * hidden)
        hiddenGradientSizes = [Float](repeating: 0, count: steps)
        lastHidden = Matrix(rows: 0, columns: hidden)
        inputGradient = Matrix(rows: 0, columns: steps * inputFeatures)
        cellTanh = Matrix(rows: 0, columns: hidden)
        previousHidden = Matrix(rows: 0, columns: hidden)
        recurrentProduct = Matrix(rows: 0, columns: 4 * hidden)
        gateGradients = Matrix(rows: 0, columns: 4 * hidden)
        hiddenGradient = Matrix(rows: 0, columns: hidden)
        cellGradient = Matrix(rows: 0, columns: hidden)
        combinedBias = [Float](repeating: 0, count: 4 * hidden)
        inputWeightsTransposed = Matrix(rows: inputFeatures, columns: 4 * hidden)
        hiddenWeightsTransposed = Matrix(rows: hidden, columns: 4 * hidden)
    }

    /// An LSTM with PyTorch's first weights: every number from U(−1/√hidden, 1/√hidden).
    public init(steps: Int, inputFeatures: Int, hiddenSize: Int, returns: RecurrentOutput = .everyStep, random: inout RandomSource) {
        Recurrence.checkSizes("an LSTM", steps: steps, inputSize: inputFeatures, hiddenSize: hiddenSize)
        let h4 = 4 * hiddenSize
        let wih = Recurrence.uniformValues(count: h4 * inputFeatures, hiddenSize: hiddenSize, random: &random)
        let whh = Recurrence.uniformValues(count: h4 * hiddenSize, hiddenSize: hiddenSize, random: &random)
        let bih = Recurrence.uniformValues(count: h4, hiddenSize: hiddenSize, random: &random)
        let bhh = Recurrence.uniformValues(count: h4, hiddenSize: hiddenSize, random: &random)
        self.init(steps: steps, inputWeights: Matrix(rows: h4, columns: inputFeatures, elements: wih),
                  hiddenWeights: Matrix(rows: h4, columns: hiddenSize, elements: whh), inputBias: bih, hiddenBias: bhh,
                  returns: returns)
    }

    public var output: Matrix { returns == .everyStep ? hiddenStates : lastHidden }
    public var summary: String { "LSTM(\(inputFeatures) → \(hiddenSize))" }
    public var spec: LayerSpec {
        .recurrent(.lstm, steps: steps, inputFeatures: inputFeatures, hiddenSize: hiddenSize, returns: returns)
    }

    public mutating func reserve(batchCapacity: Int) {
        let h = hiddenSize, rows = batchCapacity * steps
        hiddenStates = Matrix(rows: 0, columns: steps * h, capacity: batchCapacity)
        cellStates = Matrix(rows: 0, columns: h, capacity: rows)
        gateValues = Matrix(rows: 0, columns: 4 * h, capacity: rows)
        lastHidden = Matrix(rows: 0, columns: h, capacity: batchCapacity)
        inputGradient = Matrix(rows: 0, columns: steps * inputFeatures, capacity: batchCapacity)
        cellTanh = Matrix(rows: 0, columns: h, capacity: rows)
        previousHidden = Matrix(rows: 0, columns: h, capacity: rows)
        recurrentProduct = Matrix(rows: 0, columns: 4 * h, capacity: batchCapacity)
        gateGradients = Matrix(rows: 0, columns: 4 * h, capacity: rows)
        hiddenGradient = Matrix(rows: 0, columns: h, capacity: batchCapacity)
        cellGradient = Matrix(rows: 0, columns: h, capacity: batchCapacity)
    }

    public mutating func forward(_ input: Matrix, mode: Mode) {
        checkInput(input)
        let batch = input.rows
        if batch > hiddenStates.capacity { reserve(batchCapacity: batch) }
        if !transposesAreCurrent {
            Transpose.write(tensors[0].values, into: &inputWeightsTransposed)
            Transpose.write(tensors[1].values, into: &hiddenWeightsTransposed)
            for index in 0..<(4 * hiddenSize) {
                combinedBias[index] = tensors[2].values.storage[index] + tensors[3].values.storage[index]
            }
            transposesAreCurrent = true
        }
        let rows = batch * steps
        hiddenStates.resize(rows: batch)
        cellStates.resize(rows: rows)
        gateValues.resize(rows: rows)
        lastHidden.resize(rows: batch)
        cellTanh.resize(rows: rows)
        previousHidden.resize(rows: rows)
        recurrentProduct.resize(rows: batch)
        let (h, h4, t0, features) = (hiddenSize, 4 * hiddenSize, steps, inputFeatures)

        input.storage.withUnsafeBufferPointer { x in
        gateValues.storage.withUnsafeMutableBufferPointer { gates in
        hiddenStates.storage.withUnsafeMutableBufferPointer { hidden in
        cellStates.storage.withUnsafeMutableBufferPointer { cells in
        cellTanh.storage.withUnsafeMutableBufferPointer { tanhCells in
        previousHidden.storage.withUnsafeMutableBufferPointer { previous in
        recurrentProduct.storage.withUnsafeMutableBufferPointer { product in
        inputWeightsTransposed.storage.withUnsafeBufferPointer { wihT in
        hiddenWeightsTransposed.storage.withUnsafeBufferPointer { whhT in
        combinedBias.withUnsafeBufferPointer { bias in
            let gates = gates.baseAddress!, hidden = hidden.baseAddress!, cells = cells.baseAddress!
            let tanhCells = tanhCells.baseAddress!, previous = previous.baseAddress!, product = product.baseAddress!
            // Every step's input projection at once: rows b·T + t of X·W_ihᵀ, plus both biases.
            Recurrence.multiply(x.baseAddress!, rowStride: features, wihT.baseAddress!, gates, rows: rows, inner: features, columns: h4)
            for row in 0..<rows {
                let g = gates + row * h4
                for j in 0..<h4 { g[j] += bias[j] }
            }
            for t in 0..<t0 {
                if t > 0 {
                    // h_{t−1}·W_hhᵀ for the whole batch: h_{t−1} of example b sits at row b of `hidden`,
                    // columns (t−1)·h, so the rows are T·h apart.
                    Recurrence.multiply(hidden + (t - 1) * h, rowStride: t0 * h, whhT.baseAddress!, product,
                                        rows: batch, inner: h, columns: h4)
                }
                for b in 0..<batch {
                    let row = b * t0 + t
                    let g = gates + row * h4
                    if t > 0 {
                        let p = product + b * h4
                        for j in 0..<h4 { g[j] += p[j] }
                    }
                    Sigmoid.forward(g, g, count: 2 * h)
                    Tanh.forward(g + 2 * h, g + 2 * h, count: h)
                    Sigmoid.forward(g + 3 * h, g + 3 * h, count: h)
                    let c = cells + row * h
                    if t > 0 {
                        let cPrevious = cells + (row - 1) * h
                        for j in 0..<h { c[j] = g[h + j] * cPrevious[j] + g[j] * g[2 * h + j] }
                    } else {
                        for j in 0..<h { c[j] = g[j] * g[2 * h + j] }
                    }
                    let tc = tanhCells + row * h
                    Tanh.forward(c, tc, count: h)
                    let hRow = hidden + b * t0 * h + t * h
                    for j in 0..<h { hRow[j] = g[3 * h + j] * tc[j] }
                    // h_{t−1} beside step t, for the weight gradient's single product.
                    let p = previous + row * h
                    if t > 0 {
                        let hBefore = hRow - h
                        for j in 0..<h { p[j] = hBefore[j] }
                    } else {
                        for j in 0..<h { p[j] = 0 }
                    }
                }
            }
        }}}}}}}}}}
        if returns == .lastStep { copyLastStep(batch: batch) }
    }

    private mutating func copyLastStep(batch: Int) {
        let (h, t0) = (hiddenSize, steps)
        hiddenStates.storage.withUnsafeBufferPointer { hidden in
            lastHidden.storage.withUnsafeMutableBufferPointer { last in
                for b in 0..<batch {
                    (last.baseAddress! + b * h).update(from: hidden.baseAddress! + (b * t0 + t0 - 1) * h, count: h)
                }
            }
        }
    }

    public mutating func backward(input: Matrix, outputGradient: Matrix, computeInputGradient: Bool) {
        let batch = input.rows, rows = batch * steps
        let (h, h4, t0, features) = (hiddenSize, 4 * hiddenSize, steps, inputFeatures)
        let everyStep = returns == .everyStep
        gateGradients.resize(rows: rows)
        hiddenGradient.resize(rows: batch)
        cellGradient.resize(rows: batch)
        hiddenGradient.fill(0)
        cellGradient.fill(0)
        for t in 0..<t0 { hiddenGradientSizes[t] = 0 }

        outputGradient.storage.withUnsafeBufferPointer { dOut in
        gateValues.storage.withUnsafeBufferPointer { gates in
        cellStates.storage.withUnsafeBufferPointer { cells in
        cellTanh.storage.withUnsafeBufferPointer { tanhCells in
        gateGradients.storage.withUnsafeMutableBufferPointer { dGates in
        hiddenGradient.storage.withUnsafeMutableBufferPointer { dHidden in
        cellGradient.storage.withUnsafeMutableBufferPointer { dCell in
        hiddenGradientSizes.withUnsafeMutableBufferPointer { sizes in
        tensors[1].values.storage.withUnsafeBufferPointer { whh in
            let gates = gates.baseAddress!, cells = cells.baseAddress!, tanhCells = tanhCells.baseAddress!
            let dGates = dGates.baseAddress!, dHidden = dHidden.baseAddress!, dCell = dCell.baseAddress!
            for t in stride(from: t0 - 1, through: 0, by: -1) {
                var sizeSum: Float = 0
                for b in 0..<batch {
                    let row = b * t0 + t
                    let g = gates + row * h4, tc = tanhCells + row * h, dg = dGates + row * h4
                    let dh = dHidden + b * h, dc = dCell + b * h
                    // ∂L/∂h_t: the loss's own gradient at this step plus what came back from step t + 1.
                    if everyStep {
                        let own = dOut.baseAddress! + b * t0 * h + t * h
                        for j in 0..<h { dh[j] += own[j] }
                    } else if t == t0 - 1 {
                        let own = dOut.baseAddress! + b * h
                        for j in 0..<h { dh[j] += own[j] }
                    }
                    var squares: Float = 0
                    for j in 0..<h { squares += dh[j] * dh[j] }
                    sizeSum += squares.squareRoot()
                    let cPrevious: UnsafePointer<Float>? = t > 0 ? cells + (row - 1) * h : nil
                    for j in 0..<h {
                        let i = g[j], f = g[h + j], candidate = g[2 * h + j], o = g[3 * h + j], tanhC = tc[j]
                        let cellTotal = dc[j] + dh[j] * o * (1 - tanhC * tanhC)
                        let before = cPrevious?[j] ?? 0
                        dg[j] = cellTotal * candidate * i * (1 - i)
                        dg[h + j] = cellTotal * before * f * (1 - f)
                        dg[2 * h + j] = cellTotal * i * (1 - candidate * candidate)
                        dg[3 * h + j] = dh[j] * tanhC * o * (1 - o)
                        dc[j] = cellTotal * f
                    }
                }
                sizes[t] = batch > 0 ? sizeSum / Float(batch) : 0
                if t > 0 {
                    // ∂L/∂h_{t−1} = ∂a_t · W_hh for the whole batch (rows of ∂a_t are T·4h apart).
                    Recurrence.multiply(dGates + t * h4, rowStride: t0 * h4, whh.baseAddress!, dHidden,
                                        rows: batch, inner: h4, columns: h)
                }
            }
        }}}}}}}}}

        Recurrence.finishBackward(gateGradients: gateGradients, gateWidth: h4, input: input, previousHidden: previousHidden,
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
        copy.inputWeightsTransposed = Matrix(rows: inputFeatures, columns: 4 * hiddenSize)
        copy.hiddenWeightsTransposed = Matrix(rows: hiddenSize, columns: 4 * hiddenSize)
        copy.combinedBias = [Float](repeating: 0, count: 4 * hiddenSize)
        copy.hiddenGradientSizes = [Float](repeating: 0, count: steps)
        return copy
    }

    /// Sets the input side's forget-gate biases (`bias_ih_l0[h ..< 2h]`) to `value`, the usual remedy
    /// (Gers et al. 2000; Jozefowicz et al. 2015) when a memory must last many steps: with f ≈ σ(value)
    /// near 1 from the start, the cell keeps what it wrote and the gradient reaches far-back steps, so
    /// training can find the long dependency. PyTorch has no option for it; the same assignment is done
    /// by hand there (`lstm.bias_ih_l0.data[h:2*h] = value`).
    public mutating func setForgetGateBias(_ value: Float) {
        for j in hiddenSize..<(2 * hiddenSize) { tensors[2].values.storage[j] = value }
        transposesAreCurrent = false
    }

    // MARK: - Reading inside, for lessons

    /// h_t of one example after the last forward pass.
    public func hiddenState(example: Int, step: Int) -> ArraySlice<Float> {
        let start = example * steps * hiddenSize + step * hiddenSize
        return hiddenStates.storage[start ..< start + hiddenSize]
    }

    /// The gate values of one example at one step after the last forward pass.
    public func gates(example: Int, step: Int) -> (input: ArraySlice<Float>, forget: ArraySlice<Float>,
                                                    candidate: ArraySlice<Float>, output: ArraySlice<Float>) {
        let start = (example * steps + step) * 4 * hiddenSize, h = hiddenSize
        let all = gateValues.storage
        return (all[start ..< start + h], all[start + h ..< start + 2 * h],
                all[start + 2 * h ..< start + 3 * h], all[start + 3 * h ..< start + 4 * h])
    }

    // MARK: - The plain reference

    /// The forward pass with plain loops and Foundation's functions, one example and one step at a time:
    /// the equations above as written. Returns h_t for every step, `[batch, time × hidden]`.
    public static func reference(input: Matrix, steps: Int, inputWeights: Matrix, hiddenWeights: Matrix,
                                 inputBias: [Float], hiddenBias: [Float]) -> Matrix {
        let h = hiddenWeights.columns, features = inputWeights.columns
        var result = Matrix(rows: input.rows, columns: steps * h)
        func sigmoid(_ x: Float) -> Float { 1 / (1 + _exp(-x)) }
        for b in 0..<input.rows {
            var hidden = [Float](repeating: 0, count: h), cell = [Float](repeating: 0, count: h)
            for t in 0..<steps {
                var a = [Float](repeating: 0, count: 4 * h)
                for row in 0..<(4 * h) {
                    var sum = inputBias[row] + hiddenBias[row]
                    for k in 0..<features { sum += inputWeights[row, k] * input[b, t * features + k] }
                    for k in 0..<h { sum += hiddenWeights[row, k] * hidden[k] }
                    a[row] = sum
                }
                for j in 0..<h {
                    let i = sigmoid(a[j]), f = sigmoid(a[h + j]), g = _tanh(a[2 * h + j]), o = sigmoid(a[3 * h + j])
                    cell[j] = f * cell[j] + i * g
                    hidden[j] = o * _tanh(cell[j])
                    result[b, t * h + j] = hidden[j]
                }
            }
        }
        return result
    }
}
