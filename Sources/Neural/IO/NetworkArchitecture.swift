/// The shape of a multilayer perceptron without its numbers: layer sizes, activations and dropout.
///
/// It is what a model file stores beside the weights, so the network can be rebuilt from the file alone,
/// and it names every layer the way `torch.nn.Sequential` numbers it: each dense layer, each activation
/// other than the identity and each dropout layer takes the next index, so Dense(2 → 8), tanh,
/// Dense(8 → 1) is `0` (Linear), `1` (Tanh), `2` (Linear).
public struct NetworkArchitecture: Sendable, Hashable {
    /// `[inputs, hidden…, outputs]`.
    public var sizes: [Int]
    /// One activation per hidden layer (`.identity` adds no layer).
    public var hiddenActivations: [Activation]
    /// The activation after the last dense layer (`.identity` adds no layer).
    public var outputActivation: Activation
    /// The dropout probability after every hidden layer; 0 adds no dropout layers.
    public var dropout: Float

    public init(sizes: [Int], hiddenActivations: [Activation], outputActivation: Activation, dropout: Float = 0) {
        self.sizes = sizes
        self.hiddenActivations = hiddenActivations
        self.outputActivation = outputActivation
        self.dropout = dropout
    }

    /// The index each dense layer takes in the layer list (and in `torch.nn.Sequential`), in order.
    public var denseLayerIndices: [Int] {
        var indices: [Int] = []
        var index = 0
        for layer in 0..<max(sizes.count - 1, 0) {
            indices.append(index)
            let isOutput = layer == sizes.count - 2
            let activation = isOutput ? outputActivation : hiddenActivations[layer]
            index += 1
            if activation != .identity { index += 1 }
            if !isOutput && dropout > 0 { index += 1 }
        }
        return indices
    }

    /// The same stack written as PyTorch code, such as
    /// `nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1))`; `nil` when a layer has no PyTorch
    /// module (the perceptron's step function).
    public var pytorchDescription: String? {
        var modules: [String] = []
        for layer in 0..<max(sizes.count - 1, 0) {
            let isOutput = layer == sizes.count - 2
            let activation = isOutput ? outputActivation : hiddenActivations[layer]
            modules.append("nn.Linear(\(sizes[layer]), \(sizes[layer + 1]))")
            switch activation {
            case .identity: break
            case .sigmoid: modules.append("nn.Sigmoid()")
            case .tanh: modules.append("nn.Tanh()")
            case .relu: modules.append("nn.ReLU()")
            case .leakyReLU(let slope): modules.append("nn.LeakyReLU(\(slope))")
            case .softmax: modules.append("nn.Softmax(dim=1)")
            case .step: return nil
            }
            if !isOutput && dropout > 0 { modules.append("nn.Dropout(p=\(dropout))") }
        }
        return "nn.Sequential(" + modules.joined(separator: ", ") + ")"
    }

    /// The first thing that makes this architecture impossible to build, or `nil` when it is sound.
    public var problem: String? {
        if sizes.count < 2 { return "a network needs at least an input size and an output size, got \(sizes)" }
        if let bad = sizes.first(where: { $0 <= 0 }) { return "every layer needs at least one neuron, but a size is \(bad)" }
        if hiddenActivations.count != sizes.count - 2 {
            return "\(sizes.count - 2) hidden layers need \(sizes.count - 2) activations, got \(hiddenActivations.count)"
        }
        if !(dropout >= 0 && dropout < 1) { return "the dropout probability must be at least 0 and below 1, got \(dropout)" }
        return nil
    }
}

extension Network {
    /// The architecture of this network when its layers have the form `init(sizes:…)` builds — dense
    /// layers, each followed by its activation and, for hidden layers, the same dropout — else `nil`.
    public var architecture: NetworkArchitecture? {
        let specs = self.specs
        var sizes = [inputSize]
        var hiddenActivations: [Activation] = []
        var outputActivation = Activation.identity
        var dropout: Float = 0
        var position = 0
        while position < specs.count {
            guard case .dense(_, let outputSize) = specs[position] else { return nil }
            position += 1
            sizes.append(outputSize)
            var activation = Activation.identity
            if position < specs.count, case .activation(let function, _) = specs[position] {
                activation = function
                position += 1
            }
            if position < specs.count, case .dropout(let probability, _) = specs[position] {
                dropout = probability
                position += 1
            }
            if position == specs.count { outputActivation = activation } else { hiddenActivations.append(activation) }
        }
        let candidate = NetworkArchitecture(sizes: sizes, hiddenActivations: hiddenActivations,
                                            outputActivation: outputActivation, dropout: dropout)
        guard candidate.problem == nil else { return nil }
        // Anything the walk above glossed over (an identity activation layer, dropout on only some layers,
        // dropout after the output) shows up as a different list of layers when the candidate is rebuilt.
        let rebuilt = Network(sizes: sizes, hiddenActivations: hiddenActivations, outputActivation: outputActivation,
                              dropout: dropout, seed: 0)
        return rebuilt.specs == specs ? candidate : nil
    }
}
