/// Why the full-screen terminal could not be used.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is not a terminal (piped, redirected, or run by a script).
    case notATerminal
    /// `TERM` is unset or `dumb`, or its terminal description cannot move the cursor.
    case cannotAddressCursor(term: String)
    /// ncurses does not know the terminal type.
    case unknownTerminal(term: String)

    public var description: String {
        let alternatives = """
        The non-interactive commands work anywhere:
          gradschool check [PATH...]   validate lesson files
          gradschool bench             measure the engine's speed
          gradschool --help            list every command
        """
        switch self {
        case .notATerminal:
            return "gradschool needs a full-screen terminal, but its input or output is not a terminal.\n"
                + "Run it directly in a terminal window, not through a pipe or redirection.\n" + alternatives
        case .cannotAddressCursor(let term):
            return "gradschool needs a full-screen terminal, and TERM=\(term.isEmpty ? "(unset)" : term) cannot move the cursor.\n"
                + "Run it in a terminal emulator such as xterm, GNOME Terminal, iTerm2 or tmux (TERM=xterm-256color).\n" + alternatives
        case .unknownTerminal(let term):
            return "gradschool does not know the terminal type TERM=\(term); install its terminfo entry "
                + "(e.g. the ncurses-term package) or set TERM=xterm-256color.\n" + alternatives
        }
    }
}
