/// A key the learner pressed, independent of how the terminal encoded it.
public enum Key: Hashable, Sendable {
    /// A printable character, e.g. `q`, `?`, `1`.
    case character(Character)
    /// A letter pressed with Ctrl, e.g. `.control("c")` for Ctrl-C.
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, tab, backTab, delete
    /// F1 to F12.
    case function(Int)
}
