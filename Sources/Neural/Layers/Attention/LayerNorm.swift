/// Layer normalisation: every step's feature vector is shifted to mean 0 and scaled to variance 1, then
/// given a learned scale and shift, as `torch.nn.LayerNorm(features)`.
///
/// For one vector x of `features` numbers (the last dimension of the shape; a `[time, features]` example
/// holds `time` of them, each normalised on its own):
///
///     forward    μ = (1/F) Σᵢ xᵢ        σ² = (1/F) Σᵢ (xᵢ − μ)²        r = 1/√(σ² + ε)
///                x̂ᵢ = (xᵢ − μ)·r        yᵢ = γᵢ·x̂ᵢ + βᵢ                 ε = 10⁻⁵
///     backward   ∂L/∂γᵢ = Σ ∂L/∂yᵢ · x̂ᵢ        ∂L/∂βᵢ = Σ ∂L/∂yᵢ      (over every vector of the batch)
///                gᵢ = ∂L/∂yᵢ · γᵢ
///                ∂L/∂xᵢ = r · (gᵢ − mean(g) − x̂ᵢ · mean(g ⊙ x̂))
///
/// γ is `weight` and β is `bias`, both `[features]`, as PyTorch names them. The mean and r of every
/// vector are kept from the forward pass for the backward one. `referenceForward` and
/// `referenceBackward` compute the same with the formulas written out, in Double.
public struct LayerNorm: Layer {
    public let inputShape: TensorShape
    public var outputShape: TensorShape { inputShape }
    /// The length of each normalised vector: the last dimension of the shape.
    public let features: Int
    /// ε, added to the variance: PyTorch's default.
    public static let epsilon: Float = 1e-5

    /// `weight` (γ) and `bias` (β), both `[features]`.
    public var parameters: [Parameter]
    public private(set) var output: Matrix
    public private(set) var inputGradient: Matrix
    /// μ and r of every vector of the last forward pass.
    private var means: [Float] = []
    private var inverseDeviations: [Float] = []

    /// A layer norm over the last dimension of `shape`, with γ = 1 and β = 0 as PyTorch starts.
    public init(shape: TensorShape) {
        self.init(shape: shape, weight: [Float](repeating: 1, count: shape.dimensions.last ?? 1),
                  bias: [Float](repeating: 0, count: shape.dimensions.last ?? 1))
    }

    /// A layer norm with the given γ and β.
    public init(shape: TensorShape, weight: [Float], bias: [Float]) {
        guard let features = shape.dimensions.last, features > 0 else { fatalError("a layer norm needs at least one feature, got \(shape)") }
        guard weight.count == features, bias.count == features else {
            fatalError("a layer norm over \(features) features needs \(features) weights and biases, got \(weight.count) and \(bias.count)")
        }
        inputShape = shape
        self.features = features
        parameters = [Parameter(name: "weight", shape: [features], values: weight, isPenalised: false),
                      Parameter(name: "bias", shape: [features], values: bias, isPenalised: false)]
        output = Matrix(rows: 0, columns: shape.count)
        inputGradient = Matrix(rows: 0, columns: shape.count)
    }

    public var summary: String { "LayerNorm(\(features))" }
    public var spec: LayerSpec { .layerNorm(shape: inputShape) }

    public mutating func reserve(batchCapacity: Int) {
        output = Matrix(rows: 0, columns: outputSize, capacity: batchCapacity)
        inputGradient = Matrix(rows: 0, columns: inputSize, capacity: batchCapacity)
        let vectors = batchCapacity * inputSize / features
        means = [Float](repeating: 0, count: vectors)
        inverseDeviations = [Float](repeating: 0, count: vectors)
    }

    public mutating func forward(_ input: Matrix, mode: Mode) {
        checkInput(input)
        if input.rows > output.capacity || input.count / features > means.count { reserve(batchCapacity: input.rows) }
        output.resize(rows: input.rows)
        let vectors = input.count / features, features = self.features
        input.storage.withUnsafeBufferPointer { x in
            output.storage.withUnsafeMutableBufferPointer { y in
                parameters[0].values.storage.withUnsafeBufferPointer { gamma in
                    parameters[1].values.storage.withUnsafeBufferPointer { beta in
                        means.withUnsafeMutableBufferPointer { mu in
                            inverseDeviations.withUnsafeMutableBufferPointer { r in
                                for vector in 0..<vectors {
                                    let xRow = x.baseAddress! + vector * features, yRow = y.baseAddress! + vector * features
                                    var sum: Float = 0
                                    for i in 0..<features { sum += xRow[i] }
                                    let mean = sum / Float(features)
                                    var squares: Float = 0
                                    for i in 0..<features { let centred = xRow[i] - mean; squares += centred * centred }
                                    let inverse = 1 / (squares / Float(features) + Self.epsilon).squareRoot()
                                    for i in 0..<features { yRow[i] = (xRow[i] - mean) * inverse * gamma[i] + beta[i] }
                                    mu[vector] = mean
                                    r[vector] = inverse
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    public mutating func backward(input: Matrix, outputGradient: Matrix, computeInputGradient: Bool) {
        let vectors = input.count / features, features = self.features
        let trainsWeight = parameters[0].isTrainable, trainsBias = parameters[1].isTrainable
        if trainsWeight || trainsBias {
            parameters[0].gradient.fill(0)
            parameters[1].gradient.fill(0)
            input.storage.withUnsafeBufferPointer { x in
                outputGradient.storage.withUnsafeBufferPointer { g in
                    means.withUnsafeBufferPointer { mu in
                        inverseDeviations.withUnsafeBufferPointer { r in
                            parameters[0].gradient.storage.withUnsafeMutableBufferPointer { dGamma in
                                for vector in 0..<vectors {
                                    let xRow = x.baseAddress! + vector * features, gRow = g.baseAddress! + vector * features
                                    let mean = mu[vector], inverse = r[vector]
                                    for i in 0..<features { dGamma[i] += gRow[i] * (xRow[i] - mean) * inverse }
                                }
                            }
                            parameters[1].gradient.storage.withUnsafeMutableBufferPointer { dBeta in
                                for vector in 0..<vectors {
                                    let gRow = g.baseAddress! + vector * features
                                    for i in 0..<features { dBeta[i] += gRow[i] }
                                }
                            }
                        }
                    }
                }
            }
            if !trainsWeight { parameters[0].gradient.fill(0) }
            if !trainsBias { parameters[1].gradient.fill(0) }
        }
        guard computeInputGradient else { return }
        inputGradient.resize(rows: input.rows)
        input.storage.withUnsafeBufferPointer { x in
            outputGradient.storage.withUnsafeBufferPointer { g in
                inputGradient.storage.withUnsafeMutableBufferPointer { dx in
                    parameters[0].values.storage.withUnsafeBufferPointer { gamma in
                        means.withUnsafeBufferPointer { mu in
                            inverseDeviations.withUnsafeBufferPointer { r in
                                for vector in 0..<vectors {
                                    let offset = vector * features
                                    let xRow = x.baseAddress! + offset, gRow = g.baseAddress! + offset, dxRow = dx.baseAddress! + offset
                                    let mean = mu[vector], inverse = r[vector]
                                    // mean(g) and mean(g ⊙ x̂), with g = ∂L/∂y ⊙ γ.
                                    var meanG: Float = 0, meanGX: Float = 0
                                    for i in 0..<features {
                                        let gi = gRow[i] * gamma[i]
                                        meanG += gi
                                        meanGX += gi * (xRow[i] - mean) * inverse
                                    }
                                    meanG /= Float(features)
                                    meanGX /= Float(features)
                                    for i in 0..<features {
                                        let normalised = (xRow[i] - mean) * inverse
                                        dxRow[i] = inverse * (gRow[i] * gamma[i] - meanG - normalised * meanGX)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    public func detachedCopy() -> any Layer {
        var copy = LayerNorm(shape: inputShape)
        copy.parameters = parameters.map { $0.detachedCopy() }
        return copy
    }

    // MARK: - The plain reference

    /// The forward pass written out in Double: `y = γ·(x − μ)/√(σ² + ε) + β` for every vector.
    public static func referenceForward(input: Matrix, features: Int, weight: [Float], bias: [Float]) -> Matrix {
        var y = Matrix(rows: input.rows, columns: input.columns)
        let values = input.elements
        for start in stride(from: 0, to: values.count, by: features) {
            let x = values[start..<start + features].map(Double.init)
            let mean = x.reduce(0, +) / Double(features)
            let variance = x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(features)
            let deviation = (variance + Double(epsilon)).squareRoot()
            for i in 0..<features { y.storage[start + i] = Float(Double(weight[i]) * (x[i] - mean) / deviation + Double(bias[i])) }
        }
        return y
    }

    /// The backward pass written out in Double: ∂L/∂γ, ∂L/∂β and ∂L/∂x from the formulas above.
    public static func referenceBackward(input: Matrix, features: Int, weight: [Float], outputGradient: Matrix)
        -> (weightGradient: [Float], biasGradient: [Float], inputGradient: Matrix) {
        var dGamma = [Double](repeating: 0, count: features), dBeta = [Double](repeating: 0, count: features)
        var dx = Matrix(rows: input.rows, columns: input.columns)
        let values = input.elements, gradients = outputGradient.elements
        for start in stride(from: 0, to: values.count, by: features) {
            let x = values[start..<start + features].map(Double.init)
            let dy = gradients[start..<start + features].map(Double.init)
            let mean = x.reduce(0, +) / Double(features)
            let variance = x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(features)
            let r = 1 / (variance + Double(epsilon)).squareRoot()
            let normalised = x.map { ($0 - mean) * r }
            let g = (0..<features).map { dy[$0] * Double(weight[$0]) }
            let meanG = g.reduce(0, +) / Double(features)
            let meanGX = (0..<features).map { g[$0] * normalised[$0] }.reduce(0, +) / Double(features)
            for i in 0..<features {
                dGamma[i] += dy[i] * normalised[i]
                dBeta[i] += dy[i]
                dx.storage[start + i] = Float(r * (g[i] - meanG - normalised[i] * meanGX))
            }
        }
        return (dGamma.map(Float.init), dBeta.map(Float.init), dx)
    }
}
