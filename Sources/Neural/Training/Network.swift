/// What one layer of a network is, without its numbers: enough to rebuild it, save it or draw it.
public enum LayerSpec: Sendable, Hashable {
    case dense(inputSize: Int, outputSize: Int)
    case activation(Activation, size: Int)
    case dropout(probability: Float, size: Int)
    case conv2D(inputShape: TensorShape, outputChannels: Int, kernelHeight: Int, kernelWidth: Int, stride: Int, padding: Int)
    case maxPool2D(inputShape: TensorShape, kernel: Int, stride: Int)
    case avgPool2D(inputShape: TensorShape, kernel: Int, stride: Int)
    case flatten(inputShape: TensorShape)
    case reshape(from: TensorShape, to: TensorShape)
    case embedding(steps: Int, vocabularySize: Int, dimension: Int)
    case recurrent(RecurrentKind, steps: Int, inputFeatures: Int, hiddenSize: Int, returns: RecurrentOutput)
    case layerNorm(shape: TensorShape)
    case positionEmbedding(steps: Int, dimension: Int, vocabulary: Int?)
    case selfAttention(steps: Int, dimension: Int, heads: Int, isCausal: Bool)
    case transformerBlock(steps: Int, dimension: Int, heads: Int)
    case stepwiseDense(steps: Int, inputSize: Int, outputSize: Int)
}

/// A network: layers applied one after another, each one's output the next one's input.
///
/// Layers are numbered as in `torch.nn.Sequential`: activations and dropout take indices of their own, so in
/// Dense(2 → 8), tanh, Dense(8 → 1), sigmoid the dense layers are 0 and 2. The last layer's output is the
/// network's output.
public struct Network: Sendable {
    public private(set) var layers: [any Layer]
    /// The lowest layer that trains (`layers.count` when none does), kept so a step need not look it up.
    private var trainableFrom = 0
    /// For each layer, the activation layers beside it that it runs together with (see `forwardTogether` and
    /// `backwardTogether`), worked out once from the layers.
    private var pairs: [Pairing] = []

    /// The functions of the activation layers after and before a layer, where the layer can take them in its
    /// own pass (`Layer.runsTogether(with:)`); nil where there is none or it cannot.
    private struct Pairing: Sendable {
        var after: Activation?
        var before: Activation?
    }

    /// A network of these layers, or the sentence that says where their shapes do not chain.
    public init(checking layers: [any Layer]) throws(NetworkShapeError) {
        guard !layers.isEmpty else { throw .empty }
        for index in 1..<layers.count where layers[index].inputShape != layers[index - 1].outputShape {
            // A dense layer reads a flat row, so it also accepts the numbers of any shape of the same size only
            // through an explicit flatten: shapes must match exactly.
            throw .mismatch(index: index, layer: layers[index].summary, takes: layers[index].inputShape,
                            previous: layers[index - 1].summary, gives: layers[index - 1].outputShape)
        }
        self.layers = layers
        trainableFrom = Self.firstTrainable(in: layers)
        let functions = layers.map { ($0 as? ActivationLayer)?.function }
        pairs = layers.indices.map { index in
            func taken(_ neighbour: Int) -> Activation? {
                guard functions.indices.contains(neighbour), let function = functions[neighbour],
                      layers[index].runsTogether(with: function) else { return nil }
                return function
            }
            return Pairing(after: taken(index + 1), before: taken(index - 1))
        }
    }

    private static func firstTrainable(in layers: [any Layer]) -> Int {
        layers.firstIndex(where: { $0.isTrainable }) ?? layers.count
    }

    /// A network of these layers; each layer must take the shape the previous one gives. A mismatch is a
    /// mistake in the calling code and stops the program with a sentence (in every build).
    public init(layers: [any Layer]) {
        do {
            try self.init(checking: layers)
        } catch {
            fatalError(error.description)
        }
    }

    /// A multilayer perceptron: dense layers of the given sizes (`[inputs, hidden…, outputs]`), each hidden
    /// one followed by its activation (and dropout when `dropout > 0`), the last by `outputActivation`
    /// (none when it is `.identity`). Weights are drawn with the initializer that suits each activation.
    public init(sizes: [Int], hiddenActivations: [Activation], outputActivation: Activation, dropout: Float = 0, seed: UInt64) {
        guard sizes.count >= 2 else { fatalError("a network needs at least an input and an output size, got \(sizes)") }
        guard sizes.allSatisfy({ $0 > 0 }) else { fatalError("every layer needs at least one neuron, got \(sizes)") }
        guard hiddenActivations.count == sizes.count - 2 else {
            fatalError("\(sizes.count - 2) hidden layers need as many activations, got \(hiddenActivations.count)")
        }
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

    /// The shape of one example going in, such as `[2]` or `[1, 8, 8]`.
    public var inputShape: TensorShape { layers[0].inputShape }
    public var inputSize: Int { layers[0].inputSize }
    public var outputSize: Int { layers[layers.count - 1].outputSize }
    /// The output of the last forward pass.
    public var output: Matrix { layers[layers.count - 1].output }

    /// The layers without their numbers.
    public var specs: [LayerSpec] { layers.map(\.spec) }

    /// The shapes an example takes on its way through: the input's, then each layer's output, such as
    /// `1×8×8 → 8×8×8 → 8×4×4 → …`.
    public var shapes: [TensorShape] { [inputShape] + layers.map(\.outputShape) }

    /// The activation applied last, or `.identity` when the network ends with a layer that has parameters.
    public var outputActivation: Activation {
        (layers[layers.count - 1] as? ActivationLayer)?.function ?? .identity
    }

    /// The number of learnable numbers.
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

    /// The number of learnable numbers that training changes (frozen layers left out).
    public var trainableParameterCount: Int {
        layers.reduce(0) { sum, layer in sum + layer.parameters.filter(\.isTrainable).reduce(0) { $0 + $1.count } }
    }

    /// The indices of the layers that have parameters, in order (the dense layers of a multilayer perceptron).
    public var parameterLayerIndices: [Int] { layers.indices.filter { !layers[$0].parameters.isEmpty } }

    /// The tensor `name` (`weight`, `bias`) of layer `index`; stops with a sentence when there is none.
    public func parameter(_ name: String, ofLayer index: Int) -> Parameter {
        guard layers.indices.contains(index), let parameter = layers[index].parameter(named: name) else {
            fatalError("layer \(index) of this network has no parameter \"\(name)\"")
        }
        return parameter
    }

    /// The weights of layer `index` as a matrix of one row per output neuron (or filter).
    public func weights(ofLayer index: Int) -> Matrix { parameter("weight", ofLayer: index).values }
    /// The biases of layer `index`.
    public func bias(ofLayer index: Int) -> [Float] { parameter("bias", ofLayer: index).values.elements }
    /// ∂L/∂weights of layer `index` from the last backward pass.
    public func weightGradient(ofLayer index: Int) -> Matrix { parameter("weight", ofLayer: index).gradient }
    /// ∂L/∂bias of layer `index` from the last backward pass.
    public func biasGradient(ofLayer index: Int) -> [Float] { parameter("bias", ofLayer: index).gradient.elements }

    /// Replaces the numbers of tensor `name` of layer `index`; the count must match.
    public mutating func setParameter(_ name: String, ofLayer index: Int, values: [Float]) {
        guard let position = layers[index].parameters.firstIndex(where: { $0.name == name }) else {
            fatalError("layer \(index) of this network has no parameter \"\(name)\"")
        }
        let old = layers[index].parameters[position]
        guard values.count == old.count else {
            fatalError("layer \(index)'s \(name) of shape \(old.shape) needs \(old.count) numbers, got \(values.count)")
        }
        layers[index].parameters[position].values = Matrix(rows: old.values.rows, columns: old.values.columns, elements: values)
    }

    /// Replaces the weights and biases of layer `index`; the shapes must match.
    public mutating func setParameters(ofLayer index: Int, weights: Matrix, bias: [Float]) {
        let old = parameter("weight", ofLayer: index).values
        guard weights.rows == old.rows && weights.columns == old.columns else {
            fatalError("layer \(index) needs \(old.rows)×\(old.columns) weights, got \(weights.rows)×\(weights.columns)")
        }
        setParameter("weight", ofLayer: index, values: weights.elements)
        setParameter("bias", ofLayer: index, values: bias)
    }

    /// Freezes (`false`) or unfreezes (`true`) every parameter of layer `index`.
    public mutating func setTrainable(_ trainable: Bool, layer index: Int) {
        layers[index].setTrainable(trainable)
        trainableFrom = Self.firstTrainable(in: layers)
    }

    /// The lowest layer that still trains, or `nil` when everything is frozen. Backpropagation stops there.
    public var firstTrainableLayer: Int? { layers.firstIndex(where: \.isTrainable) }

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
        guard input.columns == inputSize else {
            fatalError("the network takes examples of \(inputShape) = \(inputSize) numbers, but got rows of \(input.columns)")
        }
        var index = 0
        while index <= last {
            let layerInput = index == 0 ? input : layers[index - 1].outputInPlace()
            if index < last, let function = pairs[index].after, forwardTogether(index, layerInput, mode: mode, function) {
                index += 2
            } else {
                layers[index].forward(layerInput, mode: mode)
                index += 1
            }
        }
    }

    /// Layer `index` and the activation layer after it in one forward pass, where layer `index` has one for
    /// `function` (a dense layer and ReLU: Z and relu(Z) written as each number is finished, one pass over
    /// the batch instead of two). The two layers' outputs are what their own forward passes give, to the bit.
    private mutating func forwardTogether(_ index: Int, _ input: Matrix, mode: Mode, _ function: Activation) -> Bool {
        layers.withUnsafeMutableBufferPointer { layers in
            layers[index + 1].receiveOutput(rows: input.rows) { activated in
                layers[index].forward(input, mode: mode, alsoApplying: function, into: activated)
            }
        }
    }

    /// Backpropagation: given ∂L/∂(output of layer `last`), fills the gradients of every trainable layer from
    /// `last` down to the first one that trains; below it nothing is computed. `input` is the network input
    /// of the last forward pass.
    public mutating func backward(input: Matrix, outputGradient: Matrix, fromLayer last: Int) {
        backward(input: input, outputGradient: outputGradient, fromLayer: last, downTo: trainableFrom)
    }

    /// Backpropagation from layer `last` down to layer `first` (whose input gradient is not computed).
    public mutating func backward(input: Matrix, outputGradient: Matrix, fromLayer last: Int, downTo first: Int) {
        propagate(input: input, outputGradient: outputGradient, from: last, downTo: first, parameters: true, firstInputGradient: false)
    }

    /// Backpropagation all the way to the input: every layer from `last` down to the first computes its
    /// gradients and ∂L/∂input, so `inputGradient` then holds ∂L/∂(network input) — how the loss changes as
    /// each input number moves (a GAN's generator learns through this gradient of its discriminator).
    public mutating func backwardToInput(input: Matrix, outputGradient: Matrix, fromLayer last: Int) {
        propagate(input: input, outputGradient: outputGradient, from: last, downTo: 0, parameters: true, firstInputGradient: true)
    }

    /// Backpropagation to the input alone: ∂L/∂(network input) lands in `inputGradient`, and no parameter
    /// gradient is computed or changed (a GAN's generator step needs its discriminator's input gradient and
    /// nothing else of it).
    public mutating func backwardToInputOnly(input: Matrix, outputGradient: Matrix, fromLayer last: Int) {
        propagate(input: input, outputGradient: outputGradient, from: last, downTo: 0, parameters: false, firstInputGradient: true)
    }

    /// The backward passes of layers `last` down to `first`: with their parameters' gradients or without
    /// (`parameters`), and with ∂L/∂input of layer `first` or without.
    private mutating func propagate(input: Matrix, outputGradient: Matrix, from last: Int, downTo first: Int,
                                    parameters: Bool, firstInputGradient: Bool) {
        var index = last
        while index >= first {
            let layerInput = index == 0 ? input : layers[index - 1].outputInPlace()
            let gradient = index == last ? outputGradient : layers[index + 1].inputGradientInPlace()
            // An activation layer below whose ∂L/∂input is wanted may go with this one.
            if index - 1 > first || (index - 1 == first && firstInputGradient), let function = pairs[index].before,
               backwardTogether(index, layerInput, gradient, networkInput: input, function, parameters: parameters) {
                index -= 2
                continue
            }
            if parameters {
                layers[index].backward(input: layerInput, outputGradient: gradient, computeInputGradient: index > first || firstInputGradient)
            } else {
                layers[index].backwardToInputOnly(input: layerInput, outputGradient: gradient)
            }
            index -= 1
        }
    }

    /// Layer `index` and the activation layer before it in one backward pass, where layer `index` has one
    /// for `function` (a dense layer and ReLU: ∂L/∂a and ∂L/∂z = ∂L/∂a where z > 0 written as each number is
    /// finished). Both layers' gradients are what their own backward passes give, to the bit.
    private mutating func backwardTogether(_ index: Int, _ layerInput: Matrix, _ gradient: Matrix, networkInput: Matrix,
                                           _ function: Activation, parameters: Bool) -> Bool {
        let z = index - 1 == 0 ? networkInput : layers[index - 2].outputInPlace()
        return layers.withUnsafeMutableBufferPointer { layers in
            layers[index - 1].receiveInputGradient(rows: gradient.rows) { activationGradient in
                layers[index].backward(input: layerInput, outputGradient: gradient, parameters: parameters,
                                       thenActivation: function, at: z, into: activationGradient)
            }
        }
    }

    /// ∂L/∂(network input) from the last `backwardToInput` or `backwardToInputOnly`.
    public var inputGradient: Matrix { layers[0].inputGradient }

    /// The sizes of the parameter tensors in optimizer slot order (for `Optimizer.prepare`): every tensor of
    /// every layer, in order, frozen ones included so the slots never move when a layer is unfrozen.
    public var parameterTensorSizes: [Int] { layers.flatMap { $0.parameters.map(\.count) } }

    /// Applies one optimizer step to every trainable parameter.
    public mutating func update(with optimizer: inout Optimizer) {
        optimizer.beginStep()
        var slot = 0
        for index in layers.indices {
            slot += layers[index].update(with: &optimizer, firstSlot: slot)
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
        copy.layers = layers.map { $0.detachedCopy() }
        return copy
    }

    /// Copies every parameter's numbers from `other`, a network of the same layers, into the buffers this one
    /// already has: keeping the best weights so far allocates nothing once the copy exists.
    public mutating func copyParameters(from other: Network) {
        guard other.layers.count == layers.count else { fatalError("cannot copy the parameters of a network of other layers") }
        for index in layers.indices {
            layers[index].copyParameters(from: other.layers[index])
        }
    }
}

// Each layer in `layers` lives in a box of its own. Reading a property through a shared access copies the
// box first (a reference count up and down), while a mutating access works on the box where it is. These
// read the properties a training step needs many times, in place.
extension Layer {
    fileprivate mutating func outputInPlace() -> Matrix { output }
    fileprivate mutating func inputGradientInPlace() -> Matrix { inputGradient }

    fileprivate mutating func copyParameters(from other: any Layer) {
        let source = other.parameters
        guard source.count == parameters.count else { fatalError("cannot copy the parameters of \(other.summary) into \(summary)") }
        for index in parameters.indices { parameters[index].copyValues(from: source[index]) }
    }
}
