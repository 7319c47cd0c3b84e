extension Network {
    /// The weights and biases as tensors named the way `torch.nn.Sequential` names them for the same stack:
    /// `"0.weight"` `[out, in]`, `"0.bias"` `[out]`, then `"2.weight"`, … where activations and dropout take
    /// the indices in between. `nn.Sequential(…).load_state_dict(…)` accepts exactly this set.
    public var stateTensors: [NamedTensor] {
        layers.indices.flatMap { index in
            layers[index].parameters.map { NamedTensor(name: "\(index).\($0.name)", shape: $0.shape, values: $0.values.elements) }
        }
    }

    /// Rebuilds a network of `architecture` whose weights and biases come from `tensors`, named as in
    /// `stateTensors`.
    ///
    /// Every tensor is checked before anything is built: each dense layer needs its weight `[out, in]` and
    /// bias `[out]`, the shapes must chain (each layer takes as many inputs as the one before gives
    /// outputs), no tensor may be left over, and every value must be finite. `seed` drives the dropout
    /// masks of further training. `fileName` names the source in errors.
    public init(architecture: NetworkArchitecture, tensors: [NamedTensor], seed: UInt64 = 1,
                fileName: String) throws(ModelFileError) {
        if let problem = architecture.problem {
            throw .invalidArchitecture(file: fileName, problem: problem)
        }
        var remaining = Dictionary(tensors.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var parameters: [(index: Int, weights: Matrix, bias: [Float])] = []
        let sizes = architecture.sizes
        for (layer, index) in architecture.denseLayerIndices.enumerated() {
            let inputs = sizes[layer], outputs = sizes[layer + 1]
            let weights = try Self.take("\(index).weight", shape: [outputs, inputs], from: &remaining,
                                        layer: layer, sizes: sizes, fileName: fileName)
            let bias = try Self.take("\(index).bias", shape: [outputs], from: &remaining,
                                     layer: layer, sizes: sizes, fileName: fileName)
            parameters.append((index, Matrix(rows: outputs, columns: inputs, elements: weights), bias))
        }
        if let extra = remaining.keys.sorted().first {
            throw .unexpectedTensor(file: fileName, name: extra,
                                    expected: architecture.denseLayerIndices.flatMap { ["\($0).weight", "\($0).bias"] })
        }
        var network = Network(sizes: sizes, hiddenActivations: architecture.hiddenActivations,
                              outputActivation: architecture.outputActivation, dropout: architecture.dropout, seed: seed)
        for parameter in parameters {
            network.setParameters(ofLayer: parameter.index, weights: parameter.weights, bias: parameter.bias)
        }
        self = network
    }

    /// Rebuilds the network a description gives on examples of `inputShape`, with every parameter tensor
    /// taken from `tensors` by its `torch.nn.Sequential` name (`0.weight`, `0.bias`, …): each must be there
    /// with the shape its layer has, finite, and none may be left over.
    public init(description: ArchitectureDescription, inputShape: TensorShape, tensors: [NamedTensor], seed: UInt64 = 1,
                vocabularySize: Int? = nil, fileName: String) throws {
        var network = try description.network(inputShape: inputShape, seed: seed, vocabularySize: vocabularySize)
        var remaining = Dictionary(tensors.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let expected = network.stateTensors.map(\.name)
        for index in network.layers.indices {
            for parameter in network.layers[index].parameters {
                let name = "\(index).\(parameter.name)"
                guard let tensor = remaining.removeValue(forKey: name) else {
                    throw ModelFileError.missingTensor(file: fileName, name: name, shape: parameter.shape)
                }
                guard tensor.shape == parameter.shape, tensor.values.count == parameter.count else {
                    throw ModelFileError.tensorShape(file: fileName, name: name, shape: tensor.shape, expected: parameter.shape,
                                                     layer: network.layers[index].summary)
                }
                guard tensor.values.allSatisfy(\.isFinite) else { throw ModelFileError.notFinite(file: fileName, name: name) }
                network.setParameter(parameter.name, ofLayer: index, values: tensor.values)
            }
        }
        if let extra = remaining.keys.sorted().first {
            throw ModelFileError.unexpectedTensor(file: fileName, name: extra, expected: expected)
        }
        self = network
    }

    /// Removes the tensor called `name` from `remaining` and returns its values, checking its shape and
    /// that every value is finite.
    private static func take(
        _ name: String, shape: [Int], from remaining: inout [String: NamedTensor],
        layer: Int, sizes: [Int], fileName: String
    ) throws(ModelFileError) -> [Float] {
        guard let tensor = remaining.removeValue(forKey: name) else {
            throw .missingTensor(file: fileName, name: name, shape: shape)
        }
        guard tensor.shape == shape, tensor.values.count == tensor.elementCount else {
            throw .wrongShape(file: fileName, name: name, shape: tensor.shape, expected: shape,
                              layer: layer, inputs: sizes[layer], outputs: sizes[layer + 1])
        }
        guard tensor.values.allSatisfy(\.isFinite) else {
            throw .notFinite(file: fileName, name: name)
        }
        return tensor.values
    }
}
