import Neural

/// The latest state of a live run, delivered to the tutor in `Message.live`.
///
/// `training` is the engine's snapshot: epoch, step count, loss history, status (a divergence says
/// so and suggests a learning rate), whether it plays, samples per second, and a detached copy of
/// the network that the view may run forward passes on freely (one batched `predict` per picture).
public struct LiveSnapshot: Sendable {
    public var run: LiveRunID
    /// Which start of the run this belongs to: 1 after the first `.start`, 2 after the next, …
    public var generation: Int
    public var training: TrainingSnapshot
    /// How many frames per second the runner drew while this run was live (0 before any frame).
    public var framesPerSecond: Double
    /// For a GAN run, the arena's picture and how many of the run's commands it shows; nil otherwise.
    public var gan: GANLiveState?
    /// For a sequence run, its loss trace, reading and names; nil otherwise.
    public var sequence: SequenceLiveState?

    public init(run: LiveRunID, generation: Int, training: TrainingSnapshot, framesPerSecond: Double = 0) {
        self.run = run
        self.generation = generation
        self.training = training
        self.framesPerSecond = framesPerSecond
    }
}

extension LiveSnapshot: Equatable {
    /// Two snapshots are equal when they show the run at the same point: same start, same step and epoch,
    /// same status, play state, learning rate, speed and frame rate, the same history and the same weights.
    ///
    /// The cheap fields are compared first; the weights (a few thousand numbers for the networks the
    /// screens show) only when all of them agree, so a weight edited by hand still counts as a change.
    public static func == (lhs: LiveSnapshot, rhs: LiveSnapshot) -> Bool {
        let a = lhs.training, b = rhs.training
        return lhs.run == rhs.run && lhs.generation == rhs.generation && lhs.framesPerSecond == rhs.framesPerSecond
            && lhs.gan == rhs.gan && lhs.sequence == rhs.sequence
            && a.epoch == b.epoch && a.batchInEpoch == b.batchInEpoch && a.stepCount == b.stepCount
            && a.status == b.status && a.isPlaying == b.isPlaying && a.learningRate == b.learningRate
            && a.samplesPerSecond == b.samplesPerSecond && a.history.count == b.history.count
            && a.lastBatchLoss.bitPattern == b.lastBatchLoss.bitPattern
            && a.history == b.history && a.network.hasSameParameters(as: b.network)
    }
}
