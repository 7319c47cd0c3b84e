import Testing
@testable import Canvas

@Suite("DecisionMap")
struct DecisionMapTests {
    /// Class 0 on the left half of the plane, class 1 on the right; one training point of class 0
    /// at the top left and one test point of class 1 at the bottom right.
    func halves(gridHeight: Int = 2) -> DecisionMap {
        let row: [Double] = [0, 0, 1, 1]
        return DecisionMap(
            values: Array([[Double]](repeating: row, count: gridHeight).joined()), gridWidth: 4, gridHeight: gridHeight,
            xRange: 0...4, yRange: 0...2,
            points: [.init(x: 0.5, y: 1.5, label: 0), .init(x: 3.5, y: 0.5, label: 1, isTest: true)]
        )
    }

    @Test("ASCII: blank and dotted regions, class and split shown by marker")
    func ascii() {
        // Point (0.5, 1.5) → column ⌊0.5/4·4⌋ = 0, row ⌊(2 − 1.5)/2·2⌋ = 0; (3.5, 0.5) → column 3, row 1.
        #expect(renderLines(halves(), width: 4, height: 2) == ["o ..", "  .X"])
    }

    @Test("Unicode without colour: light shade and filled or open shapes")
    func unicodeNoColour() {
        #expect(renderLines(halves(), width: 4, height: 2, glyphs: .unicode, colors: .none) == ["● ░░", "  ░△"])
    }

    @Test("Unicode with colour: muted region colours behind bright class colours")
    func colour() {
        let map = DecisionMap(values: [0, 0, 1, 1, 0, 0, 1, 1], gridWidth: 4, gridHeight: 2, xRange: 0...4, yRange: 0...2,
                              points: [.init(x: 0.5, y: 1.5, label: 0)])
        let buffer = renderBuffer(map, width: 4, height: 1, glyphs: .unicode, colors: .trueColor)
        // Both pixels of each cell agree, so cells are coloured spaces; the point keeps the region behind it.
        #expect(buffer.lines == ["●   "])
        #expect(buffer[1, 0].style.background == Palette.diverging(-0.75))
        #expect(buffer[3, 0].style.background == Palette.diverging(0.75))
        #expect(buffer[0, 0].style.background == Palette.diverging(-0.75))
        #expect(buffer[0, 0].style.foreground == .rgb(130, 200, 255))
        #expect(buffer[0, 0].style.bold)
    }

    @Test("The grid is resampled to the rect")
    func resampling() {
        // A 4×2 grid in 8×4 cells: each value covers 2×2 cells.
        let lines = renderLines(DecisionMap(values: [0, 0, 1, 1, 0, 0, 1, 1], gridWidth: 4, gridHeight: 2, xRange: 0...1, yRange: 0...1), width: 8, height: 4)
        #expect(lines == ["    ....", "    ....", "    ....", "    ...."])
    }

    @Test("Several classes get their own light shade and marker")
    func classes() {
        let map = DecisionMap(values: [0, 1, 2], gridWidth: 3, gridHeight: 1, xRange: 0...3, yRange: 0...1,
                              points: [.init(x: 2.5, y: 0.5, label: 2)], scale: .classes)
        #expect(renderLines(map, width: 3, height: 1) == [" .+"])
    }

    @Test("Grid sizes and sample points for the one batched model call")
    func sampling() {
        #expect(DecisionMap.gridSize(for: Rect(width: 10, height: 5), glyphs: .unicode, colors: .trueColor) == (10, 10))
        #expect(DecisionMap.gridSize(for: Rect(width: 10, height: 5), glyphs: .ascii, colors: .trueColor) == (10, 5))
        #expect(DecisionMap.gridSize(for: Rect(width: 10, height: 5), glyphs: .unicode, colors: .none) == (10, 5))
        // Pixel centres, top row first: y = 1.5 then 0.5.
        #expect(DecisionMap.samplePoints(width: 2, height: 2, x: 0...2, y: 0...2) == [0.5, 1.5, 1.5, 1.5, 0.5, 0.5, 1.5, 0.5])
        #expect(DecisionMap.samplePoints(width: 0, height: 3, x: 0...1, y: 0...1).isEmpty)
    }

    @Test("NaN values, stray points, empty grids and tiny rects")
    func special() {
        let map = DecisionMap(values: [.nan, 1], gridWidth: 2, gridHeight: 1, xRange: 0...2, yRange: 0...1,
                              points: [.init(x: .nan, y: 0, label: 0), .init(x: 5, y: 0.5, label: 1), .init(x: 2, y: 1, label: 1)])
        // NaN shows "?"; the NaN point and the one outside the range are skipped; the corner point lands in the last cell.
        #expect(renderLines(map, width: 2, height: 1) == ["?x"])
        let empty = DecisionMap(values: [], gridWidth: 0, gridHeight: 0, xRange: 0...1, yRange: 0...1, points: [.init(x: 0.5, y: 0.5, label: 0)])
        #expect(renderLines(empty, width: 3, height: 1) == [" o "])
        // Both points share the single cell; test points are drawn last so they are never hidden.
        #expect(renderLines(halves(), width: 1, height: 1) == ["X"])
        #expect(renderLines(halves(), width: 0, height: 0).isEmpty)
        let flat = DecisionMap(values: [0.5, 0.5], gridWidth: 2, gridHeight: 1, xRange: 1...1, yRange: 0...1, points: [.init(x: 1, y: 0.5, label: 0)])
        #expect(renderLines(flat, width: 2, height: 1) == [".."])
    }
}
