import Foundation
import _CNcurses

/// Puts the terminal back in its normal mode before a termination or crash signal takes effect, and
/// makes sure the process then ends.
///
/// The handlers that were in place before (the Swift runtime's crash reporter for a trap or a fault,
/// the default termination for the others) are read once when the restorer is first installed and
/// never change afterwards. After restoring the terminal:
/// - a signal sent from outside (`kill -QUIT`, `kill -SEGV`, `kill -USR1`) ends the process with the
///   signal's default action at once: it is a request to stop, not a crash to report, and the runtime's
///   crash reporter, run for a signal with no faulting instruction, never finishes;
/// - a fault or trap of the process's own goes to the previous handler (the crash report), and when
///   that returns, or after 20 seconds at most, the default action ends the process.
enum TerminalRestorer {
    /// Termination requests, the signals a Swift runtime trap or a memory fault raises, then every other
    /// signal whose default action ends the process (SIGPROF is left to profilers).
    static let signals: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE,
                                   SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM, SIGVTALRM, SIGXCPU, SIGXFSZ, SIGSYS]

    /// How long the previous handler's crash report may take before the process is ended anyway.
    static let crashReportSeconds: UInt32 = 20

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
        action.__sigaction_handler.sa_sigaction = { signal, info, _ in
            // A signal another process sent carries its sender: user-sent codes are zero or negative.
            let fromOutside = info.map { $0.pointee.si_code <= 0 && $0.pointee._sifields._kill.si_pid != getpid() } ?? true
            TerminalRestorer.restoreAndEnd(signal, fromOutside: fromOutside)
        }
        // SA_NODEFER: the signal raised again inside the handler is delivered at once, not when it returns.
        action.sa_flags = SA_SIGINFO | SA_NODEFER
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

    /// The handler: restore the terminal, let the previous handler report a crash of our own, then end
    /// the process with the signal's default action. `endwin` is not formally async-signal-safe, but it
    /// only writes the terminal's reset sequence and calls `tcsetattr`, as ncurses' own SIGINT handler does.
    private static func restoreAndEnd(_ signal: Int32, fromOutside: Bool) {
        if !isendwin() { endwin() }
        if !fromOutside, let entry = previous.actions.first(where: { $0.signal == signal }), hasHandler(entry.action) {
            // The crash report gets a bounded time: SIGALRM's default action ends the process.
            var alarmDefault = sigaction()
            alarmDefault.__sigaction_handler.sa_handler = SIG_DFL
            sigaction(SIGALRM, &alarmDefault, nil)
            alarm(crashReportSeconds)
            var action = entry.action
            sigaction(signal, &action, nil)
            raise(signal)
        }
        var defaultAction = sigaction()
        defaultAction.__sigaction_handler.sa_handler = SIG_DFL
        sigaction(signal, &defaultAction, nil)
        var only = sigset_t()
        sigemptyset(&only)
        sigaddset(&only, signal)
        pthread_sigmask(SIG_UNBLOCK, &only, nil)
        raise(signal)
        // A signal whose default action does not end the process still ends it here.
        _exit(128 + signal)
    }

    /// Whether `action` runs a function (rather than the default action or ignoring the signal).
    private static func hasHandler(_ action: sigaction) -> Bool {
        let raw = unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
        return raw != unsafeBitCast(SIG_DFL, to: Int.self) && raw != unsafeBitCast(SIG_IGN, to: Int.self)
    }
}
