import Neural

/// The data and networks of the `transfer` widget: a convolutional body trained on digits 0–4, then a
/// race on digits 5–9 from a few examples of each, between that body with a new head and the same
/// network from fresh weights.
///
/// Both sides of the race train on the same examples with the same settings and are measured on the
/// same held-out digits; only their first weights, and which layers are locked, differ.
struct TransferSetup: Sendable {
    static let architecture = "conv 8 3 pad 1, relu, maxpool 2, conv 16 3 pad 1, relu, maxpool 2, flatten, dense 5, softmax"
    static let seed: UInt64 = 1
    /// The body's training, as the README's digits command: Adam, lr 0.003, batches of 32.
    static let bodyConfiguration = TrainingConfiguration(epochs: 30, batchSize: 32, loss: .crossEntropy,
                                                         optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
                                                         learningRate: 0.003, seed: seed)

    let perClass: Int
    let raceEpochs: Int
    /// Digits 0–4: training and held-out examples.
    let lower: (train: Examples, test: Examples)
    /// Digits 5–9: `perClass` training examples of each, and every held-out one.
    let upper: (train: Examples, test: Examples)

    init(perClass: Int, raceEpochs: Int) {
        self.perClass = perClass
        self.raceEpochs = raceEpochs
        let digits = (try? Dataset.digits()) ?? Dataset.classification(name: "digits", features: Matrix(rows: 0, columns: 64), labels: [],
                                                                        classCount: 10, featureNames: [], classNames: [])
        let low = digits.keepingClasses([0, 1, 2, 3, 4]).split(validationFraction: 0, testFraction: 0.2, seed: Self.seed)
        let high = digits.keepingClasses([5, 6, 7, 8, 9]).split(validationFraction: 0, testFraction: 0.2, seed: Self.seed)
        lower = (Examples(low.train), Examples(low.test))
        upper = (Examples(high.train.limited(perClass: perClass)), Examples(high.test))
    }

    /// The network before any training, with weights drawn from `seed`.
    static func freshNetwork(seed: UInt64) -> Network {
        // The description is fixed and known to parse; a failure here is a mistake in this file.
        guard let network = try? ArchitectureDescription(parsing: architecture).network(inputShape: [1, 8, 8], seed: seed) else {
            fatalError("the transfer widget's architecture does not parse")
        }
        return network
    }

    /// The run that trains the body on 0–4.
    func bodySpec() -> LiveTrainingSpec {
        LiveTrainingSpec(network: Self.freshNetwork(seed: Self.seed), training: lower.train, validation: lower.test,
                         configuration: Self.bodyConfiguration, startsPlaying: true)
    }

    /// How both sides of the race train: Adam at lr 0.01 in batches of 10.
    var raceConfiguration: TrainingConfiguration {
        TrainingConfiguration(epochs: raceEpochs, batchSize: 10, loss: .crossEntropy, optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
                              learningRate: 0.01, seed: Self.seed)
    }

    /// The trained body with a fresh head for 5–9, the layers in `locked` frozen.
    func transferSpec(body: Network, locked: Set<Int>) -> LiveTrainingSpec {
        var network = body.replacingHead(outputs: 5, seed: Self.seed + 1)
        for index in locked { network.setTrainable(false, layer: index) }
        return LiveTrainingSpec(network: network, training: upper.train, validation: upper.test, configuration: raceConfiguration,
                                startsPlaying: true)
    }

    /// The same network from fresh weights, every layer training.
    func scratchSpec() -> LiveTrainingSpec {
        LiveTrainingSpec(network: Self.freshNetwork(seed: Self.seed + 1), training: upper.train, validation: upper.test,
                         configuration: raceConfiguration, startsPlaying: true)
    }
}
