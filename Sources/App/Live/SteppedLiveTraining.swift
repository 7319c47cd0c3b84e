import Neural

/// A live-training host that trains on the caller's thread, a fixed number of batches per poll: the
/// same requests and snapshots as `LiveTrainingSessions`, but deterministic, for tests.
///
/// Like `TrainingSession`, commands are queued: `perform` only records them, and the next `poll()` (one
/// frame) carries them out in order, then trains `batchesPerPoll` batches of a playing run.
public final class SteppedLiveTraining: LiveTrainingHost {
    private struct Run {
        var trainer: Trainer
        var generation: Int
        var isPlaying: Bool
        var delivered: LiveSnapshot?
        /// Commands sent since the last poll, carried out at the next.
        var queued: [TrainingSession.Command] = []
    }

    private struct GANRun {
        var trainer: GANTrainer
        var picture: GANSession.Picture
        var generation: Int
        var commandsDone = 0
        var delivered: LiveSnapshot?
        var queued: [GANSession.Command] = []
    }

    private struct SequenceRunState {
        var run: SequenceRun
        var generation: Int
        var commandsDone = 0
        var delivered: LiveSnapshot?
        var queued: [SequenceSession.Command] = []
    }

    private var active: [LiveRunID: Run] = [:]
    private var sequences: [LiveRunID: SequenceRunState] = [:]
    private var games: [LiveRunID: GANRun] = [:]
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

    public var runs: [LiveRunID] { Array(active.keys) + Array(games.keys) + Array(sequences.keys) }

    /// The run of a sequence run, to compare against in tests.
    public func sequenceRun(of run: LiveRunID) -> SequenceRun? { sequences[run]?.run }

    /// The trainer of a GAN run, to compare against in tests.
    public func ganTrainer(of run: LiveRunID) -> GANTrainer? { games[run]?.trainer }

    /// The trainer of a run, to compare against in tests.
    public func trainer(of run: LiveRunID) -> Trainer? { active[run]?.trainer }

    public func perform(_ request: LiveTrainingRequest) {
        performed.append(request)
        switch request {
        case .start(let run, let spec):
            let generation = spec.generation ?? (generations[run] ?? 0) + 1
            generations[run] = generation
            games.removeValue(forKey: run)
            sequences.removeValue(forKey: run)
            active[run] = Run(trainer: spec.makeTrainer(), generation: generation, isPlaying: spec.startsPlaying)
        case .send(let run, let command):
            active[run]?.queued.append(command)
        case .startGAN(let run, let spec):
            let generation = spec.generation ?? (generations[run] ?? 0) + 1
            generations[run] = generation
            active.removeValue(forKey: run)
            sequences.removeValue(forKey: run)
            games[run] = GANRun(trainer: spec.trainer, picture: spec.picture, generation: generation)
        case .sendGAN(let run, let command):
            games[run]?.queued.append(command)
        case .startSequence(let run, let spec):
            let generation = spec.generation ?? (generations[run] ?? 0) + 1
            generations[run] = generation
            active.removeValue(forKey: run)
            games.removeValue(forKey: run)
            sequences[run] = SequenceRunState(run: spec.run, generation: generation, queued: spec.startsPlaying ? [.play] : [])
        case .sendSequence(let run, let command):
            sequences[run]?.queued.append(command)
        case .stop(let run):
            sequences.removeValue(forKey: run)
            active.removeValue(forKey: run)
            games.removeValue(forKey: run)
        }
    }

    /// Carries out one queued command, as the training thread would.
    private static func apply(_ command: TrainingSession.Command, to state: inout Run) {
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
    }

    public func poll() -> [LiveSnapshot] {
        var changed: [LiveSnapshot] = []
        for run in active.keys.sorted(by: { $0.name < $1.name }) {
            guard var state = active[run] else { continue }
            let commands = state.queued
            state.queued = []
            for command in commands { Self.apply(command, to: &state) }
            var samples = 0
            if state.isPlaying {
                for _ in 0..<batchesPerPoll where !state.trainer.status.isDone {
                    samples += min(state.trainer.configuration.batchSize,
                                   state.trainer.training.count - state.trainer.batchInEpoch * state.trainer.configuration.batchSize)
                    state.trainer.step()
                }
                if state.trainer.status.isDone { state.isPlaying = false }
            }
            // The speed a real host would measure if each poll took one frame.
            let samplesPerSecond = Double(samples) * framesPerSecond
            let snapshot = LiveSnapshot(
                run: run, generation: state.generation,
                training: state.trainer.snapshot(isPlaying: state.isPlaying, samplesPerSecond: state.isPlaying ? samplesPerSecond : 0),
                framesPerSecond: framesPerSecond)
            if snapshot != state.delivered {
                state.delivered = snapshot
                changed.append(snapshot)
            }
            active[run] = state
        }
        for run in games.keys.sorted(by: { $0.name < $1.name }) {
            guard var game = games[run], !game.queued.isEmpty || game.delivered == nil else { continue }
            // Every queued command, then one picture, as the session's thread does with what it finds waiting.
            for command in game.queued {
                GANSession.apply(command, to: &game.trainer)
                game.commandsDone += 1
            }
            game.queued = []
            let published = GANSession.Published(trainer: game.trainer, picture: game.picture, commandsDone: game.commandsDone)
            let snapshot = LiveSnapshot(run: run, generation: game.generation, gan: published, framesPerSecond: framesPerSecond)
            if snapshot != game.delivered {
                game.delivered = snapshot
                changed.append(snapshot)
            }
            games[run] = game
        }
        for run in sequences.keys.sorted(by: { $0.name < $1.name }) {
            guard var state = sequences[run] else { continue }
            // Every queued command, then `batchesPerPoll` batches while there is work, then one picture.
            for command in state.queued {
                state.run.apply(command)
                state.commandsDone += 1
            }
            state.queued = []
            for _ in 0..<batchesPerPoll where state.run.hasWork { state.run.trainBatch() }
            let published = state.run.published(commandsDone: state.commandsDone, samplesPerSecond: 0)
            let snapshot = LiveSnapshot(run: run, generation: state.generation, sequence: published, framesPerSecond: framesPerSecond)
            if snapshot != state.delivered {
                state.delivered = snapshot
                changed.append(snapshot)
            }
            sequences[run] = state
        }
        return changed
    }

    /// A playing run, or commands waiting for the next frame, need a poll.
    public var needsPolling: Bool {
        active.values.contains { $0.isPlaying || !$0.queued.isEmpty } || games.values.contains { !$0.queued.isEmpty || $0.delivered == nil }
            || sequences.values.contains { !$0.queued.isEmpty || $0.delivered == nil || $0.run.hasWork }
    }

    public func frameDrawn() {}

    public func stopAll() { active.removeAll(); games.removeAll(); sequences.removeAll() }
}
