import Testing
@testable import Canvas

/// Without half blocks each matrix element is a square of 2 columns × 1 row (a cell is about twice
/// as tall as wide); with them one column × one half-cell.
@Suite("Heatmap")
struct HeatmapTests {
    let weights = Heatmap(matrix: [[-1, 1], [0.5, 0]], showsColorBar: false)

    @Test("ASCII: sign glyphs, each element two columns wide")
    func asciiDiverging() {
        // The largest magnitude is 1: −1 → "=", 1 → "#", 0.5 → "+", 0 → blank.
        #expect(renderLines(weights, width: 4, height: 2) == ["==##", "++  "])
    }

    @Test("ASCII with the colour bar: −1 to 1 in seven steps")
    func colourBar() {
        let map = Heatmap(matrix: [[-1, 1], [0.5, 0]])
        // The bar samples −1, −⅔, −⅓, 0, ⅓, ⅔, 1; the map keeps its 4×2 size (12/4 = 3 but 2/2 = 1).
        #expect(renderLines(map, width: 12, height: 3) == [
            "==##        ",
            "++          ",
            "-1 ==- +## 1",
        ])
    }

    @Test("Unicode with colour: two pixels per cell, upper in the foreground")
    func halfBlocks() {
        let map = Heatmap(matrix: [[0, 1], [1, 0]], scale: .sequential, range: 0...1, showsColorBar: false)
        let buffer = renderBuffer(map, width: 2, height: 1, glyphs: .unicode, colors: .trueColor)
        #expect(buffer.lines == ["▀▀"])
        let purple = Palette.sequential(0), yellow = Palette.sequential(1)
        #expect(buffer[0, 0].style == Style(foreground: purple, background: yellow))
        #expect(buffer[1, 0].style == Style(foreground: yellow, background: purple))
        // In 256 colours the same picture uses palette entries.
        let in256 = renderBuffer(map, width: 2, height: 1, glyphs: .unicode, colors: .palette256)
        #expect(in256[0, 0].style.foreground == purple.downsampled(to: .palette256))
    }

    @Test("Unicode without colour uses shades, ASCII its ten-step ramp")
    func shades() {
        let ramp = Heatmap(matrix: [[0, 0.25, 0.5, 0.75, 1]], scale: .sequential, showsColorBar: false)
        #expect(renderLines(ramp, width: 10, height: 1, glyphs: .unicode, colors: .none) == ["  ░░▒▒▓▓██"])
        // Levels round(t · 9): 0, 2, 5, 7, 9 of " .:-=+*#%@".
        #expect(renderLines(ramp, width: 10, height: 1) == ["  ::++##@@"])
    }

    @Test("Elements scale up by whole pixels and keep square")
    func scaling() {
        let map = Heatmap(matrix: [[1, -1]], showsColorBar: false)
        // Fit min(9 / 4, 3 / 1) = 2.25 → each element 4 columns × 2 rows.
        #expect(renderLines(map, width: 9, height: 3) == ["####==== ", "####==== ", "         "])
        let stretched = Heatmap(matrix: [[1, -1]], showsColorBar: false, keepsAspect: false)
        // Pixel x shows element ⌊x · 2 / 5⌋: pixels 0–2 the first, 3–4 the second.
        #expect(renderLines(stretched, width: 5, height: 2) == ["###==", "###=="])
    }

    @Test("A matrix larger than the rect is sampled down")
    func samplingDown() {
        let wide = Heatmap(values: (0..<40).map { $0 % 2 == 0 ? 1 : -1 }, rows: 1, columns: 40, showsColorBar: false)
        let lines = renderLines(wide, width: 10, height: 1)
        #expect(lines[0].count == 10)
        #expect(Set(lines[0]).isSubset(of: ["#", "="]))
    }

    @Test("Row and column labels")
    func labels() {
        let map = Heatmap(matrix: [[1, 0, -1], [0.5, 0.5, 0.5]], rowLabels: ["a", "b"], columnLabels: ["x", "y", "z"], showsColorBar: false)
        #expect(renderLines(map, width: 10, height: 4) == [
            "  x y z   ",
            "a ##  ==  ",
            "b ++++++  ",
            "          ",
        ])
    }

    @Test("NaN is marked, infinity saturates, equal values sit mid-scale, empty draws nothing")
    func specialValues() {
        #expect(renderLines(Heatmap(matrix: [[.nan, 1]], showsColorBar: false), width: 4, height: 1) == ["??##"])
        #expect(renderLines(Heatmap(matrix: [[.infinity, -1]], showsColorBar: false), width: 4, height: 1) == ["##=="])
        let flat = Heatmap(matrix: [[3, 3], [3, 3]], scale: .sequential, showsColorBar: false)
        #expect(renderLines(flat, width: 4, height: 2) == ["++++", "++++"])
        #expect(renderLines(Heatmap(matrix: []), width: 4, height: 2) == ["    ", "    "])
        // Missing elements of a ragged matrix are NaN.
        #expect(renderLines(Heatmap(matrix: [[1, 1], [1]], showsColorBar: false), width: 4, height: 2) == ["####", "##??"])
        // NaN in half-block mode leaves the terminal background.
        let hole = renderBuffer(Heatmap(matrix: [[.nan], [1]], showsColorBar: false), width: 1, height: 1, glyphs: .unicode, colors: .trueColor)
        #expect(hole.lines == ["▄"])
    }

    @Test("Tiny rects")
    func tiny() {
        #expect(renderLines(weights, width: 1, height: 1) == ["="])
        #expect(renderLines(weights, width: 0, height: 0).isEmpty)
        let digit = Heatmap(values: [Double](repeating: 0.5, count: 64), rows: 8, columns: 8, scale: .sequential)
        #expect(renderLines(digit, width: 1, height: 1, glyphs: .unicode, colors: .trueColor).count == 1)
    }
}
