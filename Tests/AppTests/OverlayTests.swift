import Canvas
import Testing
@testable import App

@Suite("Help, quitting, terminal size and mouse")
struct OverlayTests {
    @Test func helpListsTheKeysOfTheCurrentScreen() {
        var tutor = Fixtures.tutor()
        tutor.press(.character("?"))
        var text = tutor.screenText
        #expect(text.contains("Keys: home"))
        #expect(text.contains("choose an entry"))
        #expect(!text.contains("next page"))
        tutor.press(.character("x"))
        #expect(tutor.overlay == nil)

        tutor.openLesson(id: "first")
        tutor.press(.character("?"))
        text = tutor.screenText
        #expect(text.contains("Keys: lesson reader"))
        #expect(text.contains("next page"))
        #expect(text.contains("table of contents"))
        #expect(text.contains("use the page's widgets"), "Tab, the way into a page's widgets, is listed")
        #expect(text.contains("quit"))
        // The key that closes help does nothing else.
        tutor.press(.character("n"))
        #expect(tutor.overlay == nil)
        #expect(tutor.screenLines[0].hasSuffix("page 1/3"))
    }

    @Test func qQuitsFromAnywhereWhenNothingWouldBeLost() {
        for keys: [Key] in [[], [.enter], [.enter, .character("t")], [.character("?")]] {
            var tutor = Fixtures.tutor()
            for key in keys { tutor.press(key) }
            let effects = tutor.press(.character("q"))
            #expect(tutor.hasQuit, "after \(keys)")
            #expect(effects.last == .quit)
        }
        var tutor = Fixtures.tutor()
        tutor.press(.control("c"))
        #expect(tutor.hasQuit)
    }

    @Test func quittingAsksFirstWhenProgressCouldNotBeSaved() {
        var tutor = Fixtures.tutor()
        _ = tutor.update(.progressSaveFailed("cannot write progress.json: disk full"))
        tutor.press(.character("q"))
        #expect(!tutor.hasQuit)
        #expect(tutor.screenText.contains("Your progress could not be saved: cannot write"))
        #expect(tutor.screenText.contains("Quit anyway?"))
        tutor.press(.character("n"))
        #expect(!tutor.hasQuit)
        #expect(tutor.overlay == nil)
        tutor.press(.character("q"), .character("y"))
        #expect(tutor.hasQuit)

        var saved = Fixtures.tutor()
        _ = saved.update(.progressSaveFailed("disk full"))
        _ = saved.update(.progressSaved)
        saved.press(.character("q"))
        #expect(saved.hasQuit)
    }

    /// The dialog says what each key does: y and a second q quit, every other key stays.
    @Test func theQuitDialogSaysThatQQuitsToo() {
        var tutor = Fixtures.tutor()
        _ = tutor.update(.progressSaveFailed("disk full"))
        tutor.press(.character("q"))
        #expect(tutor.screenText.contains("y or q quits, any other key stays"))
        tutor.press(.character("q"))
        #expect(tutor.hasQuit, "q in the dialog quits, as the dialog says")
    }

    @Test func aSmallTerminalShowsItsSizeAndTheSizeNeeded() {
        var tutor = Fixtures.tutor(width: 100, height: 30)
        tutor.press(.enter)
        _ = tutor.update(.resize(width: 40, height: 12))
        let lines = tutor.screenLines
        #expect(lines.count == 12)
        #expect(lines.allSatisfy { $0.count <= 40 })
        let message = lines.enumerated().filter { !$0.element.isEmpty }
        #expect(message.map(\.element.trimmed) == ["Terminal too small", "now 40×12, needs 60×16", "Enlarge the window, or press q to quit."])
        // Centred: as many rows above the message as below, give or take one.
        let above = message.first?.offset ?? 0
        let below = 12 - 1 - (message.last?.offset ?? 0)
        #expect(abs(above - below) <= 1)
        // Keys other than quit wait until the terminal is large enough.
        tutor.press(.character("n"))
        _ = tutor.update(.resize(width: 100, height: 30))
        #expect(tutor.screenLines[0].hasSuffix("page 1/3"))
        _ = tutor.update(.resize(width: 59, height: 30))
        #expect(tutor.screenText.contains("now 59×30, needs 60×16"))
        tutor.press(.character("q"))
        #expect(tutor.hasQuit)
    }

    @Test func mouseCaptureToggles() {
        var tutor = Fixtures.tutor()
        #expect(tutor.press(.character("m")) == [.captureMouse(false)])
        #expect(tutor.screenLines[23].hasSuffix("m mouse off"))
        #expect(tutor.press(.character("m")) == [.captureMouse(true)])
    }

    @Test func asciiGlyphsDrawEveryScreenInASCII() {
        var tutor = Tutor(library: Fixtures.library, width: 80, height: 24, colors: .none, glyphs: .ascii)
        let screens: [[Key]] = [[], [.character("?")], [.escape, .enter, .character("t")], [.escape, .end, .character("n"), .character("n")]]
        for keys in screens {
            for key in keys { tutor.press(key) }
            let nonASCII = tutor.view().lines.joined().unicodeScalars.filter { !$0.isASCII }
            #expect(nonASCII.isEmpty || tutor.screen.isReader, "non-ASCII chrome after \(keys): \(String(String.UnicodeScalarView(nonASCII)))")
        }
        // Lesson text keeps its own characters, but the reader's frames and bars are ASCII.
        let text = tutor.screenText
        #expect(text.contains("+- perceptron learning XOR -"))
        #expect(!text.contains("┌"))
    }

    @Test func idleTutorDoesNotAnimate() {
        #expect(!Fixtures.tutor().isAnimating)
    }
}

extension String {
    var trimmed: String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
