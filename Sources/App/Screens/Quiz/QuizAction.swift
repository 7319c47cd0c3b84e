import Curriculum

/// What the quiz asks the tutor to do after a key.
enum QuizAction: Equatable, Sendable {
    /// Record what the learner did in the progress store.
    case record(ProgressEvent)
    /// Show the page that teaches the question; `Esc` in the reader comes back to the quiz.
    case openPage(lessonID: String, page: Int)
    /// The learner is done: back to home.
    case leave
}
