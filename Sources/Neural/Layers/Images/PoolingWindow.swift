/// The windows a pooling layer looks at: `kernel × kernel` squares, `stride` apart, inside each channel of
/// a channels × height × width image (no padding; the output is ⌊(H − k) / s⌋ + 1 high, as in PyTorch).
public struct PoolingWindow: Sendable, Hashable {
    public let channels: Int, height: Int, width: Int
    public let kernel: Int, stride: Int
    public let outputHeight: Int, outputWidth: Int

    /// The windows over images of `shape`, or `nil` when the kernel does not fit.
    public init?(shape: TensorShape, kernel: Int, stride: Int) {
        guard shape.isImage, kernel >= 1, stride >= 1 else { return nil }
        let (channels, height, width) = shape.image
        guard height >= kernel, width >= kernel else { return nil }
        self.channels = channels
        self.height = height
        self.width = width
        self.kernel = kernel
        self.stride = stride
        outputHeight = (height - kernel) / stride + 1
        outputWidth = (width - kernel) / stride + 1
    }

    public var inputShape: TensorShape { [channels, height, width] }
    public var outputShape: TensorShape { [channels, outputHeight, outputWidth] }
}
