import Testing
@testable import Canvas

@Suite("Palettes")
struct PaletteTests {
    @Test("the diverging scale runs negative → neutral → positive")
    func diverging() {
        #expect(Palette.diverging(0) == Palette.neutral)
        #expect(Palette.diverging(-1) == Palette.negative)
        #expect(Palette.diverging(1) == Palette.positive)
        #expect(Palette.diverging(-5) == Palette.negative)
        #expect(Palette.diverging(.infinity) == Palette.positive)
        #expect(Palette.diverging(.nan) == Palette.neutral)
        // Negative leans blue, positive leans red.
        guard case let .rgb(nr, _, nb) = Palette.diverging(-0.5), case let .rgb(pr, _, pb) = Palette.diverging(0.5)
        else { Issue.record("diverging colours must be RGB"); return }
        #expect(nb > nr)
        #expect(pr > pb)
    }

    @Test("the sequential scale brightens monotonically")
    func sequential() {
        func brightness(_ color: Color) -> Int {
            let c = color.rgbComponents!
            return Int(c.red) * 299 + Int(c.green) * 587 + Int(c.blue) * 114
        }
        var previous = -1
        for step in 0...20 {
            let b = brightness(Palette.sequential(Double(step) / 20))
            #expect(b > previous)
            previous = b
        }
        #expect(Palette.sequential(0) == .rgb(68, 1, 84))
        #expect(Palette.sequential(1) == .rgb(253, 231, 37))
        #expect(Palette.sequential(.nan) == .rgb(68, 1, 84))
    }

    @Test("series colours are distinct and cycle")
    func series() {
        #expect(Set(Palette.seriesColors).count == Palette.seriesColors.count)
        #expect(Palette.series(0) == Palette.series(Palette.seriesColors.count))
        #expect(Palette.series(-1) == Palette.seriesColors.last)
    }

    @Test("without colour, sign and strength read from the glyph")
    func divergingGlyphs() {
        #expect(Palette.divergingGlyph(-1) == "=")
        #expect(Palette.divergingGlyph(-0.3) == "-")
        #expect(Palette.divergingGlyph(0) == " ")
        #expect(Palette.divergingGlyph(0.3) == "+")
        #expect(Palette.divergingGlyph(1) == "#")
        #expect(Palette.divergingGlyph(.nan) == "?")
    }
}
