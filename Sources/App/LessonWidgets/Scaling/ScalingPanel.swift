import Neural

/// Gradient descent fitting one linear neuron ŷ = w₁·x₁ + w₂·x₂ (no bias) to a set of examples with the
/// mean squared error L = mean((ŷ − y)²), step by step from w = (0, 0), keeping the path.
///
/// The loss is a bowl over (w₁, w₂) whose steepness along each weight grows with the spread of its
/// feature: ∂²L/∂w₁² = 2·mean(x₁²). A feature ten times wider makes the bowl a hundred times steeper
/// that way, a ravine. Every loss and gradient comes from the engine: a forward pass of the neuron, the
/// engine's loss and its backward pass.
struct ScalingPanel: Equatable, Sendable {
    /// What a walk has done so far.
    enum Status: Equatable, Sendable {
        case running
        /// Within 1 % of the lowest loss above the floor, after this many steps.
        case converged(steps: Int)
        /// The loss grew past ten times where it started, or stopped being a number.
        case diverged
    }

    let name: String
    let features: Matrix
    let targets: Matrix
    /// The least-squares weights, where the bowl is lowest, and the loss there.
    let best: [Float]
    let lowestLoss: Float
    private(set) var learningRate: Float
    private(set) var path: [[Float]] = [[0, 0]]
    private(set) var losses: [Float] = []
    private(set) var status: Status = .running

    init(name: String, features: Matrix, targets: Matrix, learningRate: Float) {
        self.name = name
        self.features = features
        self.targets = targets
        self.learningRate = learningRate
        best = Self.leastSquares(features: features, targets: targets)
        lowestLoss = Self.loss(weights: best, features: features, targets: targets)
        losses = [Self.loss(weights: [0, 0], features: features, targets: targets)]
    }

    /// The neuron with `weights` and no bias.
    static func neuron(_ weights: [Float]) -> Network {
        Network(layers: [Dense(weights: Matrix([weights]), bias: [0])])
    }

    /// L(w) from the engine's forward pass and loss.
    static func loss(weights: [Float], features: Matrix, targets: Matrix) -> Float {
        Loss.meanSquaredError.value(output: neuron(weights).predict(features), targets: targets)
    }

    /// The losses at many weights at once: one layer whose every neuron is one point (w₁, w₂), so one
    /// forward pass gives each point's predictions in its own column.
    static func losses(at points: [[Float]], features: Matrix, targets: Matrix) -> [Float] {
        guard !points.isEmpty else { return [] }
        let layer = Network(layers: [Dense(weights: Matrix(points), bias: [Float](repeating: 0, count: points.count))])
        let predictions = layer.predict(features)
        return (0..<points.count).map { column in
            var sum: Float = 0
            for row in 0..<features.rows {
                let error = predictions[row, column] - targets[row, 0]
                sum += error * error
            }
            return sum / Float(max(1, features.rows))
        }
    }

    /// The weights where the squared error is least: the 2 × 2 normal equations (XᵀX)w = Xᵀy solved by hand.
    static func leastSquares(features: Matrix, targets: Matrix) -> [Float] {
        var a = 0.0, b = 0.0, c = 0.0, p = 0.0, q = 0.0
        for row in 0..<features.rows {
            let x1 = Double(features[row, 0]), x2 = Double(features[row, 1]), y = Double(targets[row, 0])
            a += x1 * x1
            b += x1 * x2
            c += x2 * x2
            p += x1 * y
            q += x2 * y
        }
        let determinant = a * c - b * b
        guard determinant != 0 else { return [0, 0] }
        return [Float((c * p - b * q) / determinant), Float((a * q - b * p) / determinant)]
    }

    var weights: [Float] { path[path.count - 1] }
    var steps: Int { path.count - 1 }

    /// One step w ← w − η·∂L/∂w, the gradient from the engine's backward pass.
    mutating func step() {
        guard status == .running else { return }
        var network = Self.neuron(weights)
        network.forward(features, mode: .training)
        var outputGradient = Matrix(rows: features.rows, columns: 1)
        _ = Loss.meanSquaredError.evaluate(output: network.output, targets: targets, gradient: &outputGradient)
        network.backward(input: features, outputGradient: outputGradient, fromLayer: network.layers.count - 1)
        let gradient = network.layers[0].weightGradient
        let next = [weights[0] - learningRate * gradient[0, 0], weights[1] - learningRate * gradient[0, 1]]
        path.append(next)
        let loss = Self.loss(weights: next, features: features, targets: targets)
        losses.append(loss)
        if !loss.isFinite || loss > 10 * losses[0] {
            status = .diverged
        } else if loss - lowestLoss <= 0.01 * (losses[0] - lowestLoss) {
            status = .converged(steps: steps)
        }
    }

    /// Back to w = (0, 0) with a new learning rate.
    mutating func restart(learningRate: Float) {
        self.learningRate = learningRate
        path = [[0, 0]]
        losses = [losses[0]]
        status = .running
    }

    /// What the walk is doing, in words.
    var verdict: String {
        switch status {
        case .converged(let steps): "at the bottom after \(steps) step\(steps == 1 ? "" : "s")"
        case .diverged: "diverges: every step lands higher"
        case .running:
            steps == 0 ? "ready at w = (0, 0)" : "walking: \(Int(((losses.last! - lowestLoss) / max(1e-12, losses[0] - lowestLoss) * 100).rounded())) % of the drop to go"
        }
    }
}
