import Neural

/// How much gradient reaches each earlier step of a recurrent network on the copy task, for a plain RNN
/// and an LSTM with the same number of units, both with fresh seeded weights.
///
/// The copy task after a delay of N reads a digit, N blanks and `=`, and must then write the digit; the
/// loss is measured only at that last step. One forward and one backward pass over 64 examples give, for
/// every step t, the mean length ‖∂L/∂h_t‖ of the gradient that reached the hidden state (the engine's
/// `hiddenGradientSizes`). Backpropagation through time multiplies it, step after step, by
///
///     RNN:   ∂h_t/∂h_{t−1} = diag(1 − h_t²) · U            (tanh′ ≤ 1 times the recurrent weights)
///     LSTM:  ∂c_t/∂c_{t−1} = diag(f_t)                       (the forget gate, along the cell)
///
/// so the RNN's share shrinks by roughly the same factor below 1 at every step, and the LSTM's by its
/// forget gate's value, which its bias b_f sets: σ(0) = 0.5, σ(3) ≈ 0.95.
struct GradientReach: Equatable, Sendable {
    /// Hidden units of both networks.
    static let hiddenSize = 32
    /// Examples the gradient is averaged over.
    static let exampleCount = 64

    let delay: Int
    let forgetBias: Float
    /// ‖∂L/∂h_t‖ for t = 0 … steps − 1, mean over the examples.
    let rnn: [Float]
    let lstm: [Float]
    /// The symbols of the first example, one per step read.
    let symbols: [String]

    init(delay: Int, forgetBias: Float) {
        self.delay = delay
        self.forgetBias = forgetBias
        let examples = SequenceTask.copy(delay: delay).examples(count: Self.exampleCount, seed: 1)
        symbols = examples.inputTokens(0).map { SequenceTask.symbols[$0] }
        rnn = Self.sizes(kind: "rnn", examples: examples, forgetBias: forgetBias)
        lstm = Self.sizes(kind: "lstm", examples: examples, forgetBias: forgetBias)
    }

    var steps: Int { rnn.count }

    /// The gradient reaching step `t` as a share of the one reaching the last step.
    static func share(_ sizes: [Float], step: Int) -> Float {
        guard let last = sizes.last, last > 0, sizes.indices.contains(step) else { return 0 }
        return sizes[step] / last
    }

    /// One forward and backward pass of `embed 8, KIND 32, dense 13` (seed 1) over `examples`, and the
    /// recurrent layer's gradient sizes per step.
    static func sizes(kind: String, examples: SequenceExamples, forgetBias: Float) -> [Float] {
        let vocabulary = SequenceTask.vocabularySize
        guard var network = try? ArchitectureDescription(parsing: "embed 8, \(kind) \(hiddenSize), dense \(vocabulary)")
            .network(inputShape: [examples.steps], seed: 1, vocabularySize: vocabulary) else { return [] }
        if kind == "lstm" {
            var bias = network.parameter("bias_ih_l0", ofLayer: 1).values.elements
            for unit in hiddenSize..<(2 * hiddenSize) { bias[unit] = forgetBias }
            // The hidden side's forget bias is zeroed so that b_f is the whole of the gate's bias.
            var hiddenBias = network.parameter("bias_hh_l0", ofLayer: 1).values.elements
            for unit in hiddenSize..<(2 * hiddenSize) { hiddenBias[unit] = 0 }
            network.setParameter("bias_ih_l0", ofLayer: 1, values: bias)
            network.setParameter("bias_hh_l0", ofLayer: 1, values: hiddenBias)
        }
        network.reserve(batchCapacity: examples.count)
        network.forward(examples.inputs, mode: .training)
        var gradient = Matrix(rows: 0, columns: network.outputSize, capacity: examples.count)
        _ = SequenceLoss.crossEntropy.evaluate(outputs: network.output, targets: examples.targets, mask: examples.mask, gradient: &gradient)
        network.backward(input: examples.inputs, outputGradient: gradient, fromLayer: network.layers.count - 1)
        if let layer = network.layers[1] as? RNN { return layer.hiddenGradientSizes }
        if let layer = network.layers[1] as? LSTM { return layer.hiddenGradientSizes }
        return []
    }
}
