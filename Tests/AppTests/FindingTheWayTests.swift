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
    }

    @Test func homeSaysWhenTheListGoesOnBelow() {
        var tutor = Tutor(library: CoreLessons.library, width: 60, height: 16, colors: .palette256, glyphs: .unicode)
        #expect(tutor.screenText.contains("↓ more below"))
        #expect(!tutor.screenText.contains("↑ more above"))
        tutor.press(.end)
        #expect(tutor.screenText.contains("↑ more above"))
        #expect(tutor.screenLines.contains { $0.contains("▸") && $0.contains("Quiz") })
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
