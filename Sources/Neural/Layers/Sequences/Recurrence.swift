/// What a recurrent layer hands on: its hidden state after every step, or only after the last one.
///
/// Every step's state (`[time, hidden]` per example) feeds a per-step layer — a character model predicts
/// the next character at every position. The last state alone (`[hidden]`) summarises the whole sequence
/// for one answer at the end. PyTorch's `nn.LSTM` returns both; here the layer is told which to pass on.
public enum RecurrentOutput: Sendable, Hashable {
    case everyStep
    case lastStep
}

/// Pieces every recurrent layer (`RNN`, `LSTM`, `GRU`) shares: PyTorch's first weights and the products
/// over raw buffers laid out as the engine lays out sequences.
///
/// A batch of sequences is a matrix of one example per row and `time × features` columns, step t at
/// columns t·F ..< (t+1)·F. Read as raw memory, the same buffer is a matrix of `batch × time` rows of F
/// columns (row b·T + t is step t of example b), so one product multiplies every step of every example
/// by the input weights at once; only the recurrent product h_{t−1}·W_hhᵀ has to wait for the step before.
enum Recurrence {
    /// PyTorch's first weights for a recurrent layer: every tensor, biases included, drawn from
    /// U(−1/√hidden, 1/√hidden).
    static func uniformValues(count: Int, hiddenSize: Int, random: inout RandomSource) -> [Float] {
        let limit = 1 / Float(hiddenSize).squareRoot()
        return (0..<count).map { _ in random.uniform(-limit...limit) }
    }

    /// `C = A·B` where A has `rows` rows of `inner` numbers, `rowStride` apart, and B is `inner × columns`
    /// row-major; C is written contiguously.
    @inline(__always)
    static func multiply(_ a: UnsafePointer<Float>, rowStride: Int, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                         rows: Int, inner: Int, columns: Int) {
        guard rows > 0, columns > 0 else { return }
        if inner == 0 {
            c.update(repeating: 0, count: rows * columns)
            return
        }
        MatrixProduct.multiply(a, b, c, rows: rows, inner: inner, columns: columns, rowStride: rowStride, innerStride: 1)
    }

    /// `C = Aᵀ·B` where A is `inner × rows` row-major (so Aᵀ is `rows × inner`) and B is `inner × columns`:
    /// the weight gradient Σ over every step of every example of (∂L/∂gates)ᵀ·(what the weights multiplied).
    @inline(__always)
    static func multiplyTransposingA(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                                     rows: Int, inner: Int, columns: Int) {
        guard rows > 0, columns > 0 else { return }
        if inner == 0 {
            c.update(repeating: 0, count: rows * columns)
            return
        }
        MatrixProduct.multiply(a, b, c, rows: rows, inner: inner, columns: columns, rowStride: 1, innerStride: rows)
    }

    /// Writes the sum of each column of the `rows × columns` matrix `a` into `sums`.
    @inline(__always)
    static func columnSums(_ a: UnsafePointer<Float>, rows: Int, columns: Int, into sums: UnsafeMutablePointer<Float>) {
        ElementwiseKernels.columnSums(rows: rows, columns: columns, of: a, into: sums)
    }

    /// The last part of an RNN's or LSTM's backward pass, once ∂L/∂(gate pre-activations) of every step is
    /// known (`gateGradients`, `rows` = batch × steps rows of `gateWidth`: h for an RNN, 4h for an LSTM):
    ///
    ///     ∂L/∂W_ih = Σ ∂L/∂gatesᵀ · x_t       ∂L/∂W_hh = Σ ∂L/∂gatesᵀ · h_{t−1}
    ///     ∂L/∂b_ih = ∂L/∂b_hh = Σ ∂L/∂gates    ∂L/∂x_t  = ∂L/∂gates · W_ih
    ///
    /// for the tensors that train (`weight_ih`, `weight_hh`, `bias_ih`, `bias_hh`, in that order).
    static func finishBackward(gateGradients: Matrix, gateWidth: Int, input: Matrix, previousHidden: Matrix,
                               tensors: inout [Parameter], rows: Int, batch: Int, features: Int, hiddenSize: Int,
                               computeInputGradient: Bool, inputGradient: inout Matrix) {
        gateGradients.storage.withUnsafeBufferPointer { dGates in
            let dGates = dGates.baseAddress!
            if tensors[0].isTrainable {
                input.storage.withUnsafeBufferPointer { x in
                    tensors[0].gradient.storage.withUnsafeMutableBufferPointer { dW in
                        multiplyTransposingA(dGates, x.baseAddress!, dW.baseAddress!, rows: gateWidth, inner: rows, columns: features)
                    }
                }
            }
            if tensors[1].isTrainable {
                previousHidden.storage.withUnsafeBufferPointer { previous in
                    tensors[1].gradient.storage.withUnsafeMutableBufferPointer { dW in
                        multiplyTransposingA(dGates, previous.baseAddress!, dW.baseAddress!, rows: gateWidth, inner: rows, columns: hiddenSize)
                    }
                }
            }
            for index in 2...3 where tensors[index].isTrainable {
                tensors[index].gradient.storage.withUnsafeMutableBufferPointer { db in
                    columnSums(dGates, rows: rows, columns: gateWidth, into: db.baseAddress!)
                }
            }
            if computeInputGradient {
                inputGradient.resize(rows: batch)
                tensors[0].values.storage.withUnsafeBufferPointer { wih in
                    inputGradient.storage.withUnsafeMutableBufferPointer { dX in
                        multiply(dGates, rowStride: gateWidth, wih.baseAddress!, dX.baseAddress!, rows: rows, inner: gateWidth, columns: features)
                    }
                }
            }
        }
    }

    /// Stops with a sentence when a sequence layer is built with a size below 1.
    static func checkSizes(_ name: String, steps: Int, inputSize: Int, hiddenSize: Int) {
        guard steps >= 1, inputSize >= 1, hiddenSize >= 1 else {
            fatalError("\(name) needs at least 1 step, 1 input feature and 1 hidden unit, got \(steps) steps of \(inputSize) features and \(hiddenSize) hidden units")
        }
    }
}

/// Which recurrent cell a layer runs, for specs, model files and architecture words.
public enum RecurrentKind: String, Sendable, Hashable, CaseIterable {
    case rnn
    case lstm
    case gru

    /// How many blocks of `hidden` rows the stacked weights have: 1 for the RNN, 4 gates for the LSTM,
    /// 3 for the GRU.
    public var gateCount: Int {
        switch self {
        case .rnn: 1
        case .lstm: 4
        case .gru: 3
        }
    }

    /// PyTorch's module: `nn.RNN`, `nn.LSTM`, `nn.GRU`.
    public var pytorchModule: String {
        switch self {
        case .rnn: "nn.RNN"
        case .lstm: "nn.LSTM"
        case .gru: "nn.GRU"
        }
    }
}
