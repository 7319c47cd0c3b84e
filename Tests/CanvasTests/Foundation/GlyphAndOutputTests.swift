import Testing
@testable import Canvas

@Suite("Glyph sets and printable output")
struct GlyphAndOutputTests {
    @Test("the locale picks the glyph set with POSIX precedence")
    func locale() {
        #expect(GlyphSet.fromEnvironment(["LANG": "en_US.UTF-8"]) == .unicode)
        #expect(GlyphSet.fromEnvironment(["LC_CTYPE": "C.utf8"]) == .unicode)
        #expect(GlyphSet.fromEnvironment(["LC_ALL": "C", "LANG": "en_US.UTF-8"]) == .ascii)
        #expect(GlyphSet.fromEnvironment(["LC_ALL": "", "LANG": "de_DE.UTF-8"]) == .unicode)
        #expect(GlyphSet.fromEnvironment(["LANG": "en_US.ISO-8859-1"]) == .ascii)
        #expect(GlyphSet.fromEnvironment([:]) == .ascii)
    }

    @Test("ASCII glyphs are all ASCII, Unicode glyphs one column wide")
    func glyphWidths() {
        let ascii = GlyphSet.ascii
        let all = [ascii.horizontal, ascii.vertical, ascii.topLeft, ascii.cursor, ascii.ellipsis]
            + ascii.shades + ascii.markers + ascii.verticalEighths + ascii.horizontalEighths
        #expect(all.allSatisfy { $0.allSatisfy(\.isASCII) && displayWidth(of: $0) == 1 })
        let unicode = GlyphSet.unicode
        let shapes = unicode.shades + unicode.markers + unicode.verticalEighths + [unicode.upperHalf, unicode.lowerHalf]
        #expect(shapes.allSatisfy { displayWidth(of: $0) == 1 })
        #expect(unicode.shade(0) == " ")
        #expect(unicode.shade(1) == "█")
        #expect(unicode.shade(.nan) == " ")
        #expect(ascii.shade(0.5) == "+")
        #expect(ascii.marker(9) == ascii.markers[1])
    }

    @Test("plain text drops styles and trailing spaces")
    func plain() {
        var buffer = Buffer(width: 6, height: 2)
        buffer.put("ab", at: 1, 0, style: Style(foreground: .rgb(255, 0, 0)))
        #expect(buffer.plainText == " ab\n")
    }

    @Test("ANSI text writes colours in the requested mode and resets each line")
    func ansi() {
        var buffer = Buffer(width: 3, height: 1)
        buffer.put("a", at: 0, 0, style: Style(foreground: .rgb(255, 0, 0)))
        #expect(buffer.ansiText(colors: .trueColor) == "\u{1B}[0;38;2;255;0;0ma\u{1B}[0m")
        #expect(buffer.ansiText(colors: .palette256) == "\u{1B}[0;38;5;196ma\u{1B}[0m")
        #expect(buffer.ansiText(colors: .ansi16) == "\u{1B}[0;91ma\u{1B}[0m")
        #expect(buffer.ansiText(colors: .ansi8) == "\u{1B}[0;31ma\u{1B}[0m")
        #expect(buffer.ansiText(colors: .none) == "a")
    }

    @Test("ANSI text keeps attributes without colour and spaces between styled cells")
    func ansiAttributes() {
        var buffer = Buffer(width: 4, height: 2)
        buffer.put("a", at: 0, 0, style: Style(background: .ansi(4), bold: true))
        buffer.put("b", at: 2, 0)
        buffer.put("中", at: 0, 1)
        #expect(buffer.ansiText(colors: .none) == "\u{1B}[0;1ma\u{1B}[0m b\n中")
        #expect(buffer.ansiText(colors: .ansi16) == "\u{1B}[0;1;44ma\u{1B}[0m b\n中")
    }
}
