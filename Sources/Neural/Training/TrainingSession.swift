import Foundation

/// Runs a `Trainer` on a thread of its own, so a screen can keep drawing while the network learns.
///
/// The screen sends commands (play, pause, step, reset, a new learning rate) and reads `snapshot`, the
/// latest published state, whenever it redraws. The trainer itself is touched only by the training thread;
/// the two threads share nothing but the command queue and the snapshot, both behind one lock. Snapshots are
/// published at most `publishInterval` seconds apart while playing, and after every command.
public final class TrainingSession: Sendable {
    public enum Command: Sendable, Equatable {
        case play
        case pause
        /// Train this many batches, then pause.
        case step(batches: Int)
        /// Train to the end of the current epoch, then pause.
        case stepEpoch
        /// Back to the first weights; paused.
        case reset
        case setLearningRate(Float)
    }

    /// The longest time between two published snapshots while playing, in seconds.
    public var publishInterval: Double { worker.publishInterval }
    /// The training thread's state; the thread holds the worker, the screen holds the session.
    let worker: TrainingWorker

    public init(trainer: Trainer, publishInterval: Double = 1.0 / 60) {
        worker = TrainingWorker(trainer: trainer, publishInterval: publishInterval)
    }

    deinit { worker.stop() }

    /// The most recently published state.
    public var snapshot: TrainingSnapshot { worker.snapshot }

    /// Starts the training thread (paused until `play` or a step arrives).
    public func start() { worker.start() }

    public func send(_ command: Command) { worker.send(command) }

    /// Stops the training thread and waits for it to finish its current batch.
    public func stop() { worker.stop() }

    /// Blocks until a snapshot satisfying `predicate` is published, or `timeout` seconds pass.
    @discardableResult
    public func wait(timeout: Double, until predicate: (TrainingSnapshot) -> Bool) -> TrainingSnapshot {
        worker.wait(timeout: timeout, until: predicate)
    }
}

/// What runs on the training thread of a `TrainingSession`: the trainer, the command queue and the latest
/// snapshot, the last two behind one lock.
final class TrainingWorker: @unchecked Sendable {
    let publishInterval: Double
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var commands: [TrainingSession.Command] = []
    private var latest: TrainingSnapshot
    private var stopping = false
    private var finished = false
    // Touched only by the training thread once `start()` has run.
    private var trainer: Trainer
    private var playing = false
    private var pendingBatches = 0
    private var finishEpoch = false

    init(trainer: Trainer, publishInterval: Double) {
        self.trainer = trainer
        self.publishInterval = publishInterval
        latest = trainer.snapshot()
    }

    /// The most recently published state.
    var snapshot: TrainingSnapshot {
        condition.lock()
        defer { condition.unlock() }
        return latest
    }

    /// Starts the training thread (paused until `play` or a step arrives). The thread holds this worker,
    /// never the session, so a session dropped without `stop()` still ends it from its `deinit`.
    func start() {
        condition.lock()
        guard !launched else { condition.unlock(); return }
        launched = true
        condition.unlock()
        let thread = Thread { [self] in run() }
        thread.name = "training"
        thread.qualityOfService = .userInitiated
        thread.start()
    }

    func send(_ command: TrainingSession.Command) {
        condition.lock()
        commands.append(command)
        condition.signal()
        condition.unlock()
    }

    /// Stops the training thread and waits for it to finish its current batch.
    /// Waits even when the thread was launched but has not begun to run yet.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !finished && launched { _ = condition.wait(until: Date(timeIntervalSinceNow: 0.05)) }
        condition.unlock()
    }

    /// Whether the training thread has ended (or was never launched).
    var hasEnded: Bool {
        condition.lock()
        defer { condition.unlock() }
        return finished || !launched
    }

    /// Blocks until a snapshot satisfying `predicate` is published, or `timeout` seconds pass.
    @discardableResult
    func wait(timeout: Double, until predicate: (TrainingSnapshot) -> Bool) -> TrainingSnapshot {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while !predicate(latest) && Date() < deadline { _ = condition.wait(until: min(deadline, Date(timeIntervalSinceNow: 0.01))) }
        return latest
    }

    // Guarded by `condition`: `start()` has launched the thread.
    private var launched = false

    private func run() {
        var windowStart = DispatchTime.now().uptimeNanoseconds
        var windowSamples = 0
        var samplesPerSecond = 0.0
        while true {
            condition.lock()
            while commands.isEmpty && !stopping && !hasWork { condition.wait() }
            if stopping {
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let received = commands
            commands.removeAll(keepingCapacity: true)
            condition.unlock()

            for command in received { apply(command) }
            if !received.isEmpty { windowStart = DispatchTime.now().uptimeNanoseconds; windowSamples = 0 }

            // Train until it is time to publish, or there is nothing left to do.
            let sliceStart = DispatchTime.now().uptimeNanoseconds
            let sliceLength = UInt64(publishInterval * 1e9)
            while hasWork && DispatchTime.now().uptimeNanoseconds - sliceStart < sliceLength {
                let batch = min(trainer.configuration.batchSize, trainer.training.count - trainer.batchInEpoch * trainer.configuration.batchSize)
                let record = trainer.step()
                windowSamples += batch
                if pendingBatches > 0 { pendingBatches -= 1 }
                if finishEpoch && record != nil { finishEpoch = false }
                if trainer.status.isDone { playing = false; pendingBatches = 0; finishEpoch = false }
                if pollCommands() { break }
            }
            let now = DispatchTime.now().uptimeNanoseconds
            if now - windowStart > 250_000_000 {
                samplesPerSecond = Double(windowSamples) / (Double(now - windowStart) / 1e9)
                windowStart = now
                windowSamples = 0
            }
            publish(samplesPerSecond: playing ? samplesPerSecond : 0)
        }
    }

    private var hasWork: Bool { (playing || pendingBatches > 0 || finishEpoch) && !trainer.status.isDone }

    /// Whether commands are waiting (checked between batches so keys answer within one batch).
    private func pollCommands() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return !commands.isEmpty || stopping
    }

    private func apply(_ command: TrainingSession.Command) {
        switch command {
        case .play: playing = true
        case .pause: playing = false; pendingBatches = 0; finishEpoch = false
        case .step(let batches): playing = false; pendingBatches += max(batches, 0)
        case .stepEpoch: playing = false; finishEpoch = true
        case .reset: playing = false; pendingBatches = 0; finishEpoch = false; trainer.reset()
        case .setLearningRate(let rate): trainer.learningRate = rate
        }
    }

    private func publish(samplesPerSecond: Double) {
        let snapshot = trainer.snapshot(isPlaying: playing && !trainer.status.isDone, samplesPerSecond: samplesPerSecond)
        condition.lock()
        latest = snapshot
        condition.broadcast()
        condition.unlock()
    }
}
