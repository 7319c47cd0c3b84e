/// Reading each example's numbers in another shape of the same count, as `torch.nn.Unflatten(1, shape)`:
/// 64 features become a 1 × 8 × 8 image. Nothing moves; only the shape the next layer sees changes.
///
///     forward    Y = X          backward    ∂L/∂X = ∂L/∂Y
public struct Reshape: Layer {
    public let inputShape: TensorShape
    public let outputShape: TensorShape
    public let inputSize: Int
    public var outputSize: Int { inputSize }
    public var parameters: [Parameter] { get { [] } set {} }
    public private(set) var output: Matrix
    public private(set) var inputGradient: Matrix

    public init(from inputShape: TensorShape, to outputShape: TensorShape) {
        guard inputShape.count == outputShape.count else {
            fatalError("cannot read examples of \(inputShape) as \(outputShape): the counts differ")
        }
        self.inputShape = inputShape
        self.outputShape = outputShape
        inputSize = inputShape.count
        output = Matrix(rows: 0, columns: inputSize)
        inputGradient = Matrix(rows: 0, columns: inputSize)
    }

    public var summary: String { "Unflatten(\(outputShape))" }
    public var spec: LayerSpec { .reshape(from: inputShape, to: outputShape) }
    public func detachedCopy() -> any Layer { Reshape(from: inputShape, to: outputShape) }

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
