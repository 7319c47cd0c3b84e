import Canvas

/// A live widget in a lesson page: a state machine driven by keys and ticks, drawn into a rect.
///
/// The reader hosts it (see `PageElements`): it frames the widget, shows its keys on the frame's last
/// line, routes keys to it while it has the focus, and ticks it while `isAnimating` is true. Every
/// number a widget shows comes from the engine (`Neural`); a widget only arranges and draws them.
protocol InteractiveWidget: Sendable {
    /// The widget's name in its frame, e.g. `perceptron learning AND`.
    var title: String { get }
    /// The keys it answers while focused, in the order shown.
    var keyHints: [KeyHint] { get }
    /// Whether something moves on its own, so the tutor should keep ticking.
    var isAnimating: Bool { get }

    /// The one way the widget changes: a key, a tick, a snapshot of one of its runs, or a reset.
    /// A key the widget does not use comes back as `.screen(.keyNotUsed)`, for the page beneath;
    /// training runs are started, commanded and stopped with `.live` effects.
    mutating func update(_ message: WidgetMessage) -> [Effect]

    /// The content rows the widget would like at `width` columns, given at most `available` rows;
    /// the frame and key line come on top.
    func preferredContentHeight(width: Int, available: Int) -> Int
    /// Draws the content inside the frame, above the key line.
    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext)

    /// Whether `other` is the same kind of widget in the same state.
    func isEqual(to other: any InteractiveWidget) -> Bool

    /// The live training runs the widget has started; their snapshots come to it, and they stop when
    /// the page goes.
    var liveRuns: [LiveRunID] { get }
}

/// What a lesson widget is told.
enum WidgetMessage: Equatable, Sendable {
    case key(Key)
    /// Time passed: one frame (`WidgetClock.ticksPerSecond` a second) while the widget animates.
    case tick
    /// The latest state of one of the widget's live training runs.
    case live(LiveSnapshot)
    /// Back to the state the lesson placed it in.
    case reset
}

/// A widget that computes instantly with the engine and trains nothing in the background: its
/// `update` is its keys, its animation frames and its reset.
protocol InstantWidget: InteractiveWidget {
    /// Applies a key; returns whether the widget used it.
    mutating func handle(_ key: Key) -> Bool
    /// Advances an animation by one frame.
    mutating func tick()
    /// Back to the state the lesson placed it in.
    mutating func reset()
}

extension InstantWidget {
    var liveRuns: [LiveRunID] { [] }

    mutating func update(_ message: WidgetMessage) -> [Effect] {
        switch message {
        case .key(let key): return handle(key) ? [] : [.screen(.keyNotUsed)]
        case .tick: tick()
        case .reset: reset()
        case .live: break
        }
        return []
    }
}

/// How often the tutor ticks a moving widget: animations count ticks, so their speed is set here.
enum WidgetClock {
    static let ticksPerSecond = 60

    /// The ticks in `seconds`, at least one.
    static func ticks(_ seconds: Double) -> Int { max(1, Int((seconds * Double(ticksPerSecond)).rounded())) }
}

extension InteractiveWidget where Self: Equatable {
    func isEqual(to other: any InteractiveWidget) -> Bool {
        guard let other = other as? Self else { return false }
        return self == other
    }
}

/// One key (or pair of keys) a widget answers, and what it does, as the key line shows it.
struct KeyHint: Equatable, Sendable {
    var keys: String
    var action: String

    init(_ keys: String, _ action: String) {
        self.keys = keys
        self.action = action
    }

    /// Whether the hint names `character`: `Space`, a single character, a pair such as `+ -`, or a
    /// range of digits such as `1-4`.
    func answers(_ character: Character) -> Bool {
        for word in keys.split(separator: " ") {
            if word == "Space" && character == " " { return true }
            if word.count == 1 && word.first == character { return true }
            let ends = word.split(separator: "-")
            if ends.count == 2, let low = Int(ends[0]), let high = Int(ends[1]), let digit = character.wholeNumberValue,
               character.isASCII, (low...high).contains(digit) { return true }
        }
        return false
    }
}

/// How a widget is being drawn: the terminal's glyphs and colours, and whether it has the focus.
struct WidgetContext {
    var glyphs: GlyphSet
    var colors: ColorMode
    var isFocused: Bool

    /// The tutor's styles for this terminal.
    var style: TutorStyle { TutorStyle.standard(for: colors) }
    /// The canvas widgets' theme for this terminal.
    var theme: Theme { Theme.standard.downsampled(to: colors) }

    /// `colour` as this terminal can show it.
    func color(_ color: Color) -> Color { color.downsampled(to: colors) }

    /// Text in `color`, or plain text without colour.
    func tinted(_ color: Color, bold: Bool = false) -> Style {
        colors == .none ? Style(bold: bold) : Style(foreground: color.downsampled(to: colors), bold: bold)
    }

    /// The style that marks the selected item: reversed, so it shows without colour too.
    var selected: Style { Style(reverse: true) }
}
