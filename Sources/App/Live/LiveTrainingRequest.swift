import Neural

/// What a screen asks the runner to do with a live training run; carried by `Effect.live`.
///
/// - `start` makes a `TrainingSession` for the spec (replacing any run of the same name) and starts
///   its thread, paused unless the spec says `startsPlaying`.
/// - `send` passes a command to the run: `.play`, `.pause`, `.step(batches:)`, `.stepEpoch`, `.reset`
///   (back to the spec's weights, paused) or `.setLearningRate(_)` (takes effect at the next batch and
///   keeps every weight). A command for a run that does not exist is ignored.
/// - `startGAN` makes a `GANSession` for a GAN trainer (replacing any run of the same name) and starts its
///   thread, which waits for commands; `sendGAN` passes it one (`.iterate(n)`, a step of one player,
///   `.reset`). Its snapshots carry the arena's picture in `LiveSnapshot.gan`.
/// - `stop` ends the run's thread and forgets it; its snapshots stop coming.
public enum LiveTrainingRequest: Equatable, Sendable {
    case start(LiveRunID, LiveTrainingSpec)
    case send(LiveRunID, TrainingSession.Command)
    case startGAN(LiveRunID, GANRunSpec)
    case sendGAN(LiveRunID, GANSession.Command)
    /// A `SequenceSession` for a character model (replacing any run of the same name); `sendSequence`
    /// passes it a command. Its snapshots carry the trace, reading and names in `LiveSnapshot.sequence`.
    case startSequence(LiveRunID, SequenceRunSpec)
    case sendSequence(LiveRunID, SequenceSession.Command)
    case stop(LiveRunID)

    /// The run the request is about.
    public var run: LiveRunID {
        switch self {
        case .start(let run, _), .send(let run, _), .startGAN(let run, _), .sendGAN(let run, _), .stop(let run),
             .startSequence(let run, _), .sendSequence(let run, _): run
        }
    }
}
