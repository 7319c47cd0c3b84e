/// Max pooling, as `torch.nn.MaxPool2d(kernel, stride)`: each output is the largest input of its window.
///
///     forward    Y[c, y, x] = max over (i, j) in the window of X[c, s·y + i, s·x + j]
///     backward   ∂L/∂X[c, u, v] = Σ of ∂L/∂Y[c, y, x] over the windows whose maximum sat at (u, v); 0 elsewhere
///
/// The gradient goes only to the input that won: the others did not change the output. On a tie the first
/// input in reading order wins, as in PyTorch.
public struct MaxPool2D: Layer {
    public let window: PoolingWindow
    public let inputShape: TensorShape
    public let outputShape: TensorShape
    public let inputSize: Int
    public let outputSize: Int
    public var parameters: [Parameter] { get { [] } set {} }
    public private(set) var output: Matrix
    public private(set) var inputGradient: Matrix
    /// For every output of the last forward pass, the index (within its example) of the input that won.
    private var winners: [Int32]

    /// Pooling `kernel × kernel` windows `stride` apart (PyTorch's default stride is the kernel) over images of `shape`.
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
        winners = []
    }

    public var summary: String { "MaxPool2d(\(window.kernel)" + (window.stride == window.kernel ? ")" : ", stride \(window.stride))") }
    public var spec: LayerSpec { .maxPool2D(inputShape: inputShape, kernel: window.kernel, stride: window.stride) }
    public func detachedCopy() -> any Layer { MaxPool2D(inputShape: inputShape, kernel: window.kernel, stride: window.stride) }

    public mutating func reserve(batchCapacity: Int) {
        output = Matrix(rows: 0, columns: outputSize, capacity: batchCapacity)
        inputGradient = Matrix(rows: 0, columns: inputSize, capacity: batchCapacity)
        winners = [Int32](repeating: 0, count: batchCapacity * outputSize)
    }

    public mutating func forward(_ input: Matrix, mode: Mode) {
        checkInput(input)
        if input.rows > output.capacity || winners.count < input.rows * outputSize { reserve(batchCapacity: input.rows) }
        output.resize(rows: input.rows)
        let w = window, batch = input.rows, inputSize = self.inputSize, outputSize = self.outputSize
        if w.kernel == 2 && w.stride == 2 {
            forwardTwoByTwo(input)
            return
        }
        input.storage.withUnsafeBufferPointer { x in
            output.storage.withUnsafeMutableBufferPointer { y in
                winners.withUnsafeMutableBufferPointer { won in
                    for example in 0..<batch {
                        let image = x.baseAddress! + example * inputSize
                        var out = example * outputSize
                        for channel in 0..<w.channels {
                            let plane = channel * w.height * w.width
                            for row in 0..<w.outputHeight {
                                for column in 0..<w.outputWidth {
                                    var best = plane + row * w.stride * w.width + column * w.stride
                                    for i in 0..<w.kernel {
                                        let line = plane + (row * w.stride + i) * w.width + column * w.stride
                                        for j in 0..<w.kernel where image[line + j] > image[best] { best = line + j }
                                    }
                                    y[out] = image[best]
                                    won[out] = Int32(best)
                                    out += 1
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The common 2×2 window with stride 2, written out: four candidates, first one in reading order on a tie.
    private mutating func forwardTwoByTwo(_ input: Matrix) {
        let batch = input.rows, inputSize = self.inputSize
        let channels = window.channels, height = window.height, width = window.width
        let outputHeight = window.outputHeight, outputWidth = window.outputWidth
        input.storage.withUnsafeBufferPointer { x in
            output.storage.withUnsafeMutableBufferPointer { y in
                winners.withUnsafeMutableBufferPointer { won in
                    var out = 0
                    for example in 0..<batch {
                        let image = x.baseAddress! + example * inputSize
                        for channel in 0..<channels {
                            for row in 0..<outputHeight {
                                let top = channel * height * width + 2 * row * width
                                // Four windows at a time: the even and odd lanes of 8 pixels of each of the two
                                // rows are the four candidates of each window, compared lane by lane.
                                var column = 0
                                while column + 4 <= outputWidth {
                                    let a = top + 2 * column
                                    let upper = UnsafeRawPointer(image + a).loadUnaligned(as: SIMD8<Float>.self)
                                    let lower = UnsafeRawPointer(image + a + width).loadUnaligned(as: SIMD8<Float>.self)
                                    var value = upper.evenHalf
                                    var best = SIMD4<Int32>(repeating: Int32(a)) &+ SIMD4<Int32>(0, 2, 4, 6)
                                    let b = upper.oddHalf, c = lower.evenHalf, d = lower.oddHalf
                                    let bWins = b .> value
                                    value.replace(with: b, where: bWins)
                                    best.replace(with: best &+ 1, where: bWins)
                                    let cWins = c .> value
                                    value.replace(with: c, where: cWins)
                                    best.replace(with: SIMD4<Int32>(repeating: Int32(a + width)) &+ SIMD4<Int32>(0, 2, 4, 6), where: cWins)
                                    let dWins = d .> value
                                    value.replace(with: d, where: dWins)
                                    best.replace(with: SIMD4<Int32>(repeating: Int32(a + width + 1)) &+ SIMD4<Int32>(0, 2, 4, 6), where: dWins)
                                    UnsafeMutableRawPointer(y.baseAddress! + out).storeBytes(of: value, as: SIMD4<Float>.self)
                                    UnsafeMutableRawPointer(won.baseAddress! + out).storeBytes(of: best, as: SIMD4<Int32>.self)
                                    out += 4
                                    column += 4
                                }
                                for column in column..<outputWidth {
                                    let a = top + 2 * column, b = a + 1, c = a + width, d = c + 1
                                    // Selections rather than branches: which input wins is as good as random, and
                                    // a mispredicted branch costs more than the whole window.
                                    var best = a, value = image[a]
                                    let vb = image[b], vc = image[c], vd = image[d]
                                    let bWins = vb > value
                                    best = bWins ? b : best; value = bWins ? vb : value
                                    let cWins = vc > value
                                    best = cWins ? c : best; value = cWins ? vc : value
                                    let dWins = vd > value
                                    best = dWins ? d : best; value = dWins ? vd : value
                                    y[out] = value
                                    won[out] = Int32(best)
                                    out += 1
                                }
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
        let batch = input.rows, inputSize = self.inputSize, outputSize = self.outputSize
        outputGradient.storage.withUnsafeBufferPointer { g in
            winners.withUnsafeBufferPointer { won in
                inputGradient.storage.withUnsafeMutableBufferPointer { dx in
                    for example in 0..<batch {
                        let image = dx.baseAddress! + example * inputSize
                        for out in example * outputSize ..< (example + 1) * outputSize {
                            image[Int(won[out])] += g[out]
                        }
                    }
                }
            }
        }
    }
}
