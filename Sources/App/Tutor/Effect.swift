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
    /// Save or open the sequence mode's files; the answer comes back as `Message.sequenceFiles`.
    case sequenceFiles(SequenceFileRequest)
    /// Leave the tutor and restore the terminal.
    case quit
    /// Something a screen or widget asks of the one hosting it (open a lesson, record an answer, pass a
    /// key on); the tutor carries these out itself and never hands them to the runner.
    case screen(ScreenRequest)
}

/// What a screen or widget asks of its host, reported back as an effect like everything else.
public enum ScreenRequest: Equatable, Sendable {
    case openLesson(String)
    /// On from the last page of this lesson: the next lesson, or home after the last.
    case lessonAfter(String)
    case goHome
    /// The reader turned to another page (it is marked read).
    case pageChanged
    case showContents
    case openQuiz
    /// Quiz mode shows the page that teaches its question; `Esc` in the reader comes back to the quiz.
    case openQuizPage(lessonID: String, page: Int)
    /// Quiz mode is done: home, with the quiz entry selected.
    case leaveQuiz
    /// The learner answered the quiz with this id.
    case answeredQuiz(String, QuizState.Answer)
    case openPlayground
    /// The playground's sequence mode (names with an RNN, LSTM or transformer).
    case openSequencePlayground
    /// The playground's image mode: a CNN on the digits.
    case openImagePlayground
    /// The playground closed; home shows with the playground entry selected.
    case leavePlayground
    /// The key was not for this widget: the page beneath should have it.
    case keyNotUsed
}
