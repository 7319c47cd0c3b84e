import Testing
@testable import Canvas

@Suite("Text layout")
struct TextTests {
    @Test("display width: narrow, wide, combining, emoji, controls", arguments: [
        ("abc", 3), ("中文", 4), ("한글", 4), ("ｱ", 1), ("Ａ", 2),
        ("e\u{301}", 1), ("\u{301}", 0), ("👍", 2), ("❤️", 2), ("🇫🇷", 2), ("👨‍👩‍👧", 2),
        ("⣿▀─…", 4), ("\t", 0), ("", 0), ("x\u{200B}y", 2),
    ])
    func width(text: String, expected: Int) {
        #expect(displayWidth(of: text) == expected)
    }

    @Test("words wrap at the width")
    func plainWrap() {
        #expect(wrap("the quick brown fox jumps", width: 10) == ["the quick", "brown fox", "jumps"])
        #expect(wrap("a   b", width: 10) == ["a b"])
        #expect(wrap("  lead and trail  ", width: 20) == ["lead and trail"])
    }

    @Test("a word exactly filling a line does not push a blank line")
    func exactFit() {
        #expect(wrap("abcd efgh", width: 4) == ["abcd", "efgh"])
    }

    @Test("a word longer than the line is cut between characters")
    func longWord() {
        #expect(wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(wrap("ab abcdefgh", width: 4) == ["ab", "abcd", "efgh"])
    }

    @Test("wide characters count two columns")
    func wideWrap() {
        // Six CJK characters are 12 columns; a 5-column line holds two of them.
        #expect(wrap("中文字符测试", width: 5) == ["中文", "字符", "测试"])
        #expect(wrap("ab 中文", width: 5) == ["ab", "中文"])
        for line in wrap("混合 mixed 文字 text 很长的句子", width: 7) {
            #expect(displayWidth(of: line) <= 7)
        }
        // A wide character wider than the whole line keeps a line of its own.
        #expect(wrap("中文", width: 1) == ["中", "文"])
    }

    @Test("combining marks add no width")
    func combiningWrap() {
        let cafe = "cafe\u{301}"
        #expect(wrap("\(cafe) \(cafe) \(cafe)", width: 9) == ["\(cafe) \(cafe)", cafe])
    }

    @Test("newlines are hard breaks; width below one gives nothing")
    func breaks() {
        #expect(wrap("a\n\nb", width: 5) == ["a", "", "b"])
        #expect(wrap("", width: 5) == [""])
        #expect(wrap("abc", width: 0).isEmpty)
    }

    @Test("styled spans wrap together and keep their styles")
    func spanWrap() {
        let bold = Style(bold: true)
        let lines = wrap([Span("bold", bold), Span(", then plain text")], width: 10)
        #expect(lines == [
            [Span("bold", bold), Span(", then")],
            [Span("plain text")],
        ])
        // A word split across spans is kept whole.
        let joined = wrap([Span("ab", bold), Span("cd ef")], width: 4)
        #expect(joined.map(\.plainText) == ["abcd", "ef"])
    }

    @Test("truncation ends with an ellipsis")
    func truncation() {
        #expect(truncate("hello world", width: 8) == "hello w…")
        #expect(truncate("hello world", width: 8, ellipsis: "~") == "hello w~")
        #expect(truncate("short", width: 8) == "short")
        #expect(truncate("hello", width: 0) == "")
        #expect(truncate("hello", width: 1) == "…")
        #expect(truncate("hello", width: 2, ellipsis: "...") == "he")
        // 中 fills two of the three columns left before the ellipsis; 文 would need four.
        #expect(truncate("中文字", width: 4) == "中…")
    }

    @Test("alignment pads to the width")
    func alignment() {
        #expect(align("ab", width: 5, .left) == "ab   ")
        #expect(align("ab", width: 5, .right) == "   ab")
        #expect(align("ab", width: 5, .center) == " ab  ")
        #expect(align("中", width: 5, .center) == " 中  ")
        #expect(align("abcdef", width: 4, .right) == "abc…")
        #expect(align("x", width: 0, .left) == "")
    }
}
