import Canvas
import Testing

@Suite("Markdown view")
struct MarkdownViewTests {
    func text(_ blocks: [MarkdownBlock], width: Int, glyphs: GlyphSet = .unicode) -> [String] {
        MarkdownView(blocks, glyphs: glyphs).lines(width: width).map(\.plainText)
    }

    @Test func paragraphsWrapAtWordsAndBlocksAreSeparatedByOneBlankLine() {
        let lines = text([
            .heading(level: 2, text: [.text("Weights")]),
            .paragraph([.text("A weight says how much an input counts,"), .softBreak, .text("and in which direction.")]),
        ], width: 20)
        #expect(lines == ["Weights", "", "A weight says how", "much an input", "counts, and in which", "direction."])
    }

    @Test func inlineStylesBecomeAttributes() {
        let lines = MarkdownView([.paragraph([
            .text("a "), .emphasis([.text("b")]), .text(" "), .strong([.text("c")]), .text(" "), .code("d"),
            .text(" "), .link(text: [.text("e")], destination: "https://example.org"),
        ])]).lines(width: 80)
        #expect(lines.count == 1)
        let spans = lines[0]
        #expect(spans.plainText == "a b c d e (https://example.org)")
        #expect(spans.first { $0.text == "b" }?.style.italic == true)
        #expect(spans.first { $0.text == "c" }?.style.bold == true)
        #expect(spans.first { $0.text == "e" }?.style.underline == true)
        #expect(spans.first { $0.text == "a " }?.style == .plain)
    }

    @Test func hardLineBreaksStartANewLine() {
        #expect(text([.paragraph([.text("one"), .lineBreak, .text("two")])], width: 40) == ["one", "two"])
    }

    @Test func listsIndentTheirContinuationLines() {
        let lines = text([
            .list(start: nil, items: [[.paragraph([.text("first item wraps here")])], [.paragraph([.text("second")])]]),
            .list(start: 9, items: [[.paragraph([.text("nine")])], [.paragraph([.text("ten")])]]),
        ], width: 14)
        #expect(lines == ["• first item", "  wraps here", "• second", "", "9.  nine", "10. ten"])
        #expect(text([.list(start: nil, items: [[.paragraph([.text("x")])]])], width: 10, glyphs: .ascii) == ["- x"])
    }

    @Test func codeTabsBecomeSpacesAndALongLineGoesOn() {
        let lines = text([.code(language: "", text: "short\n\ta tab and a very long line")], width: 16)
        #expect(lines == ["  short", "      a tab and ", "      a very ", "      long line"])
    }

    @Test func tablesAlignColumnsAndShrinkToFit() {
        let table = MarkdownTable(
            header: [[.text("input")], [.text("weight")]],
            rows: [[[.text("x₁")], [.text("0.6")]], [[.text("bias")], [.text("-1")]]],
            alignments: [.left, .right])
        #expect(text([.table(table)], width: 40) == ["input │ weight", "──────┼───────", "x₁    │    0.6", "bias  │     -1"])
        let narrow = text([.table(table)], width: 11)
        #expect(narrow.allSatisfy { displayWidth(of: $0) <= 11 })
        // 8 columns are left for text: the wider column shrinks first, then they take turns.
        #expect(narrow[0] == "inp… │ wei…")
    }

    @Test func quotesAndRules() {
        #expect(text([.quote([.paragraph([.text("quoted")])]), .rule], width: 6) == ["│ quot", "│ ed", "", "──────"], "a word wider than the quote is cut between characters")
    }

    @Test func renderingDrawsTheScrolledWindowIntoTheArea() {
        var buffer = Buffer(width: 12, height: 3)
        let view = MarkdownView([.paragraph([.text("one two three four five six")])], scroll: 1)
        buffer.render(view, in: Rect(x: 1, y: 1, width: 10, height: 2), glyphs: .unicode, colors: .none)
        // Wrapped at 10 columns the text is "one two" / "three four" / "five six"; one line is scrolled off.
        #expect(buffer.lines == ["            ", " three four ", " five six   "])
    }

    @Test func aCodeLineWiderThanThePageGoesOnOverFurtherRowsAndLosesNothing() {
        let line = "let count = input.count, keep = 1 - probability, scale = 1 / (1 - probability)"
        let lines = text([.code(language: "swift", text: "short\n" + line)], width: 40)
        #expect(lines == ["  short",
                          "  let count = input.count, keep = 1 - ",
                          "      probability, scale = 1 / (1 - ",
                          "      probability)"])
        #expect(lines.allSatisfy { displayWidth(of: $0) <= 40 })
        // Rejoined without the indents, the rows are the line.
        #expect(lines.dropFirst().map { String($0.drop(while: { $0 == " " })) }.joined() == line)
        // A line without spaces is broken where the row ends.
        #expect(text([.code(language: "", text: String(repeating: "x", count: 30))], width: 20)
                == ["  " + String(repeating: "x", count: 18), "      " + String(repeating: "x", count: 12)])
    }
}
