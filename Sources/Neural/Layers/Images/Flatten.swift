/// Flattening, as `torch.nn.Flatten()`: an image of channels × height × width becomes one list of features
/// in the same order (channel by channel, row by row), so a dense layer can follow.
///
///     forward    Y = X read as C·H·W features
///     backward   ∂L/∂X = ∂L/∂Y read back as C × H × W
///
/// A batch already stores each example as one row in exactly this order, so only the shape changes.
public struct Flatten: Layer {
    public let inputShape: TensorShape
    public let outputShape: TensorShape
    public let inputSize: Int
    public var outputSize: Int { inputSize }
    public var parameters: [Parameter] { get { [] } set {} }
    public private(set) var output: Matrix
    public private(set) var inputGradient: Matrix

    public init(inputShape: TensorShape) {
        self.inputShape = inputShape
        outputShape = [inputShape.count]
        inputSize = inputShape.count
        output = Matrix(rows: 0, columns: inputSize)
        inputGradient = Matrix(rows: 0, columns: inputSize)
    }

    public var summary: String { "Flatten" }
    public var spec: LayerSpec { .flatten(inputShape: inputShape) }
    public func detachedCopy() -> any Layer { Flatten(inputShape: inputShape) }

    public mutating func reserve(batchCapacity: Int) {
        output = Matrix(rows: 0, columns: inputSize, capacity: batchCapacity)
        inputGradient = Matrix(rows: 0, columns: inputSize, capacity: batchCapacity)
    }

    public mutating func forward(_ input: Matrix, mode: Mode) {
        checkInput(input)
        if input.rows > output.capacity { reserve(batchCapacity: input.rows) }
        output.copy(from: input)
    }

    public mutating func backward(input: Matrix, outputGradient: Matrix, computeInputGradient: Bool) {
        guard computeInputGradient else { return }
        inputGradient.copy(from: outputGradient)
    }
}
