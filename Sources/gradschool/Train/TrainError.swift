import Foundation
import Neural

/// Why `gradschool train` stopped without finishing, each case with the exit status a script can test.
///
/// Statuses follow BSD's sysexits.h: 64 usage, 65 data, 66 no input, 73 cannot create, 74 output error; a run that
/// diverged gets 75 ("temporary failure": the same command with a lower learning rate may well work).
enum TrainError: Error, Equatable, CustomStringConvertible {
    /// The options do not make sense together or with the data (exit 64).
    case usage(String)
    /// The data file or model file is malformed, or the two do not fit each other (exit 65).
    case badInput(String)
    /// A file to read does not exist or cannot be opened (exit 66).
    case missingFile(String)
    /// The model or the log cannot be written (exit 73).
    case cannotWrite(String)
    /// The loss became NaN or infinite (exit 75).
    case diverged(Divergence)
    /// The loss became NaN or infinite because an L1 or L2 penalty far too large for the learning rate
    /// overwhelmed it (exit 75): lowering the learning rate would not be the fix.
    case penaltyDiverged(Divergence, option: String, value: Float)
    /// The results could not be written to standard output (exit 74).
    case outputFailed(String)

    static let usageStatus: Int32 = 64
    static let badInputStatus: Int32 = 65
    static let missingFileStatus: Int32 = 66
    static let cannotWriteStatus: Int32 = 73
    static let divergedStatus: Int32 = 75
    static let outputFailedStatus: Int32 = 74

    var exitStatus: Int32 {
        switch self {
        case .usage: Self.usageStatus
        case .badInput: Self.badInputStatus
        case .missingFile: Self.missingFileStatus
        case .cannotWrite: Self.cannotWriteStatus
        case .diverged, .penaltyDiverged: Self.divergedStatus
        case .outputFailed: Self.outputFailedStatus
        }
    }

    var description: String {
        switch self {
        case .usage(let message), .badInput(let message), .missingFile(let message), .cannotWrite(let message),
             .outputFailed(let message):
            message
        case .diverged(let divergence):
            Self.divergenceSentence(divergence)
        case .penaltyDiverged(let divergence, let option, let value):
            "diverged at epoch \(divergence.epoch) (loss = \(divergence.loss.isNaN ? "nan" : "\(divergence.loss)")) with \(option) "
                + "\(String(format: "%g", Double(value))): a penalty that large overwhelms the loss whatever the learning rate; "
                + "use a small \(option), such as \(option) 0.001"
        }
    }

    /// "diverged at epoch 12 (loss = nan) with lr 3.0: try a lower learning rate, such as --lr 0.3".
    static func divergenceSentence(_ divergence: Divergence) -> String {
        let loss = divergence.loss.isNaN ? "nan" : "\(divergence.loss)"
        return "diverged at epoch \(divergence.epoch) (loss = \(loss)) with lr \(divergence.learningRate): "
            + "try a lower learning rate, such as --lr \(String(format: "%g", Double(divergence.suggestedLearningRate)))"
    }
}
