/// Examples with their targets: one example per row of `features`, its target in the same row of `targets`.
public struct Examples: Sendable {
    public var features: Matrix
    public var targets: Matrix

    public init(features: Matrix, targets: Matrix) {
        precondition(features.rows == targets.rows, "\(features.rows) examples but \(targets.rows) targets")
        self.features = features
        self.targets = targets
    }

    public var count: Int { features.rows }
}

/// Everything that decides how a network trains, besides the network and the data.
public struct TrainingConfiguration: Sendable, Hashable {
    /// How many passes over the training examples.
    public var epochs: Int
    /// How many examples each step averages its gradient over.
    public var batchSize: Int
    public var loss: Loss
    public var optimizer: OptimizerKind
    /// The step size; `nil` takes the optimizer's default.
    public var learningRate: Float?
    public var l1: Float
    public var l2: Float
    /// Stop when the validation loss (the training loss when there is no validation set) has not improved
    /// for this many epochs, and keep the best weights seen; `nil` never stops early.
    public var patience: Int?
    /// Shuffle the examples before each epoch; otherwise batches follow the data's order.
    public var shuffle: Bool
    /// Fixes the shuffling (and nothing else: the network has its own seed).
    public var seed: UInt64

    public init(epochs: Int = 100, batchSize: Int = 10, loss: Loss = .meanSquaredError, optimizer: OptimizerKind = .sgd,
                learningRate: Float? = nil, l1: Float = 0, l2: Float = 0, patience: Int? = nil, shuffle: Bool = true,
                seed: UInt64 = 1) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.loss = loss
        self.optimizer = optimizer
        self.learningRate = learningRate
        self.l1 = l1
        self.l2 = l2
        self.patience = patience
        self.shuffle = shuffle
        self.seed = seed
    }
}

/// What one epoch achieved.
public struct EpochRecord: Sendable, Hashable {
    /// 1 for the first epoch.
    public var epoch: Int
    /// The mean loss over the epoch's batches, as they were trained.
    public var trainingLoss: Float
    public var validationLoss: Float?
    /// The fraction of training examples classified right during the epoch (classification only).
    public var trainingAccuracy: Float?
    public var validationAccuracy: Float?
    /// Wall-clock seconds the epoch took.
    public var seconds: Double
}

/// The loss became NaN or infinite: the weights have run away, usually because the learning rate is too large.
public struct Divergence: Sendable, Hashable, CustomStringConvertible {
    public var epoch: Int
    public var batch: Int
    public var loss: Float
    public var learningRate: Float

    public var description: String {
        "diverged at epoch \(epoch) (loss = \(loss.isNaN ? "nan" : "\(loss)")) with learning rate \(learningRate): try a lower learning rate"
    }

    /// A learning rate worth trying next: ten times smaller.
    public var suggestedLearningRate: Float { learningRate / 10 }
}

/// Where a training run stands.
public enum TrainingStatus: Sendable, Hashable {
    /// More epochs to go.
    case training
    /// All epochs done.
    case finished
    /// Early stopping: no improvement for `patience` epochs; the weights of `bestEpoch` were restored.
    case stoppedEarly(bestEpoch: Int)
    case diverged(Divergence)

    public var isDone: Bool { self != .training }
}
