import Foundation
import _CNcurses

/// Puts the terminal back in its normal mode before a termination or crash signal takes effect.
///
/// The handlers that were in place before (the Swift runtime's crash reporter for a trap, the
/// default termination for SIGTERM and SIGHUP) are read once when the restorer is first installed
/// and never change afterwards; after restoring the terminal, the signal is raised again under the
/// previous handler, so it still does what it would have done, now on a readable screen.
enum TerminalRestorer {
    /// Termination requests, then the signals a Swift runtime trap or a memory fault raises.
    static let signals: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE]

    /// The dispositions found before ours, read once, immutable after.
    private static let previous = PreviousActions(signals: signals)

    /// The previous handlers, kept as an immutable table the signal handler only reads.
    private struct PreviousActions: @unchecked Sendable {
        let actions: [(signal: Int32, action: sigaction)]

        init(signals: [Int32]) {
            actions = signals.map { signal in
                var action = sigaction()
                sigaction(signal, nil, &action)
                return (signal, action)
            }
        }
    }

    /// Installs the restoring handler for every signal in `signals`.
    /// Install before ncurses starts, so ncurses keeps ours rather than adding its own.
    static func install() {
        let table = previous
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in TerminalRestorer.restoreAndReraise(signal) }
        sigemptyset(&action.sa_mask)
        for entry in table.actions {
            sigaction(entry.signal, &action, nil)
        }
    }

    /// Puts the previous handlers back, once the terminal has been restored in the normal way.
    static func remove() {
        for entry in previous.actions {
            var action = entry.action
            sigaction(entry.signal, &action, nil)
        }
    }

    /// The handler: restore the terminal, reinstate the previous handler, and deliver the signal to it.
    /// `endwin` is not formally async-signal-safe, but it only writes the terminal's reset sequence
    /// and calls `tcsetattr`, as ncurses' own SIGINT handler does.
    private static func restoreAndReraise(_ signal: Int32) {
        if !isendwin() { endwin() }
        for entry in previous.actions where entry.signal == signal {
            var action = entry.action
            sigaction(signal, &action, nil)
        }
        raise(signal)
    }
}
