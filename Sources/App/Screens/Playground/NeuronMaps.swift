import Canvas
import Neural

/// What every neuron outputs across the plane: one small map per neuron, from ONE batched forward pass.
///
/// The grid's points go through the network together, and every layer keeps its output, so the maps of
/// all layers come out of the same pass: the inputs' own columns, each hidden layer's activations, and
/// the outputs. Each map is scaled into [−1, 1] for its colours: divided by its largest magnitude when
/// that exceeds 1 (an unbounded ReLU), left alone otherwise (tanh and the inputs' own range), and
/// probabilities p are shown as 2p − 1 so that ½ is neutral.
struct NeuronMaps: Sendable {
    /// The maps are `side` × `side` values, top row first.
    var side: Int
    /// `maps[layer][neuron]`: layer 0 the inputs, then each dense layer's output after its activation.
    var maps: [[[Double]]]

    /// The maps of `network` over the plane of `data`, `side` points a side; nil when the data is not planar.
    static func compute(network: Network, data: PlaygroundData, side: Int) -> NeuronMaps? {
        guard data.isPlanar, side > 0 else { return nil }
        let points = DecisionMap.samplePoints(width: side, height: side, x: data.xRange, y: data.yRange)
        let inputs = data.inputs(atPlanePoints: points)
        guard inputs.columns == network.inputSize else { return nil }
        var pass = network
        pass.forward(inputs, mode: .evaluation)

        var maps: [[[Double]]] = [Self.columns(of: inputs, probabilities: false)]
        let layers = pass.layers
        for denseIndex in pass.parameterLayerIndices {
            // The layer's output after its activation: the next layer when it is one, else the dense output.
            var shown = denseIndex
            var activation = Activation.identity
            if denseIndex + 1 < layers.count, let next = layers[denseIndex + 1] as? ActivationLayer {
                shown = denseIndex + 1
                activation = next.function
            }
            let probabilities = activation == .sigmoid || activation == .softmax
            maps.append(Self.columns(of: layers[shown].output, probabilities: probabilities))
        }
        return NeuronMaps(side: side, maps: maps)
    }

    /// Each column of `matrix` as one map, scaled for display.
    private static func columns(of matrix: Matrix, probabilities: Bool) -> [[Double]] {
        let rows = matrix.rows, columns = matrix.columns
        return matrix.storage.withUnsafeBufferPointer { values in
            (0..<columns).map { column in
                var map = [Double](repeating: 0, count: rows)
                var largest = 0.0
                for row in 0..<rows {
                    var value = Double(values[row * columns + column])
                    if probabilities { value = 2 * value - 1 }
                    map[row] = value
                    if value.isFinite { largest = max(largest, abs(value)) }
                }
                if largest > 1 { for row in 0..<rows { map[row] /= largest } }
                return map
            }
        }
    }

    /// The map of one neuron, if there is one.
    func map(layer: Int, neuron: Int) -> [Double]? {
        guard maps.indices.contains(layer), maps[layer].indices.contains(neuron) else { return nil }
        return maps[layer][neuron]
    }
}
