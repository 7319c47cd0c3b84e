import Canvas
import _CNcurses

/// Turns `Color`s into ncurses colour numbers and (foreground, background) pairs into pair numbers.
///
/// ncurses draws with numbered colour pairs; `alloc_pair` finds or makes one for any two colours,
/// and this cache saves asking again for the pairs a screen uses over and over.
struct ColorPairs {
    /// What the terminal can show; colours are downsampled to it before they reach ncurses.
    let mode: ColorMode
    private var cache: [PairKey: Int32] = [:]

    private struct PairKey: Hashable {
        var foreground: Int32
        var background: Int32
    }

    init(mode: ColorMode) { self.mode = mode }

    /// The pair for `style`'s colours; 0 (the terminal's defaults) without colour support.
    mutating func pair(for style: Style) -> Int32 {
        guard mode != .none else { return 0 }
        let key = PairKey(foreground: number(for: style.foreground), background: number(for: style.background))
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let pair = cache[key] { return pair }
        let pair = alloc_pair(key.foreground, key.background)
        let usable = pair < 0 ? 0 : pair
        cache[key] = usable
        return usable
    }

    /// The ncurses colour number for `color`; -1 is the terminal's default.
    func number(for color: Color) -> Int32 {
        // ncurses cannot name 24-bit colours directly, so truecolour is drawn through the 256 palette.
        let drawable = min(mode, .palette256)
        switch color.downsampled(to: drawable) {
        case .default: return -1
        case .ansi(let index): return Int32(index % 16)
        case .indexed(let index): return Int32(index)
        case .rgb: return -1
        }
    }
}
