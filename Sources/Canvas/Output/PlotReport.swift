/// Pictures for standard output, such as `gradschool train --plot`: how to draw and how to print.
///
/// Colour when standard output is a colour terminal and `NO_COLOR` is unset; plain Unicode
/// otherwise; ASCII when asked for or when the locale is not UTF-8.
public struct PlotReport: Hashable, Sendable {
    public var glyphs: GlyphSet
    public var colors: ColorMode

    public init(glyphs: GlyphSet, colors: ColorMode) {
        self.glyphs = glyphs
        self.colors = colors
    }

    /// The settings for printing to a stream: `isTerminal` says whether it is a terminal
    /// (colour is never written into files or pipes), `forceASCII` is the `--ascii` flag.
    public static func detect(environment: [String: String], isTerminal: Bool, forceASCII: Bool = false) -> PlotReport {
        PlotReport(
            glyphs: forceASCII ? .ascii : GlyphSet.fromEnvironment(environment),
            colors: isTerminal ? ColorMode.detect(environment: environment) : .none
        )
    }

    /// A buffer as text to print: ANSI colours when the report has colour, else plain lines.
    public func text(of buffer: Buffer) -> String {
        colors == .none ? buffer.plainText : buffer.ansiText(colors: colors)
    }

    /// Renders one widget into a fresh `width` × `height` buffer, under an optional bold title
    /// line, and returns it as printable text.
    public func picture(_ widget: some Widget, width: Int, height: Int, title: String? = nil) -> String {
        let titleRows = title == nil ? 0 : 1
        var buffer = Buffer(width: width, height: height + titleRows)
        if let title {
            buffer.put(truncate(title, width: width, ellipsis: glyphs.ellipsis), at: 0, 0, style: Style(bold: true))
        }
        buffer.render(widget, in: Rect(x: 0, y: titleRows, width: width, height: height), glyphs: glyphs, colors: colors)
        return text(of: buffer)
    }
}
