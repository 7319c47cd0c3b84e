import Foundation

/// Runs a `SequenceRun` on a thread of its own, so a screen keeps drawing while a character model learns.
///
/// The screen sends commands and reads `latest`. The thread carries the commands out in order, trains
/// while the run plays (or has steps to take), and publishes what the screen shows at most
/// `publishInterval` seconds apart and after every batch of commands. The run is touched only by the
/// thread; the two threads share nothing but the command queue and the published state, behind one lock.
public final class SequenceSession: Sendable {
    public typealias Command = SequenceRun.Command

    /// What the thread publishes.
    public struct Published: Sendable {
        /// Steps, epochs, status (a divergence says so), the learning rate and a detached copy of the network.
        public var training: TrainingSnapshot
        public var trace: [SequenceRun.LossPoint]
        /// What the model computes reading the line under the cursor.
        public var reading: SequenceReading
        /// Names written at `temperature` from `sampleSeed`.
        public var samples: [String]
        public var sampleSeed: UInt64
        public var temperature: Double
        /// Commands carried out since the session started.
        public var commandsDone: Int
    }

    private let worker: SequenceWorker

    public init(run: SequenceRun, publishInterval: Double = 1.0 / 30) {
        worker = SequenceWorker(run: run, publishInterval: publishInterval)
    }

    deinit { worker.stop() }

    /// The most recently published state.
    public var latest: Published { worker.latest }

    /// Starts the thread; paused until `play` or a step arrives.
    public func start() { worker.start() }

    public func send(_ command: Command) { worker.send(command) }

    /// Stops the thread and waits for it to finish the batch it is on.
    public func stop() { worker.stop() }

    /// Blocks until a published state satisfies `predicate`, or `timeout` seconds pass.
    @discardableResult
    public func wait(timeout: Double, until predicate: (Published) -> Bool) -> Published {
        worker.wait(timeout: timeout, until: predicate)
    }
}

/// The thread side of a `SequenceSession`.
final class SequenceWorker: @unchecked Sendable {
    let publishInterval: Double
    private let mailbox: SessionMailbox<SequenceRun.Command, SequenceSession.Published>
    // Touched only by the training thread once `start()` has run.
    private var run: SequenceRun
    private var commandsDone = 0

    init(run: SequenceRun, publishInterval: Double) {
        var run = run
        self.publishInterval = publishInterval
        mailbox = SessionMailbox(published: run.published(commandsDone: 0, samplesPerSecond: 0))
        self.run = run
    }

    var latest: SequenceSession.Published { mailbox.latest }

    func start() { mailbox.launch(name: "sequences") { [self] in loop() } }

    func send(_ command: SequenceRun.Command) { mailbox.send(command) }

    func stop() { mailbox.stop() }

    func wait(timeout: Double, until predicate: (SequenceSession.Published) -> Bool) -> SequenceSession.Published {
        mailbox.wait(timeout: timeout, until: predicate)
    }

    private func loop() {
        var windowStart = DispatchTime.now().uptimeNanoseconds
        var windowSamples = 0
        var samplesPerSecond = 0.0
        while let received = mailbox.take(sleepingWhile: { !run.hasWork }) {
            for command in received {
                run.apply(command)
                commandsDone += 1
            }
            let sliceStart = DispatchTime.now().uptimeNanoseconds
            let sliceLength = UInt64(publishInterval * 1e9)
            while run.hasWork && DispatchTime.now().uptimeNanoseconds - sliceStart < sliceLength {
                run.trainBatch()
                windowSamples += run.trainer.configuration.batchSize
                if mailbox.hasPending { break }
            }
            let now = DispatchTime.now().uptimeNanoseconds
            if now - windowStart > 250_000_000 {
                samplesPerSecond = Double(windowSamples) / (Double(now - windowStart) / 1e9)
                windowStart = now
                windowSamples = 0
            }
            mailbox.publish(run.published(commandsDone: commandsDone, samplesPerSecond: run.hasWork ? samplesPerSecond : 0))
        }
    }
}
