/// A gated recurrent unit layer: a recurrent layer with two gates and no separate cell, with
/// backpropagation through time.
///
/// For one example, with x_t the input at step t and h_{t−1} the state before it (zero before the first
/// step), PyTorch's `nn.GRU` equations:
///
///     r_t = σ(W_ir x_t + b_ir + W_hr h_{t−1} + b_hr)            reset gate
///     z_t = σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz)            update gate
///     n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn))  candidate state
///     h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}
///
/// Weights are stacked in the order r, z, n: `weight_ih_l0` `[3·hidden, input]`, `weight_hh_l0`
/// `[3·hidden, hidden]`, `bias_ih_l0` and `bias_hh_l0` `[3·hidden]`, PyTorch's names and layout. The reset
/// gate multiplies the recurrent part of n *with* its bias b_hn, so the two biases are not interchangeable.
///
/// Backward, from ∂L/∂h_t (the loss's own gradient plus what flows back from step t + 1), writing
/// u_t = W_hn h_{t−1} + b_hn:
///
///     ∂L/∂n_t = ∂L/∂h_t ⊙ (1 − z_t)          ∂L/∂z_t = ∂L/∂h_t ⊙ (h_{t−1} − n_t)
///     ∂L/∂a_n = ∂L/∂n_t ⊙ (1 − n_t²)          (the pre-activation of n)
///     ∂L/∂r_t = ∂L/∂a_n ⊙ u_t,   ∂L/∂u_t = ∂L/∂a_n ⊙ r_t
///     ∂L/∂a_r = ∂L/∂r_t ⊙ r_t(1 − r_t),   ∂L/∂a_z = ∂L/∂z_t ⊙ z_t(1 − z_t)
///     ∂L/∂h_{t−1} = ∂L/∂h_t ⊙ z_t + [∂a_r, ∂a_z, ∂u_t] · W_hh
///
/// The input side's gradient is [∂a_r, ∂a_z, ∂a_n] and the recurrent side's [∂a_r, ∂a_z, ∂u_t]; summed
/// over every step of every example they give ∂L/∂W_ih, ∂L/∂b_ih and ∂L/∂W_hh, ∂L/∂b_hh, each in one product.
public struct GRU: Layer {
    public let steps: Int
    public let inputFeatures: Int
    public let hiddenSize: Int
    public let returns: RecurrentOutput
    public let inputShape: TensorShape
    public let outputShape: TensorShape

    /// `weight_ih_l0`, `weight_hh_l0`, `bias_ih_l0`, `bias_hh_l0`, as in `torch.nn.GRU`.
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
    /// r, z, n after their activations, rows `batch × time` of `3 × hidden` numbers.
    public private(set) var gateValues: Matrix
    /// For each step, the mean over the batch of ‖∂L/∂h_t‖ in the last backward pass.
    public private(set) var hiddenGradientSizes: [Float]
    private var lastHidden: Matrix
    public private(set) var inputGradient: Matrix

    private var inputProjection: Matrix
    private var hiddenProjection: Matrix
    private var previousHidden: Matrix
    private var inputSideGradients: Matrix
    private var hiddenSideGradients: Matrix
    private var hiddenGradient: Matrix
    private var recurrentProduct: Matrix
    private var stepProduct: Matrix
    private var inputWeightsTransposed: Matrix
    private var hiddenWeightsTransposed: Matrix
    private var transposesAreCurrent = false

    public init(steps: Int, inputWeights: Matrix, hiddenWeights: Matrix, inputBias: [Float], hiddenBias: [Float],
                returns: RecurrentOutput = .everyStep) {
        let hidden = hiddenWeights.columns
        Recurrence.checkSizes("a GRU", steps: steps, inputSize: inputWeights.columns, hiddenSize: hidden)
        guard inputWeights.rows == 3 * hidden, hiddenWeights.rows == 3 * hidden, inputBias.count == 3 * hidden,
              hiddenBias.count == 3 * hidden else {
            fatalError("a GRU of \(hidden) units needs weights of \(3 * hidden) rows and biases of \(3 * hidden) numbers")
        }
        self.steps = steps
        inputFeatures = inputWeights.columns
        hiddenSize = hidden
        self.returns = returns
        inputShape = [steps, inputFeatures]
        outputShape = returns == .everyStep ? [steps, hidden] : [hidden]
        tensors = [
            Parameter(name: "weight_ih_l0", shape: [3 * hidden, inputFeatures], values: inputWeights.elements, isPenalised: true),
            Parameter(name: "weight_hh_l0", shape: [3 * hidden, hidden], values: hiddenWeights.elements, isPenalised: true),
            Parameter(name: "bias_ih_l0", shape: [3 * hidden], values: inputBias, isPenalised: false),
            Parameter(name: "bias_hh_l0", shape: [3 * hidden], values: hiddenBias, isPenalised: false),
        ]
        hiddenStates = Matrix(rows: 0, columns: steps * hidden)
        gateValues = Matrix(rows: 0, columns: 3 * hidden)
        hiddenGradientSizes = [Float](repeating: 0, count: steps)
        lastHidden = Matrix(rows: 0, columns: hidden)
        inputGradient = Matrix(rows: 0, columns: steps * inputFeatures)
        inputProjection = Matrix(rows: 0, columns: 3 * hidden)
        hiddenProjection = Matrix(rows: 0, columns: 3 * hidden)
        previousHidden = Matrix(rows: 0, columns: hidden)
        inputSideGradients = Matrix(rows: 0, columns: 3 * hidden)
        hiddenSideGradients = Matrix(rows: 0, columns: 3 * hidden)
        hiddenGradient = Matrix(rows: 0, columns: hidden)
        recurrentProduct = Matrix(rows: 0, columns: hidden)
        stepProduct = Matrix(rows: 0, columns: 3 * hidden)
        inputWeightsTransposed = Matrix(rows: inputFeatures, columns: 3 * hidden)
        hiddenWeightsTransposed = Matrix(rows: hidden, columns: 3 * hidden)
    }

    /// A GRU with PyTorch's first weights: every number from U(−1/√hidden, 1/√hidden).
    public init(steps: Int, inputFeatures: Int, hiddenSize: Int, returns: RecurrentOutput = .everyStep, random: inout RandomSource) {
        Recurrence.checkSizes("a GRU", steps: steps, inputSize: inputFeatures, hiddenSize: hiddenSize)
        let h3 = 3 * hiddenSize
        let wih = Recurrence.uniformValues(count: h3 * inputFeatures, hiddenSize: hiddenSize, random: &random)
        let whh = Recurrence.uniformValues(count: h3 * hiddenSize, hiddenSize: hiddenSize, random: &random)
        let bih = Recurrence.uniformValues(count: h3, hiddenSize: hiddenSize, random: &random)
        let bhh = Recurrence.uniformValues(count: h3, hiddenSize: hiddenSize, random: &random)
        self.init(steps: steps, inputWeights: Matrix(rows: h3, columns: inputFeatures, elements: wih),
                  hiddenWeights: Matrix(rows: h3, columns: hiddenSize, elements: whh), inputBias: bih, hiddenBias: bhh,
                  returns: returns)
    }

    public var output: Matrix { returns == .everyStep ? hiddenStates : lastHidden }
    public var summary: String { "GRU(\(inputFeatures) → \(hiddenSize))" }
    public var spec: LayerSpec {
        .recurrent(.gru, steps: steps, inputFeatures: inputFeatures, hiddenSize: hiddenSize, returns: returns)
    }

    public mutating func reserve(batchCapacity: Int) {
        let h = hiddenSize, rows = batchCapacity * steps
        hiddenStates = Matrix(rows: 0, columns: steps * h, capacity: batchCapacity)
        gateValues = Matrix(rows: 0, columns: 3 * h, capacity: rows)
        lastHidden = Matrix(rows: 0, columns: h, capacity: batchCapacity)
        inputGradient = Matrix(rows: 0, columns: steps * inputFeatures, capacity: batchCapacity)
        inputProjection = Matrix(rows: 0, columns: 3 * h, capacity: rows)
        hiddenProjection = Matrix(rows: 0, columns: 3 * h, capacity: rows)
        previousHidden = Matrix(rows: 0, columns: h, capacity: rows)
        inputSideGradients = Matrix(rows: 0, columns: 3 * h, capacity: rows)
        hiddenSideGradients = Matrix(rows: 0, columns: 3 * h, capacity: rows)
        hiddenGradient = Matrix(rows: 0, columns: h, capacity: batchCapacity)
        recurrentProduct = Matrix(rows: 0, columns: h, capacity: batchCapacity)
        stepProduct = Matrix(rows: 0, columns: 3 * h, capacity: batchCapacity)
    }

    public mutating func forward(_ input: Matrix, mode: Mode) {
        checkInput(input)
        let batch = input.rows
        if batch > hiddenStates.capacity { reserve(batchCapacity: batch) }
        if !transposesAreCurrent {
            Transpose.write(tensors[0].values, into: &inputWeightsTransposed)
            Transpose.write(tensors[1].values, into: &hiddenWeightsTransposed)
            transposesAreCurrent = true
        }
        let rows = batch * steps
        hiddenStates.resize(rows: batch)
        gateValues.resize(rows: rows)
        lastHidden.resize(rows: batch)
        inputProjection.resize(rows: rows)
        hiddenProjection.resize(rows: rows)
        previousHidden.resize(rows: rows)
        stepProduct.resize(rows: batch)
        let (h, h3, t0, features) = (hiddenSize, 3 * hiddenSize, steps, inputFeatures)
        input.storage.withUnsafeBufferPointer { x in
        hiddenStates.storage.withUnsafeMutableBufferPointer { hidden in
        gateValues.storage.withUnsafeMutableBufferPointer { gates in
        inputProjection.storage.withUnsafeMutableBufferPointer { fromInput in
        hiddenProjection.storage.withUnsafeMutableBufferPointer { fromHidden in
        previousHidden.storage.withUnsafeMutableBufferPointer { previous in
        stepProduct.storage.withUnsafeMutableBufferPointer { product in
        inputWeightsTransposed.storage.withUnsafeBufferPointer { wihT in
        hiddenWeightsTransposed.storage.withUnsafeBufferPointer { whhT in
        tensors[2].values.storage.withUnsafeBufferPointer { bih in
        tensors[3].values.storage.withUnsafeBufferPointer { bhh in
            let hidden = hidden.baseAddress!, gates = gates.baseAddress!, fromInput = fromInput.baseAddress!
            let fromHidden = fromHidden.baseAddress!, previous = previous.baseAddress!, product = product.baseAddress!
            // W_ih x_t + b_ih for every step of every example at once.
            Recurrence.multiply(x.baseAddress!, rowStride: features, wihT.baseAddress!, fromInput, rows: rows, inner: features, columns: h3)
            for row in 0..<rows {
                let p = fromInput + row * h3
                for j in 0..<h3 { p[j] += bih[j] }
            }
            for t in 0..<t0 {
                // W_hh h_{t−1} + b_hh for the batch, kept beside each step for the backward pass.
                if t > 0 {
                    Recurrence.multiply(hidden + (t - 1) * h, rowStride: t0 * h, whhT.baseAddress!, product,
                                        rows: batch, inner: h, columns: h3)
                }
                for b in 0..<batch {
                    let u = fromHidden + (b * t0 + t) * h3
                    if t > 0 {
                        let p = product + b * h3
                        for j in 0..<h3 { u[j] = p[j] + bhh[j] }
                    } else {
                        for j in 0..<h3 { u[j] = bhh[j] }
                    }
                }
                for b in 0..<batch {
                    let row = b * t0 + t
                    let u = fromHidden + row * h3, v = fromInput + row * h3, g = gates + row * h3
                    for j in 0..<(2 * h) { g[j] = v[j] + u[j] }
                    Sigmoid.forward(g, g, count: 2 * h)
                    for j in 0..<h { g[2 * h + j] = v[2 * h + j] + g[j] * u[2 * h + j] }
                    Tanh.forward(g + 2 * h, g + 2 * h, count: h)
                    let hRow = hidden + row * h, p = previous + row * h
                    if t > 0 {
                        let hBefore = hRow - h
                        for j in 0..<h {
                            p[j] = hBefore[j]
                            hRow[j] = (1 - g[h + j]) * g[2 * h + j] + g[h + j] * hBefore[j]
                        }
                    } else {
                        for j in 0..<h {
                            p[j] = 0
                            hRow[j] = (1 - g[h + j]) * g[2 * h + j]
                        }
                    }
                }
            }
        }}}}}}}}}}}
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
        let (h, h3, t0, features) = (hiddenSize, 3 * hiddenSize, steps, inputFeatures)
        let everyStep = returns == .everyStep
        inputSideGradients.resize(rows: rows)
        hiddenSideGradients.resize(rows: rows)
        hiddenGradient.resize(rows: batch)
        recurrentProduct.resize(rows: batch)
        hiddenGradient.fill(0)
        outputGradient.storage.withUnsafeBufferPointer { dOut in
        gateValues.storage.withUnsafeBufferPointer { gates in
        hiddenProjection.storage.withUnsafeBufferPointer { fromHidden in
        previousHidden.storage.withUnsafeBufferPointer { previous in
        inputSideGradients.storage.withUnsafeMutableBufferPointer { dInput in
        hiddenSideGradients.storage.withUnsafeMutableBufferPointer { dRecurrent in
        hiddenGradient.storage.withUnsafeMutableBufferPointer { dHidden in
        recurrentProduct.storage.withUnsafeMutableBufferPointer { product in
        hiddenGradientSizes.withUnsafeMutableBufferPointer { sizes in
        tensors[1].values.storage.withUnsafeBufferPointer { whh in
            let gates = gates.baseAddress!, fromHidden = fromHidden.baseAddress!, previous = previous.baseAddress!
            let dInput = dInput.baseAddress!, dRecurrent = dRecurrent.baseAddress!, dHidden = dHidden.baseAddress!
            let product = product.baseAddress!
            for t in stride(from: t0 - 1, through: 0, by: -1) {
                var sizeSum: Float = 0
                for b in 0..<batch {
                    let row = b * t0 + t
                    let g = gates + row * h3, u = fromHidden + row * h3, hBefore = previous + row * h
                    let di = dInput + row * h3, dr = dRecurrent + row * h3, dh = dHidden + b * h
                    if everyStep {
                        let own = dOut.baseAddress! + row * h
                        for j in 0..<h { dh[j] += own[j] }
                    } else if t == t0 - 1 {
                        let own = dOut.baseAddress! + b * h
                        for j in 0..<h { dh[j] += own[j] }
                    }
                    var squares: Float = 0
                    for j in 0..<h {
                        let r = g[j], z = g[h + j], n = g[2 * h + j], gradient = dh[j]
                        squares += gradient * gradient
                        let dn = gradient * (1 - z) * (1 - n * n)
                        let dz = gradient * (hBefore[j] - n) * z * (1 - z)
                        let drGate = dn * u[2 * h + j] * r * (1 - r)
                        di[j] = drGate; dr[j] = drGate
                        di[h + j] = dz; dr[h + j] = dz
                        di[2 * h + j] = dn; dr[2 * h + j] = dn * r
                        // The direct path h_{t−1} → h_t through z; the product below adds the gates' paths.
                        dh[j] = gradient * z
                    }
                    sizeSum += squares.squareRoot()
                }
                sizes[t] = batch > 0 ? sizeSum / Float(batch) : 0
                if t > 0 {
                    Recurrence.multiply(dRecurrent + t * h3, rowStride: t0 * h3, whh.baseAddress!, product,
                                        rows: batch, inner: h3, columns: h)
                    for index in 0..<(batch * h) { dHidden[index] += product[index] }
                }
            }
        }}}}}}}}}}
        inputSideGradients.storage.withUnsafeBufferPointer { dInput in
        hiddenSideGradients.storage.withUnsafeBufferPointer { dRecurrent in
            let dInput = dInput.baseAddress!, dRecurrent = dRecurrent.baseAddress!
            if tensors[0].isTrainable {
                input.storage.withUnsafeBufferPointer { x in
                    tensors[0].gradient.storage.withUnsafeMutableBufferPointer { dW in
                        Recurrence.multiplyTransposingA(dInput, x.baseAddress!, dW.baseAddress!, rows: h3, inner: rows, columns: features)
                    }
                }
            }
            if tensors[1].isTrainable {
                previousHidden.storage.withUnsafeBufferPointer { previous in
                    tensors[1].gradient.storage.withUnsafeMutableBufferPointer { dW in
                        Recurrence.multiplyTransposingA(dRecurrent, previous.baseAddress!, dW.baseAddress!, rows: h3, inner: rows, columns: h)
                    }
                }
            }
            if tensors[2].isTrainable {
                tensors[2].gradient.storage.withUnsafeMutableBufferPointer { db in
                    Recurrence.columnSums(dInput, rows: rows, columns: h3, into: db.baseAddress!)
                }
            }
            if tensors[3].isTrainable {
                tensors[3].gradient.storage.withUnsafeMutableBufferPointer { db in
                    Recurrence.columnSums(dRecurrent, rows: rows, columns: h3, into: db.baseAddress!)
                }
            }
            if computeInputGradient {
                inputGradient.resize(rows: batch)
                tensors[0].values.storage.withUnsafeBufferPointer { wih in
                    inputGradient.storage.withUnsafeMutableBufferPointer { dX in
                        Recurrence.multiply(dInput, rowStride: h3, wih.baseAddress!, dX.baseAddress!, rows: rows, inner: h3, columns: features)
                    }
                }
            }
        }}
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
        copy.inputWeightsTransposed = Matrix(rows: inputFeatures, columns: 3 * hiddenSize)
        copy.hiddenWeightsTransposed = Matrix(rows: hiddenSize, columns: 3 * hiddenSize)
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
        func sigmoid(_ x: Float) -> Float { 1 / (1 + _exp(-x)) }
        for b in 0..<input.rows {
            var hidden = [Float](repeating: 0, count: h)
            for t in 0..<steps {
                var v = [Float](repeating: 0, count: 3 * h), u = [Float](repeating: 0, count: 3 * h)
                for row in 0..<(3 * h) {
                    v[row] = inputBias[row]
                    for k in 0..<features { v[row] += inputWeights[row, k] * input[b, t * features + k] }
                    u[row] = hiddenBias[row]
                    for k in 0..<h { u[row] += hiddenWeights[row, k] * hidden[k] }
                }
                var next = [Float](repeating: 0, count: h)
                for j in 0..<h {
                    let r = sigmoid(v[j] + u[j]), z = sigmoid(v[h + j] + u[h + j])
                    let n = _tanh(v[2 * h + j] + r * u[2 * h + j])
                    next[j] = (1 - z) * n + z * hidden[j]
                    result[b, t * h + j] = next[j]
                }
                hidden = next
            }
        }
        return result
    }
}
