import Foundation
import Neural

/// A loss a regression widget can fit with: each is the engine's, from `Neural/Losses`.
enum RegressionLoss: String, CaseIterable, Sendable {
    case mse, mae, huber

    /// The threshold δ of the Huber loss the widgets use.
    static let huberDelta: Float = 1

    /// The name the page and the legend use.
    var displayName: String {
        switch self {
        case .mse: "MSE"
        case .mae: "MAE"
        case .huber: "Huber"
        }
    }

    /// The mean loss of `output` against `targets`, writing ∂L/∂output into `gradient` (sized alike).
    func evaluate(output: Matrix, targets: Matrix, gradient: inout Matrix) -> Float {
        gradient.resize(rows: output.rows)
        let count = output.count
        return output.storage.withUnsafeBufferPointer { a in
            targets.storage.withUnsafeBufferPointer { y in
                gradient.storage.withUnsafeMutableBufferPointer { g in
                    switch self {
                    case .mse: MeanSquaredError.evaluate(a.baseAddress!, y.baseAddress!, g.baseAddress!, count: count)
                    case .mae: MeanAbsoluteError.evaluate(a.baseAddress!, y.baseAddress!, g.baseAddress!, count: count)
                    case .huber: HuberLoss.evaluate(a.baseAddress!, y.baseAddress!, g.baseAddress!, count: count, delta: Self.huberDelta)
                    }
                }
            }
        }
    }
}

/// One network fitted to one-input, one-output data under one loss, by full-batch steps of Adam.
///
/// The output layer is an identity: a regression network answers any number, not a probability.
struct RegressionFit: Sendable {
    let loss: RegressionLoss
    private(set) var network: Network
    private var optimizer: Optimizer
    private var gradient: Matrix
    /// Steps taken.
    private(set) var steps = 0
    /// The loss after the latest step, under this fit's own loss.
    private(set) var currentLoss: Float = .nan

    /// A fit of a network of `sizes` (1 input, 1 output); `[1, 1]` is a straight line y = w·x + b.
    init(loss: RegressionLoss, sizes: [Int], learningRate: Float, batch: Int, seed: UInt64) {
        self.loss = loss
        var network = Network(sizes: sizes, activation: .tanh, outputActivation: .identity, seed: seed)
        network.reserve(batchCapacity: batch)
        self.network = network
        optimizer = Optimizer(.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), learningRate: learningRate)
        optimizer.prepare(tensorSizes: network.parameterTensorSizes)
        gradient = Matrix(rows: 0, columns: 1, capacity: batch)
    }

    /// One step on all of `features` at once: forward, the loss and its gradient, backward, update.
    mutating func step(features: Matrix, targets: Matrix) {
        network.forward(features, mode: .training)
        currentLoss = loss.evaluate(output: network.output, targets: targets, gradient: &gradient)
        network.backward(input: features, outputGradient: gradient, fromLayer: network.layers.count - 1)
        network.update(with: &optimizer)
        steps += 1
    }

    /// The network's answers at `inputs`.
    func predictions(_ inputs: [Float]) -> [Float] {
        network.predict(Matrix(rows: inputs.count, columns: 1, elements: inputs)).elements
    }

    /// For a straight line (`[1, 1]`): its weight w and bias b.
    var line: (weight: Float, bias: Float)? {
        guard network.layers.count <= 2, let index = network.parameterLayerIndices.first else { return nil }
        return (network.weights(ofLayer: index)[0, 0], network.bias(ofLayer: index)[0])
    }
}
