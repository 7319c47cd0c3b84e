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
    /// Why writing to standard output failed, if it ever did (a closed descriptor, a full disk): the
    /// command reports it at the end, since the output a script waits for was lost.
    var outputFailure: () -> String? = { nil }

    /// The process's own standard output and error.
    static func system(environment: [String: String] = ProcessInfo.processInfo.environment) -> Console {
        let outputIsTerminal = isatty(STDOUT_FILENO) != 0
        // https://no-color.org: any non-empty NO_COLOR turns colour off.
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let dumb = environment["TERM"] == "dumb"
        let failures = WriteFailure()
        return Console(
            writeOutput: { text in
                if let failure = writeAll(text, to: STDOUT_FILENO), failures.first == nil { failures.first = failure }
            },
            writeError: { text in
                // Nowhere is left to say that standard error failed; the exit status still tells.
                _ = writeAll(text, to: STDERR_FILENO)
            },
            outputIsTerminal: outputIsTerminal,
            errorIsTerminal: isatty(STDERR_FILENO) != 0,
            colorsAllowed: !noColor && !dumb,
            width: terminalWidth(environment: environment),
            outputFailure: { failures.first }
        )
    }

    /// The first failed write to standard output.
    private final class WriteFailure {
        var first: String?
    }

    /// Writes every byte of `text` to `descriptor`, going on after interruptions; the system's reason
    /// when a write fails (`Bad file descriptor` when it is closed, `No space left on device`).
    static func writeAll(_ text: String, to descriptor: Int32) -> String? {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            offset += written
        }
        return nil
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
