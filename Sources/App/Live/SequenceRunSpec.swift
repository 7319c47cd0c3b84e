import Neural

/// Everything a live sequence run needs to start: the run as it starts (its trainer, held-out lines,
/// temperature and line to read), and which start of the run this is.
public struct SequenceRunSpec: Sendable {
    public var run: SequenceRun
    /// Whether the run plays as soon as it starts.
    public var startsPlaying: Bool
    /// Which start of the run this is, as in `LiveTrainingSpec.generation`; nil lets the host count.
    public var generation: Int?

    public init(run: SequenceRun, startsPlaying: Bool = false, generation: Int? = nil) {
        self.run = run
        self.startsPlaying = startsPlaying
        self.generation = generation
    }
}

extension SequenceRunSpec: Equatable {
    /// Equal when they would start the same run: same start, configuration, temperature, and weights.
    public static func == (lhs: SequenceRunSpec, rhs: SequenceRunSpec) -> Bool {
        lhs.generation == rhs.generation && lhs.startsPlaying == rhs.startsPlaying
            && lhs.run.trainer.configuration == rhs.run.trainer.configuration && lhs.run.temperature == rhs.run.temperature
            && lhs.run.probe == rhs.run.probe && lhs.run.trainer.network.hasSameParameters(as: rhs.run.trainer.network)
    }
}

/// A sequence run's side of a `LiveSnapshot`: the loss trace, the reading, the names written.
public struct SequenceLiveState: Sendable, Equatable {
    public var trace: [SequenceRun.LossPoint]
    public var reading: SequenceReading
    public var samples: [String]
    public var sampleSeed: UInt64
    public var temperature: Double
    public var commandsDone: Int

    public init(_ published: SequenceSession.Published) {
        trace = published.trace
        reading = published.reading
        samples = published.samples
        sampleSeed = published.sampleSeed
        temperature = published.temperature
        commandsDone = published.commandsDone
    }
}

extension LiveSnapshot {
    /// The snapshot of a sequence run: the numbers in `training`, the rest in `sequence`.
    init(run: LiveRunID, generation: Int, sequence published: SequenceSession.Published, framesPerSecond: Double) {
        self.init(run: run, generation: generation, training: published.training, framesPerSecond: framesPerSecond)
        sequence = SequenceLiveState(published)
    }
}
