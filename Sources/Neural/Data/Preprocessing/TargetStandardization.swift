/// Regression targets standardised for training, and the network's predictions mapped back.
///
/// A network starts with small weights, so its first outputs are near 0; a target such as a house price
/// near 300,000 makes the squared error and its gradient enormous, and one learning rate cannot suit both
/// the first steps and the last. Training on `z = (y − μ) / σ` (μ and σ of each target column, fitted on
/// the training set only) keeps the targets near 0 with spread 1, as feature scaling does for the inputs.
///
/// After training the mapping back `y = σ·z + μ` is folded into the last dense layer, which an identity
/// output passes through unchanged:
///
///     y = σ·(W·h + b) + μ = (σW)·h + (σb + μ)
///
/// so the saved network predicts in the target's own units and needs nothing else to be used.
/// `unfold` is the inverse, `W = W'/σ`, `b = (b' − μ)/σ`, for a saved network trained further.
public struct TargetStandardization: Sendable, Equatable {
    /// The mean μ and standard deviation σ of each target column (σ is 1 for a constant column).
    public let scaler: Scaler

    /// Fitted on the training targets.
    public init(fittedTo targets: Matrix) {
        scaler = Scaler.fit(.standardization, to: targets)
    }

    public var means: [Float] { scaler.offsets }
    public var standardDeviations: [Float] { scaler.scales }

    /// Whether the targets of `problem`, predicted by `network`, can be standardised: numbers, predicted
    /// by a network that ends in a dense layer (an identity output), whose last layer can absorb the mapping.
    public static func applies(to network: Network, problem: Problem) -> Bool {
        guard problem == .regression, network.outputActivation == .identity,
              let last = network.parameterLayerIndices.last, last == network.layers.count - 1,
              let weight = network.layers[last].parameter(named: "weight") else { return false }
        // A weight of one row per output (a dense layer's `[out, in]`) can absorb y = σ·z + μ row by row.
        return weight.values.rows == network.outputSize && network.layers[last].parameter(named: "bias") != nil
    }

    /// `(y − μ) / σ` for every target.
    public func standardized(_ targets: Matrix) -> Matrix {
        // The scaler was fitted on these columns; a matrix of other width is a programming error.
        guard let scaled = try? scaler.apply(targets) else { preconditionFailure("the targets have \(targets.columns) columns, not \(scaler.columnCount)") }
        return scaled
    }

    /// `network` with `y = σ·z + μ` folded into its last dense layer: it predicts in the target's units.
    public func folded(into network: Network) -> Network {
        mapLastLayer(of: network) { weight, _, scale in weight * scale } bias: { bias, mean, scale in bias * scale + mean }
    }

    /// The inverse of `folded(into:)`: a network predicting in the target's units made to predict `z`.
    public func unfolded(from network: Network) -> Network {
        mapLastLayer(of: network) { weight, _, scale in weight / scale } bias: { bias, mean, scale in (bias - mean) / scale }
    }

    private func mapLastLayer(of network: Network, weight: (Float, Float, Float) -> Float,
                              bias: (Float, Float, Float) -> Float) -> Network {
        guard let index = network.parameterLayerIndices.last else { return network }
        var weights = network.weights(ofLayer: index)
        var biases = network.bias(ofLayer: index)
        precondition(weights.rows == means.count, "the network gives \(weights.rows) outputs for \(means.count) targets")
        for output in 0..<weights.rows {
            for input in 0..<weights.columns {
                weights[output, input] = weight(weights[output, input], means[output], standardDeviations[output])
            }
            biases[output] = bias(biases[output], means[output], standardDeviations[output])
        }
        var copy = network.detachedCopy()
        copy.setParameters(ofLayer: index, weights: weights, bias: biases)
        return copy
    }
}
