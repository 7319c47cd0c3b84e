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
/// row of a `patches` matrix (`in·kh·kw` columns), so that the whole layer is the product `patches · Wᵀ`,
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
        set { tensors = newValue; transposeIsCurrent = false }
        _modify {
            transposeIsCurrent = false
            yield &tensors
        }
    }
    private var tensors: [Parameter]
    public private(set) var output: Matrix
    public private(set) var inputGradient: Matrix

    private let height: Int, width: Int, outputHeight: Int, outputWidth: Int
    /// Output positions per example, and numbers per receptive field.
    private let positions: Int, patchSize: Int
    // Scratch, one row per output position of the batch.
    private var patches: Matrix          // [batch · positions, in·kh·kw]
    private var product: Matrix          // [batch · positions, out]
    private var gradientRows: Matrix     // ∂L/∂Y in the same layout as `product`
    private var patchGradient: Matrix    // [batch · positions, in·kh·kw]
    private var weightsTransposed: Matrix
    private var transposeIsCurrent = false
    /// One example with its zero border of `padding` pixels, `in × (H + 2p) × (W + 2p)`.
    private var padded: [Float] = []

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
        patches = Matrix(rows: 0, columns: patchSize)
        product = Matrix(rows: 0, columns: outputChannels)
        gradientRows = Matrix(rows: 0, columns: outputChannels)
        patchGradient = Matrix(rows: 0, columns: patchSize)
        weightsTransposed = Matrix(rows: patchSize, columns: outputChannels)
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
        patches = Matrix(rows: 0, columns: patchSize, capacity: batchCapacity * positions)
        product = Matrix(rows: 0, columns: outputChannels, capacity: batchCapacity * positions)
        gradientRows = Matrix(rows: 0, columns: outputChannels, capacity: batchCapacity * positions)
        patchGradient = Matrix(rows: 0, columns: patchSize, capacity: batchCapacity * positions)
        padded = [Float](repeating: 0, count: inputChannels * (height + 2 * padding) * (width + 2 * padding))
    }

    public mutating func forward(_ input: Matrix, mode: Mode) {
        checkInput(input)
        if input.rows > output.capacity { reserve(batchCapacity: input.rows) }
        let batch = input.rows
        gatherPatches(input)
        if !transposeIsCurrent {
            Transpose.write(tensors[0].values, into: &weightsTransposed)
            transposeIsCurrent = true
        }
        MatrixProduct.multiply(patches, weightsTransposed, into: &product)
        // product holds [example, position, channel]; the output is [example, channel, position], plus bias.
        output.resize(rows: batch)
        let positions = self.positions, channels = outputChannels
        product.storage.withUnsafeBufferPointer { p in
            tensors[1].values.storage.withUnsafeBufferPointer { b in
                output.storage.withUnsafeMutableBufferPointer { y in
                    for example in 0..<batch {
                        let source = p.baseAddress! + example * positions * channels
                        let target = y.baseAddress! + example * positions * channels
                        for position in 0..<positions {
                            for channel in 0..<channels {
                                target[channel * positions + position] = source[position * channels + channel] + b[channel]
                            }
                        }
                    }
                }
            }
        }
    }

    public mutating func backward(input: Matrix, outputGradient: Matrix, computeInputGradient: Bool) {
        let batch = input.rows, positions = self.positions, channels = outputChannels
        gradientRows.resize(rows: batch * positions)
        outputGradient.storage.withUnsafeBufferPointer { g in
            gradientRows.storage.withUnsafeMutableBufferPointer { rows in
                for example in 0..<batch {
                    let source = g.baseAddress! + example * positions * channels
                    let target = rows.baseAddress! + example * positions * channels
                    for channel in 0..<channels {
                        for position in 0..<positions {
                            target[position * channels + channel] = source[channel * positions + position]
                        }
                    }
                }
            }
        }
        if tensors[0].isTrainable {
            // ∂L/∂W = (∂L/∂Y as rows)ᵀ · patches: the dense layer's rule, summed over every position too.
            MatrixProduct.multiplyTransposingA(gradientRows, patches, into: &tensors[0].gradient)
        }
        if tensors[1].isTrainable {
            let count = batch * positions
            gradientRows.storage.withUnsafeBufferPointer { rows in
                tensors[1].gradient.storage.withUnsafeMutableBufferPointer { db in
                    for channel in 0..<channels { db[channel] = 0 }
                    for row in 0..<count {
                        let gRow = rows.baseAddress! + row * channels
                        for channel in 0..<channels { db[channel] += gRow[channel] }
                    }
                }
            }
        }
        if computeInputGradient {
            MatrixProduct.multiply(gradientRows, tensors[0].values, into: &patchGradient)
            scatterPatchGradient(batch: batch)
        }
    }

    public func detachedCopy() -> any Layer {
        var copy = Conv2D(inputShape: inputShape, weights: tensors[0].values, bias: tensors[1].values.elements,
                          kernelHeight: kernelHeight, kernelWidth: kernelWidth, stride: stride, padding: padding)
        copy.parameters = tensors.map { $0.detachedCopy() }
        return copy
    }

    // MARK: - im2col and its reverse

    /// Row (example, y, x) of `patches` holds the receptive field of output (y, x): for each input channel c
    /// and kernel row i, the kw pixels X[c, s·y − p + i, s·x − p + j], 0 outside the image.
    ///
    /// Each example is first copied into a zero-bordered `padded` image, so every window lies inside it and
    /// the copy needs no edge tests.
    private mutating func gatherPatches(_ input: Matrix) {
        let batch = input.rows
        patches.resize(rows: batch * positions)
        let channels = inputChannels, height = self.height, width = self.width, kh = kernelHeight, kw = kernelWidth
        let stride = self.stride, padding = self.padding, outputHeight = self.outputHeight, outputWidth = self.outputWidth
        let paddedHeight = height + 2 * padding, paddedWidth = width + 2 * padding
        let paddedPlane = paddedHeight * paddedWidth, imageSize = height * width, inputSize = self.inputSize
        if padded.count != channels * paddedPlane { padded = [Float](repeating: 0, count: channels * paddedPlane) }
        input.storage.withUnsafeBufferPointer { pixels in
            padded.withUnsafeMutableBufferPointer { paddedBuffer in
                patches.storage.withUnsafeMutableBufferPointer { patchBuffer in
                    let image = paddedBuffer.baseAddress!
                    var target = patchBuffer.baseAddress!
                    for example in 0..<batch {
                        let source = pixels.baseAddress! + example * inputSize
                        for channel in 0..<channels {
                            for row in 0..<height {
                                (image + channel * paddedPlane + (row + padding) * paddedWidth + padding)
                                    .update(from: source + channel * imageSize + row * width, count: width)
                            }
                        }
                        for y in 0..<outputHeight {
                            for x in 0..<outputWidth {
                                let corner = image + y * stride * paddedWidth + x * stride
                                for channel in 0..<channels {
                                    var line = corner + channel * paddedPlane
                                    if kw == 3 {
                                        for _ in 0..<kh {
                                            target[0] = line[0]; target[1] = line[1]; target[2] = line[2]
                                            target += 3
                                            line += paddedWidth
                                        }
                                    } else {
                                        for _ in 0..<kh {
                                            for j in 0..<kw { target[j] = line[j] }
                                            target += kw
                                            line += paddedWidth
                                        }
                                    }
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
        let channels = inputChannels, height = self.height, width = self.width, kh = kernelHeight, kw = kernelWidth
        let stride = self.stride, padding = self.padding, outputHeight = self.outputHeight, outputWidth = self.outputWidth
        let paddedHeight = height + 2 * padding, paddedWidth = width + 2 * padding
        let paddedPlane = paddedHeight * paddedWidth, imageSize = height * width, inputSize = self.inputSize
        if padded.count != channels * paddedPlane { padded = [Float](repeating: 0, count: channels * paddedPlane) }
        patchGradient.storage.withUnsafeBufferPointer { patchBuffer in
            padded.withUnsafeMutableBufferPointer { paddedBuffer in
                inputGradient.storage.withUnsafeMutableBufferPointer { dx in
                    let image = paddedBuffer.baseAddress!
                    var source = patchBuffer.baseAddress!
                    for example in 0..<batch {
                        image.update(repeating: 0, count: channels * paddedPlane)
                        for y in 0..<outputHeight {
                            for x in 0..<outputWidth {
                                let corner = image + y * stride * paddedWidth + x * stride
                                for channel in 0..<channels {
                                    var line = corner + channel * paddedPlane
                                    if kw == 3 {
                                        for _ in 0..<kh {
                                            line[0] += source[0]; line[1] += source[1]; line[2] += source[2]
                                            source += 3
                                            line += paddedWidth
                                        }
                                    } else {
                                        for _ in 0..<kh {
                                            for j in 0..<kw { line[j] += source[j] }
                                            source += kw
                                            line += paddedWidth
                                        }
                                    }
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
