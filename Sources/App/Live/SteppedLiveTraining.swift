import Neural

/// A live-training host that trains on the caller's thread, a fixed number of batches per poll: the
/// same requests and snapshots as `LiveTrainingSessions`, but deterministic, for tests.
///
/// Commands run at once: a step or an epoch is trained inside `perform`, and a playing run trains
/// `batchesPerPoll` batches each time `poll()` is called, as if one frame had passed.
public final class SteppedLiveTraining: LiveTrainingHost {
    private struct Run {
        var trainer: Trainer
        var generation: Int
        var isPlaying: Bool
        var delivered: LiveSnapshot?
    }

    private var active: [LiveRunID: Run] = [:]
    private var generations: [LiveRunID: Int] = [:]
    /// Batches a playing run trains per poll.
    public var batchesPerPoll: Int
    /// The frame rate snapshots report (a test sets what it wants to see).
    public var framesPerSecond: Double
    /// Every request performed, in order, for tests to inspect.
    public private(set) var performed: [LiveTrainingRequest] = []

    public init(batchesPerPoll: Int = 5, framesPerSecond: Double = 60) {
        self.batchesPerPoll = batchesPerPoll
        self.framesPerSecond = framesPerSecond
    }

    public var runs: [LiveRunID] { Array(active.keys) }

    /// The trainer of a run, to compare against in tests.
    public func trainer(of run: LiveRunID) -> Trainer? { active[run]?.trainer }

    public func perform(_ request: LiveTrainingRequest) {
        performed.append(request)
        switch request {
        case .start(let run, let spec):
            let generation = spec.generation ?? (generations[run] ?? 0) + 1
            generations[run] = generation
            active[run] = Run(trainer: spec.makeTrainer(), generation: generation, isPlaying: spec.startsPlaying)
        case .send(let run, let command):
            guard var state = active[run] else { return }
            switch command {
            case .play: state.isPlaying = true
            case .pause: state.isPlaying = false
            case .step(let batches):
                state.isPlaying = false
                for _ in 0..<max(batches, 0) where !state.trainer.status.isDone { state.trainer.step() }
            case .stepEpoch:
                state.isPlaying = false
                state.trainer.trainEpoch()
            case .reset:
                state.isPlaying = false
                state.trainer.reset()
            case .setLearningRate(let rate):
                state.trainer.learningRate = rate
            }
            if state.trainer.status.isDone { state.isPlaying = false }
            active[run] = state
        case .stop(let run):
            active.removeValue(forKey: run)
        }
    }

    public func poll() -> [LiveSnapshot] {
        var changed: [LiveSnapshot] = []
        for run in active.keys.sorted(by: { $0.name < $1.name }) {
            guard var state = active[run] else { continue }
            if state.isPlaying {
                for _ in 0..<batchesPerPoll where !state.trainer.status.isDone { state.trainer.step() }
                if state.trainer.status.isDone { state.isPlaying = false }
            }
            let snapshot = LiveSnapshot(
                run: run, generation: state.generation,
                training: state.trainer.snapshot(isPlaying: state.isPlaying, samplesPerSecond: state.isPlaying ? 1000 : 0),
                framesPerSecond: framesPerSecond)
            if snapshot != state.delivered {
                state.delivered = snapshot
                changed.append(snapshot)
            }
            active[run] = state
        }
        return changed
    }

    public var needsPolling: Bool { active.values.contains { $0.isPlaying } }

    public func frameDrawn() {}

    public func stopAll() { active.removeAll() }
}
