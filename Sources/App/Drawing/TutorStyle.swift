import Canvas

/// The styles the tutor's own chrome is drawn in: bars, selection, notes and frames.
struct TutorStyle {
    var bar: Style
    var barAccent: Style
    var selected: Style
    var heading: Style
    var secondary: Style
    var accent: Style
    var warning: Style
    var frame: Style
    var done: Style

    /// The standard look, with colours fitted to `mode`; without colour, attributes carry the meaning.
    static func standard(for mode: ColorMode) -> TutorStyle {
        let style = TutorStyle(
            bar: Style(foreground: .rgb(230, 230, 230), background: .rgb(48, 48, 64)),
            barAccent: Style(foreground: .rgb(255, 175, 95), background: .rgb(48, 48, 64), bold: true),
            selected: Style(reverse: true),
            heading: Style(foreground: .rgb(255, 175, 95), bold: true),
            secondary: Style(foreground: .rgb(150, 150, 150)),
            accent: Style(foreground: .rgb(95, 175, 255), bold: true),
            warning: Style(foreground: .rgb(255, 135, 95), bold: true),
            frame: Style(foreground: .rgb(110, 110, 140)),
            done: Style(foreground: .rgb(135, 215, 135))
        )
        guard mode != .none else {
            // Bars keep their shape by reversing the terminal's own colours.
            return TutorStyle(
                bar: Style(reverse: true), barAccent: Style(bold: true, reverse: true), selected: Style(reverse: true),
                heading: Style(bold: true), secondary: Style(dim: true), accent: Style(bold: true),
                warning: Style(bold: true), frame: .plain, done: .plain)
        }
        return TutorStyle(
            bar: style.bar.downsampled(to: mode), barAccent: style.barAccent.downsampled(to: mode),
            selected: style.selected, heading: style.heading.downsampled(to: mode),
            secondary: style.secondary.downsampled(to: mode), accent: style.accent.downsampled(to: mode),
            warning: style.warning.downsampled(to: mode), frame: style.frame.downsampled(to: mode),
            done: style.done.downsampled(to: mode))
    }
}
