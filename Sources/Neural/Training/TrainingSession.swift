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

/// What runs on the training thread of a `TrainingSession`: the trainer, and a mailbox holding the command
/// queue and the latest snapshot.
final class TrainingWorker: @unchecked Sendable {
    let publishInterval: Double
    private let mailbox: SessionMailbox<TrainingSession.Command, TrainingSnapshot>
    // Touched only by the training thread once `start()` has run.
    private var trainer: Trainer
    private var playing = false
    private var pendingBatches = 0
    private var finishEpoch = false

    init(trainer: Trainer, publishInterval: Double) {
        self.trainer = trainer
        self.publishInterval = publishInterval
        mailbox = SessionMailbox(published: trainer.snapshot())
    }

    /// The most recently published state.
    var snapshot: TrainingSnapshot { mailbox.latest }

    /// Starts the training thread (paused until `play` or a step arrives). The thread holds this worker,
    /// never the session, so a session dropped without `stop()` still ends it from its `deinit`.
    func start() { mailbox.launch(name: "training") { [self] in run() } }

    func send(_ command: TrainingSession.Command) { mailbox.send(command) }

    /// Stops the training thread and waits for it to finish its current batch.
    func stop() { mailbox.stop() }

    /// Whether the training thread has ended (or was never launched).
    var hasEnded: Bool { mailbox.hasEnded }

    /// Blocks until a snapshot satisfying `predicate` is published, or `timeout` seconds pass.
    @discardableResult
    func wait(timeout: Double, until predicate: (TrainingSnapshot) -> Bool) -> TrainingSnapshot {
        mailbox.wait(timeout: timeout, until: predicate)
    }

    private func run() {
        var windowStart = DispatchTime.now().uptimeNanoseconds
        var windowSamples = 0
        var samplesPerSecond = 0.0
        while let received = mailbox.take(sleepingWhile: { !hasWork }) {
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
                if mailbox.hasPending { break }
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
        mailbox.publish(trainer.snapshot(isPlaying: playing && !trainer.status.isDone, samplesPerSecond: samplesPerSecond))
    }
}
