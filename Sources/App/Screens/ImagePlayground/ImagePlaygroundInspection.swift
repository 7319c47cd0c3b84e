import Neural

/// What the image playground shows of its network for the digit under the cursor: each conv block's
/// filters, its feature maps after the ReLU and its max-pooled maps, and the ten output probabilities.
///
/// A feature map is `relu(b + Σ_c Σᵢ Σⱼ W[c, i, j] · X[c, y + i − p, x + j − p])` over the zero-padded input
/// of the block, and each pooled value the largest of a 2×2 block of its map: both are read from the
/// engine's own forward pass (`Network.featureMaps`), never recomputed here.
struct ImagePlaygroundInspection: Equatable, Sendable {
    /// One conv block's pictures.
    struct Block: Equatable, Sendable {
        /// `[filter]`: each filter's weights on the block's first input channel, kernel × kernel.
        var filters: [Matrix]
        /// How many input channels each filter reads (only the first is drawn).
        var inputChannels: Int
        /// `[filter]`: the feature maps after the ReLU.
        var maps: [Matrix]
        /// `[filter]`: the maps after max-pooling.
        var pooled: [Matrix]
    }

    var blocks: [Block]
    /// The softmax output: the network's probability for each digit 0–9.
    var probabilities: [Float]

    /// The digit the network picks: the most probable.
    var guess: Int { probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0 }

    /// Runs `network` forward on one image of 64 pixels, on a copy: the network itself is not changed.
    /// `blockCount` blocks of three layers each (conv, relu, maxpool) come first in the network.
    init(network: Network, pixels: [Float], blockCount: Int) {
        var copy = network
        copy.forward(Matrix(rows: 1, columns: pixels.count, elements: pixels), mode: .evaluation)
        blocks = (0..<blockCount).compactMap { block in
            let conv = 3 * block
            guard conv + 2 < copy.layers.count else { return nil }
            let filters = copy.filters(ofLayer: conv)
            return Block(filters: filters.map { $0.first ?? Matrix(rows: 0, columns: 0) }, inputChannels: filters.first?.count ?? 0,
                         maps: copy.featureMaps(ofLayer: conv + 1, example: 0), pooled: copy.featureMaps(ofLayer: conv + 2, example: 0))
        }
        probabilities = copy.output.row(0)
    }
}
