/// Which screen fills the terminal.
public enum Screen: Equatable, Sendable {
    case home(HomeScreen)
    case reader(ReaderScreen)
    case quiz(QuizScreen)
    case playground(PlaygroundScreen)
    case sequencePlayground(SequencePlaygroundScreen)
    case imagePlayground(ImagePlaygroundScreen)
}

/// What floats above the screen, taking the keys until it closes.
public enum Overlay: Equatable, Sendable {
    /// The keys of the screen beneath.
    case help
    /// The lesson's pages, to jump to one.
    case contents(selected: Int)
    /// Quitting would lose something; the learner is asked first.
    case confirmQuit(reason: String)
}
