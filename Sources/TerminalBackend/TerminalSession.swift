import Canvas
import Foundation
import _CNcurses

/// A full-screen ncurses session: the only code in gradschool that talks to the terminal.
///
/// Opening one switches the terminal to raw, full-screen mode; `close()` (or the session going
/// away) puts it back, and so do signal handlers for SIGTERM, SIGHUP, SIGINT and the crash signals
/// a Swift runtime trap raises. Ctrl-Z arrives as a key in raw mode and suspends the process the
/// way a shell would.
public final class TerminalSession {
    /// What the terminal can show, decided from `NO_COLOR`, `COLORTERM`, `has_colors` and `COLORS`.
    public let colorMode: ColorMode
    /// Whether the locale is UTF-8, so box drawing and braille can be drawn.
    public let isUnicode: Bool
    /// The terminal's size in cells.
    public private(set) var width: Int
    public private(set) var height: Int

    private let screen: OpaquePointer
    private var pairs: ColorPairs
    /// What is on the terminal now, to send only the cells that change.
    private var shown: Buffer?
    private var isOpen = true

    /// Opens the session on the process's terminal.
    /// - Parameters:
    ///   - environment: the process environment (for `TERM`, `NO_COLOR`, `COLORTERM`, locale).
    ///   - captureMouse: whether to read the mouse from the start.
    public init(environment: [String: String], captureMouse: Bool) throws(TerminalError) {
        let term = environment["TERM"] ?? ""
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        guard !term.isEmpty, term != "dumb" else { throw .cannotAddressCursor(term: term) }

        let namesLocale = ["LC_ALL", "LC_CTYPE", "LANG"].contains { !(environment[$0] ?? "").isEmpty }
        isUnicode = gs_setup_locale(namesLocale)
        // Esc alone must register quickly; escape sequences from a local terminal arrive within a few ms.
        if environment["ESCDELAY"] == nil { setenv("ESCDELAY", "25", 1) }

        TerminalRestorer.install()
        guard let screen = gs_newterm() else {
            TerminalRestorer.remove()
            throw .unknownTerminal(term: term)
        }
        self.screen = screen
        guard gs_can_address_cursor() else {
            endwin()
            delscreen(screen)
            TerminalRestorer.remove()
            throw .cannotAddressCursor(term: term)
        }

        raw()
        noecho()
        nonl()
        keypad(gs_stdscr(), true)
        Self.defineCommonKeySequences()
        curs_set(0)
        set_escdelay(25)

        var mode = ColorMode.detect(environment: environment)
        if has_colors() {
            start_color()
            use_default_colors()
            let available = gs_colors()
            let supported: ColorMode = available >= 256 ? .palette256 : available >= 16 ? .ansi16 : available >= 8 ? .ansi8 : .none
            // COLORTERM may promise truecolour, but ncurses draws through the palette terminfo describes.
            mode = min(mode, supported == .palette256 && mode == .trueColor ? .trueColor : supported)
        } else {
            mode = .none
        }
        colorMode = mode
        pairs = ColorPairs(mode: mode)

        mouseinterval(0)
        width = Int(gs_cols())
        height = Int(gs_lines())
        setMouseCapture(captureMouse)
    }

    deinit { close() }

    /// Restores the terminal to the state the shell left it in. Safe to call more than once.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        mousemask(0, nil)
        curs_set(1)
        endwin()
        delscreen(screen)
        TerminalRestorer.remove()
    }

    /// Turns mouse reporting on or off; off lets the terminal select and copy text again.
    public func setMouseCapture(_ on: Bool) {
        mousemask(on ? gs_mouse_events() : 0, nil)
    }

    /// Shows `buffer`, sending the terminal only the cells that differ from what it shows now.
    public func present(_ buffer: Buffer) {
        let changes: [CellChange]
        if let shown, shown.width == buffer.width, shown.height == buffer.height {
            changes = buffer.diff(from: shown)
        } else {
            werase(gs_stdscr())
            changes = buffer.diff(from: Buffer(width: 0, height: 0))
        }
        var scalars: [wchar_t] = []
        for change in changes where change.x < width && change.y < height {
            let style = change.cell.style
            scalars.removeAll(keepingCapacity: true)
            if isUnicode {
                for scalar in change.cell.grapheme.unicodeScalars { scalars.append(wchar_t(bitPattern: scalar.value)) }
            } else {
                // Outside a UTF-8 locale ncurses would print other characters as escape codes.
                let character = change.cell.grapheme.unicodeScalars.first.map { $0.isASCII ? $0.value : 0x3F } ?? 0x20
                scalars.append(wchar_t(character))
            }
            if scalars.isEmpty { scalars.append(0x20) }
            var attributes: attr_t = 0
            if style.bold { attributes |= gs_attr_bold() }
            if style.dim { attributes |= gs_attr_dim() }
            if style.italic { attributes |= gs_attr_italic() }
            if style.underline { attributes |= gs_attr_underline() }
            if style.reverse { attributes |= gs_attr_reverse() }
            let pair = pairs.pair(for: style)
            _ = gs_put_cell(Int32(change.y), Int32(change.x), scalars, Int32(scalars.count), attributes, pair)
        }
        wnoutrefresh(gs_stdscr())
        doupdate()
        shown = buffer
    }

    /// How long one wait for input lasts while the tutor is idle.
    ///
    /// A resize raises SIGWINCH, which the kernel may deliver to any thread; when it lands on another
    /// thread than the one reading, the read sleeps on and ncurses reports the resize only at its next
    /// call. Waking a few times a second bounds that delay and costs next to nothing.
    static let idleWait: Int32 = 200

    /// Waits for the next event: until one comes when `timeout` is nil (an idle tutor sleeps in the
    /// kernel), else at most `timeout`, returning nil when it passes with nothing to report.
    public func nextEvent(timeout: Duration?) -> TerminalEvent? {
        let milliseconds = timeout.map { Int32(clamping: $0.components.seconds * 1000 + $0.components.attoseconds / 1_000_000_000_000_000) }
        wtimeout(gs_stdscr(), milliseconds ?? Self.idleWait)
        while true {
            var value: wint_t = 0
            let status = wget_wch(gs_stdscr(), &value)
            switch status {
            case KEY_CODE_YES:
                if let event = functionKeyEvent(Int32(value)) { return event }
            case OK:
                if value == 26 {
                    suspend()
                    return .resize(width: width, height: height)
                }
                return .key(Self.decode(character: UInt32(value)))
            default:
                // ERR: the wait passed, a signal interrupted it, or the terminal is gone. A gone terminal
                // answers every read at once with ERR, so without this check the loop would spin forever.
                if Self.inputHasHungUp() { return .closed }
                if timeout != nil { return nil }
                continue
            }
            // An event we do not use (e.g. a mouse movement) waits again, without a new timeout.
            if timeout != nil { return nil }
        }
    }

    /// Whether standard input reports a hang-up or an error: the terminal behind it has gone away.
    static func inputHasHungUp() -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) >= 0 else { return errno == EBADF }
        return descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    /// Stops the process as Ctrl-Z does in a shell, and repaints everything on `fg`.
    public func suspend() {
        gs_suspend()
        shown = nil
        width = Int(gs_cols())
        height = Int(gs_lines())
    }

    private func functionKeyEvent(_ code: Int32) -> TerminalEvent? {
        switch code {
        case KEY_RESIZE:
            width = Int(gs_cols())
            height = Int(gs_lines())
            shown = nil
            return .resize(width: width, height: height)
        case KEY_MOUSE:
            var x: Int32 = 0, y: Int32 = 0
            var buttons: mmask_t = 0
            guard gs_read_mouse(&x, &y, &buttons) else { return nil }
            if buttons & gs_mouse_wheel_up() != 0 { return .wheel(-1) }
            if buttons & gs_mouse_wheel_down() != 0 { return .wheel(1) }
            if buttons & gs_mouse_left_press() != 0 { return .press(x: Int(x), y: Int(y)) }
            return nil
        default:
            return Self.decode(functionKey: code).map(TerminalEvent.key)
        }
    }

    /// Home and End as the common terminals send them, whatever the terminfo entry says: inside tmux or
    /// screen with `TERM=xterm-256color`, End arrives as `ESC [ 4 ~`, which xterm's entry does not know,
    /// and would otherwise be read as Esc followed by `4`.
    static func defineCommonKeySequences() {
        let sequences: [(String, Int32)] = [
            ("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[H", KEY_HOME), ("\u{1B}OH", KEY_HOME),
            ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END), ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END),
        ]
        for (sequence, code) in sequences where key_defined(sequence) <= 0 {
            _ = define_key(sequence, code)
        }
    }

    /// The key ncurses reports as a function-key code.
    static func decode(functionKey code: Int32) -> TerminalKey? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case KEY_HOME, KEY_A1: .home
        case KEY_END, KEY_C1: .end
        case KEY_ENTER: .enter
        case KEY_BACKSPACE: .backspace
        case KEY_DC: .delete
        case KEY_IC: .insert
        case KEY_BTAB: .backTab
        case gs_key_f(1)...gs_key_f(12): .function(Int(code - gs_key_f(0)))
        default: nil
        }
    }

    /// The key for a character code read in raw mode.
    static func decode(character code: UInt32) -> TerminalKey {
        switch code {
        case 27: return .escape
        case 13, 10: return .enter
        case 9: return .tab
        case 127, 8: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(code + 96)!))
        default:
            guard let scalar = Unicode.Scalar(code) else { return .character("\u{FFFD}") }
            return .character(Character(scalar))
        }
    }
}
