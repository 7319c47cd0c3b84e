import Testing
@testable import Canvas

@Suite("Sparkline")
struct SparklineTests {
    @Test("Eight levels per row; the minimum keeps the lowest block")
    func levels() {
        let ramp = Sparkline(values: [0, 1, 2, 3, 4, 5, 6, 7, 8])
        // Value v of 0…8 fills v eighths, at least one.
        #expect(renderLines(ramp, width: 9, height: 1, glyphs: .unicode) == ["▁▁▂▃▄▅▆▇█"])
        #expect(renderLines(ramp, width: 9, height: 1) == ["___..--=#"])
    }

    @Test("Taller rects stack blocks: 16 levels in two rows")
    func twoRows() {
        // 0, 4, 8 of 0…8 fill 1, 8 and 16 sixteenths.
        #expect(renderLines(Sparkline(values: [0, 4, 8]), width: 3, height: 2, glyphs: .unicode) == ["  █", "▁██"])
    }

    @Test("The newest values fit at the right; the range follows what is shown")
    func window() {
        // The last three, 6…8: 6 → lowest, 7 → half, 8 → full.
        #expect(renderLines(Sparkline(values: [0, 1, 2, 3, 4, 5, 6, 7, 8]), width: 3, height: 1, glyphs: .unicode) == ["▁▄█"])
        #expect(renderLines(Sparkline(values: [0, 8]), width: 4, height: 1, glyphs: .unicode) == ["  ▁█"])
        #expect(renderLines(Sparkline(values: [0.5], range: 0...1), width: 1, height: 1, glyphs: .unicode) == ["▄"])
    }

    @Test("NaN and infinity leave gaps; equal values are half full; empty is blank")
    func special() {
        #expect(renderLines(Sparkline(values: [0, .nan, 8]), width: 3, height: 1, glyphs: .unicode) == ["▁ █"])
        #expect(renderLines(Sparkline(values: [0, .infinity, 8]), width: 3, height: 1, glyphs: .unicode) == ["▁ █"])
        #expect(renderLines(Sparkline(values: [5, 5, 5]), width: 3, height: 1, glyphs: .unicode) == ["▄▄▄"])
        #expect(renderLines(Sparkline(values: []), width: 3, height: 1) == ["   "])
        #expect(renderLines(Sparkline(values: [.nan]), width: 1, height: 1) == [" "])
        #expect(renderLines(Sparkline(values: [1, 2]), width: 0, height: 0).isEmpty)
    }

    @Test("Colour is the series colour unless given")
    func colour() {
        let buffer = renderBuffer(Sparkline(values: [1, 2]), width: 2, height: 1, glyphs: .unicode, colors: .trueColor)
        #expect(buffer[1, 0].style.foreground == Palette.series(0))
        let red = renderBuffer(Sparkline(values: [1, 2], color: .rgb(255, 0, 0)), width: 2, height: 1, glyphs: .unicode, colors: .ansi16)
        #expect(red[1, 0].style.foreground == .ansi(9))
    }
}
