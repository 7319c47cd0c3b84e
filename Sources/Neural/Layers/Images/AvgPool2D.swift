/// Average pooling, as `torch.nn.AvgPool2d(kernel, stride)`: each output is the mean of its window.
///
///     forward    Y[c, y, x] = (1 / k²) · Σ over (i, j) in the window of X[c, s·y + i, s·x + j]
///     backward   ∂L/∂X[c, u, v] = (1 / k²) · Σ of ∂L/∂Y[c, y, x] over the windows that contain (u, v)
public struct AvgPool2D: Layer {
    public let window: PoolingWindow
    public let inputShape: TensorShape
    public let outputShape: TensorShape
    public let inputSize: Int
    public let outputSize: Int
    public var parameters: [Parameter] { get { [] } set {} }
    public private(set) var output: Matrix
    public private(set) var inputGradient: Matrix

    /// Averaging `kernel × kernel` windows `stride` apart (default: the kernel) over images of `shape`.
    public init(inputShape shape: TensorShape, kernel: Int, stride: Int? = nil) {
        guard let window = PoolingWindow(shape: shape, kernel: kernel, stride: stride ?? kernel) else {
            fatalError("a \(kernel)×\(kernel) pooling window does not fit in examples of \(shape)")
        }
        self.window = window
        inputShape = shape
        outputShape = window.outputShape
        inputSize = shape.count
        outputSize = window.outputShape.count
        output = Matrix(rows: 0, columns: outputSize)
        inputGradient = Matrix(rows: 0, columns: inputSize)
    }

    public var summary: String { "AvgPool2d(\(window.kernel)" + (window.stride == window.kernel ? ")" : ", stride \(window.stride))") }
    public var spec: LayerSpec { .avgPool2D(inputShape: inputShape, kernel: window.kernel, stride: window.stride) }
    public func detachedCopy() -> any Layer { AvgPool2D(inputShape: inputShape, kernel: window.kernel, stride: window.stride) }

    public mutating func reserve(batchCapacity: Int) {
        output = Matrix(rows: 0, columns: outputSize, capacity: batchCapacity)
        inputGradient = Matrix(rows: 0, columns: inputSize, capacity: batchCapacity)
    }

    public mutating func forward(_ input: Matrix, mode: Mode) {
        checkInput(input)
        if input.rows > output.capacity { reserve(batchCapacity: input.rows) }
        output.resize(rows: input.rows)
        let w = window, batch = input.rows, inputSize = self.inputSize, outputSize = self.outputSize
        let scale = 1 / Float(w.kernel * w.kernel)
        input.storage.withUnsafeBufferPointer { x in
            output.storage.withUnsafeMutableBufferPointer { y in
                for example in 0..<batch {
                    let image = x.baseAddress! + example * inputSize
                    var out = example * outputSize
                    for channel in 0..<w.channels {
                        let plane = channel * w.height * w.width
                        for row in 0..<w.outputHeight {
                            for column in 0..<w.outputWidth {
                                var sum: Float = 0
                                for i in 0..<w.kernel {
                                    let line = plane + (row * w.stride + i) * w.width + column * w.stride
                                    for j in 0..<w.kernel { sum += image[line + j] }
                                }
                                y[out] = sum * scale
                                out += 1
                            }
                        }
                    }
                }
            }
        }
    }

    public mutating func backward(input: Matrix, outputGradient: Matrix, computeInputGradient: Bool) {
        guard computeInputGradient else { return }
        inputGradient.resize(rows: input.rows)
        inputGradient.fill(0)
        let w = window, batch = input.rows, inputSize = self.inputSize, outputSize = self.outputSize
        let scale = 1 / Float(w.kernel * w.kernel)
        outputGradient.storage.withUnsafeBufferPointer { g in
            inputGradient.storage.withUnsafeMutableBufferPointer { dx in
                for example in 0..<batch {
                    let image = dx.baseAddress! + example * inputSize
                    var out = example * outputSize
                    for channel in 0..<w.channels {
                        let plane = channel * w.height * w.width
                        for row in 0..<w.outputHeight {
                            for column in 0..<w.outputWidth {
                                let share = g[out] * scale
                                for i in 0..<w.kernel {
                                    let line = plane + (row * w.stride + i) * w.width + column * w.stride
                                    for j in 0..<w.kernel { image[line + j] += share }
                                }
                                out += 1
                            }
                        }
                    }
                }
            }
        }
    }
}
