import Foundation
import Neural

/// The `--log` file: a CSV with one row per epoch, written as each epoch ends so it can be watched while
/// training runs (`tail -f`) and read by any spreadsheet or `pandas.read_csv`.
///
/// Losses and accuracies are written with every digit a `Float` holds; a value the epoch did not measure
/// (no validation set, a regression's accuracy) is an empty cell.
final class EpochLog {
    static let header = "epoch,train_loss,val_loss,train_accuracy,val_accuracy,seconds"

    /// One epoch as a CSV row.
    static func row(_ record: EpochRecord) -> String {
        func cell(_ value: Float?) -> String { value.map { "\($0)" } ?? "" }
        return [String(record.epoch), cell(record.trainingLoss), cell(record.validationLoss),
                cell(record.trainingAccuracy), cell(record.validationAccuracy),
                String(format: "%.6f", record.seconds)].joined(separator: ",")
    }

    private let handle: FileHandle
    private let path: String

    /// Creates (or empties) the file at `path` and writes the header.
    init(path: String) throws(TrainError) {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: Data((Self.header + "\n").utf8)),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw .cannotWrite("\(path): the log cannot be created: check that its folder exists and is writable")
        }
        self.handle = handle
        _ = try? handle.seekToEnd()
    }

    deinit {
        try? handle.close()
    }

    /// Adds one epoch's row.
    func append(_ record: EpochRecord) throws(TrainError) {
        do {
            try handle.write(contentsOf: Data((Self.row(record) + "\n").utf8))
        } catch {
            throw .cannotWrite("\(path): the log could not be written (\(error.localizedDescription)): check the disk space")
        }
    }
}
