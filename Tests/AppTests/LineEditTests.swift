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

    /// A screen's open prompt: typing keeps it open, Esc closes it with nothing, Enter closes it and hands
    /// back what was typed; with no prompt open, keys do nothing.
    @Test func anOpenPromptClosesOnEscapeAndHandsBackItsTextOnEnter() {
        struct Prompt: Equatable { var text = ""; let purpose: String }
        var prompt: Prompt? = Prompt(purpose: "save")
        for key in [Key.character("r"), .character("u"), .character("n")] { #expect(LineEdit.edit(key, &prompt, text: \.text) == nil) }
        #expect(prompt == Prompt(text: "run", purpose: "save"))
        #expect(LineEdit.edit(.up, &prompt, text: \.text) == nil && prompt?.text == "run")
        #expect(LineEdit.edit(.enter, &prompt, text: \.text) == Prompt(text: "run", purpose: "save"))
        #expect(prompt == nil)
        #expect(LineEdit.edit(.character("x"), &prompt, text: \.text) == nil && prompt == nil)
        prompt = Prompt(text: "half", purpose: "open")
        #expect(LineEdit.edit(.escape, &prompt, text: \.text) == nil && prompt == nil)
    }
}
