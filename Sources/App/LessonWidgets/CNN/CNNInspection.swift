import Neural

/// What the `cnn` widget shows of its network for the digit under the cursor: the filters, each filter's
/// feature map after the ReLU, the max-pooled maps and the ten output probabilities.
///
/// Each feature map is `relu(b + Σᵢ Σⱼ W[i, j] · X[y + i − 1, x + j − 1])` over the zero-padded digit, and
/// each pooled value the largest of a 2×2 block of its map; both are read from the engine's own forward
/// pass (`Network.featureMaps`), never recomputed here.
struct CNNInspection: Equatable, Sendable {
    /// `[filter]`, each 3×3 (the network reads one channel).
    var filters: [Matrix]
    /// `[filter]`, each 8×8: the feature maps after the ReLU.
    var maps: [Matrix]
    /// `[filter]`, each 4×4: the maps after max-pooling.
    var pooled: [Matrix]
    /// The softmax output: the network's probability for each digit 0–9.
    var probabilities: [Float]

    /// The digit the network picks: the most probable.
    var guess: Int { probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0 }

    /// Runs `network` forward on one image of 64 pixels, on a copy: the network itself is not changed.
    init(network: Network, pixels: [Float]) {
        var copy = network
        copy.forward(Matrix(rows: 1, columns: pixels.count, elements: pixels), mode: .evaluation)
        filters = copy.filters(ofLayer: CNNSetup.convolutionLayer).map { $0.first ?? Matrix(rows: 0, columns: 0) }
        maps = copy.featureMaps(ofLayer: CNNSetup.activationLayer, example: 0)
        pooled = copy.featureMaps(ofLayer: CNNSetup.poolingLayer, example: 0)
        probabilities = copy.output.row(0)
    }
}

/// The `cnn` widget's parameter counts: its layers beside a dense layer with as many outputs.
struct CNNParameterCounts: Equatable, Sendable {
    /// The convolution's weights and biases: filters · (channels · k · k + 1).
    var convolution: Int
    /// The dense head's: inputs · 10 + 10.
    var head: Int
    /// The convolution's outputs: filters · height · width.
    var convolutionOutputs: Int
    /// A dense layer from the pixels to as many outputs as the convolution: pixels · outputs + outputs.
    var denseForSameOutputs: Int

    init(network: Network) {
        let conv = network.layers[CNNSetup.convolutionLayer]
        convolution = conv.parameterCount
        head = network.parameterCount - convolution
        convolutionOutputs = conv.outputSize
        denseForSameOutputs = network.inputSize * conv.outputSize + conv.outputSize
    }
}
