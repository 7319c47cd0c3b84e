import Foundation
import Neural

/// Where training stands, in the numbers a progress line shows.
struct ProgressSnapshot: Equatable {
    /// The epoch under way, counting from 1 (the last one once all are done).
    var epoch: Int
    var totalEpochs: Int
    /// The share of all steps done, 0…1.
    var fractionDone: Double
    /// The latest training loss: the last epoch's mean, or the last batch's during the first epoch.
    var loss: Float?
    var validationLoss: Float?
    var samplesPerSecond: Double
    /// The time left at the current speed; `nil` before there is a speed to go by.
    var secondsLeft: Double?
}

/// Progress lines as pure functions of numbers: the live line a terminal redraws in place, and the plain
/// line written once per epoch everywhere else.
enum ProgressFormat {
    static let colorStart = "\u{1B}[32m"
    static let colorEnd = "\u{1B}[0m"

    /// A loss with four decimals, or in scientific notation when that would hide its digits: `0.4321`,
    /// `1.235e-05`, `nan`.
    static func loss(_ value: Float) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        let magnitude = abs(value)
        if magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5) { return String(format: "%.3e", Double(value)) }
        return String(format: "%.4f", Double(value))
    }

    /// An accuracy or other share with three decimals: `0.875`.
    static func share(_ value: Float) -> String {
        value.isFinite ? String(format: "%.3f", Double(value)) : "nan"
    }

    /// A speed with a k or M suffix and about three digits: `950`, `12.3k`, `1.25M`.
    static func rate(_ perSecond: Double) -> String {
        guard perSecond.isFinite, perSecond >= 0 else { return "?" }
        switch perSecond {
        case ..<1_000: return String(format: "%.0f", perSecond)
        case ..<10_000: return String(format: "%.2fk", perSecond / 1_000)
        case ..<1_000_000: return String(format: "%.1fk", perSecond / 1_000)
        default: return String(format: "%.2fM", perSecond / 1_000_000)
        }
    }

    /// Minutes and seconds, with hours when needed: `0:03`, `12:40`, `1:02:03`; `?:??` when unknown.
    static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite, seconds >= 0, seconds < 360_000_000 else { return "?:??" }
        let whole = Int(seconds.rounded(.up))
        let hours = whole / 3600, minutes = whole / 60 % 60, rest = whole % 60
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, rest) : String(format: "%d:%02d", minutes, rest)
    }

    /// `epoch  12/100  loss 0.4321  val_loss 0.4567  accuracy 0.875  val_accuracy 0.850  1.2k samples/s`.
    /// Plain text only: no carriage returns, no escape codes.
    static func plainLine(_ record: EpochRecord, totalEpochs: Int, samplesPerSecond: Double) -> String {
        let digits = String(totalEpochs).count
        let epoch = String(repeating: " ", count: max(0, digits - String(record.epoch).count)) + String(record.epoch)
        var parts = ["epoch \(epoch)/\(totalEpochs)", "loss \(loss(record.trainingLoss))"]
        if let validationLoss = record.validationLoss { parts.append("val_loss \(loss(validationLoss))") }
        if let accuracy = record.trainingAccuracy { parts.append("accuracy \(share(accuracy))") }
        if let validationAccuracy = record.validationAccuracy { parts.append("val_accuracy \(share(validationAccuracy))") }
        parts.append("\(rate(samplesPerSecond)) samples/s")
        return parts.joined(separator: "  ")
    }

    /// `[████████░░░░░░░░]  12/100  loss 0.4321  val_loss 0.4567  1.2k samples/s  ETA 0:03`, at most
    /// `width − 1` columns wide (so the terminal never wraps it); the bar is dropped when there is no room.
    /// With `colors` the filled part of the bar is green.
    static func liveLine(_ snapshot: ProgressSnapshot, width: Int, colors: Bool) -> String {
        var parts = ["\(snapshot.epoch)/\(snapshot.totalEpochs)"]
        if let value = snapshot.loss { parts.append("loss \(loss(value))") }
        if let value = snapshot.validationLoss { parts.append("val_loss \(loss(value))") }
        parts.append("\(rate(snapshot.samplesPerSecond)) samples/s")
        parts.append("ETA \(duration(snapshot.secondsLeft))")
        let text = parts.joined(separator: "  ")

        let room = width - 1
        let barWidth = min(30, room - text.count - 4)
        guard barWidth >= 5 else { return String(text.prefix(max(room, 0))) }
        let done = max(0, min(1, snapshot.fractionDone.isFinite ? snapshot.fractionDone : 0))
        let filled = Int((done * Double(barWidth)).rounded(.down))
        let full = String(repeating: "█", count: filled), empty = String(repeating: "░", count: barWidth - filled)
        let bar = colors ? colorStart + full + colorEnd + empty : full + empty
        return "[\(bar)]  \(text)"
    }

    /// How many columns `line` takes on screen: its characters without colour codes.
    static func visibleWidth(_ line: String) -> Int {
        line.replacingOccurrences(of: colorStart, with: "").replacingOccurrences(of: colorEnd, with: "").count
    }
}
