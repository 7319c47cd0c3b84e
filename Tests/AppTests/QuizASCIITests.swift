import Canvas
import Curriculum
import Testing
@testable import App

/// Quizzes on a terminal that is not UTF-8: text is spelt in ASCII before it is wrapped, so a stand-in
/// longer than its character (`−∞` → `-inf`, `σ` → `sigma`) never runs past the frame and gets cut.
@Suite("Quizzes spelt in ASCII")
struct QuizASCIITests {
    /// Words of a text, whatever the line breaks.
    static func words(_ text: String) -> [Substring] { text.split(whereSeparator: { $0 == " " || $0 == "\n" }) }

    /// Whether `words` holds `run` as consecutive words.
    static func contains(_ words: [Substring], _ run: [Substring]) -> Bool {
        guard run.count <= words.count else { return false }
        for start in 0...(words.count - run.count) where Array(words[start..<(start + run.count)]) == run { return true }
        return false
    }

    @Test func everyChoiceOfEveryShippedQuizIsShownWholeAt76Columns() throws {
        var checked = 0
        for lesson in CoreLessons.library.lessons {
            for page in lesson.pages {
                for case .quiz(let quiz) in page.blocks {
                    let state = QuizState(quiz: quiz, seed: 1)
                    let lines: [[Span]] = QuizView(state: state, isFocused: true, glyphs: .ascii, colors: .none).lines(width: 76)
                    let inner = lines.map { (line: [Span]) -> String in
                        let text: String = line.map(\.text).joined()
                        #expect(displayWidth(of: text) <= 76, "\(lesson.id): \(text)")
                        // The frame's sides and the choice's marker are not part of the text.
                        return String(text.dropFirst(2).dropLast(2))
                    }.joined(separator: " ")
                    let shown = Self.words(inner)
                    for choice in state.quiz.choices {
                        let expected: [Substring] = Self.words(ASCIIText.transliterated(choice))
                        let found = Self.contains(shown, expected)
                        #expect(found, "\(lesson.id), \(quiz.id): '\(ASCIIText.transliterated(choice))' is not shown whole")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 50)
    }
}
