import Canvas
import Curriculum

/// Home: the lessons in course order with the learner's progress, the playground to come, the quiz, and notes.
public struct HomeScreen: Equatable, Sendable {
    /// The entry under the cursor: lessons first, then the playground and the quiz.
    public var selected = 0
    /// A one-line answer to the last action, e.g. that an entry is not ready yet.
    public var status: String?

    public init(selected: Int = 0) { self.selected = selected }

    /// One selectable line of home.
    enum Entry: Equatable {
        case lesson(Lesson)
        case playground
        case quiz
    }

    static func entries(in tutor: Tutor) -> [Entry] {
        tutor.library.lessons.map(Entry.lesson) + [.playground, .quiz]
    }

    mutating func handle(_ key: Key, in tutor: Tutor) -> [Effect] {
        let entries = Self.entries(in: tutor)
        status = nil
        switch key {
        case .up, .character("k"): moveSelection(by: -1, in: tutor)
        case .down, .character("j"), .tab: moveSelection(by: 1, in: tutor)
        case .home, .character("g"): selected = 0
        case .end, .character("G"): selected = entries.count - 1
        case .enter, .right, .character("l"), .character(" "):
            return [.screen(open(entries[selected]))]
        case .character(let digit) where digit.isWholeNumber:
            // Lesson numbers as shown on home, 0 or 1 to 9.
            if let number = digit.wholeNumberValue, let lesson = tutor.library.lesson(numbered: number),
               let index = tutor.library.lessons.firstIndex(of: lesson) {
                selected = index
                return [.screen(open(entries[selected]))]
            }
        default:
            break
        }
        return []
    }

    mutating func moveSelection(by step: Int, in tutor: Tutor) {
        let count = Self.entries(in: tutor).count
        selected = min(max(0, selected + step), count - 1)
    }

    /// Selects the entry at a clicked cell; clicking the selected entry again opens it.
    mutating func click(x: Int, y: Int, in tutor: Tutor) -> [Effect] {
        let layout = HomeLayout(tutor: tutor, screen: self)
        guard let index = layout.entry(atRow: y) else { return [] }
        if index == selected { return [.screen(open(HomeScreen.entries(in: tutor)[index]))] }
        selected = index
        status = nil
        return []
    }

    private func open(_ entry: Entry) -> ScreenRequest {
        switch entry {
        case .lesson(let lesson):
            return .openLesson(lesson.id)
        case .playground:
            return .openPlayground
        case .quiz:
            return .openQuiz
        }
    }
}
