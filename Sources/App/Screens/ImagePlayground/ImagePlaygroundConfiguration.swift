import Neural

/// The settings of the image playground: a stack of convolution blocks over the 8×8 digits, a dense head
/// with one output per digit, and how it trains.
///
/// Each block is `conv F K pad ⌊K/2⌋, relu, maxpool 2`: F filters of K×K that keep the picture's size
/// (the padding makes `(n − K + 2⌊K/2⌋)/1 + 1 = n` for odd K), then a 2×2 max-pool that halves it. After
/// the blocks come `flatten, dense 10, softmax`, so the head always fits the ten classes.
public struct ImagePlaygroundConfiguration: Equatable, Sendable {
    /// One convolution block: its filter count and kernel size.
    public struct ConvBlock: Equatable, Sendable {
        public var filters: Int
        public var kernel: Int

        public init(filters: Int, kernel: Int) {
            self.filters = filters
            self.kernel = kernel
        }
    }

    /// How fast play goes: one batch a frame, to watch the filters move, or as fast as the worker trains.
    public enum Speed: String, CaseIterable, Equatable, Sendable {
        case slow, full

        /// Batches a frame, or nil for as many as the training thread manages.
        var batchesPerFrame: Int? { self == .slow ? 1 : nil }
    }

    /// The digits are one channel of 8×8 pixels.
    public static let inputShape: TensorShape = [1, 8, 8]
    public static let classCount = 10
    public static let filterCounts = 1...32
    public static let kernelSizes = [1, 3, 5]
    public static let batchSizes = [1, 4, 8, 16, 32, 64, 128, 256]
    public static let learningRates = PlaygroundConfiguration.learningRates

    public var blocks: [ConvBlock] = [ConvBlock(filters: 8, kernel: 3)]
    public var optimizer: OptimizerKind = .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
    public var learningRate: Float = 0.003
    public var batchSize = 32
    public var seed: UInt64 = 1
    public var speed = Speed.full
    /// Epochs before the run finishes.
    public var epochs = 1000

    public init() {}

    /// The layers as `gradschool train --model` reads them.
    public var architectureText: String {
        Self.architectureText(blocks)
    }

    static func architectureText(_ blocks: [ConvBlock]) -> String {
        let body = blocks.map { "conv \($0.filters) \($0.kernel)" + ($0.kernel / 2 > 0 ? " pad \($0.kernel / 2)" : "") + ", relu, maxpool 2" }
        return (body + ["flatten", "dense \(classCount)", "softmax"]).joined(separator: ", ")
    }

    /// The network for these blocks, its weights drawn from `seed`; a stack that does not fit the digits
    /// (a fourth pooling of a 1×1 map) throws the engine's sentence.
    public func makeNetwork() throws(ArchitectureError) -> Network {
        try ArchitectureDescription(parsing: architectureText).network(inputShape: Self.inputShape, seed: seed)
    }

    public func trainingConfiguration() -> TrainingConfiguration {
        TrainingConfiguration(epochs: epochs, batchSize: batchSize, loss: .crossEntropy, optimizer: optimizer,
                              learningRate: learningRate, shuffle: true, seed: seed)
    }

    /// The blocks of a description written as the playground writes it; nil with the reason otherwise.
    static func blocks(of description: ArchitectureDescription) -> Result<[ConvBlock], BlockShapeProblem> {
        var words = description.layers[...]
        var blocks: [ConvBlock] = []
        while case .conv(let filters, let height, let width, let stride, let padding)? = words.first {
            guard height == width, stride == 1, padding == height / 2, kernelSizes.contains(height),
                  filterCounts.contains(filters) else { return .failure(.convolution) }
            words = words.dropFirst()
            guard words.first == .activation(.relu) else { return .failure(.block) }
            words = words.dropFirst()
            guard words.first == .maxPool(kernel: 2, stride: 2) else { return .failure(.block) }
            words = words.dropFirst()
            blocks.append(ConvBlock(filters: filters, kernel: height))
        }
        let head = Array(words)
        guard head == [.flatten, .dense(classCount), .activation(.softmax)] || head == [.flatten, .dense(classCount)] else {
            return .failure(.head)
        }
        return .success(blocks)
    }

    /// Why a description is not a stack the playground edits.
    enum BlockShapeProblem: Error, Equatable, CustomStringConvertible {
        case convolution, block, head

        var description: String {
            switch self {
            case .convolution:
                "each convolution here has 1 to 32 filters of 1, 3 or 5 pixels square, stride 1 and padding half the kernel, such as 'conv 8 3 pad 1'"
            case .block: "each convolution is followed by 'relu, maxpool 2'"
            case .head: "the layers end with 'flatten, dense 10, softmax', one output for each digit"
            }
        }
    }
}
