/// Something the terminal reported: a key, the mouse, or a new size.
public enum TerminalEvent: Equatable, Sendable {
    case key(TerminalKey)
    /// The mouse wheel turned one notch: -1 up, +1 down.
    case wheel(Int)
    /// The left mouse button went down at a cell.
    case press(x: Int, y: Int)
    /// The terminal now has this many columns and rows (also sent after resuming from Ctrl-Z).
    case resize(width: Int, height: Int)
    /// The terminal is gone (its window closed, the connection dropped): nothing more can be read or shown.
    case closed
}

/// A key as decoded from the terminal's input.
public enum TerminalKey: Hashable, Sendable {
    case character(Character)
    /// A letter with Ctrl, e.g. `.control("c")`.
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, tab, backTab, delete, insert
    /// F1 to F12.
    case function(Int)
}
