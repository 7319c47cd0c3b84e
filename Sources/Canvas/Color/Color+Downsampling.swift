extension Color {
    /// This colour as the nearest one a terminal in `mode` can show.
    ///
    /// Colours already within the mode are kept as they are; richer ones become the nearest palette
    /// entry (xterm's default values; see `XtermPalette` for the distance used). `.none` turns every colour into `.default`.
    /// Bright classic colours in 8-colour mode become the nearest of the eight normal ones, so
    /// bright black (grey) becomes white rather than vanishing into a black background.
    public func downsampled(to mode: ColorMode) -> Color {
        switch (self, mode) {
        case (.default, _), (_, .trueColor):
            return self
        case (_, .none):
            return .default
        case (.ansi(let index), .palette256), (.ansi(let index), .ansi16):
            return .ansi(index % 16)
        case (.ansi(let index), .ansi8):
            let classic = index % 16
            if classic < 8 { return .ansi(classic) }
            return .ansi(XtermPalette.nearestClassic(XtermPalette.classic[Int(classic)], count: 8))
        case (.indexed, .palette256):
            return self
        case (.indexed(let index), .ansi16) where index < 16:
            return .ansi(index)
        case (.indexed(let index), .ansi8) where index < 16:
            return Color.ansi(index).downsampled(to: .ansi8)
        case (.indexed(let index), .ansi16):
            return .ansi(XtermPalette.nearestClassic(XtermPalette.components(ofIndex: index), count: 16))
        case (.indexed(let index), .ansi8):
            return .ansi(XtermPalette.nearestClassic(XtermPalette.components(ofIndex: index), count: 8))
        case let (.rgb(red, green, blue), .palette256):
            return .indexed(XtermPalette.nearest256((red, green, blue)))
        case let (.rgb(red, green, blue), .ansi16):
            return .ansi(XtermPalette.nearestClassic((red, green, blue), count: 16))
        case let (.rgb(red, green, blue), .ansi8):
            return .ansi(XtermPalette.nearestClassic((red, green, blue), count: 8))
        }
    }
}
