import Canvas
import Curriculum
import Testing
@testable import App

/// What a newcomer meets finding their way: home's entries, keys in a lesson, the way on.
@Suite("Finding the way")
struct FindingTheWayTests {
    @Test func homeAt80x24ShowsThePlaygroundAndTheQuizWithoutScrolling() {
        let tutor = Tutor(library: CoreLessons.library, width: 80, height: 24, colors: .palette256, glyphs: .unicode)
        let lines = tutor.screenLines
        #expect(lines.contains { $0.contains("Playground") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("Quiz") && $0.contains("review questions") }, "\(lines.joined(separator: "\n"))")
        // A summary cut to one line says so (with many lessons, only the selected one's is shown).
        #expect(lines.contains { $0.contains("Machine learning and deep learning") && $0.hasSuffix("…") }, "\(lines.joined(separator: "\n"))")
    }

    @Test func homeSaysWhenTheListGoesOnBelow() {
        var tutor = Tutor(library: CoreLessons.library, width: 60, height: 16, colors: .palette256, glyphs: .unicode)
        #expect(tutor.screenText.contains("↓ more below"))
        #expect(!tutor.screenText.contains("↑ more above"))
        // The playground and the quiz stay in view below the lessons, so End reaches the quiz in place.
        tutor.press(.end)
        #expect(tutor.screenLines.contains { $0.contains("▸") && $0.contains("Quiz") })
        #expect(tutor.screenText.contains("↓ more below"))
        // Up from the playground goes to the last lesson, and the lessons scroll to it.
        tutor.press(.up, .up)
        let last = String((CoreLessons.library.lessons.last?.title ?? "?").prefix(16))
        #expect(tutor.screenLines.contains { $0.contains("▸") && $0.contains(last) }, "\(tutor.screenText)")
        #expect(tutor.screenText.contains("↑ more above"))
        #expect(tutor.screenLines.contains { $0.contains("Playground") })
    }

    @Test func qTypedInANumberBoxDoesNotQuit() {
        var tutor = CoreLessons.tutor(lesson: "perceptron", page: "The weighted sum and the bias")
        tutor.press(.tab)
        let effects = tutor.press(.character("1"), .character("q"))
        #expect(!effects.contains(.quit))
        #expect(tutor.overlay == nil, "no question about quitting either")
        #expect(!tutor.hasQuit)
        // Outside the box q still quits (after asking, or at once when nothing would be lost).
        tutor.press(.escape, .character("q"))
        #expect(tutor.hasQuit || tutor.overlay != nil)
    }
}

@Suite("Finding the way in a lesson")
struct FindingTheWayInALessonTests {
    @Test func onFromTheLastPageIsTheNextLesson() {
        var tutor = CoreLessons.tutor(lesson: "perceptron", page: "Summary and what comes next")
        #expect(tutor.screenLines.last?.contains("→ next lesson") == true)
        tutor.press(.right)
        guard case .reader(let reader) = tutor.screen else {
            Issue.record("→ on the last page left the reader")
            return
        }
        #expect(reader.lesson.id == CoreLessons.ids[CoreLessons.ids.firstIndex(of: "perceptron")! + 1])
        // After the last lesson, on is home.
        var last = CoreLessons.tutor(lesson: CoreLessons.ids.last!, page: CoreLessons.library.lessons.last!.pages.last!.title)
        #expect(last.screenLines.last?.contains("→ home") == true)
        last.press(.character("n"))
        if case .home = last.screen {} else { Issue.record("n on the very last page did not go home") }
    }

    @Test func tabFromThePageTextGoesToTheElementInViewNotTheFirst() throws {
        // "Learning from mistakes" has the perceptron widget, then a quiz further down.
        var tutor = CoreLessons.tutor(lesson: "perceptron", page: "Learning from mistakes", width: 80, height: 24)
        let elements = try #require(tutor.pageElements)
        try #require(elements.items.count >= 2, "the page has a widget and a quiz")
        tutor.press(.end)
        tutor.press(.tab)
        let focus = try #require(tutor.pageElements?.focus)
        #expect(focus > 0, "Tab at the bottom of the page focuses an element there, not the perceptron at the top")
        #expect(tutor.screenText.contains("▸"), "the focused element is in view")
    }

    @Test func spaceUnderAWidgetInViewPlaysIt() throws {
        var tutor = WidgetTesting.tutor(page: "Press Space to watch it learn.\n\n```widget perceptron\n```\n", width: 100, height: 40)
        #expect(tutor.pageElements?.focus == nil)
        tutor.press(.character(" "))
        let widget = try #require(tutor.widget(PerceptronWidget.self))
        #expect(widget.isPlaying, "Space went to the widget in view")
        #expect(tutor.pageElements?.focus == 0)
    }
}
