import Neural

/// Everything that decides a playground run: the data, the inputs, the network and how it trains.
///
/// It is what `w` saves as YAML and what `gradschool play --config` and `gradschool train --config`
/// read back, so the same file reproduces the same data, first weights and training, bit for bit.
public struct PlaygroundConfiguration: Equatable, Sendable {
    /// One hidden layer: its width and activation.
    public struct HiddenLayer: Equatable, Sendable {
        public var neurons: Int
        public var activation: Activation

        public init(neurons: Int, activation: Activation) {
            self.neurons = neurons
            self.activation = activation
        }
    }

    /// Which penalty on the weights is added to the loss.
    public enum Regularization: String, CaseIterable, Equatable, Sendable {
        case none, l1, l2

        public var label: String { self == .none ? "none" : rawValue.uppercased() }
    }

    /// How features are scaled before they reach the network (fitted on the training set).
    public enum Normalization: String, CaseIterable, Equatable, Sendable {
        case none, standard, minmax
    }

    /// How fast the playground trains: a few batches a frame to watch every step, or as fast as it can.
    public enum Speed: String, CaseIterable, Equatable, Sendable {
        case slowest, slow, fast, full

        /// Batches trained per frame, or nil for as many as the training thread manages.
        public var batchesPerFrame: Int? {
            switch self {
            case .slowest: 1
            case .slow: 10
            case .fast: 100
            case .full: nil
            }
        }

        /// Shown in the controls: batches trained per frame, short enough for the narrowest control column.
        public var label: String {
            switch self {
            case .slowest: "1 per frame"
            case .slow: "10 per frame"
            case .fast: "100 per frame"
            case .full: "full speed"
            }
        }
    }

    /// A catalog dataset name (`spiral`, `digits`, …) or `csv` for the file in `dataFile`.
    public var dataset: String
    /// The CSV file, when `dataset` is `csv`.
    public var dataFile: String?
    /// The CSV column to predict: a header name, a position counting from 1, or `last`.
    public var target: String?
    /// How many points a generated dataset draws.
    public var points: Int
    /// The generators' noise, 0 to 0.5 (0 % to 50 %).
    public var noise: Double
    /// The share of examples trained on, in per cent; the rest are the test set.
    public var trainPercent: Int
    /// Fixes every random choice: the points drawn, the split, the first weights, the shuffling.
    public var seed: UInt64
    /// The inputs made from 2-D (or 1-D) data; data with more columns feeds every column.
    public var inputs: [InputFeature]
    public var normalization: Normalization
    public var hiddenLayers: [HiddenLayer]
    /// The activation of the output layer: sigmoid, softmax or identity (or tanh for numbers).
    public var output: Activation
    public var loss: Loss
    /// The probability of dropping each hidden value while training.
    public var dropout: Float
    public var optimizer: OptimizerKind
    public var learningRate: Float
    public var batchSize: Int
    public var regularization: Regularization
    public var regularizationRate: Float
    /// Stop when the test loss has not improved for this many epochs; nil trains on.
    public var patience: Int?
    public var speed: Speed
    /// Epochs trained when the run was saved; `gradschool train --config` trains as many.
    public var epochs: Int?

    /// The playground's opening run: the spiral with two hidden layers of 8 tanh neurons.
    public init(
        dataset: String = "spiral", dataFile: String? = nil, target: String? = nil, points: Int = 500,
        noise: Double = 0, trainPercent: Int = 50, seed: UInt64 = 1, inputs: [InputFeature] = [.x1, .x2],
        normalization: Normalization = .standard,
        hiddenLayers: [HiddenLayer] = [HiddenLayer(neurons: 8, activation: .tanh), HiddenLayer(neurons: 8, activation: .tanh)],
        output: Activation = .sigmoid, loss: Loss = .binaryCrossEntropy, dropout: Float = 0,
        optimizer: OptimizerKind = .sgd, learningRate: Float = 0.03, batchSize: Int = 10,
        regularization: Regularization = .none, regularizationRate: Float = 0.001, patience: Int? = nil,
        speed: Speed = .full, epochs: Int? = nil
    ) {
        self.dataset = dataset
        self.dataFile = dataFile
        self.target = target
        self.points = points
        self.noise = noise
        self.trainPercent = trainPercent
        self.seed = seed
        self.inputs = inputs
        self.normalization = normalization
        self.hiddenLayers = hiddenLayers
        self.output = output
        self.loss = loss
        self.dropout = dropout
        self.optimizer = optimizer
        self.learningRate = learningRate
        self.batchSize = batchSize
        self.regularization = regularization
        self.regularizationRate = regularizationRate
        self.patience = patience
        self.speed = speed
        self.epochs = epochs
    }

    /// The name of the CSV choice of `dataset`.
    public static let csvDataset = "csv"

    // MARK: Choices offered

    /// The generated and real datasets offered for each kind of problem (truth tables are too small to split).
    public static let classificationDatasets = ["circle", "xor", "gaussian", "spiral", "moons", "iris", "digits"]
    public static let regressionDatasets = ["plane", "multi-gaussian", "sine"]
    /// Activations a hidden layer may have.
    public static let hiddenActivations: [Activation] = [.relu, .tanh, .sigmoid, .identity, .leakyReLU]
    /// Learning rates offered by ← and →: the browser playground's steps, and beyond.
    public static let learningRates: [Float] = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100]
    public static let regularizationRates: [Float] = [0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]
    public static let pointCounts = [50, 100, 200, 500, 1000, 2000, 5000]
    public static let patiences: [Int?] = [nil, 5, 10, 20, 50, 100]
    public static let dropouts: [Float] = [0, 0.1, 0.2, 0.3, 0.4, 0.5]
    public static let optimizers: [OptimizerKind] = OptimizerKind.all

    /// The L1 and L2 rates the optimizer gets.
    public var penalties: (l1: Float, l2: Float) {
        switch regularization {
        case .none: (0, 0)
        case .l1: (regularizationRate, 0)
        case .l2: (0, regularizationRate)
        }
    }

    /// The network for `data` with its first weights drawn from the seed: the same network every time.
    public func makeNetwork(for data: PlaygroundData) -> Network {
        let sizes = [data.training.features.columns] + hiddenLayers.map(\.neurons) + [data.training.targets.columns]
        return Network(sizes: sizes, hiddenActivations: hiddenLayers.map(\.activation), outputActivation: output,
                       dropout: dropout, seed: seed)
    }

    /// The engine's training configuration: the playground trains until it is paused, so the epoch
    /// limit is `epochs` only when given (for `gradschool train`).
    public func trainingConfiguration(epochs: Int = 10_000_000) -> TrainingConfiguration {
        TrainingConfiguration(epochs: epochs, batchSize: batchSize, loss: loss, optimizer: optimizer,
                              learningRate: learningRate, l1: penalties.l1, l2: penalties.l2, patience: patience,
                              shuffle: true, seed: seed)
    }

    // MARK: Output and loss rules

    /// The output activations that can serve `problem`.
    public static func outputs(for problem: Problem) -> [Activation] {
        switch problem {
        case .regression: [.identity, .tanh]
        case .binaryClassification: [.sigmoid, .identity]
        case .multiclassClassification: [.softmax, .sigmoid]
        }
    }

    /// The losses that can train `output` on `problem`: the matching cross-entropy first, then squared error.
    public static func losses(output: Activation, problem: Problem) -> [Loss] {
        switch (output, problem) {
        case (.softmax, .multiclassClassification): [.crossEntropy, .meanSquaredError]
        case (.sigmoid, .binaryClassification), (.sigmoid, .multiclassClassification): [.binaryCrossEntropy, .meanSquaredError]
        default: [.meanSquaredError]
        }
    }

    /// The usual output and loss for `problem`: sigmoid and binary cross-entropy for two classes, softmax
    /// and cross-entropy for more, a linear output and squared error for numbers.
    public mutating func recommendOutput(for problem: Problem) {
        output = Self.outputs(for: problem)[0]
        loss = Self.losses(output: output, problem: problem)[0]
    }

    /// The default run on the catalog dataset `name`, with the output and loss that suit its problem.
    public static func starting(with name: String) -> PlaygroundConfiguration {
        var configuration = PlaygroundConfiguration()
        configuration.dataset = name
        if let entry = try? DatasetCatalog.entry(named: name) { configuration.recommendOutput(for: entry.problem) }
        return configuration
    }

    /// Makes the output and loss fit `problem`: kept when they can serve it, else the usual pair.
    public mutating func fitOutput(to problem: Problem) {
        if !Self.outputs(for: problem).contains(output) { output = Self.outputs(for: problem)[0] }
        if !Self.losses(output: output, problem: problem).contains(loss) { loss = Self.losses(output: output, problem: problem)[0] }
    }
}

extension Activation {
    /// The name the playground shows: `relu`, `tanh`, `sigmoid`, `linear`, `leaky relu`, `softmax`.
    var playgroundLabel: String {
        switch self {
        case .identity: "linear"
        case .leakyReLU: "leaky relu"
        default: name
        }
    }
}

extension Loss {
    /// The loss spelled out for the controls.
    var playgroundLabel: String {
        switch self {
        case .meanSquaredError: "squared error"
        // Binary cross-entropy is cross-entropy on one sigmoid output; the output row just above says which.
        case .binaryCrossEntropy: "cross-entropy"
        case .crossEntropy: "cross-entropy"
        }
    }
}
