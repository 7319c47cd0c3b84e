import Testing
@testable import Canvas

/// The expected pictures follow from the chart's mapping: x to pixel column
/// round((x − xmin)/(xmax − xmin) · (pixels − 1)), y likewise upside down, points joined with
/// Bresenham's line; a braille cell holds 2×4 pixels, an ASCII cell one.
@Suite("LineChart")
struct LineChartTests {
    let rising = LineChart(series: [.init("up", values: [0, 1])], yRange: .fixed(0, 1), showsLegend: false)

    @Test("ASCII: a rising line from (0, 0) to (1, 1) on 8×3 cells")
    func asciiRising() {
        // Pixels (0,2) (1,2) | (2,1)…(5,1) | (6,0) (7,0): Bresenham from the bottom left to the top right.
        #expect(renderLines(rising, width: 10, height: 5) == [
            "1+      **",
            " |  ****  ",
            "0+**      ",
            " ++------+",
            "  0      1",
        ])
    }

    @Test("Unicode: the same line in braille, 16×12 dots")
    func brailleRising() {
        // Dots from (0,11) to (15,0); e.g. the bottom-left cell holds (0,11) and (1,10): bits 0x40 + 0x20 = ⡠.
        #expect(renderLines(rising, width: 10, height: 5, glyphs: .unicode, colors: .trueColor) == [
            "1┤     ⢀⠔⠊",
            " │  ⢀⡠⠊⠁  ",
            "0┤⡠⠔⠁     ",
            " └┬──────┬",
            "  0      1",
        ])
    }

    @Test("Series take their colours; the axis its theme colour")
    func colours() {
        let buffer = renderBuffer(rising, width: 10, height: 5, glyphs: .unicode, colors: .trueColor)
        #expect(buffer[9, 0].style.foreground == Palette.series(0))
        #expect(buffer[1, 0].style.foreground == Theme.standard.axis.foreground)
        let in16 = renderBuffer(rising, width: 10, height: 5, glyphs: .unicode, colors: .ansi16)
        #expect(in16[9, 0].style.foreground == Palette.series(0).downsampled(to: .ansi16))
    }

    @Test("Two series, a cursor and its read-out, without colour")
    func cursorReadout() {
        let chart = LineChart(
            series: [.init("a", values: [0, 1]), .init("b", values: [1, 0])],
            yRange: .fixed(0, 1), cursor: 0.5
        )
        // Series b is drawn last and wins the shared middle row; the cursor (x = 0.5 → pixel 11)
        // fills only the blank cells of its column.
        #expect(renderLines(chart, width: 24, height: 6) == [
            " x=0.5  * a 0.5  . b 0.5",
            "1+......     |    ******",
            " |      ..........      ",
            "0+******     |    ......",
            " ++----------+---------+",
            "  0         0.5        1",
        ])
    }

    @Test("Without colour, Unicode charts of several series use markers, not braille")
    func noColourMarkers() {
        let chart = LineChart(series: [.init("a", values: [0, 1]), .init("b", values: [1, 0])], yRange: .fixed(0, 1), showsLegend: false)
        let lines = renderLines(chart, width: 10, height: 5, glyphs: .unicode, colors: .none)
        #expect(lines[0].contains("•") && lines[0].contains("×"))
        #expect(!lines.joined().unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) })
    }

    @Test("Legend and titles")
    func legendAndTitles() {
        let chart = LineChart(series: [.init("loss", values: [1, 1])], xTitle: "epoch", yTitle: "value")
        let lines = renderLines(chart, width: 20, height: 8)
        #expect(lines[0] == "value         * loss")
        // y ticks 0.5, 1, 1.5 take 3 columns and the axis one, so the plot spans columns 4–19
        // and "epoch" is centred at 4 + (16 − 5) / 2 = 9.
        #expect(lines[7] == "         epoch      ")
    }

    @Test("No data: axes over the unit range")
    func empty() {
        let chart = LineChart(series: [], showsLegend: false)
        #expect(renderLines(chart, width: 10, height: 5) == [
            "1+        ",
            " |        ",
            "0+        ",
            " ++------+",
            "  0      1",
        ])
    }

    @Test("All-equal values sit mid-height on a range widened to round ticks")
    func allEqual() {
        // 2…2 is padded to 1…3, then widened to multiples of the step 2: 0…4.
        let chart = LineChart(series: [.init("flat", values: [2, 2, 2])], showsLegend: false)
        #expect(renderLines(chart, width: 10, height: 5) == [
            "4+        ",
            "2+********",
            "0+        ",
            " ++------+",
            "  0      2",
        ])
    }

    @Test("NaN and infinity break the line: the points between are drawn alone")
    func gaps() {
        let chart = LineChart(series: [.init("s", values: [1, .nan, 3, .infinity, 5])], yRange: .fixed(0, 5), showsLegend: false)
        // x 0…4 over 8 pixels: 0, 2, 4 → 0, 4, 7; y 1, 3, 5 → rows 2, 1, 0. Ticks 0 and 2.5 on x.
        #expect(renderLines(chart, width: 10, height: 5) == [
            "5+       *",
            " |    *   ",
            "0+*       ",
            " ++---+---",
            "  0  2.5  ",
        ])
    }

    @Test("A logarithmic axis spaces decades evenly and drops values ≤ 0")
    func logarithmic() {
        let chart = LineChart(series: [.init("loss", values: [100, 10, 1, 0, -1])], yScale: .logarithmic, showsLegend: false)
        let lines = renderLines(chart, width: 12, height: 7)
        // Ticks at 1, 10 and 100, rows 4, 2 and 0 of the 5 plot rows. Only x = 0…2 can be
        // drawn, so the x range ends at 2 and the value 1 sits in the bottom-right corner.
        #expect(lines[0].hasPrefix("100+*"))
        #expect(lines[2].hasPrefix(" 10+"))
        #expect(lines[4].hasPrefix("  1+"))
        #expect(lines[4].hasSuffix("*"))
    }

    @Test("Fixed ranges clip lines that leave them")
    func clipping() {
        let chart = LineChart(series: [.init("s", values: [0, 1e300, 0])], yRange: .fixed(0, 1), showsLegend: false)
        let lines = renderLines(chart, width: 10, height: 5)
        #expect(lines[0].filter { $0 == "*" }.count >= 1)
        #expect(lines.count == 5)
    }

    @Test("Tiny rects: a bare plot, down to one cell")
    func tiny() {
        #expect(renderLines(rising, width: 1, height: 1, glyphs: .unicode, colors: .trueColor) == ["⡜"])
        #expect(renderLines(rising, width: 1, height: 1) == ["*"])
        #expect(renderLines(rising, width: 0, height: 0).isEmpty)
        let narrow = renderLines(rising, width: 4, height: 2)
        #expect(narrow == ["  **", "**  "])
    }

    @Test("The cursor read-out interpolates between points")
    func interpolation() {
        let series = LineChart.Series("s", x: [0, 2, 4], y: [0, 10, .nan])
        #expect(series.value(at: 1) == 5)
        #expect(series.value(at: 2) == 10)
        #expect(series.value(at: 3) == nil)
        #expect(series.value(at: 9) == nil)
    }
}
