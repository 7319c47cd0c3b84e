import Curriculum
@testable import App

/// Lessons written for the screen tests: short, with a long page, a widget and a quiz.
enum Fixtures {
    static let first = """
    ---
    id: first
    title: First steps
    summary: Where everything starts.
    order: 1
    ---
    ## Opening

    The opening page.

    ## Long page

    \((1...40).map { "Paragraph number \($0) of the long page." }.joined(separator: "\n\n"))

    ## Closing

    ```widget perceptron
    dataset: xor
    learningRate: 0.5
    caption: Watch the line jump.
    ```

    ```quiz
    id: first-question
    question: Which page is this?
    choices:
      - The opening
      - The closing
    answer: 2
    explanation: It is the last one.
    ```
    """

    static let second = """
    ---
    id: second
    title: Second steps
    summary: Where it goes on.
    order: 2
    requires: [first]
    ---
    ## Only page

    Text.
    """

    static let broken = """
    ---
    id: broken
    title: Broken
    summary: s
    order: 3
    ---
    ## Page

    ```widget teleporter
    ```
    """

    static let library = LessonLibrary.build(sources: [
        ("lessons/01-first.md", first), ("lessons/02-second.md", second), ("lessons/03-broken.md", broken),
    ])

    /// A tutor on a terminal of the given size, with the fixture lessons.
    static func tutor(width: Int = 80, height: Int = 24, progress: LearnerProgress = LearnerProgress()) -> Tutor {
        Tutor(library: library, progress: progress, width: width, height: height, colors: .palette256, glyphs: .unicode)
    }
}

extension Tutor {
    /// Feeds keys one after another, returning every effect.
    @discardableResult
    mutating func press(_ keys: Key...) -> [Effect] {
        keys.flatMap { update(.key($0)) }
    }

    /// The screen's text, one string per row, trailing spaces removed.
    var screenLines: [String] {
        view().lines.map { line in
            var trimmed = line
            while trimmed.last == " " { trimmed.removeLast() }
            return trimmed
        }
    }

    /// The whole screen as one string, for `contains` checks.
    var screenText: String { screenLines.joined(separator: "\n") }
}
