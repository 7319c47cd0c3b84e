import Testing
@testable import Canvas

@Suite("Line canvases and number text")
struct LineCanvasTests {
    @Test("A braille line lights the dots Bresenham's rule gives, in the style of the last line through a cell")
    func brailleLine() {
        var canvas = BrailleLineCanvas(columns: 2, rows: 1)
        let red = Style(bold: true)
        // A horizontal line along the top dot row of two cells: dots 0x01 and 0x08 in each, ⠉ (U+2809).
        canvas.line(from: (0, 0), to: (3, 0), style: .plain)
        // A second line down the left column of the first cell: 0x01, 0x02, 0x04, 0x40 added.
        canvas.line(from: (0, 0), to: (0, 3), style: red)
        var buffer = Buffer(width: 2, height: 1)
        canvas.draw(into: &buffer, x: 0, y: 0)
        #expect(buffer[0, 0] == Cell(String(Character(Unicode.Scalar(0x2800 + 0x01 + 0x08 + 0x02 + 0x04 + 0x40)!)), style: red))
        #expect(buffer[1, 0] == Cell("⠉", style: .plain))
    }

    @Test("A glyph line fills one cell per step and leaves the rest alone")
    func glyphLine() {
        var canvas = GlyphLineCanvas(columns: 3, rows: 3)
        canvas.line(from: (0, 0), to: (2, 2), cell: Cell("\\"))
        var buffer = Buffer(width: 3, height: 3)
        canvas.draw(into: &buffer, x: 0, y: 0)
        #expect(buffer.lines == ["\\  ", " \\ ", "  \\"])
    }

    @Test("Numbers: a real minus, no negative zero, trailing zeros trimmed only when asked")
    func numbers() {
        #expect(NumberText.fixed(-0.25, decimals: 2) == "−0.25")
        #expect(NumberText.fixed(-0.25, decimals: 2, unicode: false) == "-0.25")
        #expect(NumberText.fixed(-0.001, decimals: 2) == "0.00")
        #expect(NumberText.trimmed(0.5, decimals: 3) == "0.5")
        #expect(NumberText.trimmed(-1.0, decimals: 2) == "−1")
        #expect(NumberText.trimmed(-0.0001, decimals: 2) == "0")
        #expect(NumberText.trimmed(120, decimals: 2) == "120")
        #expect(NumberText.trimmed(2_500_000, decimals: 2) == "2.5M")
    }
}
