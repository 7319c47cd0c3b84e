import Curriculum

/// Work the tutor asks its runner to do after an update; results come back as messages.
public enum Effect: Equatable, Sendable {
    /// Record what the learner did in the progress store, as its own small transaction.
    case record(ProgressEvent)
    /// Turn the terminal's mouse reporting on or off (off lets the terminal select text).
    case captureMouse(Bool)
    /// Start, command or stop a live training run; its snapshots come back as `Message.live`.
    case live(LiveTrainingRequest)
    /// Save or open playground files; the answer comes back as `Message.playground`.
    case playground(PlaygroundFileRequest)
    /// Leave the tutor and restore the terminal.
    case quit
}
