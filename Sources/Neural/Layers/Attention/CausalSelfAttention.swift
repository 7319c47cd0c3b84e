import Foundation

/// Multi-head self-attention over a sequence, each step looking only at itself and the steps before it:
/// `torch.nn.MultiheadAttention(d, heads, batch_first=True)` called as `attention(x, x, x,
/// attn_mask=causal)`, with the same tensors.
///
/// An example is `[time, d]`: one d-vector per step. With h heads of `dₕ = d / h` numbers each:
///
///     forward    [Q K V] = X·W_inᵀ + b_in            in_proj_weight [3d, d]: rows for Q, then K, then V
///                Sₕ[t, s] = Qₕ[t]·Kₕ[s] / √dₕ        for s ≤ t; −∞ (weight 0) for s > t when causal
///                Pₕ[t, ·] = softmax(Sₕ[t, ·])         each head's attention weights, rows summing to 1
///                Cₕ[t] = Σₛ Pₕ[t, s]·Vₕ[s]            the heads side by side make C [time, d]
///                Y = C·W_outᵀ + b_out                 out_proj.weight [d, d], out_proj.bias [d]
///     backward   ∂L/∂C and the out_proj gradients as for a linear layer;
///                ∂L/∂Pₕ[t, s] = ∂L/∂Cₕ[t]·Vₕ[s]       ∂L/∂Vₕ[s] = Σₜ Pₕ[t, s]·∂L/∂Cₕ[t]
///                ∂L/∂Sₕ[t, s] = Pₕ[t, s]·(∂L/∂Pₕ[t, s] − Σᵤ Pₕ[t, u]·∂L/∂Pₕ[t, u])   (softmax)
///                ∂L/∂Qₕ[t] = Σₛ ∂L/∂Sₕ[t, s]·Kₕ[s] / √dₕ     ∂L/∂Kₕ[s] = Σₜ ∂L/∂Sₕ[t, s]·Qₕ[t] / √dₕ
///                then the in_proj gradients and ∂L/∂X as for a linear layer.
///
/// The two projections are one matrix product each over every step of the batch; the scores and
/// weighted sums are small per head (time × time × dₕ) and run as loops over contiguous rows.
/// `attentionWeights(example:head:)` reads P of the last forward pass. `referenceForward` computes
/// the same output with the formulas written out, one head at a time.
public struct CausalSelfAttention: Layer {
    public let steps: Int
    public let dimension: Int
    public let heads: Int
    /// Whether step t sees only steps 0…t (true, the default) or every step.
    public var isCausal: Bool
    public let inputShape: TensorShape
    public let outputShape: TensorShape
    /// The size of each head: `dimension / heads`.
    public var headSize: Int { dimension / heads }

    var inProjection: StepwiseLinear
    var outProjection: StepwiseLinear
    public private(set) var output: Matrix
    public private(set) var inputGradient: Matrix
    /// P of the last forward pass: `[example, head, t, s]`, zero where s is masked.
    private var weights: [Float] = []
    /// C, the heads' weighted sums side by side: `[example, t, d]`.
    private var context: [Float] = []
    /// ∂L/∂[Q K V]: `[example, t, 3d]`.
    private var projectionGradient: [Float] = []
    /// ∂L/∂Pₕ[t, ·] for the row being worked on.
    private var rowGradient: [Float]
    /// The number of examples in the last forward pass.
    public private(set) var batchSize = 0

    /// Attention with the given projections: `inProjectionWeight` `[3d, d]`, `outProjectionWeight` `[d, d]`.
    public init(steps: Int, heads: Int, inProjectionWeight: Matrix, inProjectionBias: [Float],
                outProjectionWeight: Matrix, outProjectionBias: [Float], isCausal: Bool = true) {
        let dimension = outProjectionWeight.rows
        guard steps > 0, heads > 0, dimension > 0, dimension % heads == 0 else {
            fatalError("attention needs at least one step and a dimension that the \(heads) heads divide, got \(steps) steps of \(dimension)")
        }
        guard inProjectionWeight.rows == 3 * dimension, inProjectionWeight.columns == dimension,
              outProjectionWeight.columns == dimension, inProjectionBias.count == 3 * dimension, outProjectionBias.count == dimension else {
            fatalError("attention of dimension \(dimension) needs in_proj_weight [\(3 * dimension), \(dimension)], in_proj_bias [\(3 * dimension)], "
                       + "out_proj.weight [\(dimension), \(dimension)] and out_proj.bias [\(dimension)]")
        }
        self.steps = steps
        self.dimension = dimension
        self.heads = heads
        self.isCausal = isCausal
        inputShape = [steps, dimension]
        outputShape = [steps, dimension]
        inProjection = StepwiseLinear(weights: inProjectionWeight, bias: inProjectionBias, weightName: "in_proj_weight", biasName: "in_proj_bias")
        outProjection = StepwiseLinear(weights: outProjectionWeight, bias: outProjectionBias, weightName: "out_proj.weight", biasName: "out_proj.bias")
        output = Matrix(rows: 0, columns: steps * dimension)
        inputGradient = Matrix(rows: 0, columns: steps * dimension)
        rowGradient = [Float](repeating: 0, count: steps)
    }

    /// Attention drawn as PyTorch starts it: Xavier-uniform `in_proj_weight`, `out_proj.weight` uniform in
    /// ±1/√d (nn.Linear's default), zero biases.
    public init(steps: Int, dimension: Int, heads: Int, isCausal: Bool = true, random: inout RandomSource) {
        let inWeights = Initializer.xavier.weights(inputSize: dimension, outputSize: 3 * dimension, random: &random)
        let limit = 1 / Float(dimension).squareRoot()
        let outWeights = Initializer.uniform(limit: limit).weights(inputSize: dimension, outputSize: dimension, random: &random)
        self.init(steps: steps, heads: heads, inProjectionWeight: inWeights, inProjectionBias: [Float](repeating: 0, count: 3 * dimension),
                  outProjectionWeight: outWeights, outProjectionBias: [Float](repeating: 0, count: dimension), isCausal: isCausal)
    }

    public var summary: String { "Attention(\(dimension), \(heads) heads\(isCausal ? ", causal" : ""))" }
    public var spec: LayerSpec { .selfAttention(steps: steps, dimension: dimension, heads: heads, isCausal: isCausal) }

    /// `in_proj_weight`, `in_proj_bias`, `out_proj.weight`, `out_proj.bias`.
    public var parameters: [Parameter] {
        get { inProjection.tensors + outProjection.tensors }
        set {
            precondition(newValue.count == 4, "attention has 4 tensors, got \(newValue.count)")
            inProjection.setTensors(Array(newValue[0..<2]))
            outProjection.setTensors(Array(newValue[2..<4]))
        }
    }

    @discardableResult
    public mutating func update(with optimizer: inout Optimizer, firstSlot: Int) -> Int {
        inProjection.update(with: &optimizer, firstSlot: firstSlot)
        outProjection.update(with: &optimizer, firstSlot: firstSlot + 2)
        return 4
    }

    public mutating func reserve(batchCapacity: Int) {
        output = Matrix(rows: 0, columns: outputSize, capacity: batchCapacity)
        inputGradient = Matrix(rows: 0, columns: inputSize, capacity: batchCapacity)
        let rows = batchCapacity * steps
        inProjection.reserve(rows: rows)
        outProjection.reserve(rows: rows)
        weights = [Float](repeating: 0, count: batchCapacity * heads * steps * steps)
        context = [Float](repeating: 0, count: rows * dimension)
        projectionGradient = [Float](repeating: 0, count: rows * 3 * dimension)
    }

    /// Each head's attention weights for one example of the last forward pass: row t is how much step t
    /// took from each step s (0 for the steps the mask hides), a `[time, time]` matrix whose rows sum to 1.
    public func attentionWeights(example: Int, head: Int) -> Matrix {
        precondition(example >= 0 && example < batchSize && head >= 0 && head < heads,
                     "there is no head \(head) of example \(example) in the last batch of \(batchSize)")
        let start = (example * heads + head) * steps * steps
        return Matrix(rows: steps, columns: steps, elements: Array(weights[start..<start + steps * steps]))
    }

    public mutating func forward(_ input: Matrix, mode: Mode) {
        checkInput(input)
        if input.rows > output.capacity || input.rows * heads * steps * steps > weights.count { reserve(batchCapacity: input.rows) }
        batchSize = input.rows
        let rows = input.rows * steps
        input.storage.withUnsafeBufferPointer { x in inProjection.forward(x.baseAddress!, rows: rows) }
        let (steps, heads, d, dh, causal) = (self.steps, self.heads, dimension, headSize, isCausal)
        let scale = 1 / Float(dh).squareRoot()
        inProjection.output.withUnsafeBufferPointer { qkv in
            weights.withUnsafeMutableBufferPointer { p in
                context.withUnsafeMutableBufferPointer { c in
                    for example in 0..<input.rows {
                        let block = qkv.baseAddress! + example * steps * 3 * d
                        for head in 0..<heads {
                            let pHead = p.baseAddress! + (example * heads + head) * steps * steps
                            for t in 0..<steps {
                                let q = block + t * 3 * d + head * dh
                                let pRow = pHead + t * steps
                                let last = causal ? t : steps - 1
                                var largest = -Float.infinity
                                for s in 0...last {
                                    let k = block + s * 3 * d + d + head * dh
                                    let score = Self.dot(q, k, count: dh) * scale
                                    pRow[s] = score
                                    largest = max(largest, score)
                                }
                                var sum: Float = 0
                                for s in 0...last { let e = _exp(pRow[s] - largest); pRow[s] = e; sum += e }
                                let inverse = 1 / sum
                                for s in 0...last { pRow[s] *= inverse }
                                var hidden = last + 1
                                while hidden < steps { pRow[hidden] = 0; hidden += 1 }
                                let cRow = c.baseAddress! + (example * steps + t) * d + head * dh
                                for j in 0..<dh { cRow[j] = 0 }
                                for s in 0...last {
                                    Self.addScaled(block + s * 3 * d + 2 * d + head * dh, by: pRow[s], to: cRow, count: dh)
                                }
                            }
                        }
                    }
                }
            }
        }
        context.withUnsafeBufferPointer { c in outProjection.forward(c.baseAddress!, rows: rows) }
        output.resize(rows: input.rows)
        outProjection.output.withUnsafeBufferPointer { y in
            output.storage.withUnsafeMutableBufferPointer { out in
                out.baseAddress!.update(from: y.baseAddress!, count: rows * d)
            }
        }
    }

    public mutating func backward(input: Matrix, outputGradient: Matrix, computeInputGradient: Bool) {
        let rows = input.rows * steps
        // ∂L/∂C is needed to reach in_proj, which always lies below.
        context.withUnsafeBufferPointer { c in
            outputGradient.storage.withUnsafeBufferPointer { g in
                outProjection.backward(input: c.baseAddress!, outputGradient: g.baseAddress!, rows: rows, computeInputGradient: true)
            }
        }
        let (steps, heads, d, dh, causal) = (self.steps, self.heads, dimension, headSize, isCausal)
        let scale = 1 / Float(dh).squareRoot()
        inProjection.output.withUnsafeBufferPointer { qkv in
            weights.withUnsafeBufferPointer { p in
                outProjection.inputGradient.withUnsafeBufferPointer { dc in
                    projectionGradient.withUnsafeMutableBufferPointer { dqkv in
                        rowGradient.withUnsafeMutableBufferPointer { dp in
                            for index in 0..<(rows * 3 * d) { dqkv[index] = 0 }
                            for example in 0..<input.rows {
                                let block = qkv.baseAddress! + example * steps * 3 * d
                                let gradientBlock = dqkv.baseAddress! + example * steps * 3 * d
                                for head in 0..<heads {
                                    let pHead = p.baseAddress! + (example * heads + head) * steps * steps
                                    for t in 0..<steps {
                                        let pRow = pHead + t * steps
                                        let dcRow = dc.baseAddress! + (example * steps + t) * d + head * dh
                                        let last = causal ? t : steps - 1
                                        // ∂L/∂P[t, s] and ∂L/∂V[s].
                                        var weighted: Float = 0
                                        for s in 0...last {
                                            let v = block + s * 3 * d + 2 * d + head * dh
                                            let dv = gradientBlock + s * 3 * d + 2 * d + head * dh
                                            let weight = pRow[s]
                                            let dot = Self.dot(dcRow, v, count: dh)
                                            Self.addScaled(dcRow, by: weight, to: dv, count: dh)
                                            dp[s] = dot
                                            weighted += weight * dot
                                        }
                                        // Through the softmax and the scaled dot products.
                                        let q = block + t * 3 * d + head * dh
                                        let dq = gradientBlock + t * 3 * d + head * dh
                                        for s in 0...last {
                                            let dScore = pRow[s] * (dp[s] - weighted) * scale
                                            let k = block + s * 3 * d + d + head * dh
                                            let dk = gradientBlock + s * 3 * d + d + head * dh
                                            Self.addScaled(k, by: dScore, to: dq, count: dh)
                                            Self.addScaled(q, by: dScore, to: dk, count: dh)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        input.storage.withUnsafeBufferPointer { x in
            projectionGradient.withUnsafeBufferPointer { g in
                inProjection.backward(input: x.baseAddress!, outputGradient: g.baseAddress!, rows: rows,
                                      computeInputGradient: computeInputGradient)
            }
        }
        if computeInputGradient {
            inputGradient.resize(rows: input.rows)
            inProjection.inputGradient.withUnsafeBufferPointer { dx in
                inputGradient.storage.withUnsafeMutableBufferPointer { out in
                    out.baseAddress!.update(from: dx.baseAddress!, count: rows * d)
                }
            }
        }
    }

    /// `a · b` over `count` numbers; heads of 8 in one vector.
    @inline(__always)
    private static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        if count == 8 {
            let x = UnsafeRawPointer(a).loadUnaligned(as: SIMD8<Float>.self), y = UnsafeRawPointer(b).loadUnaligned(as: SIMD8<Float>.self)
            return (x * y).sum()
        }
        var sum: Float = 0
        for j in 0..<count { sum += a[j] * b[j] }
        return sum
    }

    /// `target += weight · source` over `count` numbers; heads of 8 in one vector.
    @inline(__always)
    private static func addScaled(_ source: UnsafePointer<Float>, by weight: Float, to target: UnsafeMutablePointer<Float>, count: Int) {
        if count == 8 {
            let x = UnsafeRawPointer(source).loadUnaligned(as: SIMD8<Float>.self)
            let y = UnsafeRawPointer(target).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(target).storeBytes(of: y + weight * x, as: SIMD8<Float>.self)
            return
        }
        for j in 0..<count { target[j] += weight * source[j] }
    }

    public func detachedCopy() -> any Layer {
        var copy = self
        copy.inProjection = inProjection.detachedCopy()
        copy.outProjection = outProjection.detachedCopy()
        copy.output = Matrix(rows: output.rows, columns: output.columns, elements: output.elements)
        copy.inputGradient = Matrix(rows: inputGradient.rows, columns: inputGradient.columns, elements: inputGradient.elements)
        copy.weights = weights.fresh(count: weights.count)
        copy.context = context.fresh(count: context.count)
        copy.projectionGradient = projectionGradient.fresh(count: projectionGradient.count)
        copy.rowGradient = rowGradient.fresh(count: rowGradient.count)
        return copy
    }

    // MARK: - The plain reference

    /// The output and every head's weights with the formulas written out in Double, one example, one head
    /// and one step at a time: `weights[example][head]` is `[time][time]`.
    public static func referenceForward(input: Matrix, steps: Int, heads: Int, isCausal: Bool = true,
                                        inProjectionWeight: Matrix, inProjectionBias: [Float],
                                        outProjectionWeight: Matrix, outProjectionBias: [Float])
        -> (output: Matrix, weights: [[[[Double]]]]) {
        let d = outProjectionWeight.rows, dh = d / heads
        var output = Matrix(rows: input.rows, columns: steps * d)
        var allWeights: [[[[Double]]]] = []
        for example in 0..<input.rows {
            func x(_ t: Int, _ i: Int) -> Double { Double(input[example, t * d + i]) }
            // Q, K, V: projection row r of step t is b[r] + Σᵢ W[r, i]·x[t, i].
            var qkv = [[Double]](repeating: [Double](repeating: 0, count: 3 * d), count: steps)
            for t in 0..<steps {
                for r in 0..<(3 * d) {
                    var sum = Double(inProjectionBias[r])
                    for i in 0..<d { sum += Double(inProjectionWeight[r, i]) * x(t, i) }
                    qkv[t][r] = sum
                }
            }
            var context = [[Double]](repeating: [Double](repeating: 0, count: d), count: steps)
            var exampleWeights: [[[Double]]] = []
            for head in 0..<heads {
                var headWeights: [[Double]] = []
                for t in 0..<steps {
                    let visible = isCausal ? Array(0...t) : Array(0..<steps)
                    let scores = visible.map { s in
                        (0..<dh).map { qkv[t][head * dh + $0] * qkv[s][d + head * dh + $0] }.reduce(0, +) / Double(dh).squareRoot()
                    }
                    let largest = scores.max()!
                    let exponentials = scores.map { Foundation.exp($0 - largest) }
                    let total = exponentials.reduce(0, +)
                    var row = [Double](repeating: 0, count: steps)
                    for (position, s) in visible.enumerated() { row[s] = exponentials[position] / total }
                    for s in 0..<steps {
                        for j in 0..<dh { context[t][head * dh + j] += row[s] * qkv[s][2 * d + head * dh + j] }
                    }
                    headWeights.append(row)
                }
                exampleWeights.append(headWeights)
            }
            allWeights.append(exampleWeights)
            for t in 0..<steps {
                for r in 0..<d {
                    var sum = Double(outProjectionBias[r])
                    for i in 0..<d { sum += Double(outProjectionWeight[r, i]) * context[t][i] }
                    output[example, t * d + r] = Float(sum)
                }
            }
        }
        return (output, allWeights)
    }
}
