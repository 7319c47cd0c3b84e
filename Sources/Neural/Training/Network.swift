/// What one layer of a network is, without its numbers: enough to rebuild it, save it or draw it.
public enum LayerSpec: Sendable, Hashable {
    case dense(inputSize: Int, outputSize: Int)
    case activation(Activation, size: Int)
    case dropout(probability: Float, size: Int)
}

/// A network: layers applied one after another, each one's output the next one's input.
///
/// Layers are numbered as in `torch.nn.Sequential`: activations and dropout take indices of their own, so in
/// Dense(2 → 8), tanh, Dense(8 → 1), sigmoid the dense layers are 0 and 2. The last layer's output is the
/// network's output.
public struct Network: Sendable {
    public private(set) var layers: [any Layer]

    /// A network of these layers; each layer's input size must equal the previous layer's output size.
    public init(layers: [any Layer]) {
        precondition(!layers.isEmpty, "a network needs at least one layer")
        for index in 1..<max(layers.count, 1) {
            precondition(layers[index].inputSize == layers[index - 1].outputSize,
                         "layer \(index) (\(layers[index].summary)) takes \(layers[index].inputSize) inputs but layer \(index - 1) (\(layers[index - 1].summary)) gives \(layers[index - 1].outputSize)")
        }
        self.layers = layers
    }

    /// A multilayer perceptron: dense layers of the given sizes (`[inputs, hidden…, outputs]`), each hidden
    /// one followed by its activation (and dropout when `dropout > 0`), the last by `outputActivation`
    /// (none when it is `.identity`). Weights are drawn with the initializer that suits each activation.
    public init(sizes: [Int], hiddenActivations: [Activation], outputActivation: Activation, dropout: Float = 0, seed: UInt64) {
        precondition(sizes.count >= 2, "a network needs at least an input and an output size")
        precondition(sizes.allSatisfy { $0 > 0 }, "every layer needs at least one neuron")
        precondition(hiddenActivations.count == sizes.count - 2, "\(sizes.count - 2) hidden layers need as many activations")
        var random = RandomSource(seed: seed)
        var layers: [any Layer] = []
        for index in 0..<(sizes.count - 1) {
            let isOutput = index == sizes.count - 2
            let activation = isOutput ? outputActivation : hiddenActivations[index]
            layers.append(Dense(inputSize: sizes[index], outputSize: sizes[index + 1],
                                initializer: .recommended(for: activation), random: &random))
            if activation != .identity { layers.append(ActivationLayer(activation, size: sizes[index + 1])) }
            if !isOutput && dropout > 0 {
                layers.append(Dropout(probability: dropout, size: sizes[index + 1], seed: random.next()))
            }
        }
        self.init(layers: layers)
    }

    /// A multilayer perceptron with the same activation in every hidden layer.
    public init(sizes: [Int], activation: Activation, outputActivation: Activation, dropout: Float = 0, seed: UInt64) {
        self.init(sizes: sizes, hiddenActivations: Array(repeating: activation, count: max(sizes.count - 2, 0)),
                  outputActivation: outputActivation, dropout: dropout, seed: seed)
    }

    public var inputSize: Int { layers[0].inputSize }
    public var outputSize: Int { layers[layers.count - 1].outputSize }
    /// The output of the last forward pass.
    public var output: Matrix { layers[layers.count - 1].output }

    /// The layers without their numbers.
    public var specs: [LayerSpec] {
        layers.map { layer in
            switch layer {
            case let dense as Dense: .dense(inputSize: dense.inputSize, outputSize: dense.outputSize)
            case let activation as ActivationLayer: .activation(activation.function, size: activation.inputSize)
            case let dropout as Dropout: .dropout(probability: dropout.probability, size: dropout.inputSize)
            default: .activation(.identity, size: layer.inputSize)
            }
        }
    }

    /// The activation applied last, or `.identity` when the network ends with a dense layer.
    public var outputActivation: Activation {
        (layers[layers.count - 1] as? ActivationLayer)?.function ?? .identity
    }

    /// The number of learnable numbers.
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

    /// The indices of the dense layers, in order.
    public var denseLayerIndices: [Int] { layers.indices.filter { layers[$0] is Dense } }

    /// The dense layer at `index` (a copy).
    public func dense(at index: Int) -> Dense {
        guard let dense = layers[index] as? Dense else { preconditionFailure("layer \(index) is \(layers[index].summary), not a dense layer") }
        return dense
    }

    /// Replaces the weights and biases of the dense layer at `index`; the shapes must match.
    public mutating func setParameters(ofLayer index: Int, weights: Matrix, bias: [Float]) {
        let old = dense(at: index)
        precondition(weights.rows == old.outputSize && weights.columns == old.inputSize && bias.count == old.outputSize,
                     "layer \(index) needs \(old.outputSize)×\(old.inputSize) weights and \(old.outputSize) biases")
        layers[index] = Dense(weights: weights, bias: bias)
    }

    /// Sizes every layer's buffers for batches of up to `batchCapacity` examples.
    public mutating func reserve(batchCapacity: Int) {
        for index in layers.indices { layers[index].reserve(batchCapacity: batchCapacity) }
    }

    /// Runs `input` through every layer; read the result from `output` (or any layer's `output`).
    public mutating func forward(_ input: Matrix, mode: Mode) {
        forward(input, mode: mode, throughLayer: layers.count - 1)
    }

    /// Runs `input` through layers `0...last` only (training with a fused loss stops at the logits).
    public mutating func forward(_ input: Matrix, mode: Mode, throughLayer last: Int) {
        layers[0].forward(input, mode: mode)
        for index in stride(from: 1, through: last, by: 1) {
            let previous = layers[index - 1].outputInPlace()
            layers[index].forward(previous, mode: mode)
        }
    }

    /// Backpropagation: given ∂L/∂(output of layer `last`), fills the gradients of every layer from `last`
    /// down to the first. `input` is the network input of the last forward pass.
    public mutating func backward(input: Matrix, outputGradient: Matrix, fromLayer last: Int) {
        var index = last
        while index >= 0 {
            let layerInput = index == 0 ? input : layers[index - 1].outputInPlace()
            let gradient = index == last ? outputGradient : layers[index + 1].inputGradientInPlace()
            layers[index].backward(input: layerInput, outputGradient: gradient, computeInputGradient: index > 0)
            index -= 1
        }
    }

    /// The sizes of the parameter tensors in optimizer slot order (for `Optimizer.prepare`).
    public var parameterTensorSizes: [Int] {
        layers.flatMap { layer -> [Int] in
            guard let dense = layer as? Dense else { return [] }
            return [dense.weights.count, dense.bias.count]
        }
    }

    /// Applies one optimizer step to every parameter.
    public mutating func update(with optimizer: inout Optimizer) {
        optimizer.beginStep()
        var slot = 0
        for index in layers.indices {
            layers[index].update(with: &optimizer, firstSlot: slot)
            slot += layers[index].parameterSlotCountInPlace()
        }
    }

    /// The outputs for `input` in evaluation mode, on a copy of the network (convenient, allocates).
    public func predict(_ input: Matrix) -> Matrix {
        var copy = self
        copy.forward(input, mode: .evaluation)
        var result = Matrix(rows: 0, columns: outputSize)
        result.copy(from: copy.output)
        return result
    }

    /// A copy whose buffers share nothing with this network, so neither one's next write has to copy.
    public func detachedCopy() -> Network {
        var copy = self
        for index in copy.layers.indices {
            if let dense = copy.layers[index] as? Dense {
                copy.layers[index] = Dense(weights: Matrix(rows: dense.weights.rows, columns: dense.weights.columns,
                                                           elements: dense.weights.elements),
                                           bias: dense.bias.map { $0 })
            } else if let activation = copy.layers[index] as? ActivationLayer {
                copy.layers[index] = ActivationLayer(activation.function, size: activation.inputSize)
            }
        }
        return copy
    }
}

// Each layer in `layers` lives in a box of its own. Reading a property through a shared access copies the
// box first (a reference count up and down), while a mutating access works on the box where it is. These
// read the properties a training step needs many times, in place.
extension Layer {
    fileprivate mutating func outputInPlace() -> Matrix { output }
    fileprivate mutating func inputGradientInPlace() -> Matrix { inputGradient }
    fileprivate mutating func parameterSlotCountInPlace() -> Int { parameterSlotCount }
}
