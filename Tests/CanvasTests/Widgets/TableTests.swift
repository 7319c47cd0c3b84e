import Testing
@testable import Canvas

@Suite("Table")
struct TableTests {
    let settings = Table(headers: ["name", "value"], rows: [["learning rate", "0.1"], ["epochs", "500"]], alignments: [.left, .right])

    @Test("Box drawing around columns as wide as their widest entry")
    func unicode() {
        #expect(renderLines(settings, width: 25, height: 6, glyphs: .unicode) == [
            "┌───────────────┬───────┐",
            "│ name          │ value │",
            "├───────────────┼───────┤",
            "│ learning rate │   0.1 │",
            "│ epochs        │   500 │",
            "└───────────────┴───────┘",
        ])
    }

    @Test("ASCII borders")
    func ascii() {
        #expect(renderLines(settings, width: 25, height: 6) == [
            "+---------------+-------+",
            "| name          | value |",
            "+---------------+-------+",
            "| learning rate |   0.1 |",
            "| epochs        |   500 |",
            "+---------------+-------+",
        ])
    }

    @Test("Too narrow: the widest column gives up room and entries are truncated")
    func narrow() {
        // 16 columns leave 9 for content after borders: widths 13 + 5 shrink to 4 + 5.
        #expect(renderLines(settings, width: 16, height: 6, glyphs: .unicode) == [
            "┌──────┬───────┐",
            "│ name │ value │",
            "├──────┼───────┤",
            "│ lea… │   0.1 │",
            "│ epo… │   500 │",
            "└──────┴───────┘",
        ])
    }

    @Test("Too short: rows that do not fit are left out, the border stays")
    func short() {
        #expect(renderLines(settings, width: 25, height: 4) == [
            "+---------------+-------+",
            "| name          | value |",
            "+---------------+-------+",
            "+---------------+-------+",
        ])
    }

    @Test("Without borders: two spaces between columns, bold header")
    func borderless() {
        let table = Table(headers: ["name", "value"], rows: [["learning rate", "0.1"]], alignments: [.left, .right], showsBorders: false)
        let buffer = renderBuffer(table, width: 20, height: 2)
        #expect(buffer.lines == ["name           value", "learning rate    0.1"])
        #expect(buffer[0, 0].style.bold)
    }

    @Test("Wide characters count two columns; ragged rows are padded")
    func wide() {
        let table = Table(headers: ["字"], rows: [["中文", "x"]])
        #expect(renderLines(table, width: 14, height: 5, glyphs: .unicode) == [
            "┌──────┬───┐  ",
            "│ 字   │   │  ",
            "├──────┼───┤  ",
            "│ 中文 │ x │  ",
            "└──────┴───┘  ",
        ])
    }

    @Test("Empty tables and tiny rects")
    func special() {
        #expect(renderLines(Table(headers: [], rows: []), width: 3, height: 1) == ["   "])
        #expect(renderLines(settings, width: 1, height: 1).count == 1)
        #expect(renderLines(settings, width: 0, height: 0).isEmpty)
        let highlighted = Table(headers: ["a"], rows: [["1"], ["2"]], highlightedRow: 1)
        // Rows: border, header, rule, "1", "2" (highlighted), border.
        let buffer = renderBuffer(highlighted, width: 5, height: 6, colors: .trueColor)
        #expect(buffer[2, 4].grapheme == "2")
        #expect(buffer[2, 4].style == Theme.standard.highlight)
        #expect(buffer[2, 3].style == Theme.standard.text)
    }
}
