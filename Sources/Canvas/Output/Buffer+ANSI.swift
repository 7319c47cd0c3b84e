extension Buffer {
    /// The buffer as printable lines without any escape codes, trailing spaces removed.
    public var plainText: String {
        lines.map { line in
            var trimmed = Substring(line)
            while trimmed.last == " " { trimmed.removeLast() }
            return String(trimmed)
        }.joined(separator: "\n")
    }

    /// The buffer as printable lines with ANSI SGR escapes for colour and attributes.
    ///
    /// Colours are downsampled to `colors` first; with `.none` only attributes (bold, dim, …) are
    /// written, as the `NO_COLOR` convention asks. Each line ends with a reset, so the text can be
    /// printed anywhere; trailing unstyled spaces are dropped.
    public func ansiText(colors: ColorMode) -> String {
        var output = ""
        for row in 0..<height {
            var current = Style.plain
            var line = ""
            var pendingSpaces = 0
            for column in 0..<width {
                let cell = cells[row * width + column]
                if cell.isContinuation { continue }
                let style = cell.style.downsampled(to: colors)
                if cell.grapheme == " " && style == .plain {
                    pendingSpaces += 1
                    continue
                }
                if pendingSpaces > 0 {
                    if current != .plain {
                        line += ANSI.reset
                        current = .plain
                    }
                    line += String(repeating: " ", count: pendingSpaces)
                    pendingSpaces = 0
                }
                if style != current {
                    line += ANSI.sgr(for: style)
                    current = style
                }
                line += cell.grapheme
            }
            if current != .plain { line += ANSI.reset }
            output += line
            if row < height - 1 { output += "\n" }
        }
        return output
    }
}

/// ANSI "select graphic rendition" escape codes.
enum ANSI {
    static let reset = "\u{1B}[0m"

    /// A full escape that resets and then sets every part of `style`.
    static func sgr(for style: Style) -> String {
        var codes = ["0"]
        if style.bold { codes.append("1") }
        if style.dim { codes.append("2") }
        if style.italic { codes.append("3") }
        if style.underline { codes.append("4") }
        if style.reverse { codes.append("7") }
        if let foreground = colorCode(style.foreground, background: false) { codes.append(foreground) }
        if let background = colorCode(style.background, background: true) { codes.append(background) }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    /// The SGR parameters of a colour: 30–37/90–97 (+10 for background), 38;5;n or 38;2;r;g;b.
    static func colorCode(_ color: Color, background: Bool) -> String? {
        let base = background ? 40 : 30
        switch color {
        case .default:
            return nil
        case .ansi(let index):
            let classic = Int(index % 16)
            return classic < 8 ? "\(base + classic)" : "\(base + 60 + classic - 8)"
        case .indexed(let index):
            return "\(base + 8);5;\(index)"
        case let .rgb(red, green, blue):
            return "\(base + 8);2;\(red);\(green);\(blue)"
        }
    }
}
