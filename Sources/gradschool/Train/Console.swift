import Foundation

/// Where a command writes, and what it knows about the terminal there.
///
/// The run writes only through a console, so tests can hand it one that collects the text and pretends
/// to be (or not to be) a terminal.
struct Console {
    var writeOutput: (String) -> Void
    var writeError: (String) -> Void
    /// Whether standard output is a terminal, where a progress line may redraw itself.
    var outputIsTerminal: Bool
    /// Whether standard error is a terminal.
    var errorIsTerminal: Bool
    /// Whether colours are welcome: a terminal, no `NO_COLOR`, and not `TERM=dumb`.
    var colorsAllowed: Bool
    /// The terminal's width in columns (80 when unknown).
    var width: Int

    /// The process's own standard output and error.
    static func system(environment: [String: String] = ProcessInfo.processInfo.environment) -> Console {
        let outputIsTerminal = isatty(STDOUT_FILENO) != 0
        // https://no-color.org: any non-empty NO_COLOR turns colour off.
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let dumb = environment["TERM"] == "dumb"
        return Console(
            writeOutput: { text in
                FileHandle.standardOutput.write(Data(text.utf8))
            },
            writeError: { text in
                FileHandle.standardError.write(Data(text.utf8))
            },
            outputIsTerminal: outputIsTerminal,
            errorIsTerminal: isatty(STDERR_FILENO) != 0,
            colorsAllowed: !noColor && !dumb,
            width: terminalWidth(environment: environment)
        )
    }

    /// The width the kernel reports for the terminal, else `COLUMNS`, else 80.
    private static func terminalWidth(environment: [String: String]) -> Int {
        var size = winsize()
        for descriptor in [STDOUT_FILENO, STDERR_FILENO] where ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 {
            return Int(size.ws_col)
        }
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return 80
    }
}
