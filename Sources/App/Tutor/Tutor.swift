import Foundation
import Canvas
import Curriculum

/// The whole tutor as one value: lessons, progress, the screen shown and what floats above it.
///
/// The runner feeds `update(_:)` with messages (keys, mouse, resizes, results of effects) and draws
/// `view()`; nothing else changes the state, so every screen can be tested without a terminal.
public struct Tutor: Equatable, Sendable {
    /// The smallest terminal the screens are laid out for.
    public static let minimumWidth = 60
    public static let minimumHeight = 16

    /// The lessons that loaded, and the problems of those that did not.
    public var library: LessonLibrary
    /// What the learner has read and answered.
    public var progress: LearnerProgress
    public var screen: Screen
    public var overlay: Overlay?
    /// The terminal's size in cells.
    public var width: Int
    public var height: Int
    /// Notes for the learner shown on home, e.g. a progress file that could not be read.
    public var notices: [String]
    /// Why the last save failed; quitting then asks first, since the progress would be lost.
    public var saveFailure: String?
    /// Whether the tutor reads the mouse (when off, the terminal's own text selection works).
    public var mouseCaptured: Bool
    /// Set once the learner has quit; the runner stops.
    public internal(set) var hasQuit = false
    /// The time, as the runner last set it before an update; screens read the clock only here, so tests
    /// can move time on (how long an answer took, when a question is due).
    public var now = Date()
    /// The quiz that opened a lesson page; `Esc` in the reader goes back to it.
    var quizAwaitingReturn: QuizScreen?
    /// How colours and glyphs are drawn on this terminal.
    public var colors: ColorMode
    public var glyphs: GlyphSet

    public init(
        library: LessonLibrary, progress: LearnerProgress = LearnerProgress(), notices: [String] = [],
        width: Int = 80, height: Int = 24, colors: ColorMode = .palette256, glyphs: GlyphSet = .unicode,
        mouseCaptured: Bool = true
    ) {
        self.library = library
        self.progress = progress
        self.screen = .home(HomeScreen())
        self.width = width
        self.height = height
        self.notices = notices
        self.mouseCaptured = mouseCaptured
        self.colors = colors
        self.glyphs = glyphs
    }

    /// Whether the terminal is too small to lay the screens out.
    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// Whether something moves on screen, so the runner should wake up for ticks; an idle tutor
    /// sleeps until the learner does something.
    public var isAnimating: Bool {
        switch screen {
        case .reader(let reader): reader.isAnimating
        case .playground(let playground): playground.isAnimating
        case .sequencePlayground(let playground): playground.isAnimating
        case .imagePlayground(let playground): playground.isAnimating
        case .home, .quiz: false
        }
    }

    /// Opens the lesson with `id` at the page the learner was on last; false if no such lesson loaded.
    @discardableResult
    public mutating func openLesson(id: String) -> [Effect] {
        guard let lesson = library.lesson(id: id) else { return [] }
        let page = min(progress[id].lastPage, lesson.pages.count - 1)
        screen = .reader(ReaderScreen(lesson: lesson, page: max(page, 0)))
        return markCurrentPageRead()
    }

    /// Records the reader's page as read and remembers it as the place to come back to.
    mutating func markCurrentPageRead() -> [Effect] {
        guard case .reader(let reader) = screen else { return [] }
        let event = ProgressEvent.pageRead(lessonID: reader.lesson.id, page: reader.page, pageCount: reader.lesson.pages.count, at: now)
        progress.apply(event)
        return [.record(event)]
    }

    /// Records an answer to a quiz on the page, through the same grading and scheduling as quiz mode.
    mutating func recordAnswer(_ answer: QuizState.Answer, toQuiz quizID: String) -> [Effect] {
        guard case .reader(let reader) = screen else { return [] }
        let grade = RecallInference.grade(correct: answer.verdict.correct, seconds: answer.seconds, words: answer.words, kind: answer.kind)
        let event = ProgressEvent.answered(AnswerRecord(
            questionID: quizID, lessonID: reader.lesson.id, answeredAt: answer.answeredAt, seconds: (answer.seconds * 10).rounded() / 10,
            correct: answer.verdict.correct, given: String(answer.verdict.givenShort.prefix(ProgressLimits.givenLength)), grade: grade,
            kind: answer.kind, counts: answer.counts && !progress.answerWasShown(quizID, onDayOf: answer.answeredAt), source: .page))
        progress.apply(event)
        return [.record(event)]
    }

    /// Quits, or asks first when unsaved progress would be lost.
    mutating func requestQuit() -> [Effect] {
        if let saveFailure, overlay == nil || overlay == .help {
            overlay = .confirmQuit(reason: "Your progress could not be saved: \(saveFailure)")
            return []
        }
        hasQuit = true
        return [.quit]
    }
}
