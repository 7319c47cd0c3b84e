/// Whether a network is learning (dropout active) or being used (dropout off).
public enum Mode: Sendable, Equatable {
    case training
    case evaluation
}

/// One stage of a network: it turns a batch of inputs (one example per row) into a batch of outputs, and,
/// going backward, turns the gradient of the loss with respect to its outputs into gradients for its own
/// parameters and for its inputs.
///
/// Every layer, dense or not, speaks this one protocol: a per-example input and output shape, forward and
/// backward over a batch, and a list of named parameter tensors that the optimizer, copying, saving, the
/// gradient check and the statistics read. Nothing else needs to know which kind of layer it is.
///
/// A layer owns every buffer it writes, sized once by `reserve(batchCapacity:)`, so a training step
/// allocates nothing: `forward` fills `output`, `backward` fills `inputGradient` and the parameter gradients.
public protocol Layer: Sendable {
    /// The shape of one example coming in, such as `[64]` or `[1, 8, 8]`.
    var inputShape: TensorShape { get }
    /// The shape of one example going out.
    var outputShape: TensorShape { get }
    /// How many numbers each example brings in: the count of `inputShape`.
    var inputSize: Int { get }
    /// How many numbers each example leaves with: the count of `outputShape`.
    var outputSize: Int { get }
    /// A short name for diagrams and summaries, such as `Dense(2 → 8)` or `tanh`.
    var summary: String { get }
    /// What the layer is without its numbers: enough to rebuild it, save it or draw it.
    var spec: LayerSpec { get }
    /// The result of the last `forward`: one row per example.
    var output: Matrix { get }
    /// ∂L/∂input from the last `backward`: one row per example.
    var inputGradient: Matrix { get }
    /// The learnable tensors, named as PyTorch names them inside the module (empty for most layers).
    var parameters: [Parameter] { get set }

    /// Sizes the layer's buffers for batches of up to `batchCapacity` examples.
    mutating func reserve(batchCapacity: Int)
    /// Computes `output` from `input`.
    mutating func forward(_ input: Matrix, mode: Mode)
    /// Whether this layer has one pass for itself and an activation layer of `function` beside it (the two
    /// methods below); asked once, when a network is made, so no step tries a pair that cannot go together.
    func runsTogether(with function: Activation) -> Bool
    /// Computes `output` from `input` and, in the same pass, `function` of it into `activated` (room for
    /// `input.rows × outputSize` floats): the activation layer after this one, done while each number is at
    /// hand (a dense layer and the ReLU after it). Returns false, having done nothing, where the layer has no
    /// such pass for `function`; the network then runs the two layers one after the other.
    mutating func forward(_ input: Matrix, mode: Mode, alsoApplying function: Activation,
                          into activated: UnsafeMutablePointer<Float>) -> Bool
    /// For an activation layer whose forward pass the layer before computes (see above): sizes `output` for
    /// `rows` examples and lends its buffer to `fill`, returning what `fill` returns. Other layers return
    /// false without calling `fill`.
    mutating func receiveOutput(rows: Int, from fill: (UnsafeMutablePointer<Float>) -> Bool) -> Bool
    /// `backward` with ∂L/∂input (or, when `parameters` is false, `backwardToInputOnly`), and in the same pass
    /// the backward pass of the activation layer before this one: `function`'s derivative at `z`, that
    /// layer's input, times this layer's ∂L/∂input, into `gradient` (room for `input.rows × inputSize`
    /// floats). Returns false, having done nothing, where the layer has no such pass for `function`.
    mutating func backward(input: Matrix, outputGradient: Matrix, parameters: Bool, thenActivation function: Activation,
                           at z: Matrix, into gradient: UnsafeMutablePointer<Float>) -> Bool
    /// For an activation layer whose backward pass the layer after computes (see above): sizes
    /// `inputGradient` for `rows` examples and lends its buffer to `fill`, returning what `fill` returns.
    /// Other layers return false without calling `fill`.
    mutating func receiveInputGradient(rows: Int, from fill: (UnsafeMutablePointer<Float>) -> Bool) -> Bool
    /// Given the `input` of the last forward pass and ∂L/∂output, computes the gradients of the trainable
    /// parameters and, when asked, ∂L/∂input.
    mutating func backward(input: Matrix, outputGradient: Matrix, computeInputGradient: Bool)
    /// Given the `input` of the last forward pass and ∂L/∂output, computes ∂L/∂input alone and leaves the
    /// parameters' gradients as they were: a GAN's generator learns through its discriminator's input
    /// gradient and never uses the discriminator's own. Layers without a faster way run `backward` in full.
    mutating func backwardToInputOnly(input: Matrix, outputGradient: Matrix)
    /// A copy that shares no buffer with this layer, so neither one's next write has to copy.
    func detachedCopy() -> any Layer
    /// One optimizer step on each trainable tensor, with the optimizer's state slots from `firstSlot` on
    /// (one slot per tensor, frozen ones included); returns how many slots the layer has.
    @discardableResult
    mutating func update(with optimizer: inout Optimizer, firstSlot: Int) -> Int
}

extension Layer {
    public var inputSize: Int { inputShape.count }
    public var outputSize: Int { outputShape.count }
    /// The number of learnable numbers.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }
    /// Whether any of its parameters trains.
    public var isTrainable: Bool { parameters.contains(where: \.isTrainable) }

    /// The parameter called `name` (`weight`, `bias`), if the layer has one.
    public func parameter(named name: String) -> Parameter? { parameters.first { $0.name == name } }

    /// Freezes (`false`) or unfreezes (`true`) every parameter of the layer.
    public mutating func setTrainable(_ trainable: Bool) {
        for index in parameters.indices { parameters[index].isTrainable = trainable }
    }

    public mutating func backwardToInputOnly(input: Matrix, outputGradient: Matrix) {
        backward(input: input, outputGradient: outputGradient, computeInputGradient: true)
    }

    public func runsTogether(with function: Activation) -> Bool { false }

    public mutating func forward(_ input: Matrix, mode: Mode, alsoApplying function: Activation,
                                 into activated: UnsafeMutablePointer<Float>) -> Bool { false }

    public mutating func receiveOutput(rows: Int, from fill: (UnsafeMutablePointer<Float>) -> Bool) -> Bool { false }

    public mutating func backward(input: Matrix, outputGradient: Matrix, parameters: Bool, thenActivation function: Activation,
                                  at z: Matrix, into gradient: UnsafeMutablePointer<Float>) -> Bool { false }

    public mutating func receiveInputGradient(rows: Int, from fill: (UnsafeMutablePointer<Float>) -> Bool) -> Bool { false }

    @discardableResult
    public mutating func update(with optimizer: inout Optimizer, firstSlot: Int) -> Int {
        let count = parameters.count
        for index in 0..<count where parameters[index].isTrainable {
            parameters[index].step(&optimizer, slot: firstSlot + index)
        }
        return count
    }

    /// Stops with a sentence when `input` does not hold one example of `inputShape` per row. Checked in
    /// every build, release included: a shape mistake must never read past a buffer.
    func checkInput(_ input: Matrix) {
        guard input.columns == inputSize else {
            fatalError("\(summary) takes examples of \(inputShape) = \(inputSize) numbers, but got rows of \(input.columns)")
        }
    }
}
