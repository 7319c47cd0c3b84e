import Canvas
import Curriculum
import Testing
@testable import App

/// The reader hosting widgets: focus with Tab, keys to the focused widget, ticks while one moves.
@Suite("Widgets in the reader")
struct WidgetReaderTests {
    static let page = """
    Some text before.

    ```widget perceptron
    dataset: and
    ```

    ```widget neuron
    inputs: 2
    caption: Move the numbers.
    ```
    """

    @Test func tabMovesTheFocusThroughTheWidgetsAndBackToThePage() {
        var tutor = WidgetTesting.tutor(page: Self.page)
        #expect(tutor.pageElements?.focus == nil)
        #expect(tutor.screenLines[23].contains("Tab widgets"))
        tutor.press(.tab)
        #expect(tutor.pageElements?.focus == 0)
        #expect(tutor.screenText.contains("▸ perceptron learning AND"), "the focused widget's title is marked")
        #expect(tutor.screenLines[23].contains("Esc back to the page"))
        tutor.press(.tab)
        #expect(tutor.pageElements?.focus == 1)
        #expect(tutor.screenText.contains("▸ one neuron"), "focusing scrolls the widget into view")
        tutor.press(.tab)
        #expect(tutor.pageElements?.focus == nil)
        tutor.press(.backTab)
        #expect(tutor.pageElements?.focus == 1)
        tutor.press(.escape)
        #expect(tutor.pageElements?.focus == nil)
        guard case .reader = tutor.screen else {
            Issue.record("Esc with a focused widget gives the keys back to the page, it does not go home")
            return
        }
    }

    @Test func keysGoToTheFocusedWidgetAndUnusedOnesToTheReader() throws {
        var tutor = WidgetTesting.tutor(page: Self.page)
        tutor.press(.tab, .right, .right)
        #expect(tutor.widget(PerceptronWidget.self)?.value(of: .firstWeight) == 0.2)
        #expect(tutor.screenLines[0].hasSuffix("page 1/1"), "arrows did not turn the page")
        // Without the focus, ← belongs to the reader again (and the first page has none before it).
        tutor.press(.escape, .left)
        #expect(tutor.widget(PerceptronWidget.self)?.value(of: .firstWeight) == 0.2)
        // A key no widget uses (t) still opens the contents while a widget has the focus.
        tutor.press(.tab, .character("t"))
        #expect(tutor.overlay == .contents(selected: 0))
    }

    @Test func theTutorTicksOnlyWhileAWidgetMoves() {
        var tutor = WidgetTesting.tutor(page: Self.page)
        #expect(!tutor.isAnimating, "an idle page sleeps")
        tutor.press(.tab, .character(" "))
        #expect(tutor.isAnimating)
        for _ in 0..<(PerceptronWidget.ticksPerUpdate * 4) { _ = tutor.update(.tick) }
        let widget = tutor.widget(PerceptronWidget.self)
        #expect((widget?.epoch ?? 0) >= 1, "ticks ran the learning rule")
        tutor.press(.character(" "))
        #expect(!tutor.isAnimating, "paused: no more ticks needed")
        tutor.press(.character(" "), .escape, .home)
        #expect(tutor.isAnimating, "leaving the widget or scrolling does not stop it")
        tutor.press(.escape)
        #expect(!tutor.isAnimating, "closing the lesson does")
    }

    @Test(arguments: [(80, 24), (120, 40), (60, 16)])
    func widgetsFitTheBodyAtEverySize(width: Int, height: Int) {
        let bodies = ["```widget perceptron\n```", "```widget neuron\ninputs: 4\n```", "```widget forward\nlayers: [2, 8, 8, 1]\n```",
                      "```widget activation\n```", "```widget backprop\n```", "```widget descent\noptimizers: [sgd, adam]\n```",
                      "```widget train\ndataset: spirals\ncompareActivation: relu\n```"]
        for body in bodies {
            var tutor = WidgetTesting.tutor(page: body, width: width, height: height)
            tutor.press(.tab)
            let lines = tutor.view().lines
            #expect(lines.count == height && lines.allSatisfy { displayWidth(of: $0) == width })
            // The focused widget is shown whole: its top and bottom edges are both on screen.
            let top = lines.firstIndex { $0.contains("┌─ ▸") }
            let bottom = lines.lastIndex { $0.contains("└──") }
            #expect(top != nil && bottom != nil && top! < bottom!, "\(body) at \(width)×\(height):\n\(lines.joined(separator: "\n"))")
            if let top, let bottom { #expect(top >= 2 && bottom <= height - 2) }
        }
    }

    @Test func widgetsUseTheWidthOfALargeTerminal() {
        let tutor = WidgetTesting.tutor(page: "Text.\n\n```widget descent\n```", width: 140, height: 40)
        let frame = tutor.screenLines.first { $0.contains("┌─ gradient descent") } ?? ""
        // Text stays at 80 columns; the widget takes up to 120.
        #expect(displayWidth(of: frame.trimmingCharacters(in: .whitespaces)) == 120)
    }
}
