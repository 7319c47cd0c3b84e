/// One pre-LayerNorm transformer block, as in GPT-2: attention and an MLP, each reading a normalised
/// copy of the stream and adding its result back onto it (a residual connection).
///
/// For an example X `[time, d]`:
///
///     forward    R = X + Attention(LayerNorm₁(X))                      causal multi-head self-attention
///                Y = R + W₂·ReLU(W₁·LayerNorm₂(R) + b₁) + b₂         the MLP d → 4d → d at every step
///     backward   ∂L/∂R = ∂L/∂Y + (∂ through the MLP and LayerNorm₂ of ∂L/∂Y)
///                ∂L/∂X = ∂L/∂R + (∂ through the attention and LayerNorm₁ of ∂L/∂R)
///
/// The residual paths carry ∂L/∂Y unchanged down to X, which is why deep stacks of blocks still train.
/// Tensors are named as the PyTorch module
///
///     class Block(nn.Module):
///         def __init__(self, d, heads):
///             super().__init__()
///             self.ln_1 = nn.LayerNorm(d)
///             self.attn = nn.MultiheadAttention(d, heads, batch_first=True)
///             self.ln_2 = nn.LayerNorm(d)
///             self.mlp = nn.Sequential(nn.Linear(d, 4 * d), nn.ReLU(), nn.Linear(4 * d, d))
///
/// names them: `ln_1.weight`, `attn.in_proj_weight`, …, `mlp.2.bias`. Each part keeps its own forward and
/// backward (`LayerNorm`, `CausalSelfAttention`, `StepwiseLinear`); this file only joins them.
public struct TransformerBlock: Layer {
    public let steps: Int
    public let dimension: Int
    public let inputShape: TensorShape
    public let outputShape: TensorShape
    /// The width of the MLP's hidden layer: 4·d.
    public var hiddenSize: Int { 4 * dimension }

    public private(set) var firstNorm: LayerNorm
    public private(set) var attention: CausalSelfAttention
    public private(set) var secondNorm: LayerNorm
    var expand: StepwiseLinear
    var contract: StepwiseLinear

    public private(set) var output: Matrix
    public private(set) var inputGradient: Matrix
    /// R = X + attention, the stream between the two halves.
    private var residual: Matrix
    /// ReLU(W₁·LayerNorm₂(R) + b₁) at every step.
    private(set) var hidden: [Float] = []
    private var hiddenGradient: [Float] = []
    /// ∂L/∂LayerNorm₂(R), and ∂L/∂R.
    private var normalisedGradient: Matrix
    private var residualGradient: Matrix

    /// The number of heads of the attention.
    public var heads: Int { attention.heads }

    /// A block with weights drawn as PyTorch draws them: LayerNorms at γ = 1, β = 0, attention as
    /// `CausalSelfAttention` starts, the MLP's weights uniform in ±1/√fan-in and zero biases.
    public init(steps: Int, dimension: Int, heads: Int, random: inout RandomSource) {
        let attention = CausalSelfAttention(steps: steps, dimension: dimension, heads: heads, random: &random)
        let hidden = 4 * dimension
        let first = Initializer.uniform(limit: 1 / Float(dimension).squareRoot()).weights(inputSize: dimension, outputSize: hidden, random: &random)
        let second = Initializer.uniform(limit: 1 / Float(hidden).squareRoot()).weights(inputSize: hidden, outputSize: dimension, random: &random)
        self.init(attention: attention, expandWeights: first, expandBias: [Float](repeating: 0, count: hidden),
                  contractWeights: second, contractBias: [Float](repeating: 0, count: dimension))
    }

    /// A block around the given attention, with the MLP's weights `[4d, d]` and `[d, 4d]`.
    public init(attention: CausalSelfAttention, expandWeights: Matrix, expandBias: [Float], contractWeights: Matrix, contractBias: [Float]) {
        let (steps, d) = (attention.steps, attention.dimension)
        guard expandWeights.rows == 4 * d, expandWeights.columns == d, contractWeights.rows == d, contractWeights.columns == 4 * d else {
            fatalError("a block of dimension \(d) needs MLP weights [\(4 * d), \(d)] and [\(d), \(4 * d)]")
        }
        self.steps = steps
        dimension = d
        inputShape = [steps, d]
        outputShape = [steps, d]
        firstNorm = LayerNorm(shape: [steps, d])
        self.attention = attention
        secondNorm = LayerNorm(shape: [steps, d])
        expand = StepwiseLinear(weights: expandWeights, bias: expandBias, weightName: "mlp.0.weight", biasName: "mlp.0.bias")
        contract = StepwiseLinear(weights: contractWeights, bias: contractBias, weightName: "mlp.2.weight", biasName: "mlp.2.bias")
        output = Matrix(rows: 0, columns: steps * d)
        inputGradient = Matrix(rows: 0, columns: steps * d)
        residual = Matrix(rows: 0, columns: steps * d)
        normalisedGradient = Matrix(rows: 0, columns: steps * d)
        residualGradient = Matrix(rows: 0, columns: steps * d)
    }

    public var summary: String { "Block(\(dimension), \(heads) heads)" }
    public var spec: LayerSpec { .transformerBlock(steps: steps, dimension: dimension, heads: heads) }

    /// The parts' tensors under the names of the PyTorch module above, in this order.
    public var parameters: [Parameter] {
        get {
            firstNorm.parameters.map { $0.renamed("ln_1." + $0.name) }
                + attention.parameters.map { $0.renamed("attn." + $0.name) }
                + secondNorm.parameters.map { $0.renamed("ln_2." + $0.name) }
                + expand.tensors + contract.tensors
        }
        set {
            precondition(newValue.count == 12, "a transformer block has 12 tensors, got \(newValue.count)")
            func strip(_ parameters: ArraySlice<Parameter>, _ prefix: String) -> [Parameter] {
                parameters.map { $0.renamed(String($0.name.dropFirst(prefix.count))) }
            }
            firstNorm.parameters = strip(newValue[0..<2], "ln_1.")
            attention.parameters = strip(newValue[2..<6], "attn.")
            secondNorm.parameters = strip(newValue[6..<8], "ln_2.")
            expand.setTensors(Array(newValue[8..<10]))
            contract.setTensors(Array(newValue[10..<12]))
        }
    }

    @discardableResult
    public mutating func update(with optimizer: inout Optimizer, firstSlot: Int) -> Int {
        firstNorm.update(with: &optimizer, firstSlot: firstSlot)
        attention.update(with: &optimizer, firstSlot: firstSlot + 2)
        secondNorm.update(with: &optimizer, firstSlot: firstSlot + 6)
        expand.update(with: &optimizer, firstSlot: firstSlot + 8)
        contract.update(with: &optimizer, firstSlot: firstSlot + 10)
        return 12
    }

    public mutating func reserve(batchCapacity: Int) {
        firstNorm.reserve(batchCapacity: batchCapacity)
        attention.reserve(batchCapacity: batchCapacity)
        secondNorm.reserve(batchCapacity: batchCapacity)
        let rows = batchCapacity * steps
        expand.reserve(rows: rows)
        contract.reserve(rows: rows)
        for matrix in [\Self.output, \.inputGradient, \.residual, \.normalisedGradient, \.residualGradient] as [WritableKeyPath<Self, Matrix>] {
            self[keyPath: matrix] = Matrix(rows: 0, columns: steps * dimension, capacity: batchCapacity)
        }
        hidden = [Float](repeating: 0, count: rows * hiddenSize)
        hiddenGradient = [Float](repeating: 0, count: rows * hiddenSize)
    }

    public mutating func forward(_ input: Matrix, mode: Mode) {
        checkInput(input)
        if input.rows > output.capacity || input.rows * steps * hiddenSize > hidden.count { reserve(batchCapacity: input.rows) }
        let rows = input.rows * steps, count = input.count, hiddenCount = rows * hiddenSize
        firstNorm.forward(input, mode: mode)
        attention.forward(firstNorm.output, mode: mode)
        Self.add(input, attention.output, into: &residual)
        secondNorm.forward(residual, mode: mode)
        secondNorm.output.storage.withUnsafeBufferPointer { x in expand.forward(x.baseAddress!, rows: rows) }
        expand.output.withUnsafeBufferPointer { z in
            hidden.withUnsafeMutableBufferPointer { h in
                ReLU.forward(z.baseAddress!, h.baseAddress!, count: hiddenCount)
            }
        }
        hidden.withUnsafeBufferPointer { h in contract.forward(h.baseAddress!, rows: rows) }
        output.resize(rows: input.rows)
        residual.storage.withUnsafeBufferPointer { r in
            contract.output.withUnsafeBufferPointer { m in
                output.storage.withUnsafeMutableBufferPointer { y in
                    for index in 0..<count { y[index] = r[index] + m[index] }
                }
            }
        }
    }

    public mutating func backward(input: Matrix, outputGradient: Matrix, computeInputGradient: Bool) {
        let rows = input.rows * steps, count = input.count, hiddenCount = rows * hiddenSize
        // The MLP half: ∂L/∂Y reaches R directly and through W₂, the ReLU, W₁ and LayerNorm₂.
        hidden.withUnsafeBufferPointer { h in
            outputGradient.storage.withUnsafeBufferPointer { g in
                contract.backward(input: h.baseAddress!, outputGradient: g.baseAddress!, rows: rows, computeInputGradient: true)
            }
        }
        hidden.withUnsafeBufferPointer { h in
            contract.inputGradient.withUnsafeBufferPointer { dh in
                hiddenGradient.withUnsafeMutableBufferPointer { dz in
                    // ReLU's slope from its output: h > 0 exactly where its input was.
                    ReLU.backward(z: h.baseAddress!, outputGradient: dh.baseAddress!, inputGradient: dz.baseAddress!, count: hiddenCount)
                }
            }
        }
        secondNorm.output.storage.withUnsafeBufferPointer { x in
            hiddenGradient.withUnsafeBufferPointer { dz in
                expand.backward(input: x.baseAddress!, outputGradient: dz.baseAddress!, rows: rows, computeInputGradient: true)
            }
        }
        normalisedGradient.resize(rows: input.rows)
        expand.inputGradient.withUnsafeBufferPointer { dx in
            normalisedGradient.storage.withUnsafeMutableBufferPointer { target in
                target.baseAddress!.update(from: dx.baseAddress!, count: count)
            }
        }
        secondNorm.backward(input: residual, outputGradient: normalisedGradient, computeInputGradient: true)
        Self.add(outputGradient, secondNorm.inputGradient, into: &residualGradient)
        // The attention half: ∂L/∂R reaches X directly and through the attention and LayerNorm₁.
        attention.backward(input: firstNorm.output, outputGradient: residualGradient, computeInputGradient: true)
        firstNorm.backward(input: input, outputGradient: attention.inputGradient, computeInputGradient: computeInputGradient)
        if computeInputGradient {
            Self.add(residualGradient, firstNorm.inputGradient, into: &inputGradient)
        }
    }

    /// `target = a + b`, element by element (a residual connection, or the two gradients meeting at one).
    private static func add(_ a: Matrix, _ b: Matrix, into target: inout Matrix) {
        target.resize(rows: a.rows)
        let count = a.count
        a.storage.withUnsafeBufferPointer { x in
            b.storage.withUnsafeBufferPointer { y in
                target.storage.withUnsafeMutableBufferPointer { z in
                    for index in 0..<count { z[index] = x[index] + y[index] }
                }
            }
        }
    }

    public func detachedCopy() -> any Layer {
        var copy = self
        copy.firstNorm = firstNorm.detachedCopy() as! LayerNorm
        copy.attention = attention.detachedCopy() as! CausalSelfAttention
        copy.secondNorm = secondNorm.detachedCopy() as! LayerNorm
        copy.expand = expand.detachedCopy()
        copy.contract = contract.detachedCopy()
        for matrix in [\Self.output, \.inputGradient, \.residual, \.normalisedGradient, \.residualGradient] as [WritableKeyPath<Self, Matrix>] {
            let original = self[keyPath: matrix]
            copy[keyPath: matrix] = Matrix(rows: original.rows, columns: original.columns, elements: original.elements)
        }
        copy.hidden = hidden.fresh(count: hidden.count)
        copy.hiddenGradient = hiddenGradient.fresh(count: hiddenGradient.count)
        return copy
    }

    /// Each head's attention weights for one example of the last forward pass (see `CausalSelfAttention`).
    public func attentionWeights(example: Int, head: Int) -> Matrix {
        attention.attentionWeights(example: example, head: head)
    }
}
