import Neural

/// The `convolution` widget's state: one digit of the bundled set as an 8 × 8 image, a kernel sliding over
/// it with a chosen size, padding and stride, and the output position under the cursor.
///
/// Every output number comes from the engine: a `Conv2D` layer with the kernel as its one filter (bias 0),
/// or in pooling mode a `MaxPool2D` layer with the same window and stride. The view writes the window's
/// multiply-adds out beside them, and the output size as the formula ⌊(n − k + 2p) / s⌋ + 1.
struct ConvolutionWidget: InstantWidget, Equatable {
    /// The image side, 8 for the digits.
    static let imageSize = 8
    static let kernelSizes = 1...5
    static let paddings = 0...2
    static let strides = 1...3

    /// The digit's pixels (0 to 16), row after row.
    let pixels: [Float]
    let label: Int
    let startKernel: ConvolutionKernel
    let startSize: Int, startPadding: Int, startStride: Int
    private(set) var kernel: ConvolutionKernel
    private(set) var kernelSize: Int
    private(set) var padding: Int
    private(set) var stride: Int
    /// Max-pooling instead of the kernel: the window's largest pixel, no weights and no padding.
    private(set) var pooling: Bool
    let startPooling: Bool
    /// The output position under the cursor.
    private(set) var row = 0, column = 0

    init(settings: WidgetSettings) {
        let digit = settings.integer("digit", default: 7)
        label = digit
        pixels = Self.firstImage(of: digit)
        startKernel = ConvolutionKernel(rawValue: settings.text("kernel", default: "vertical")) ?? .vertical
        startSize = settings.integer("kernelSize", default: 3)
        startPadding = settings.integer("padding", default: 0)
        startStride = settings.integer("stride", default: 1)
        startPooling = settings.flag("pooling", default: false)
        kernel = startKernel
        kernelSize = startSize
        padding = startPadding
        stride = startStride
        pooling = startPooling
        if pooling { padding = 0 }
        output = computeOutput()
    }

    /// The first image of `digit` in the bundled set as its file writes it, 0 (paper) to 16 (ink), or a
    /// blank one if the set cannot be read. The set scales pixels to 0…1 for training; 16 times that is the
    /// file's whole number again, exactly (every value is a multiple of 1/16).
    static func firstImage(of digit: Int) -> [Float] {
        guard let digits = try? Dataset.digits(), let index = digits.labels.firstIndex(of: digit) else {
            return [Float](repeating: 0, count: imageSize * imageSize)
        }
        return digits.features.row(index).map { $0 * 16 }
    }

    // MARK: What the engine computes

    /// Output height and width (equal: the image and kernel are square), ⌊(n − k + 2p) / s⌋ + 1.
    var outputSide: Int {
        Conv2D.outputSize(height: Self.imageSize, width: Self.imageSize, kernelHeight: kernelSize, kernelWidth: kernelSize,
                          stride: stride, padding: padding)?.height ?? 0
    }

    /// The kernel's weights, row after row.
    var weights: [Float] { kernel.weights(size: kernelSize) }

    /// The whole output, row after row, from the engine's layer; computed again after every change, so
    /// drawing a frame runs no layer.
    private(set) var output: [Float] = []

    private func computeOutput() -> [Float] {
        let shape: TensorShape = [1, Self.imageSize, Self.imageSize]
        let input = Matrix(rows: 1, columns: pixels.count, elements: pixels)
        if pooling {
            var layer = MaxPool2D(inputShape: shape, kernel: kernelSize, stride: stride)
            layer.reserve(batchCapacity: 1)
            layer.forward(input, mode: .evaluation)
            return layer.output.row(0)
        }
        var layer = Conv2D(inputShape: shape, weights: Matrix(rows: 1, columns: kernelSize * kernelSize, elements: weights), bias: [0],
                           kernelHeight: kernelSize, kernelWidth: kernelSize, stride: stride, padding: padding)
        layer.reserve(batchCapacity: 1)
        layer.forward(input, mode: .evaluation)
        return layer.output.row(0)
    }

    /// The pixel at (`y`, `x`) of the padded image: 0 in the border.
    func paddedPixel(_ y: Int, _ x: Int) -> Float {
        let inside = y - padding, across = x - padding
        guard (0..<Self.imageSize).contains(inside), (0..<Self.imageSize).contains(across) else { return 0 }
        return pixels[inside * Self.imageSize + across]
    }

    /// The window under the cursor in padded coordinates: its top-left corner.
    var windowOrigin: (y: Int, x: Int) { (row * stride, column * stride) }

    /// The pixels under the window, row after row.
    var window: [Float] {
        let origin = windowOrigin
        var values: [Float] = []
        for i in 0..<kernelSize {
            for j in 0..<kernelSize { values.append(paddedPixel(origin.y + i, origin.x + j)) }
        }
        return values
    }

    // MARK: Keys

    var title: String { pooling ? "max-pooling a digit \(label)" : "a kernel sliding over a digit \(label)" }

    var keyHints: [KeyHint] {
        if pooling {
            return [KeyHint("Enter", "next"), KeyHint("arrows", "move"), KeyHint("+ -", "size"), KeyHint("s", "stride"),
                    KeyHint("m", "convolve")]
        }
        return [KeyHint("Enter", "next"), KeyHint("arrows", "move"), KeyHint("k", "kernel"), KeyHint("+ -", "size"),
                KeyHint("p", "pad"), KeyHint("s", "stride"), KeyHint("m", "max-pool")]
    }

    var isAnimating: Bool { false }

    mutating func handle(_ key: Key) -> Bool {
        let side = outputSide
        switch key {
        case .enter, .character(" "):
            if column + 1 < side { column += 1 } else { column = 0; row = (row + 1) % max(1, side) }
        case .right: column = min(side - 1, column + 1)
        case .left: column = max(0, column - 1)
        case .down: row = min(side - 1, row + 1)
        case .up: row = max(0, row - 1)
        case .character("k"):
            guard !pooling else { return false }
            kernel = kernel.next
        case .character("+"), .character("="): kernelSize = min(Self.kernelSizes.upperBound, kernelSize + 1)
        case .character("-"): kernelSize = max(Self.kernelSizes.lowerBound, kernelSize - 1)
        case .character("p"):
            guard !pooling else { return false }
            padding = padding == Self.paddings.upperBound ? Self.paddings.lowerBound : padding + 1
        case .character("s"): stride = stride == Self.strides.upperBound ? Self.strides.lowerBound : stride + 1
        case .character("m"):
            pooling.toggle()
            if pooling { padding = 0 }
        default: return false
        }
        clampCursor()
        output = computeOutput()
        return true
    }

    /// Keeps the cursor on the output after the output shrank.
    private mutating func clampCursor() {
        let side = max(1, outputSide)
        row = min(row, side - 1)
        column = min(column, side - 1)
    }

    mutating func tick() {}

    mutating func reset() {
        kernel = startKernel
        kernelSize = startSize
        padding = startPooling ? 0 : startPadding
        stride = startStride
        pooling = startPooling
        row = 0
        column = 0
        output = computeOutput()
    }
}
