import Neural

/// The data and network of the `cnn` widget: a small convolutional network trained on the digits, and
/// the held-out digits the learner steps through.
///
/// `conv 8 3 pad 1, relu, maxpool 2, flatten, dense 10, softmax`: eight 3×3 filters over the 1×8×8 image,
/// each map halved to 4×4 by max-pooling, and one dense layer reading the 8·4·4 = 128 pooled numbers.
struct CNNSetup: Sendable {
    static let architecture = "conv 8 3 pad 1, relu, maxpool 2, flatten, dense 10, softmax"
    /// The layers the widget draws, by index in the network (PyTorch's numbering).
    static let convolutionLayer = 0, activationLayer = 1, poolingLayer = 2
    static let seed: UInt64 = 1

    let epochs: Int
    /// 80 % of the digits to learn from, and the 20 % the learner steps through and the accuracy is measured on.
    let training: Examples
    let test: Examples

    init(epochs: Int) {
        self.epochs = epochs
        let digits = (try? Dataset.digits()) ?? Dataset.classification(name: "digits", features: Matrix(rows: 0, columns: 64), labels: [],
                                                                        classCount: 10, featureNames: [], classNames: [])
        let split = digits.split(validationFraction: 0, testFraction: 0.2, seed: Self.seed)
        training = Examples(split.train)
        test = Examples(split.test)
    }

    /// How it trains: Adam at lr 0.003 in batches of 32, as the lesson's command line.
    var configuration: TrainingConfiguration {
        TrainingConfiguration(epochs: epochs, batchSize: 32, loss: .crossEntropy,
                              optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), learningRate: 0.003, seed: Self.seed)
    }

    /// The network before any training, its filters random numbers drawn from `seed`.
    static func freshNetwork(seed: UInt64 = seed) -> Network {
        // The description is fixed and known to parse; a failure here is a mistake in this file.
        guard let network = try? ArchitectureDescription(parsing: architecture).network(inputShape: [1, 8, 8], seed: seed) else {
            fatalError("the cnn widget's architecture does not parse")
        }
        return network
    }

    /// The run the widget asks for: paused, so that play can go a few batches at a time.
    func spec() -> LiveTrainingSpec {
        LiveTrainingSpec(network: Self.freshNetwork(), training: training, validation: test, configuration: configuration,
                         startsPlaying: false)
    }

    /// The label of test digit `index` (the position of the 1 in its one-hot target).
    func label(ofTest index: Int) -> Int {
        let target = test.targets.row(index)
        return target.indices.max { target[$0] < target[$1] } ?? 0
    }

    /// The 64 pixels of test digit `index`, row by row: 0 for paper to 1 for full ink (the ink count over 16).
    func pixels(ofTest index: Int) -> [Float] { test.features.row(index) }
}
