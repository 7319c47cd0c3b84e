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
///
/// Inside the layer the batch is the innermost index: pixels are stored `[in·H·W, batch]` and the columns of
/// `patches` run over (position, example). A pixel of every example is then one run of `batch` numbers, and
/// with stride 1 a row of receptive fields is one run of several pixels, so lowering the batch copies long
/// runs even when the images and channel counts are tiny. The batch goes in and comes out one example per
/// row, as every layer exchanges it; the turns between the two orders are 8×8-block transposes.
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
    // Scratch with the batch innermost (n = position · batch + example): the products then have thousands of
    // columns, the shape the product kernel runs fastest on, and each pixel of the batch is one contiguous run.
    private var pixels: [Float] = []           // X as [in·H·W, batch]; in the backward pass, ∂L/∂X likewise
    private var patches: [Float] = []          // [in·kh·kw, n]: the receptive fields, one per column
    private var product: [Float] = []          // [out, n]
    private var gradientColumns: [Float] = []  // ∂L/∂Y as [out, n]
    private var gradientRows: [Float] = []     // ∂L/∂Y as [n, out]
    private var patchGradient: [Float] = []    // [in·kh·kw, n]
    private var weightGradientTransposed: [Float] = []  // [in·kh·kw, out]
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
        pixels = [Float](repeating: 0, count: inputSize * batchCapacity)
        patches = [Float](repeating: 0, count: patchSize * columns)
        product = [Float](repeating: 0, count: outputChannels * columns)
        gradientColumns = [Float](repeating: 0, count: outputChannels * columns)
        gradientRows = [Float](repeating: 0, count: outputChannels * columns)
        patchGradient = [Float](repeating: 0, count: patchSize * columns)
        weightGradientTransposed = [Float](repeating: 0, count: patchSize * outputChannels)
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
        // [out, position, example] → [example, out, position], plus the bias.
        output.resize(rows: batch)
        product.withUnsafeBufferPointer { p in
            tensors[1].values.storage.withUnsafeBufferPointer { b in
                output.storage.withUnsafeMutableBufferPointer { y in
                    Transpose.write(p.baseAddress!, rows: channels * positions, columns: batch, sourceStride: batch,
                                    into: y.baseAddress!, targetStride: channels * positions)
                    for example in 0..<batch {
                        for channel in 0..<channels {
                            let target = y.baseAddress! + (example * channels + channel) * positions
                            let bias = b[channel]
                            for position in 0..<positions { target[position] += bias }
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
        // ∂L/∂Y as [out, position, example], and when the weights train also as [position, example, out].
        outputGradient.storage.withUnsafeBufferPointer { g in
            gradientColumns.withUnsafeMutableBufferPointer { byColumn in
                Transpose.write(g.baseAddress!, rows: batch, columns: channels * positions, sourceStride: channels * positions,
                                into: byColumn.baseAddress!, targetStride: batch)
                if weightsTrain {
                    gradientRows.withUnsafeMutableBufferPointer { byRow in
                        Transpose.write(UnsafePointer(byColumn.baseAddress!), rows: channels, columns: columns, sourceStride: columns,
                                        into: byRow.baseAddress!, targetStride: channels)
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
                    Transpose.write(dwT.baseAddress!, rows: patchSize, columns: channels, sourceStride: channels,
                                    into: dw.baseAddress!, targetStride: patchSize)
                }
            }
        }
        if tensors[1].isTrainable {
            gradientColumns.withUnsafeBufferPointer { g in
                tensors[1].gradient.storage.withUnsafeMutableBufferPointer { db in
                    for channel in 0..<channels {
                        // Sixteen running sums side by side: one running sum would wait on each addition.
                        let row = g.baseAddress! + channel * columns
                        var sums = SIMD16<Float>(), column = 0
                        while column + 16 <= columns {
                            sums += UnsafeRawPointer(row + column).loadUnaligned(as: SIMD16<Float>.self)
                            column += 16
                        }
                        var sum = sums.sum()
                        while column < columns { sum += row[column]; column += 1 }
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

    /// The outputs x (of `count`) whose input coordinate x·stride + offset lies inside 0..<size: one run,
    /// since the coordinate grows with x.
    @inline(__always)
    static func insideRange(offset: Int, stride: Int, size: Int, count: Int) -> Range<Int> {
        // x·s + offset ≥ 0  ⇔  x ≥ ⌈−offset / s⌉;   x·s + offset ≤ size − 1  ⇔  x ≤ ⌊(size − 1 − offset) / s⌋.
        let low = offset >= 0 ? 0 : (-offset + stride - 1) / stride
        let last = size - 1 - offset
        let high = last < 0 ? 0 : last / stride + 1
        let start = min(low, count)
        return start ..< max(start, min(high, count))
    }

    /// Row (c, i, j), column (y, x, example) of `patches` holds X[example, c, s·y − p + i, s·x − p + j], 0
    /// outside the image.
    ///
    /// The batch is first turned so each pixel is a run of `batch` numbers (`pixels`); a receptive-field row
    /// then copies, for each output row y, the run of pixels under it (one copy with stride 1) and writes zeros
    /// where the kernel hangs over the edge.
    private mutating func gatherPatches(_ input: Matrix) {
        let batch = input.rows, columns = batch * positions, inputSize = self.inputSize
        let channels = inputChannels, height = self.height, width = self.width, kh = kernelHeight, kw = kernelWidth
        let stride = self.stride, padding = self.padding, outputHeight = self.outputHeight, outputWidth = self.outputWidth
        input.storage.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { pixelBuffer in
                patches.withUnsafeMutableBufferPointer { patchBuffer in
                    let pixels = pixelBuffer.baseAddress!, patches = patchBuffer.baseAddress!
                    Transpose.write(source.baseAddress!, rows: batch, columns: inputSize, sourceStride: inputSize,
                                    into: pixels, targetStride: batch)
                    var patchRow = 0
                    for channel in 0..<channels {
                        for i in 0..<kh {
                            for j in 0..<kw {
                                let inside = Self.insideRange(offset: j - padding, stride: stride, size: width, count: outputWidth)
                                let target = patches + patchRow * columns
                                for y in 0..<outputHeight {
                                    let out = target + y * outputWidth * batch
                                    let u = y * stride - padding + i
                                    guard u >= 0, u < height, !inside.isEmpty else {
                                        out.update(repeating: 0, count: outputWidth * batch)
                                        continue
                                    }
                                    out.update(repeating: 0, count: inside.lowerBound * batch)
                                    let line = pixels + ((channel * height + u) * width + inside.lowerBound * stride - padding + j) * batch
                                    let run = out + inside.lowerBound * batch
                                    if stride == 1 {
                                        run.update(from: line, count: inside.count * batch)
                                    } else {
                                        for x in 0..<inside.count { (run + x * batch).update(from: line + x * stride * batch, count: batch) }
                                    }
                                    (out + inside.upperBound * batch).update(repeating: 0, count: (outputWidth - inside.upperBound) * batch)
                                }
                                patchRow += 1
                            }
                        }
                    }
                }
            }
        }
    }

    /// ∂L/∂X: each patch's gradient added back onto the pixels the patch was read from (those over the
    /// padding are dropped), collected with the batch innermost in `pixels` and then turned into rows.
    private mutating func scatterPatchGradient(batch: Int) {
        inputGradient.resize(rows: batch)
        let columns = batch * positions, inputSize = self.inputSize
        let channels = inputChannels, height = self.height, width = self.width, kh = kernelHeight, kw = kernelWidth
        let stride = self.stride, padding = self.padding, outputHeight = self.outputHeight, outputWidth = self.outputWidth
        patchGradient.withUnsafeBufferPointer { patchBuffer in
            pixels.withUnsafeMutableBufferPointer { pixelBuffer in
                inputGradient.storage.withUnsafeMutableBufferPointer { dx in
                    let pixels = pixelBuffer.baseAddress!, patches = patchBuffer.baseAddress!
                    pixels.update(repeating: 0, count: inputSize * batch)
                    var patchRow = 0
                    for channel in 0..<channels {
                        for i in 0..<kh {
                            for j in 0..<kw {
                                let inside = Self.insideRange(offset: j - padding, stride: stride, size: width, count: outputWidth)
                                let source = patches + patchRow * columns
                                for y in 0..<outputHeight where !inside.isEmpty {
                                    let u = y * stride - padding + i
                                    guard u >= 0, u < height else { continue }
                                    let line = pixels + ((channel * height + u) * width + inside.lowerBound * stride - padding + j) * batch
                                    let run = source + (y * outputWidth + inside.lowerBound) * batch
                                    if stride == 1 {
                                        for index in 0..<(inside.count * batch) { line[index] += run[index] }
                                    } else {
                                        for x in 0..<inside.count {
                                            let pixel = line + x * stride * batch, gradient = run + x * batch
                                            for example in 0..<batch { pixel[example] += gradient[example] }
                                        }
                                    }
                                }
                                patchRow += 1
                            }
                        }
                    }
                    Transpose.write(UnsafePointer(pixels), rows: inputSize, columns: batch, sourceStride: batch,
                                    into: dx.baseAddress!, targetStride: inputSize)
                }
            }
        }
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

    /// The backward formulas as plain loops, one example at a time: for every output (o, y, x) and every
    /// kernel cell (c, i, j) over a pixel inside the image, ∂W[o, c, i, j] += G·X, ∂X[c, u, v] += G·W, and
    /// ∂b[o] += G. `outputGradient` has one example per row, `[out, oh, ow]` flattened.
    public static func referenceBackward(input: Matrix, inputShape: TensorShape, weights: [Float], outputGradient: Matrix,
                                         outputChannels filters: Int, kernelHeight kh: Int, kernelWidth kw: Int,
                                         stride: Int, padding: Int)
        -> (weightGradient: [Float], biasGradient: [Float], inputGradient: Matrix) {
        let (channels, height, width) = inputShape.image
        let outputHeight = (height + 2 * padding - kh) / stride + 1, outputWidth = (width + 2 * padding - kw) / stride + 1
        var dW = [Float](repeating: 0, count: weights.count), db = [Float](repeating: 0, count: filters)
        var dX = Matrix(rows: input.rows, columns: input.columns)
        for n in 0..<input.rows {
            for o in 0..<filters {
                for y in 0..<outputHeight {
                    for x in 0..<outputWidth {
                        let g = outputGradient[n, (o * outputHeight + y) * outputWidth + x]
                        db[o] += g
                        for c in 0..<channels {
                            for i in 0..<kh {
                                for j in 0..<kw {
                                    let u = y * stride - padding + i, v = x * stride - padding + j
                                    guard u >= 0, u < height, v >= 0, v < width else { continue }
                                    let w = ((o * channels + c) * kh + i) * kw + j, pixel = (c * height + u) * width + v
                                    dW[w] += g * input[n, pixel]
                                    dX[n, pixel] += g * weights[w]
                                }
                            }
                        }
                    }
                }
            }
        }
        return (dW, db, dX)
    }
}
