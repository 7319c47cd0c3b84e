import Curriculum
import Testing
@testable import App

@Suite("Lesson reader")
struct ReaderScreenTests {
    func openFirstLesson(width: Int = 80, height: Int = 24) -> Tutor {
        var tutor = Fixtures.tutor(width: width, height: height)
        tutor.openLesson(id: "first")
        return tutor
    }

    @Test func showsTheLessonTitlePageIndicatorAndText() {
        let lines = openFirstLesson().screenLines
        #expect(lines[0].hasPrefix(" First steps"))
        #expect(lines[0].hasSuffix("page 1/3"))
        #expect(lines.contains { $0.contains("Opening") })
        #expect(lines.contains { $0.contains("The opening page.") })
        #expect(lines[23].contains("next"))
    }

    @Test func pagesTurnWithNPAndArrowsAndGoOnToTheNextLesson() {
        var tutor = openFirstLesson()
        tutor.press(.left)
        #expect(tutor.screenLines[0].hasSuffix("page 1/3"))
        tutor.press(.character("n"))
        #expect(tutor.screenLines[0].hasSuffix("page 2/3"))
        tutor.press(.right)
        #expect(tutor.screenLines[0].hasSuffix("page 3/3"))
        tutor.press(.character("p"))
        #expect(tutor.screenLines[0].hasSuffix("page 2/3"))
        #expect(tutor.progress["first"].pagesRead == [0, 1, 2])
        #expect(tutor.progress["first"].lastPage == 1)
        // On from the last page is the next lesson.
        tutor.press(.right, .right)
        #expect(tutor.screenLines[0].hasPrefix(" Second steps"))
    }

    @Test func aTallPageScrollsAndShowsWhereTheReaderIs() {
        var tutor = openFirstLesson()
        tutor.press(.character("n"))
        var lines = tutor.screenLines
        #expect(lines.contains { $0.contains("Paragraph number 1 of") })
        #expect(!lines.contains { $0.contains("Paragraph number 40 of") })
        #expect(lines[23].hasSuffix("0% ↓ more"))

        tutor.press(.down)
        // One line down drops the heading; the blank line under it is now the top row.
        #expect(tutor.screenLines[2] == "")
        #expect(tutor.screenLines[3].contains("Paragraph number 1 of"))

        tutor.press(.end)
        lines = tutor.screenLines
        #expect(lines.contains { $0.contains("Paragraph number 40 of") })
        #expect(lines[23].hasSuffix("100%"))
        // The last line of the page sits on the last row of the body, above the blank row and the key bar.
        #expect(lines[21].contains("Paragraph number 40 of"))

        tutor.press(.home)
        #expect(tutor.screenLines[2].contains("Long page"))
        tutor.press(.pageDown)
        #expect(!tutor.screenLines.contains { $0.contains("Long page") })
    }

    @Test func spaceReadsOnAcrossThePageEnd() {
        var tutor = openFirstLesson()
        tutor.press(.character(" "))
        #expect(tutor.screenLines[0].hasSuffix("page 2/3"), "a page that fits turns on space")
        for _ in 0..<20 { tutor.press(.character(" ")) }
        #expect(tutor.screenLines[0].hasSuffix("page 3/3"))
    }

    @Test func widgetsAndQuizzesAreLiveAndFramed() {
        var tutor = openFirstLesson()
        tutor.press(.end)
        tutor.press(.character("n"), .character("n"))
        var lines = tutor.screenLines
        let widgetTop = lines.firstIndex { $0.contains("┌─ perceptron learning XOR ─") }
        #expect(widgetTop != nil)
        #expect(lines.contains { $0.contains("Tab use this widget") })
        if let widgetTop {
            let right = lines[widgetTop].lastIndex(of: "┐").map { lines[widgetTop].distance(from: lines[widgetTop].startIndex, to: $0) }
            let nextRight = lines[widgetTop + 1].lastIndex(of: "│").map { lines[widgetTop + 1].distance(from: lines[widgetTop + 1].startIndex, to: $0) }
            #expect(right != nil && right == nextRight)
        }
        tutor.press(.end)
        lines = tutor.screenLines
        #expect(lines.contains { $0.contains("Watch the line jump.") })
        #expect(lines.contains { $0.contains("┌─ quiz ─") })
        #expect(lines.contains { $0.contains("│ Which page is this?") })
        #expect(lines.contains { $0.contains("│  1. The opening") })
        #expect(lines.contains { $0.contains("│  2. The closing") })
        // Frames close: the quiz's bottom corner is on screen below its top.
        #expect(lines.lastIndex { $0.contains("└") }! > lines.firstIndex { $0.contains("┌─ quiz ─") }!)
    }

    @Test func contentsJumpsToAPage() {
        var tutor = openFirstLesson()
        tutor.press(.character("t"))
        let lines = tutor.screenLines
        #expect(lines.contains { $0.contains("Contents: First steps") })
        #expect(lines.contains { $0.contains("▸ ✓  1. Opening") })
        #expect(lines.contains { $0.contains("2. Long page") })
        tutor.press(.down, .down, .enter)
        #expect(tutor.overlay == nil)
        #expect(tutor.screenLines[0].hasSuffix("page 3/3"))
        tutor.press(.character("t"), .escape)
        #expect(tutor.overlay == nil)
        #expect(tutor.screenLines[0].hasSuffix("page 3/3"))
    }

    @Test func escapeGoesHomeWithTheLessonSelected() {
        var tutor = Fixtures.tutor()
        tutor.openLesson(id: "second")
        tutor.press(.escape)
        guard case .home(let home) = tutor.screen else {
            Issue.record("Esc should go home")
            return
        }
        #expect(home.selected == 1)
    }

    @Test func reopeningALessonReturnsToTheLastPage() {
        var tutor = openFirstLesson()
        tutor.press(.character("n"), .character("n"), .escape, .enter)
        #expect(tutor.screenLines[0].hasSuffix("page 3/3"))
    }

    @Test func theWheelScrollsThePage() {
        var tutor = openFirstLesson()
        tutor.press(.character("n"))
        _ = tutor.update(.scroll(1))
        guard case .reader(let reader) = tutor.screen else { return }
        #expect(reader.scroll == 3)
        _ = tutor.update(.scroll(-5))
        guard case .reader(let back) = tutor.screen else { return }
        #expect(back.scroll == 0)
    }

    @Test func resizingKeepsTheScrollWithinThePage() {
        var tutor = openFirstLesson(width: 60, height: 16)
        tutor.press(.character("n"), .end)
        _ = tutor.update(.resize(width: 120, height: 60))
        guard case .reader(let reader) = tutor.screen else { return }
        let bodyHeight = 60 - 4
        let pageLines = ReaderLayout(reader: reader, width: 120, height: 60, glyphs: .unicode, colors: .none).lines.count
        #expect(reader.scroll == max(0, pageLines - bodyHeight))
        #expect(tutor.screenLines.contains { $0.contains("Paragraph number 40 of") })
    }
}
