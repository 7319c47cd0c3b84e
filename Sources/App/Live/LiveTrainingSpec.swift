import Neural

/// Everything a live run needs to start: the network with its first weights, the examples, and how to train.
///
/// The spec is a plain value, so a screen can build it inside `update` and hand it to the runner in an
/// effect. The runner makes a `Trainer` from it (`makeTrainer()`) and trains on a thread of its own.
public struct LiveTrainingSpec: Sendable {
    /// The network as training starts; `reset` comes back to these weights.
    public var network: Network
    public var training: Examples
    /// Examples measured after every epoch (the playground's test set); `nil` for none.
    public var validation: Examples?
    public var configuration: TrainingConfiguration
    /// Whether the run plays as soon as it starts; otherwise it waits, paused, for a command.
    public var startsPlaying: Bool
    /// Which start of the run this is, numbered by the screen that asks: the run's snapshots carry it as
    /// `LiveSnapshot.generation`, so the screen can tell them from the snapshots of a start it has already
    /// replaced (two quick changes ask for two starts before the first one's snapshot comes back). Nil lets
    /// the host number the starts 1, 2, … itself.
    public var generation: Int?
    /// The most epoch records the run keeps (see `EpochHistory.limit`); nil keeps every one.
    public var historyLimit: Int?

    public init(network: Network, training: Examples, validation: Examples? = nil,
                configuration: TrainingConfiguration, startsPlaying: Bool = false, generation: Int? = nil) {
        self.network = network
        self.training = training
        self.validation = validation
        self.configuration = configuration
        self.startsPlaying = startsPlaying
        self.generation = generation
    }

    /// The trainer that carries the run out.
    public func makeTrainer() -> Trainer {
        var trainer = Trainer(network: network, training: training, validation: validation, configuration: configuration)
        trainer.historyLimit = historyLimit
        return trainer
    }
}

extension LiveTrainingSpec: Equatable {
    /// Two specs are equal when they would train the same network, from the same weights, on the same
    /// examples, as the same start.
    public static func == (lhs: LiveTrainingSpec, rhs: LiveTrainingSpec) -> Bool {
        lhs.generation == rhs.generation && lhs.configuration == rhs.configuration && lhs.startsPlaying == rhs.startsPlaying
            && lhs.network.hasSameParameters(as: rhs.network)
            && lhs.training.hasSameExamples(as: rhs.training)
            && lhs.validation.map { rhs.validation?.hasSameExamples(as: $0) ?? false } ?? (rhs.validation == nil)
    }
}

extension Network {
    /// Whether both networks have the same layers and the same weights and biases, bit for bit.
    public func hasSameParameters(as other: Network) -> Bool {
        guard specs == other.specs else { return false }
        for index in layers.indices {
            let mine = layers[index].parameters, theirs = other.layers[index].parameters
            guard mine.count == theirs.count else { return false }
            for (a, b) in zip(mine, theirs) where a.name != b.name || a.values != b.values { return false }
        }
        return true
    }
}

extension Examples {
    /// Whether both hold the same features and targets.
    public func hasSameExamples(as other: Examples) -> Bool {
        features == other.features && targets == other.targets
    }
}
