import Canvas
import Curriculum

/// One live widget on a page, with the frame around it: title, focus, and its keys on the last line.
///
/// The host gives every widget the same behaviour: `r` resets it, keys shown at its bottom, and a frame
/// drawn brighter while it has the focus.
struct WidgetHost: Sendable {
    var widget: any InteractiveWidget
    /// The widget's registered name, e.g. `perceptron`.
    let name: String

    init(name: String, widget: any InteractiveWidget) {
        self.name = name
        self.widget = widget
    }

    /// Rows for the frame's top, the key line and the frame's bottom.
    static let chromeHeight = 3

    var isAnimating: Bool { widget.isAnimating }

    /// Passes a message to the widget; `r` resets every widget.
    mutating func update(_ message: WidgetMessage) -> [Effect] {
        if message == .key(.character("r")) { return widget.update(.reset) }
        return widget.update(message)
    }

    /// The whole widget's height at `width`, never more than `available` rows (and at least enough
    /// for the frame and a line of content).
    func height(width: Int, available: Int) -> Int {
        let content = widget.preferredContentHeight(width: max(1, width - 4), available: max(1, available - Self.chromeHeight))
        return max(Self.chromeHeight + 1, min(available, content + Self.chromeHeight))
    }

    /// The widget drawn into a buffer of its own, `width` × `height`.
    func render(width: Int, height: Int, glyphs: GlyphSet, colors: ColorMode, isFocused: Bool) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        let context = WidgetContext(glyphs: glyphs, colors: colors, isFocused: isFocused)
        let style = context.style
        let frameStyle = isFocused ? style.accent : style.frame
        let marker = isFocused ? (glyphs.isUnicode ? "▸ " : "> ") : ""
        buffer.frame(buffer.area, title: marker + widget.title, glyphs: glyphs, style: frameStyle, titleStyle: style.heading)
        guard width >= 6, height >= Self.chromeHeight + 1 else { return buffer }
        let content = Rect(x: 2, y: 1, width: width - 4, height: height - Self.chromeHeight)
        buffer.clipped(to: content) { buffer in
            widget.draw(into: &buffer, area: content, context: context)
        }
        buffer.put(keyLine(width: width - 4, context: context), at: 2, height - 2, maxWidth: width - 4)
        if !glyphs.isUnicode { buffer.replaceMathsWithASCII() }
        return buffer
    }

    /// The key line: the widget's keys while focused; otherwise how to focus it, then its keys dimmed.
    private func keyLine(width: Int, context: WidgetContext) -> [Span] {
        let style = context.style
        var spans: [Span] = []
        func add(_ hint: KeyHint, keyStyle: Style, actionStyle: Style, leaving room: Int = 0) {
            let separator = spans.isEmpty ? "" : "  "
            let pieceWidth = displayWidth(of: separator + hint.keys + " " + hint.action)
            guard spans.width + pieceWidth + room <= width else { return }
            spans.append(Span(separator + hint.keys, keyStyle))
            spans.append(Span(" " + hint.action, actionStyle))
        }
        var hints = widget.keyHints + [KeyHint("r", "reset")]
        if !context.glyphs.isUnicode {
            hints = hints.map { KeyHint(Self.asciiKeys($0.keys), $0.action) }
        }
        if context.isFocused {
            // The way out always shows: the widget's own keys give way to it on a narrow line.
            let leave = KeyHint("Esc", "leave")
            let room = displayWidth(of: "  " + leave.keys + " " + leave.action)
            for hint in hints { add(hint, keyStyle: style.accent, actionStyle: .plain, leaving: room) }
            add(leave, keyStyle: style.accent, actionStyle: .plain)
        } else {
            add(KeyHint("Tab", "use this widget"), keyStyle: style.accent, actionStyle: .plain)
            for hint in hints { add(hint, keyStyle: style.secondary, actionStyle: style.secondary) }
        }
        return spans
    }
}

extension WidgetHost {
    /// Key names without arrows, for terminals without Unicode: `↑↓` reads `Up/Down`.
    static func asciiKeys(_ keys: String) -> String {
        keys.replacingOccurrences(of: "↑↓←→", with: "arrows")
            .replacingOccurrences(of: "←→↑↓", with: "arrows")
            .replacingOccurrences(of: "↑↓", with: "Up/Down")
            .replacingOccurrences(of: "←→", with: "Left/Right")
    }
}

extension WidgetHost: Equatable {
    static func == (lhs: WidgetHost, rhs: WidgetHost) -> Bool {
        lhs.name == rhs.name && lhs.widget.isEqual(to: rhs.widget)
    }
}
