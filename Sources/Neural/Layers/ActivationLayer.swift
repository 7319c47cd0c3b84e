/// A layer that applies an activation function to each pre-activation: `a = f(z)`.
///
///     forward    A = f(Z)
///     backward   ∂L/∂Z = ∂L/∂A ⊙ f′(Z)        (softmax mixes each row: see `Softmax`)
public struct ActivationLayer: Layer {
    public let function: Activation
    /// Any shape: the function applies to each number on its own (softmax to each example's row).
    public let inputShape: TensorShape
    public var outputShape: TensorShape { inputShape }
    public let inputSize: Int
    public var outputSize: Int { inputSize }
    public var parameters: [Parameter] { get { [] } set {} }
    public private(set) var output: Matrix
    public private(set) var inputGradient: Matrix

    /// The activation on examples of `shape`.
    public init(_ function: Activation, shape: TensorShape) {
        self.function = function
        inputShape = shape
        inputSize = shape.count
        output = Matrix(rows: 0, columns: shape.count)
        inputGradient = Matrix(rows: 0, columns: shape.count)
    }

    /// The activation on `size` features.
    public init(_ function: Activation, size: Int) {
        self.init(function, shape: [size])
    }

    public var summary: String { function.name }
    public var spec: LayerSpec { .activation(function, size: inputSize) }
    public func detachedCopy() -> any Layer { ActivationLayer(function, shape: inputShape) }

    public mutating func reserve(batchCapacity: Int) {
        output = .cacheAligned(rows: 0, columns: inputSize, capacity: batchCapacity)
        inputGradient = .cacheAligned(rows: 0, columns: inputSize, capacity: batchCapacity)
    }

    public mutating func forward(_ input: Matrix, mode: Mode) {
        checkInput(input)
        if input.rows > output.capacity { reserve(batchCapacity: input.rows) }
        output.resize(rows: input.rows)
        let rows = input.rows, columns = inputSize, function = self.function
        input.storage.withUnsafeBufferPointer { z in
            output.storage.withUnsafeMutableBufferPointer { a in
                function.forward(z.baseAddress!, a.baseAddress!, rows: rows, columns: columns)
            }
        }
    }

    /// The layer before fills `output` with this layer's function of its own output (see `Layer`).
    public mutating func receiveOutput(rows: Int, from fill: (UnsafeMutablePointer<Float>) -> Bool) -> Bool {
        if rows > output.capacity { reserve(batchCapacity: rows) }
        output.resize(rows: rows)
        return output.storage.withUnsafeMutableBufferPointer { fill($0.baseAddress!) }
    }

    /// The layer after fills `inputGradient` with this layer's backward pass (see `Layer`).
    public mutating func receiveInputGradient(rows: Int, from fill: (UnsafeMutablePointer<Float>) -> Bool) -> Bool {
        if rows > inputGradient.capacity { reserve(batchCapacity: rows) }
        inputGradient.resize(rows: rows)
        return inputGradient.storage.withUnsafeMutableBufferPointer { fill($0.baseAddress!) }
    }

    public mutating func backward(input: Matrix, outputGradient: Matrix, computeInputGradient: Bool) {
        guard computeInputGradient else { return }
        inputGradient.resize(rows: input.rows)
        let rows = input.rows, columns = inputSize, function = self.function
        input.storage.withUnsafeBufferPointer { z in
            output.storage.withUnsafeBufferPointer { a in
                outputGradient.storage.withUnsafeBufferPointer { g in
                    inputGradient.storage.withUnsafeMutableBufferPointer { dz in
                        function.backward(z: z.baseAddress!, a: a.baseAddress!, outputGradient: g.baseAddress!,
                                          inputGradient: dz.baseAddress!, rows: rows, columns: columns)
                    }
                }
            }
        }
    }
}
