import Foundation
import Neural

/// Shows training progress: one line redrawn in place on a terminal, a plain line every few epochs
/// anywhere else, or nothing.
///
/// On a terminal the line is rewritten after a carriage return, at most ten times a second, and padded
/// with spaces to cover a longer previous line; nothing else (no cursor codes) is sent, and colour only
/// when the console allows it. Elsewhere only whole lines of plain text are written.
struct ProgressReporter {
    enum Mode: Equatable {
        case silent
        case live(width: Int, colors: Bool)
        /// A line every `every` epochs, plus the first and the last.
        case plain(every: Int)
    }

    let mode: Mode
    let write: (String) -> Void
    let totalEpochs: Int
    /// Examples per epoch.
    let trainingCount: Int
    let batchSize: Int
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastDrawn: UInt64 = 0
    private var lastWidth = 0
    private var drewLive = false
    /// The trainer's step count at the last draw, so the final state is not drawn twice.
    private var stepAtLastDraw = -1

    /// The plain-mode interval that gives about 25 lines for the whole run.
    static func automaticInterval(epochs: Int) -> Int {
        max(1, Int((Double(epochs) / 25).rounded(.up)))
    }

    init(mode: Mode, totalEpochs: Int, trainingCount: Int, batchSize: Int, write: @escaping (String) -> Void) {
        self.mode = mode
        self.totalEpochs = totalEpochs
        self.trainingCount = trainingCount
        self.batchSize = batchSize
        self.write = write
    }

    /// A line of text before training starts.
    func announce(_ line: String) {
        if mode != .silent { write(line + "\n") }
    }

    private var secondsSoFar: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

    /// Examples trained on so far.
    private func samplesDone(_ trainer: Trainer) -> Int {
        trainer.epoch * trainingCount + min(trainer.batchInEpoch * batchSize, trainingCount)
    }

    /// After a step that did not end an epoch: redraws the live line when it is due.
    mutating func stepFinished(_ trainer: Trainer) {
        guard case .live = mode else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        if now - lastDrawn >= 100_000_000 { drawLive(trainer, now: now) }
    }

    /// After a step that ended an epoch.
    mutating func epochFinished(_ record: EpochRecord, trainer: Trainer) {
        switch mode {
        case .silent:
            return
        case .live:
            let now = DispatchTime.now().uptimeNanoseconds
            if now - lastDrawn >= 100_000_000 || trainer.status.isDone { drawLive(trainer, now: now) }
        case .plain(let every):
            let due = record.epoch == 1 || record.epoch % every == 0 || record.epoch == totalEpochs || trainer.status.isDone
            if due {
                let seconds = secondsSoFar
                let rate = seconds > 0 ? Double(samplesDone(trainer)) / seconds : 0
                write(ProgressFormat.plainLine(record, totalEpochs: totalEpochs, samplesPerSecond: rate) + "\n")
            }
        }
    }

    /// Ends the live line so whatever comes next starts on a line of its own.
    mutating func finish(_ trainer: Trainer) {
        guard case .live = mode else { return }
        if trainer.stepCount != stepAtLastDraw && trainer.stepCount > 0 { drawLive(trainer, now: DispatchTime.now().uptimeNanoseconds) }
        if drewLive { write("\n") }
    }

    private mutating func drawLive(_ trainer: Trainer, now: UInt64) {
        guard case .live(let width, let colors) = mode else { return }
        let seconds = Double(now - start) / 1e9
        let done = samplesDone(trainer)
        let total = totalEpochs * trainingCount
        let rate = seconds > 0 ? Double(done) / seconds : 0
        let snapshot = ProgressSnapshot(
            epoch: min(trainer.epoch + (trainer.status.isDone ? 0 : 1), totalEpochs),
            totalEpochs: totalEpochs,
            fractionDone: total > 0 ? Double(done) / Double(total) : 0,
            loss: trainer.history.last?.trainingLoss ?? (trainer.lastBatchLoss.isNaN && trainer.stepCount == 0 ? nil : trainer.lastBatchLoss),
            validationLoss: trainer.history.last?.validationLoss,
            samplesPerSecond: rate,
            secondsLeft: trainer.status.isDone ? 0 : (rate > 0 ? Double(total - done) / rate : nil)
        )
        let line = ProgressFormat.liveLine(snapshot, width: width, colors: colors)
        let visible = ProgressFormat.visibleWidth(line)
        write("\r" + line + String(repeating: " ", count: max(0, lastWidth - visible)))
        lastWidth = visible
        lastDrawn = now
        stepAtLastDraw = trainer.stepCount
        drewLive = true
    }
}
