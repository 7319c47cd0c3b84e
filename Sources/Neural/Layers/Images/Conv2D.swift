/// A 2-D convolution, as `torch.nn.Conv2d`: each of `outputChannels` filters slides over the input image
/// (`inputChannels × height × width`) and at every position sums its weights times the pixels under it.
///
/// With kernel `kh × kw`, stride `s` and zero padding `p` on every side, for output channel `o` at (y, x):
///
///     forward    Y[o, y, x] = b[o] + Σ_c Σ_i Σ_j W[o, c, i, j] · X[c, s·y − p + i, s·x − p + j]
///                (pixels outside the image count as 0; the output is ⌊(H + 2p − kh) / s⌋ + 1 high, likewise wide)
///     backward   ∂L/∂W[o, c, i, j] = Σ_examples Σ_(y, x) ∂L/∂Y[o, y, x] · X[c, s·y − p + i, s·x − p + j]
///                ∂L/∂b[o]          = Σ_examples Σ_(y, x) ∂L/∂Y[o, y, x]
///                ∂L/∂X[c, u, v]    = Σ over every (o, y, x, i, j) that read X[c, u, v] of ∂L/∂Y[o, y, x] · W[o, c, i, j]
///
/// Computed as matrix products (the "im2col" lowering): every receptive field of the batch is copied into one
/// column of a `patches` matrix (`in·kh·kw` rows), so that the whole layer is the product `W · patches`,
/// exactly a dense layer applied at every position. The gradients are the dense layer's three products on the
/// same matrices, and ∂L/∂X adds each patch's gradient back where the patch came from. `reference(…)` is the
/// plain loop form of the formula above; tests hold this one to it.
public struct Conv2D: Layer {
    public let inputShape: TensorShape
    public let outputShape: TensorShape
    public let inputSize: Int
    public let outputSize: Int
    public let inputChannels: Int
    public let outputChannels: Int
    public let kernelHeight: Int
    public let kernelWidth: Int
    public let stride: Int
    public let padding: Int

    /// `weight` `[out, in, kh, kw]` and `bias` `[out]`, as in `torch.nn.Conv2d`.
    public var parameters: [Parameter] {
        get { tensors }
        set { tensors = newValue }
        _modify { yield &tensors }
    }
    private var tensors: [Parameter]
    private func weightsChanged() {}
    public private(set) var output: Matrix
    public private(set) var inputGradient: Matrix

    private let height: Int, width: Int, outputHeight: Int, outputWidth: Int
    /// Output positions per example, and numbers per receptive field.
    private let positions: Int, patchSize: Int
    // Scratch, laid out with one column per output position of the batch (n = example · positions + position):
    // the products then have thousands of columns, the shape the product kernel runs fastest on.
    private var patches: [Float] = []          // [in·kh·kw, n]: the receptive fields, one per column
    private var product: [Float] = []          // [out, n]
    private var gradientColumns: [Float] = []  // ∂L/∂Y as [out, n]
    private var gradientRows: [Float] = []     // ∂L/∂Y as [n, out]
    private var patchGradient: [Float] = []    // [in·kh·kw, n]
    private var weightGradientTransposed: [Float] = []  // [in·kh·kw, out]
    /// One example with its zero border of `padding` pixels, `in × (H + 2p) × (W + 2p)`.
    private var padded: [Float] = []
    private var batchCapacity = 0

    /// A convolution of `weights` `[out, in·kh·kw]` (the `[out, in, kh, kw]` tensor row-major) and `bias` over
    /// images of `inputShape` (channels × height × width).
    public init(inputShape: TensorShape, weights: Matrix, bias: [Float], kernelHeight: Int, kernelWidth: Int,
                stride: Int = 1, padding: Int = 0) {
        guard inputShape.isImage else { fatalError("a convolution takes channels × height × width images, not examples of \(inputShape)") }
        let (channels, height, width) = inputShape.image
        guard kernelHeight >= 1, kernelWidth >= 1, stride >= 1, padding >= 0 else {
            fatalError("a convolution needs a kernel and stride of at least 1 and a padding of at least 0")
        }
        guard weights.columns == channels * kernelHeight * kernelWidth, bias.count == weights.rows else {
            fatalError("a \(kernelHeight)×\(kernelWidth) convolution over \(channels) channels needs weights of "
                       + "\(channels * kernelHeight * kernelWidth) columns and one bias per filter")
        }
        guard let size = Conv2D.outputSize(height: height, width: width, kernelHeight: kernelHeight, kernelWidth: kernelWidth,
                                           stride: stride, padding: padding) else {
            fatalError("a \(kernelHeight)×\(kernelWidth) kernel with padding \(padding) does not fit in a \(height)×\(width) image")
        }
        self.inputShape = inputShape
        inputChannels = channels
        outputChannels = weights.rows
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.stride = stride
        self.padding = padding
        self.height = height
        self.width = width
        outputHeight = size.height
        outputWidth = size.width
        outputShape = [outputChannels, outputHeight, outputWidth]
        inputSize = inputShape.count
        outputSize = outputShape.count
        positions = outputHeight * outputWidth
        patchSize = channels * kernelHeight * kernelWidth
        tensors = [Parameter(name: "weight", shape: [outputChannels, channels, kernelHeight, kernelWidth],
                             values: weights.elements, isPenalised: true),
                   Parameter(name: "bias", shape: [outputChannels], values: bias, isPenalised: false)]
        output = Matrix(rows: 0, columns: outputSize)
        inputGradient = Matrix(rows: 0, columns: inputSize)
    }

    /// A convolution with weights drawn by `initializer` (fan-in `in·kh·kw`) and zero biases.
    public init(inputShape: TensorShape, outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                initializer: Initializer = .he, random: inout RandomSource) {
        let fanIn = (inputShape.dimensions.first ?? 1) * kernelSize * kernelSize
        let weights = initializer.weights(inputSize: fanIn, outputSize: outputChannels, random: &random)
        self.init(inputShape: inputShape, weights: weights, bias: [Float](repeating: 0, count: outputChannels),
                  kernelHeight: kernelSize, kernelWidth: kernelSize, stride: stride, padding: padding)
    }

    /// The output height and width, or `nil` when the kernel does not fit: ⌊(H + 2p − k) / s⌋ + 1.
    public static func outputSize(height: Int, width: Int, kernelHeight: Int, kernelWidth: Int,
                                  stride: Int, padding: Int) -> (height: Int, width: Int)? {
        let paddedHeight = height + 2 * padding - kernelHeight, paddedWidth = width + 2 * padding - kernelWidth
        guard paddedHeight >= 0, paddedWidth >= 0, stride >= 1 else { return nil }
        return (paddedHeight / stride + 1, paddedWidth / stride + 1)
    }

    public var summary: String {
        "Conv2d(\(inputChannels) → \(outputChannels), \(kernelHeight)×\(kernelWidth)"
            + (stride == 1 ? "" : ", stride \(stride)") + (padding == 0 ? "" : ", pad \(padding)") + ")"
    }

    public var spec: LayerSpec {
        .conv2D(inputShape: inputShape, outputChannels: outputChannels, kernelHeight: kernelHeight, kernelWidth: kernelWidth,
                stride: stride, padding: padding)
    }

    /// Filter `o` for input channel `c` as a `kh × kw` picture of its weights.
    public func filter(_ o: Int, channel c: Int) -> Matrix {
        let kernel = kernelHeight * kernelWidth
        let start = o * patchSize + c * kernel
        return Matrix(rows: kernelHeight, columns: kernelWidth, elements: Array(tensors[0].values.storage[start ..< start + kernel]))
    }

    public mutating func reserve(batchCapacity: Int) {
        output = Matrix(rows: 0, columns: outputSize, capacity: batchCapacity)
        inputGradient = Matrix(rows: 0, columns: inputSize, capacity: batchCapacity)
        let columns = batchCapacity * positions
        patches = [Float](repeating: 0, count: patchSize * columns)
        product = [Float](repeating: 0, count: outputChannels * columns)
        gradientColumns = [Float](repeating: 0, count: outputChannels * columns)
        gradientRows = [Float](repeating: 0, count: outputChannels * columns)
        patchGradient = [Float](repeating: 0, count: patchSize * columns)
        weightGradientTransposed = [Float](repeating: 0, count: patchSize * outputChannels)
        padded = [Float](repeating: 0, count: inputChannels * (height + 2 * padding) * (width + 2 * padding))
        self.batchCapacity = batchCapacity
    }

    public mutating func forward(_ input: Matrix, mode: Mode) {
        checkInput(input)
        if input.rows > batchCapacity || input.rows > output.capacity { reserve(batchCapacity: input.rows) }
        let batch = input.rows, columns = batch * positions
        gatherPatches(input)
        let channels = outputChannels, patchSize = self.patchSize, positions = self.positions
        // Y = W · patches: [out, in·kh·kw] · [in·kh·kw, n].
        tensors[0].values.storage.withUnsafeBufferPointer { w in
            patches.withUnsafeBufferPointer { x in
                product.withUnsafeMutableBufferPointer { y in
                    MatrixProduct.multiply(w.baseAddress!, x.baseAddress!, y.baseAddress!, rows: channels, inner: patchSize,
                                           columns: columns, rowStride: patchSize, innerStride: 1)
                }
            }
        }
        // [out, example, position] → [example, out, position], plus the bias.
        output.resize(rows: batch)
        product.withUnsafeBufferPointer { p in
            tensors[1].values.storage.withUnsafeBufferPointer { b in
                output.storage.withUnsafeMutableBufferPointer { y in
                    for example in 0..<batch {
                        for channel in 0..<channels {
                            let source = p.baseAddress! + channel * columns + example * positions
                            let target = y.baseAddress! + (example * channels + channel) * positions
                            let bias = b[channel]
                            for position in 0..<positions { target[position] = source[position] + bias }
                        }
                    }
                }
            }
        }
    }

    public mutating func backward(input: Matrix, outputGradient: Matrix, computeInputGradient: Bool) {
        let batch = input.rows, positions = self.positions, channels = outputChannels, columns = batch * positions
        let patchSize = self.patchSize
        let weightsTrain = tensors[0].isTrainable
        outputGradient.storage.withUnsafeBufferPointer { g in
            gradientColumns.withUnsafeMutableBufferPointer { byColumn in
                gradientRows.withUnsafeMutableBufferPointer { byRow in
                    for example in 0..<batch {
                        for channel in 0..<channels {
                            let source = g.baseAddress! + (example * channels + channel) * positions
                            let column = byColumn.baseAddress! + channel * columns + example * positions
                            for position in 0..<positions { column[position] = source[position] }
                            if weightsTrain {
                                let row = byRow.baseAddress! + example * positions * channels + channel
                                for position in 0..<positions { row[position * channels] = source[position] }
                            }
                        }
                    }
                }
            }
        }
        if weightsTrain {
            // ∂L/∂Wᵀ = patches · (∂L/∂Y as rows): the dense layer's rule, summed over every position too.
            patches.withUnsafeBufferPointer { x in
                gradientRows.withUnsafeBufferPointer { g in
                    weightGradientTransposed.withUnsafeMutableBufferPointer { dw in
                        MatrixProduct.multiply(x.baseAddress!, g.baseAddress!, dw.baseAddress!, rows: patchSize, inner: columns,
                                               columns: channels, rowStride: columns, innerStride: 1)
                    }
                }
            }
            weightGradientTransposed.withUnsafeBufferPointer { dwT in
                tensors[0].gradient.storage.withUnsafeMutableBufferPointer { dw in
                    for row in 0..<patchSize {
                        for channel in 0..<channels { dw[channel * patchSize + row] = dwT[row * channels + channel] }
                    }
                }
            }
        }
        if tensors[1].isTrainable {
            gradientColumns.withUnsafeBufferPointer { g in
                tensors[1].gradient.storage.withUnsafeMutableBufferPointer { db in
                    for channel in 0..<channels {
                        var sum: Float = 0
                        let row = g.baseAddress! + channel * columns
                        for column in 0..<columns { sum += row[column] }
                        db[channel] = sum
                    }
                }
            }
        }
        if computeInputGradient {
            // ∂L/∂patches = Wᵀ · ∂L/∂Y, reading W transposed where it lies.
            tensors[0].values.storage.withUnsafeBufferPointer { w in
                gradientColumns.withUnsafeBufferPointer { g in
                    patchGradient.withUnsafeMutableBufferPointer { dx in
                        MatrixProduct.multiply(w.baseAddress!, g.baseAddress!, dx.baseAddress!, rows: patchSize, inner: channels,
                                               columns: columns, rowStride: 1, innerStride: patchSize)
                    }
                }
            }
            scatterPatchGradient(batch: batch)
        }
    }

    /// The optimizer step on `weight` (slot `firstSlot`) and `bias`, reading the tensors directly.
    @discardableResult
    public mutating func update(with optimizer: inout Optimizer, firstSlot: Int) -> Int {
        if tensors[0].isTrainable { tensors[0].step(&optimizer, slot: firstSlot); weightsChanged() }
        if tensors[1].isTrainable { tensors[1].step(&optimizer, slot: firstSlot + 1) }
        return 2
    }

    public func detachedCopy() -> any Layer {
        var copy = Conv2D(inputShape: inputShape, weights: tensors[0].values, bias: tensors[1].values.elements,
                          kernelHeight: kernelHeight, kernelWidth: kernelWidth, stride: stride, padding: padding)
        copy.parameters = tensors.map { $0.detachedCopy() }
        return copy
    }

    // MARK: - im2col and its reverse

    /// Column (example, y, x) of `patches` holds the receptive field of output (y, x): in row (c, i, j) the
    /// pixel X[c, s·y − p + i, s·x − p + j], 0 outside the image.
    ///
    /// Each example is first copied into a zero-bordered `padded` image, so every window lies inside it and
    /// the copy needs no edge tests; with stride 1 each output row's pixels are one contiguous run.
    private mutating func gatherPatches(_ input: Matrix) {
        let batch = input.rows, columns = batch * positions, positions = self.positions
        let channels = inputChannels, height = self.height, width = self.width, kh = kernelHeight, kw = kernelWidth
        let stride = self.stride, padding = self.padding, outputHeight = self.outputHeight, outputWidth = self.outputWidth
        let paddedWidth = width + 2 * padding, paddedPlane = (height + 2 * padding) * paddedWidth
        let imageSize = height * width, inputSize = self.inputSize
        input.storage.withUnsafeBufferPointer { pixels in
            padded.withUnsafeMutableBufferPointer { paddedBuffer in
                patches.withUnsafeMutableBufferPointer { patchBuffer in
                    let image = paddedBuffer.baseAddress!
                    for example in 0..<batch {
                        let source = pixels.baseAddress! + example * inputSize
                        for channel in 0..<channels {
                            for row in 0..<height {
                                (image + channel * paddedPlane + (row + padding) * paddedWidth + padding)
                                    .update(from: source + channel * imageSize + row * width, count: width)
                            }
                        }
                        var patchRow = 0
                        for channel in 0..<channels {
                            for i in 0..<kh {
                                for j in 0..<kw {
                                    let target = patchBuffer.baseAddress! + patchRow * columns + example * positions
                                    let plane = image + channel * paddedPlane + i * paddedWidth + j
                                    for y in 0..<outputHeight {
                                        let line = plane + y * stride * paddedWidth
                                        let out = target + y * outputWidth
                                        if stride == 1 {
                                            for x in 0..<outputWidth { out[x] = line[x] }
                                        } else {
                                            for x in 0..<outputWidth { out[x] = line[x * stride] }
                                        }
                                    }
                                    patchRow += 1
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// ∂L/∂X: each patch's gradient added back onto the pixels the patch was read from (in a zero-bordered
    /// image, whose border, the padding, is then dropped).
    private mutating func scatterPatchGradient(batch: Int) {
        inputGradient.resize(rows: batch)
        let columns = batch * positions, positions = self.positions
        let channels = inputChannels, height = self.height, width = self.width, kh = kernelHeight, kw = kernelWidth
        let stride = self.stride, padding = self.padding, outputHeight = self.outputHeight, outputWidth = self.outputWidth
        let paddedWidth = width + 2 * padding, paddedPlane = (height + 2 * padding) * paddedWidth
        let imageSize = height * width, inputSize = self.inputSize
        patchGradient.withUnsafeBufferPointer { patchBuffer in
            padded.withUnsafeMutableBufferPointer { paddedBuffer in
                inputGradient.storage.withUnsafeMutableBufferPointer { dx in
                    let image = paddedBuffer.baseAddress!
                    for example in 0..<batch {
                        image.update(repeating: 0, count: channels * paddedPlane)
                        var patchRow = 0
                        for channel in 0..<channels {
                            for i in 0..<kh {
                                for j in 0..<kw {
                                    let source = patchBuffer.baseAddress! + patchRow * columns + example * positions
                                    let plane = image + channel * paddedPlane + i * paddedWidth + j
                                    for y in 0..<outputHeight {
                                        let line = plane + y * stride * paddedWidth
                                        let gradient = source + y * outputWidth
                                        if stride == 1 {
                                            for x in 0..<outputWidth { line[x] += gradient[x] }
                                        } else {
                                            for x in 0..<outputWidth { line[x * stride] += gradient[x] }
                                        }
                                    }
                                    patchRow += 1
                                }
                            }
                        }
                        let target = dx.baseAddress! + example * inputSize
                        for channel in 0..<channels {
                            for row in 0..<height {
                                (target + channel * imageSize + row * width)
                                    .update(from: image + channel * paddedPlane + (row + padding) * paddedWidth + padding, count: width)
                            }
                        }
                    }
                }
            }
        }
        // The gather that follows writes only the interior, so the border must be zero again.
        padded.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    // MARK: - The plain reference

    /// The forward formula as loops over filters, positions, channels and kernel cells, one example at a
    /// time; `weights` is the `[out, in, kh, kw]` tensor row-major.
    public static func reference(input: Matrix, inputShape: TensorShape, weights: [Float], bias: [Float],
                                 kernelHeight kh: Int, kernelWidth kw: Int, stride: Int, padding: Int) -> Matrix {
        let (channels, height, width) = inputShape.image
        let filters = bias.count
        let outputHeight = (height + 2 * padding - kh) / stride + 1, outputWidth = (width + 2 * padding - kw) / stride + 1
        var result = Matrix(rows: input.rows, columns: filters * outputHeight * outputWidth)
        for n in 0..<input.rows {
            for o in 0..<filters {
                for y in 0..<outputHeight {
                    for x in 0..<outputWidth {
                        var sum = bias[o]
                        for c in 0..<channels {
                            for i in 0..<kh {
                                for j in 0..<kw {
                                    let u = y * stride - padding + i, v = x * stride - padding + j
                                    guard u >= 0, u < height, v >= 0, v < width else { continue }
                                    sum += weights[((o * channels + c) * kh + i) * kw + j] * input[n, (c * height + u) * width + v]
                                }
                            }
                        }
                        result[n, (o * outputHeight + y) * outputWidth + x] = sum
                    }
                }
            }
        }
        return result
    }
}
