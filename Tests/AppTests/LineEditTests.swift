import Testing
@testable import App

@Suite("Typing a line")
struct LineEditTests {
    @Test func charactersBackspaceClearEscapeAndEnter() {
        var text = ""
        for key in [Key.character("a"), .character("b"), .character("c")] { #expect(LineEdit.apply(key, to: &text) == .changed) }
        #expect(text == "abc")
        #expect(LineEdit.apply(.backspace, to: &text) == .changed && text == "ab")
        #expect(LineEdit.apply(.delete, to: &text) == .changed && text == "a")
        #expect(LineEdit.apply(.control("u"), to: &text) == .changed && text == "")
        #expect(LineEdit.apply(.backspace, to: &text) == .changed && text == "")  // nothing to remove: no crash
        #expect(LineEdit.apply(.character("q"), to: &text) == .changed && text == "q")  // q types, it does not quit
        #expect(LineEdit.apply(.up, to: &text) == .ignored && text == "q")
        #expect(LineEdit.apply(.escape, to: &text) == .cancelled && text == "q")
        #expect(LineEdit.apply(.enter, to: &text) == .submitted && text == "q")
    }
}
