import Testing
@testable import Canvas

@Suite("BarChart")
struct BarChartTests {
    let probabilities = BarChart(bars: [.init("cat", 0.62), .init("dog", 0.3), .init("bird", 0.08)], range: 0...1, highlighted: 0)

    @Test("Unicode: bars in eighths of a cell between labels and values")
    func unicode() {
        // 30 columns: label 4 + space, bar 20, space, value 4. 0.62 of 20 cells is 99 eighths:
        // 12 full cells and ▍ (3/8); 0.3 is 48 eighths; 0.08 is 13 eighths, █ and ▋ (5/8).
        #expect(renderLines(probabilities, width: 30, height: 3, glyphs: .unicode) == [
            " cat ████████████▍" + spaces(8) + "0.62",
            " dog ██████" + spaces(16) + "0.3",
            "bird █▋" + spaces(19) + "0.08",
        ])
    }

    @Test("ASCII bars")
    func ascii() {
        #expect(renderLines(probabilities, width: 30, height: 3) == [
            " cat ############-" + spaces(8) + "0.62",
            " dog ######" + spaces(16) + "0.3",
            "bird #=" + spaces(19) + "0.08",
        ])
    }

    @Test("The highlighted bar is bold")
    func highlight() {
        let buffer = renderBuffer(probabilities, width: 30, height: 3, glyphs: .unicode, colors: .trueColor)
        #expect(buffer[5, 0].style.bold)
        #expect(!buffer[5, 1].style.bold)
        #expect(buffer[5, 1].style.foreground == Palette.series(0))
    }

    @Test("Negative values grow left of a zero line, coloured by sign")
    func signed() {
        let activations = BarChart(bars: [.init("h1", -0.8), .init("h2", 0.3), .init("h3", .nan), .init("h4", 1)])
        // Range −1…1 over 22 bar cells puts zero at cell 11: −0.8 is 9 whole cells to the left,
        // 1 fills the 10 cells right of the line, 0.3 is 24 eighths = 3 cells.
        #expect(renderLines(activations, width: 30, height: 4) == [
            "h1   #########|           -0.8",
            "h2            |###         0.3",
            "h3            |            NaN",
            "h4            |##########    1",
        ])
        let buffer = renderBuffer(activations, width: 30, height: 4, glyphs: .unicode, colors: .trueColor)
        #expect(buffer[10, 0].style.foreground == Palette.negative)
        #expect(buffer[16, 1].style.foreground == Palette.positive)
    }

    @Test("More bars than rows: the last row counts the rest")
    func overflow() {
        let many = BarChart(bars: (0..<5).map { .init("b\($0)", Double($0)) })
        let lines = renderLines(many, width: 20, height: 3)
        #expect(lines[2] == "~ 3 more            ")
        #expect(lines[0].hasPrefix("b0"))
    }

    @Test("All equal, all zero, infinite, empty and tiny")
    func special() {
        // All zero: the range falls back to 0…1 and no bar is drawn.
        let zeros = renderLines(BarChart(bars: [.init("a", 0), .init("b", 0)]), width: 10, height: 2)
        #expect(zeros == ["a" + spaces(8) + "0", "b" + spaces(8) + "0"])
        // All equal: each bar fills the 4 cells left after the label.
        let equal = renderLines(BarChart(bars: [.init("a", 2), .init("b", 2)], showsValues: false), width: 6, height: 2)
        #expect(equal == ["a ####", "b ####"])
        let infinite = renderLines(BarChart(bars: [.init("a", .infinity)], range: 0...1, showsValues: false), width: 6, height: 1)
        #expect(infinite == ["a ####"])
        #expect(renderLines(BarChart(bars: []), width: 5, height: 1) == ["     "])
        #expect(renderLines(probabilities, width: 1, height: 1).count == 1)
        #expect(renderLines(probabilities, width: 0, height: 0).isEmpty)
    }
}

/// `count` spaces, for writing expected lines whose blank runs are hard to count by eye.
func spaces(_ count: Int) -> String { String(repeating: " ", count: count) }
