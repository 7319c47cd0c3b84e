import Neural

/// A network whose weights a lesson writes out, so a widget can start from the page's own example.
///
/// The lesson lists every weight and bias as one flat list, layer by layer and, within a layer, neuron by
/// neuron: each neuron's weights (one per input) followed by its bias. A 2-2-1 network therefore takes
/// 2·(2 + 1) + 1·(2 + 1) = 9 numbers. A list of the wrong length gives nil, and the widget falls back to
/// its seeded random network.
enum LessonNetwork {
    /// How many numbers a network of `sizes` needs: Σ out·(in + 1) over its layers.
    static func parameterCount(sizes: [Int]) -> Int {
        zip(sizes, sizes.dropFirst()).reduce(0) { $0 + $1.1 * ($1.0 + 1) }
    }

    /// The network of `sizes` with `parameters` as its weights and biases, hidden layers followed by
    /// `hidden` and the last by `output` (no activation layer for the identity), or nil when the count is wrong.
    static func network(sizes: [Int], parameters: [Double], hidden: Activation, output: Activation) -> Network? {
        guard sizes.count >= 2, parameters.count == parameterCount(sizes: sizes) else { return nil }
        var layers: [any Layer] = []
        var next = 0
        for index in 0..<(sizes.count - 1) {
            let inputs = sizes[index], outputs = sizes[index + 1]
            var rows: [[Float]] = [], bias: [Float] = []
            for _ in 0..<outputs {
                rows.append(parameters[next..<(next + inputs)].map { Float($0) })
                bias.append(Float(parameters[next + inputs]))
                next += inputs + 1
            }
            layers.append(Dense(weights: Matrix(rows), bias: bias))
            let activation = index == sizes.count - 2 ? output : hidden
            if activation != .identity { layers.append(ActivationLayer(activation, size: outputs)) }
        }
        return Network(layers: layers)
    }
}
