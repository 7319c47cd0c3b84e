import ArgumentParser
import Foundation
import Neural
import PredictionService

/// `gradschool predict MODEL --data FILE.csv`: the model's predictions for every row of a CSV file.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Write a saved model's predictions for every row of a CSV file.",
        discussion: """
        The CSV holds the model's features in its columns, in the order it was trained on, optionally \
        followed by the target column (which is then used to report accuracy or error, never to predict). \
        The output is CSV, one line per data row: for a classifier the class and each class's probability, \
        for regression the outputs.

        Examples:
          gradschool predict iris.safetensors --data iris.csv
          gradschool predict iris.safetensors --data new-flowers.csv --output predictions.csv

        An existing --output file is never replaced unless --force is given, and never when it is the \
        --data file or the model.

        Exit status: 0 done, 64 bad usage, 65 bad data or model file, 66 missing file, 73 cannot write.
        """
    )

    @Argument(help: ArgumentHelp("The model file, saved with gradschool train --save.", valueName: "model.safetensors"))
    var model: String

    @Option(name: .customLong("data"), help: ArgumentHelp("The CSV file of rows to predict.", valueName: "file.csv"))
    var dataFile: String

    @Option(help: ArgumentHelp("Where to write the predictions (standard output if not given).", valueName: "file.csv"))
    var output: String?

    @Flag(help: "Replace the --output file if it exists.")
    var force = false

    mutating func run() throws {
        do {
            try predict()
        } catch {
            let usage = if case .usage = error { "\n  See 'gradschool predict --help' for more information." } else { "" }
            StandardError.write("Error: \(error.description)\(usage)\n")
            throw ExitCode(error.exitStatus)
        }
    }

    private func predict() throws(ServeError) {
        let target = try output.map { (path: String) throws(ServeError) -> String in try checkOutput(path) }
        let saved = try ModelLoading.read(model)
        let service = PredictionService(model: saved)
        let data = try PredictionData.load(dataFile, featureCount: service.featureCount)
        let predictions: [Prediction]
        do {
            predictions = try service.predict(rows: data.rows)
        } catch {
            throw .badInput("the model in \(model) could not scale the rows of \(dataFile): \(error.description)")
        }
        let text = PredictionTable.csv(predictions, reading: service.reading)
        if let target {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: target), options: .atomic)
            } catch {
                throw .cannotWrite("--output \(target) could not be written (\(error.localizedDescription)): choose another path")
            }
            StandardError.write("Wrote \(predictions.count) predictions to \(target).\n")
        } else {
            StandardOutput.write(text)
        }
        if let summary = PredictionTable.summary(predictions, data: data, reading: service.reading, fileName: dataFile) {
            StandardError.write(summary + "\n")
        }
    }

    /// The path to write: refused when it exists without --force, when it is the data or the model file,
    /// when it is not a regular file, or when its folder is missing.
    private func checkOutput(_ path: String) throws(ServeError) -> String {
        var status = stat()
        if stat(path, &status) == 0 {
            let kind = status.st_mode & S_IFMT
            guard kind == S_IFREG else {
                throw .cannotWrite("--output \(path) is not a regular file (a folder or a device): give a file name such as predictions.csv")
            }
            for (input, name) in [(dataFile, "the --data file"), (model, "the model file")] {
                var inputStatus = stat()
                if stat(input, &inputStatus) == 0, inputStatus.st_dev == status.st_dev, inputStatus.st_ino == status.st_ino {
                    throw .cannotWrite("--output \(path) is also \(name): writing it would replace that file; give --output another file name")
                }
            }
            guard force else {
                throw .cannotWrite("--output \(path) already exists: add --force to replace it, or give another file name")
            }
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw .cannotWrite("--output \(path): the folder \(folder) does not exist: create it first or choose another path")
        }
        return path
    }
}
