/// Whether a network is learning (dropout active) or being used (dropout off).
public enum Mode: Sendable, Equatable {
    case training
    case evaluation
}

/// One stage of a network: it turns a batch of inputs (one example per row) into a batch of outputs, and,
/// going backward, turns the gradient of the loss with respect to its outputs into gradients for its own
/// parameters and for its inputs.
///
/// A layer owns every buffer it writes, sized once by `reserve(batchCapacity:)`, so a training step
/// allocates nothing: `forward` fills `output`, `backward` fills `inputGradient` and the parameter gradients.
public protocol Layer: Sendable {
    /// How many numbers each example brings in.
    var inputSize: Int { get }
    /// How many numbers each example leaves with.
    var outputSize: Int { get }
    /// A short name for diagrams and summaries, such as `Dense(2 → 8)` or `tanh`.
    var summary: String { get }
    /// The result of the last `forward`: one row per example.
    var output: Matrix { get }
    /// ∂L/∂input from the last `backward`: one row per example.
    var inputGradient: Matrix { get }

    /// Sizes the layer's buffers for batches of up to `batchCapacity` examples.
    mutating func reserve(batchCapacity: Int)
    /// Computes `output` from `input`.
    mutating func forward(_ input: Matrix, mode: Mode)
    /// Given the `input` of the last forward pass and ∂L/∂output, computes the parameter gradients and,
    /// when asked, ∂L/∂input.
    mutating func backward(input: Matrix, outputGradient: Matrix, computeInputGradient: Bool)

    /// The number of learnable numbers.
    var parameterCount: Int { get }
    /// The layer's parameter tensors, in the order `update` visits them (empty for most layers).
    var parameterSlotCount: Int { get }
    /// Applies one optimizer step to the parameters, using optimizer state slots from `firstSlot` on.
    mutating func update(with optimizer: inout Optimizer, firstSlot: Int)
}

extension Layer {
    public var parameterCount: Int { 0 }
    public var parameterSlotCount: Int { 0 }
    public mutating func update(with optimizer: inout Optimizer, firstSlot: Int) {}
}
