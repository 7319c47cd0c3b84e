import Foundation
import Neural

/// The progress line of a search: redrawn in place on a terminal (trial, epoch, best so far), one line per
/// finished trial elsewhere. Called from the search thread.
final class TuneProgress: Sendable {
    enum Mode: Sendable {
        case silent
        case plain(write: @Sendable (String) -> Void)
        case live(width: Int, write: @Sendable (String) -> Void)
    }

    let mode: Mode
    let totalTrials: Int
    let space: SearchSpace
    private let best = BestBox()

    init(mode: Mode, totalTrials: Int, space: SearchSpace) {
        self.mode = mode
        self.totalTrials = totalTrials
        self.space = space
    }

    /// On a terminal, redraws the line every few epochs.
    func epoch(_ epoch: Int, of epochs: Int, trial: Int) {
        guard case .live(let width, let write) = mode else { return }
        guard epoch == epochs || epoch % max(1, epochs / 20) == 0 else { return }
        var line = "trial \(trial + 1)/\(totalTrials)  epoch \(epoch)/\(epochs)"
        if let best = best.value {
            line += "  best validation loss \(TuneReport.number(-best.score)) (trial \(best.trial.index + 1))"
        }
        write("\r\u{1B}[K" + String(line.prefix(max(10, width - 1))))
    }

    func finished(_ result: TrialResult) {
        best.offer(result)
        switch mode {
        case .silent, .live: return
        case .plain(let write):
            let settings = zip(space.settings, result.trial.values).map { "\($0.name) \(TuneReport.value($1, of: $0))" }
                .joined(separator: ", ")
            let outcome = result.score.isFinite ? "validation loss \(TuneReport.number(-result.score))" : "diverged"
            let bestText = best.value.map { "best \(TuneReport.number(-$0.score)) (trial \($0.trial.index + 1))" } ?? "no trial has finished yet"
            write("trial \(result.trial.index + 1)/\(totalTrials): \(settings): \(outcome); \(bestText)\n")
        }
    }

    /// Clears the live line before the table is printed.
    func end() {
        if case .live(_, let write) = mode { write("\r\u{1B}[K") }
    }
}

/// The best trial so far, offered by the search thread.
private final class BestBox: @unchecked Sendable {
    // The lock guards `best`.
    private let lock = NSLock()
    private var best: TrialResult?

    func offer(_ result: TrialResult) {
        lock.lock()
        if result.score.isFinite && (best == nil || result.score > best!.score) { best = result }
        lock.unlock()
    }

    var value: TrialResult? {
        lock.lock()
        defer { lock.unlock() }
        return best
    }
}
