import Curriculum

/// Everything that can happen to the tutor: the only way its state changes is `Tutor.update(_:)`.
public enum Message: Equatable, Sendable {
    case key(Key)
    /// The mouse wheel turned: negative scrolls up, positive down, in lines.
    case scroll(Int)
    /// The left button was pressed at a cell.
    case click(x: Int, y: Int)
    /// The terminal now has this many columns and rows.
    case resize(width: Int, height: Int)
    /// Time passed while something animates.
    case tick
    /// Saving progress failed with this explanation.
    case progressSaveFailed(String)
    /// Progress was saved (clears an earlier failure).
    case progressSaved
    /// The progress as the store holds it now, with what other tutors on the same profile recorded.
    case progressLoaded(LearnerProgress)
    /// The latest state of a live training run (sent each frame while it changes).
    case live(LiveSnapshot)
    /// The answer to a playground file request.
    case playground(PlaygroundFileResult)
    /// The answer to a sequence-mode file request.
    case sequenceFiles(SequenceFileResult)
}
