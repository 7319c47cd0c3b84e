import Foundation

/// Runs a `GANTrainer` on a thread of its own, so a screen keeps drawing while the two networks play.
///
/// The screen sends commands and reads `latest`, the last published picture. The thread carries the
/// commands out in order and, after each batch of commands it found waiting, takes a `GANSnapshot` (the
/// discriminator's map, the generated points and their pushes, the modes covered) and publishes it with
/// the number of commands done so far, so the screen knows which of its requests the picture shows. The
/// trainer and the snapshot work are touched only by the training thread; the two threads share nothing
/// but the command queue and the published picture, both behind one lock.
///
/// There is no free-running play: a screen asks for a few iterations per frame, which paces play the same
/// on every machine and keeps a test's frames exact (`GANSession.apply` is the one place a command is
/// carried out, on the thread and in tests alike).
public final class GANSession: Sendable {
    public enum Command: Sendable, Equatable {
        /// This many iterations: k discriminator steps and one generator step each.
        case iterate(Int)
        /// One discriminator step alone.
        case stepDiscriminator
        /// One generator step alone.
        case stepGenerator
        /// Back to the first weights and the first noise.
        case reset
    }

    /// What the thread publishes: the picture after `commandsDone` commands, and the generator's side of
    /// the game as a training run's snapshot (its weights, steps, last loss and learning rate).
    public struct Published: Sendable {
        public var snapshot: GANSnapshot
        public var generator: TrainingSnapshot
        /// Commands carried out since the session started.
        public var commandsDone: Int

        /// What `trainer` shows after `commandsDone` commands, its picture taken as `picture` asks.
        public init(trainer: GANTrainer, picture: Picture, commandsDone: Int) {
            snapshot = picture.snapshot(of: trainer)
            generator = trainer.generatorSnapshot()
            self.commandsDone = commandsDone
        }
    }

    /// How a snapshot is taken: the map's grid and how many generated and real points.
    public struct Picture: Sendable, Equatable {
        public var gridSize: Int
        public var extent: Float
        public var pointCount: Int

        public init(gridSize: Int = 32, extent: Float = 3, pointCount: Int = 256) {
            self.gridSize = gridSize
            self.extent = extent
            self.pointCount = pointCount
        }

        /// The trainer's picture as this asks.
        public func snapshot(of trainer: GANTrainer) -> GANSnapshot {
            trainer.snapshot(gridSize: gridSize, extent: extent, pointCount: pointCount)
        }
    }

    private let worker: GANWorker

    public init(trainer: GANTrainer, picture: Picture = Picture()) {
        worker = GANWorker(trainer: trainer, picture: picture)
    }

    deinit { worker.stop() }

    /// The most recently published picture (the untrained one before any command).
    public var latest: Published { worker.latest }

    /// Starts the training thread; it waits for commands.
    public func start() { worker.start() }

    public func send(_ command: Command) { worker.send(command) }

    /// Stops the thread and waits for it to finish the step it is on.
    public func stop() { worker.stop() }

    /// Blocks until a published picture satisfies `predicate`, or `timeout` seconds pass.
    @discardableResult
    public func wait(timeout: Double, until predicate: (Published) -> Bool) -> Published {
        worker.wait(timeout: timeout, until: predicate)
    }

    /// Carries out one command on `trainer`; `shouldStop` is asked between iterations, so a long request
    /// ends promptly when the session stops.
    public static func apply(_ command: Command, to trainer: inout GANTrainer, shouldStop: () -> Bool = { false }) {
        switch command {
        case .iterate(let count):
            for _ in 0..<max(count, 0) where !trainer.hasDiverged && !shouldStop() { trainer.step() }
        case .stepDiscriminator: trainer.stepDiscriminator()
        case .stepGenerator: trainer.stepGenerator()
        case .reset: trainer.reset()
        }
    }
}

/// The thread side of a `GANSession`: the trainer, and a mailbox holding the command queue and the latest
/// picture.
final class GANWorker: @unchecked Sendable {
    private let picture: GANSession.Picture
    private let mailbox: SessionMailbox<GANSession.Command, GANSession.Published>
    // Touched only by the training thread once `start()` has run.
    private var trainer: GANTrainer
    private var commandsDone = 0

    init(trainer: GANTrainer, picture: GANSession.Picture) {
        self.trainer = trainer
        self.picture = picture
        mailbox = SessionMailbox(published: GANSession.Published(trainer: trainer, picture: picture, commandsDone: 0))
    }

    var latest: GANSession.Published { mailbox.latest }

    func start() { mailbox.launch(name: "gan") { [self] in run() } }

    func send(_ command: GANSession.Command) { mailbox.send(command) }

    func stop() { mailbox.stop() }

    func wait(timeout: Double, until predicate: (GANSession.Published) -> Bool) -> GANSession.Published {
        mailbox.wait(timeout: timeout, until: predicate)
    }

    private func run() {
        while let received = mailbox.take(sleepingWhile: { true }) {
            for command in received {
                GANSession.apply(command, to: &trainer, shouldStop: { self.mailbox.isStopping })
                commandsDone += 1
            }
            mailbox.publish(GANSession.Published(trainer: trainer, picture: picture, commandsDone: commandsDone))
        }
    }
}

extension GANTrainer {
    /// The generator's side of the game as a training snapshot: its steps, last loss, learning rate and a
    /// detached copy of its weights (a GAN has no epochs: one epoch of one batch, never finished).
    public func generatorSnapshot() -> TrainingSnapshot {
        TrainingSnapshot(epoch: 0, batchInEpoch: 0, batchesPerEpoch: 1, stepCount: generatorSteps, status: .training,
                         isPlaying: false, lastBatchLoss: lastGeneratorLoss, history: EpochHistory(),
                         learningRate: generatorOptimizer.learningRate, samplesPerSecond: 0, network: generator.detachedCopy())
    }
}
