import Testing
@testable import Canvas

@Suite("Buffer")
struct BufferTests {
    @Test("text is clipped at the right edge and by maxWidth")
    func putClips() {
        var buffer = Buffer(width: 5, height: 2)
        buffer.put("hello world", at: 1, 0)
        buffer.put("abcdef", at: 0, 1, maxWidth: 3)
        #expect(buffer.lines == [" hell", "abc  "])
    }

    @Test("text starting left of the buffer or on a missing row is clipped, not a crash")
    func putOutside() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.put("abc", at: -1, 0)
        buffer.put("zzz", at: 0, 5)
        buffer.put("zzz", at: 0, -1)
        buffer.put("zzz", at: 9, 0)
        #expect(buffer.lines == ["bc  "])
        #expect(buffer[-1, 0] == .blank)
        buffer[7, 7] = Cell("x")
        #expect(buffer.lines == ["bc  "])
    }

    @Test("wide characters take a cell and a continuation")
    func wide() {
        var buffer = Buffer(width: 5, height: 1)
        let end = buffer.put("中文", at: 0, 0)
        #expect(end == 4)
        #expect(buffer[0, 0].grapheme == "中")
        #expect(buffer[1, 0].isContinuation)
        #expect(buffer.lines == ["中文 "])
        // A wide character that would straddle the edge is left out.
        var narrow = Buffer(width: 5, height: 1)
        narrow.put("ab中", at: 3, 0)
        #expect(narrow.lines == ["   ab"])
    }

    @Test("overwriting half of a wide character blanks the other half")
    func repair() {
        var buffer = Buffer(width: 5, height: 1)
        buffer.put("中", at: 0, 0)
        buffer.put("a", at: 1, 0)
        #expect(buffer.lines == [" a   "])
        buffer.put("b中", at: 2, 0)
        buffer.put("x", at: 3, 0)
        #expect(buffer.lines == [" abx "])
        buffer.put("文", at: 0, 0)
        buffer[1, 0] = Cell("y")
        #expect(buffer.lines == [" ybx "])
        #expect(!buffer[2, 0].isContinuation)
    }

    @Test("setting a wide cell by subscript adds its continuation, or a space at the edge")
    func wideSubscript() {
        var buffer = Buffer(width: 3, height: 1)
        buffer[0, 0] = Cell("中")
        buffer[2, 0] = Cell("文")
        #expect(buffer.lines == ["中 "])
        #expect(buffer[1, 0].isContinuation)
    }

    @Test("combining marks stay with their letter; control characters are not drawn")
    func combining() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.put("e\u{301}\tx\n", at: 0, 0)
        #expect(buffer[0, 0].grapheme == "e\u{301}")
        #expect(buffer.lines == ["e\u{301}x  "])
    }

    @Test("styled spans follow each other")
    func spans() {
        var buffer = Buffer(width: 8, height: 1)
        let bold = Style(bold: true)
        let end = buffer.put([Span("ab", bold), Span("cdefghij")], at: 1, 0, maxWidth: 5)
        #expect(end == 6)
        #expect(buffer.lines == [" abcde  "])
        #expect(buffer[2, 0].style == bold)
        #expect(buffer[3, 0].style == .plain)
    }

    @Test("fill covers the rect within the buffer")
    func fill() {
        var buffer = Buffer(width: 4, height: 3)
        buffer.fill(Rect(x: 2, y: 1, width: 5, height: 5), with: Cell("#"))
        #expect(buffer.lines == ["    ", "  ##", "  ##"])
    }

    @Test("clipping keeps writes inside the rect and is restored afterwards")
    func clipping() {
        var buffer = Buffer(width: 5, height: 2)
        buffer.clipped(to: Rect(x: 1, y: 0, width: 2, height: 1)) { inner in
            inner.put("abcd", at: 0, 0)
            inner.put("abcd", at: 0, 1)
            inner.fill(inner.area, with: Cell("#"))
        }
        #expect(buffer.lines == [" ##  ", "     "])
        buffer.put("z", at: 4, 1)
        #expect(buffer.lines == [" ##  ", "    z"])
    }

    @Test("zero-size buffers accept every call")
    func empty() {
        var buffer = Buffer(width: 0, height: 0)
        buffer.put("abc", at: 0, 0)
        buffer.fill(Rect(width: 3, height: 3), with: Cell("x"))
        #expect(buffer.lines.isEmpty)
        #expect(Buffer(width: -3, height: 2).width == 0)
    }

    @Test("diff lists exactly the changed cells")
    func diff() {
        var old = Buffer(width: 4, height: 2)
        old.put("ab", at: 0, 0)
        var new = old
        #expect(new.diff(from: old).isEmpty)
        new.put("X", at: 1, 1)
        #expect(new.diff(from: old) == [CellChange(x: 1, y: 1, cell: Cell("X"))])
        new.setStyle(Style(bold: true), x: 0, y: 0)
        #expect(new.diff(from: old).map { [$0.x, $0.y] } == [[0, 0], [1, 1]])
    }

    @Test("diff lists a wide character, never its continuation")
    func diffWide() {
        let old = Buffer(width: 4, height: 1)
        var new = old
        new.put("中", at: 1, 0)
        #expect(new.diff(from: old) == [CellChange(x: 1, y: 0, cell: Cell("中"))])
        // Replacing the wide character by two narrow ones lists both.
        var after = new
        after.put("ab", at: 1, 0)
        #expect(after.diff(from: new).map(\.x) == [1, 2])
    }

    @Test("a resize redraws everything")
    func diffResize() {
        let old = Buffer(width: 2, height: 1)
        let new = Buffer(width: 3, height: 2)
        #expect(new.diff(from: old).count == 6)
    }
}
