/// A picture of a training run at one moment, safe to hand to another thread: the network inside is a
/// detached copy, so drawing it never races with training.
public struct TrainingSnapshot: Sendable {
    /// Epochs completed.
    public var epoch: Int
    /// Batches completed in the current epoch.
    public var batchInEpoch: Int
    public var batchesPerEpoch: Int
    /// Batches completed since the start.
    public var stepCount: Int
    public var status: TrainingStatus
    /// Whether the run is playing (as opposed to paused).
    public var isPlaying: Bool
    public var lastBatchLoss: Float
    /// Every epoch's record; sharing it with the trainer costs nothing (see `EpochHistory`).
    public var history: EpochHistory
    public var learningRate: Float
    /// Training speed over the last moments of play; 0 while paused.
    public var samplesPerSecond: Double
    /// The weights as they were when the snapshot was taken.
    public var network: Network
}

extension Trainer {
    /// The current state, with a copy of the network that shares no buffers with the trainer's.
    public func snapshot(isPlaying: Bool = false, samplesPerSecond: Double = 0) -> TrainingSnapshot {
        TrainingSnapshot(epoch: epoch, batchInEpoch: batchInEpoch, batchesPerEpoch: batchesPerEpoch, stepCount: stepCount,
                         status: status, isPlaying: isPlaying, lastBatchLoss: lastBatchLoss, history: history,
                         learningRate: learningRate, samplesPerSecond: samplesPerSecond, network: network.detachedCopy())
    }
}
