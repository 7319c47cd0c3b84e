/// A layer that applies an activation function to each pre-activation: `a = f(z)`.
///
///     forward    A = f(Z)
///     backward   ∂L/∂Z = ∂L/∂A ⊙ f′(Z)        (softmax mixes each row: see `Softmax`)
public struct ActivationLayer: Layer {
    public let function: Activation
    public let inputSize: Int
    public var outputSize: Int { inputSize }
    public private(set) var output: Matrix
    public private(set) var inputGradient: Matrix

    public init(_ function: Activation, size: Int) {
        self.function = function
        inputSize = size
        output = Matrix(rows: 0, columns: size)
        inputGradient = Matrix(rows: 0, columns: size)
    }

    public var summary: String { function.name }

    public mutating func reserve(batchCapacity: Int) {
        output = Matrix(rows: 0, columns: inputSize, capacity: batchCapacity)
        inputGradient = Matrix(rows: 0, columns: inputSize, capacity: batchCapacity)
    }

    public mutating func forward(_ input: Matrix, mode: Mode) {
        precondition(input.columns == inputSize, "\(summary) expects \(inputSize) values per example, got \(input.columns)")
        if input.rows > output.capacity { reserve(batchCapacity: input.rows) }
        output.resize(rows: input.rows)
        let rows = input.rows, columns = inputSize, function = self.function
        input.storage.withUnsafeBufferPointer { z in
            output.storage.withUnsafeMutableBufferPointer { a in
                function.forward(z.baseAddress!, a.baseAddress!, rows: rows, columns: columns)
            }
        }
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
