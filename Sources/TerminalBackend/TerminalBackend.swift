import _CNcurses
/// TerminalBackend is the only code that calls ncurses.
public enum TerminalBackend {}
