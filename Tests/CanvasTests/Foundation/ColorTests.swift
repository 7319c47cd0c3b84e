import Testing
@testable import Canvas

/// Downsampling is checked against xterm's documented palette: the 6×6×6 cube with levels
/// 0, 95, 135, 175, 215, 255, the grey ramp 8 + 10·k, and the classic 16 colours.
/// Classic colours are matched by luma and colour difference, so greys stay grey.
@Suite("Colour downsampling")
struct ColorTests {
    @Test("pure red lands on its exact cube entry, bright red, then normal red")
    func pureRed() {
        let red = Color.rgb(255, 0, 0)
        // Cube index 16 + 36·5 + 6·0 + 0 = 196.
        #expect(red.downsampled(to: .palette256) == .indexed(196))
        #expect(red.downsampled(to: .ansi16) == .ansi(9))
        // Among the first eight only red (205, 0, 0) is near.
        #expect(red.downsampled(to: .ansi8) == .ansi(1))
        #expect(red.downsampled(to: .none) == .default)
        #expect(red.downsampled(to: .trueColor) == red)
    }

    @Test("a middle grey prefers the grey ramp over the cube")
    func middleGrey() {
        // Grey ramp 232 + 12 is 8 + 120 = 128: exact. The nearest cube grey is 135.
        let grey = Color.rgb(128, 128, 128)
        #expect(grey.downsampled(to: .palette256) == .indexed(244))
        // Classic 8 is (127, 127, 127).
        #expect(Color.indexed(244).downsampled(to: .ansi16) == .ansi(8))
        // Grey (127) is nearer white (229) than black (0) or dark yellow: it must not vanish or turn yellow.
        #expect(Color.ansi(8).downsampled(to: .ansi8) == .ansi(7))
        #expect(grey.downsampled(to: .ansi8) == .ansi(7))
        #expect(Color.rgb(40, 40, 40).downsampled(to: .ansi8) == .ansi(0))
    }

    @Test("a chain truecolour → 256 → 16 → 8 keeps the hue family")
    func orangeChain() {
        // Orange (255, 128, 0): green channel 128 is nearest level 135 → cube 16 + 180 + 12 = 208.
        let orange = Color.rgb(255, 128, 0)
        let in256 = orange.downsampled(to: .palette256)
        #expect(in256 == .indexed(208))
        // (255, 135, 0) is bright like dark yellow (205, 205, 0) and red-leaning: nearer it than red or yellow.
        let in16 = in256.downsampled(to: .ansi16)
        #expect(in16 == .ansi(3))
        #expect(in16.downsampled(to: .ansi8) == .ansi(3))
        #expect(orange.downsampled(to: .ansi16) == .ansi(3))
    }

    @Test("cube and classic colours downsample by nearest value")
    func cubeToClassic() {
        #expect(Color.rgb(0, 95, 135).downsampled(to: .palette256) == .indexed(24))
        // Cube 21 is (0, 0, 255): blue (0, 0, 238) is 17 away, bright blue (92, 92, 255) much further.
        #expect(Color.indexed(21).downsampled(to: .ansi16) == .ansi(4))
        #expect(Color.indexed(9).downsampled(to: .ansi16) == .ansi(9))
        #expect(Color.indexed(9).downsampled(to: .ansi8) == .ansi(1))
        #expect(Color.ansi(12).downsampled(to: .ansi8) == .ansi(4))
        #expect(Color.ansi(15).downsampled(to: .ansi8) == .ansi(7))
        #expect(Color.ansi(3).downsampled(to: .palette256) == .ansi(3))
    }

    @Test("the default colour survives every mode")
    func defaultColor() {
        for mode in ColorMode.allCases {
            #expect(Color.default.downsampled(to: mode) == .default)
        }
    }

    @Test("downsampling twice changes nothing more")
    func idempotent() {
        let samples: [Color] = [.rgb(12, 200, 99), .rgb(250, 250, 250), .indexed(100), .indexed(240), .ansi(13)]
        for color in samples {
            for mode in ColorMode.allCases {
                let once = color.downsampled(to: mode)
                #expect(once.downsampled(to: mode) == once)
            }
        }
    }

    @Test("xterm palette values of indices")
    func paletteComponents() {
        #expect(Color.indexed(16).rgbComponents! == (0, 0, 0))
        #expect(Color.indexed(231).rgbComponents! == (255, 255, 255))
        #expect(Color.indexed(232).rgbComponents! == (8, 8, 8))
        #expect(Color.indexed(255).rgbComponents! == (238, 238, 238))
        #expect(Color.default.rgbComponents == nil)
    }

    @Test("colour mode from the environment")
    func detection() {
        #expect(ColorMode.detect(environment: ["TERM": "xterm-256color", "NO_COLOR": "1"]) == ColorMode.none)
        #expect(ColorMode.detect(environment: ["TERM": "xterm-256color", "NO_COLOR": ""]) == .palette256)
        #expect(ColorMode.detect(environment: ["TERM": "xterm", "COLORTERM": "truecolor"]) == .trueColor)
        #expect(ColorMode.detect(environment: ["TERM": "xterm"]) == .ansi16)
        #expect(ColorMode.detect(environment: ["TERM": "dumb"]) == ColorMode.none)
        #expect(ColorMode.detect(environment: [:]) == ColorMode.none)
    }

    @Test("mixing colours interpolates in RGB and clamps")
    func mixing() {
        let black = Color.rgb(0, 0, 0), white = Color.rgb(255, 255, 255)
        #expect(black.mixed(with: white, fraction: 0.5) == .rgb(128, 128, 128))
        #expect(black.mixed(with: white, fraction: 2) == white)
        #expect(black.mixed(with: white, fraction: .nan) == black)
    }
}
