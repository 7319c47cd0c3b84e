import Neural

/// Everything a live GAN run needs to start: the trainer as it starts (its networks, target and
/// configuration), how its pictures are taken, and which start of the run this is.
public struct GANRunSpec: Sendable {
    public var trainer: GANTrainer
    public var picture: GANSession.Picture
    /// Which start of the run this is, as in `LiveTrainingSpec.generation`; nil lets the host count.
    public var generation: Int?

    public init(trainer: GANTrainer, picture: GANSession.Picture, generation: Int? = nil) {
        self.trainer = trainer
        self.picture = picture
        self.generation = generation
    }
}

extension GANRunSpec: Equatable {
    /// Two specs are equal when they would start the same game: same configuration, target, picture and
    /// start, and both networks with the same weights.
    public static func == (lhs: GANRunSpec, rhs: GANRunSpec) -> Bool {
        lhs.generation == rhs.generation && lhs.picture == rhs.picture && lhs.trainer.configuration == rhs.trainer.configuration
            && lhs.trainer.target == rhs.trainer.target
            && lhs.trainer.generator.hasSameParameters(as: rhs.trainer.generator)
            && lhs.trainer.discriminator.hasSameParameters(as: rhs.trainer.discriminator)
    }
}

/// A GAN run's side of a `LiveSnapshot`: the arena's picture after `commandsDone` of its commands.
public struct GANLiveState: Sendable, Equatable {
    public var snapshot: GANSnapshot
    public var commandsDone: Int

    public init(_ published: GANSession.Published) {
        snapshot = published.snapshot
        commandsDone = published.commandsDone
    }

    /// Equal when the same commands have been carried out on the same start (the picture follows from them).
    public static func == (lhs: GANLiveState, rhs: GANLiveState) -> Bool {
        lhs.commandsDone == rhs.commandsDone && lhs.snapshot.generatorSteps == rhs.snapshot.generatorSteps
            && lhs.snapshot.discriminatorSteps == rhs.snapshot.discriminatorSteps
            && lhs.snapshot.generated == rhs.snapshot.generated
    }
}

extension LiveSnapshot {
    /// The snapshot of a GAN run: the arena in `gan`, and in `training` the generator's side of the game,
    /// so a screen that reads any run's `training` sees one.
    init(run: LiveRunID, generation: Int, gan published: GANSession.Published, framesPerSecond: Double) {
        self.init(run: run, generation: generation, training: published.generator, framesPerSecond: framesPerSecond)
        gan = GANLiveState(published)
    }
}
