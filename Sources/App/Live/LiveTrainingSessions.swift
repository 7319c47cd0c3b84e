import Dispatch
import Neural

/// The real live-training host: every run trains in a `TrainingSession` on a thread of its own, and the
/// runner's thread only reads the sessions' latest snapshots.
///
/// Used from one thread (the runner's). See `LiveTrainingHost` for the loop that drives it.
public final class LiveTrainingSessions: LiveTrainingHost {
    private struct Run {
        var session: TrainingSession
        var generation: Int
        /// The snapshot last handed to the tutor, to report only changes.
        var delivered: LiveSnapshot?
        /// Keep polling until this time (nanoseconds): a command's result may still be on its way.
        var settlesAt: UInt64
    }

    /// A GAN run: its session, and how many commands were sent, so it is polled until all are done.
    private struct GANRun {
        var session: GANSession
        var generation: Int
        var delivered: LiveSnapshot?
        var commandsSent = 0
    }

    /// A sequence run: its session, and how many commands were sent, so it is polled until all are done.
    private struct SequenceRunState {
        var session: SequenceSession
        var generation: Int
        var delivered: LiveSnapshot?
        var commandsSent = 0
    }

    private var active: [LiveRunID: Run] = [:]
    private var games: [LiveRunID: GANRun] = [:]
    private var sequences: [LiveRunID: SequenceRunState] = [:]
    private var generations: [LiveRunID: Int] = [:]
    private var frameRate = FrameRate()
    private let now: () -> UInt64
    /// How long to keep polling after a command: the training thread answers between batches, so a
    /// command's snapshot is normally out within a millisecond; this leaves room for a busy machine.
    private let settleTime: UInt64

    /// A host; `clock` gives monotonic nanoseconds (replaceable in tests).
    public init(settleTime seconds: Double = 0.3,
                clock: @escaping () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }) {
        settleTime = UInt64(seconds * 1e9)
        now = clock
    }

    deinit { stopAll() }

    public var runs: [LiveRunID] { Array(active.keys) + Array(games.keys) + Array(sequences.keys) }

    public func perform(_ request: LiveTrainingRequest) {
        switch request {
        case .start(let run, let spec):
            sequences.removeValue(forKey: run)?.session.stop()
            active[run]?.session.stop()
            games.removeValue(forKey: run)?.session.stop()
            let session = TrainingSession(trainer: spec.makeTrainer())
            session.start()
            if spec.startsPlaying { session.send(.play) }
            let generation = spec.generation ?? (generations[run] ?? 0) + 1
            generations[run] = generation
            active[run] = Run(session: session, generation: generation, delivered: nil, settlesAt: now() + settleTime)
        case .send(let run, let command):
            guard active[run] != nil else { return }
            active[run]?.session.send(command)
            active[run]?.settlesAt = now() + settleTime
        case .startGAN(let run, let spec):
            sequences.removeValue(forKey: run)?.session.stop()
            active.removeValue(forKey: run)?.session.stop()
            games[run]?.session.stop()
            let session = GANSession(trainer: spec.trainer, picture: spec.picture)
            session.start()
            let generation = spec.generation ?? (generations[run] ?? 0) + 1
            generations[run] = generation
            games[run] = GANRun(session: session, generation: generation)
        case .sendGAN(let run, let command):
            guard games[run] != nil else { return }
            games[run]?.session.send(command)
            games[run]?.commandsSent += 1
        case .startSequence(let run, let spec):
            active.removeValue(forKey: run)?.session.stop()
            games.removeValue(forKey: run)?.session.stop()
            sequences[run]?.session.stop()
            let session = SequenceSession(run: spec.run)
            session.start()
            var sent = 0
            if spec.startsPlaying { session.send(.play); sent = 1 }
            let generation = spec.generation ?? (generations[run] ?? 0) + 1
            generations[run] = generation
            sequences[run] = SequenceRunState(session: session, generation: generation, commandsSent: sent)
        case .sendSequence(let run, let command):
            guard sequences[run] != nil else { return }
            sequences[run]?.session.send(command)
            sequences[run]?.commandsSent += 1
        case .stop(let run):
            sequences.removeValue(forKey: run)?.session.stop()
            active.removeValue(forKey: run)?.session.stop()
            games.removeValue(forKey: run)?.session.stop()
        }
    }

    public func poll() -> [LiveSnapshot] {
        var changed: [LiveSnapshot] = []
        let framesPerSecond = frameRate.framesPerSecond
        for (run, state) in active.sorted(by: { $0.key.name < $1.key.name }) {
            let snapshot = LiveSnapshot(run: run, generation: state.generation, training: state.session.snapshot,
                                        framesPerSecond: framesPerSecond)
            guard snapshot != state.delivered else { continue }
            // Progress without a command (a long epoch step) keeps the run settling a little longer.
            active[run]?.settlesAt = max(state.settlesAt, state.delivered == nil ? 0 : now() + settleTime / 3)
            active[run]?.delivered = snapshot
            changed.append(snapshot)
        }
        for (run, game) in games.sorted(by: { $0.key.name < $1.key.name }) {
            let snapshot = LiveSnapshot(run: run, generation: game.generation, gan: game.session.latest, framesPerSecond: framesPerSecond)
            guard snapshot != game.delivered else { continue }
            games[run]?.delivered = snapshot
            changed.append(snapshot)
        }
        for (run, state) in sequences.sorted(by: { $0.key.name < $1.key.name }) {
            let snapshot = LiveSnapshot(run: run, generation: state.generation, sequence: state.session.latest, framesPerSecond: framesPerSecond)
            guard snapshot != state.delivered else { continue }
            sequences[run]?.delivered = snapshot
            changed.append(snapshot)
        }
        return changed
    }

    public var needsPolling: Bool {
        let time = now()
        return active.values.contains { $0.settlesAt > time || $0.session.snapshot.isPlaying }
            || games.values.contains { $0.delivered == nil || ($0.delivered?.gan?.commandsDone ?? 0) < $0.commandsSent }
            || sequences.values.contains {
                $0.delivered == nil || ($0.delivered?.sequence?.commandsDone ?? 0) < $0.commandsSent || $0.session.latest.training.isPlaying
            }
    }

    public func frameDrawn() {
        let time = now()
        // Frames drawn while nothing ran say nothing about the rate during training.
        if active.isEmpty && games.isEmpty && sequences.isEmpty { frameRate.clear() } else { frameRate.frameDrawn(at: time) }
    }

    public func stopAll() {
        for run in active.values { run.session.stop() }
        for game in games.values { game.session.stop() }
        for sequence in sequences.values { sequence.session.stop() }
        sequences.removeAll()
        active.removeAll()
        games.removeAll()
    }
}
