import Foundation
import Neural

/// The rows of a CSV file to predict, and their targets when the file has a target column.
struct PredictionData {
    var rows: [[Float]]
    /// The target class name of each row, when the file's last column holds classes.
    var classNames: [String]?
    /// The target value of each row, when the file's last column holds numbers read as regression targets.
    var values: [Float]?

    /// Reads `path` for a model of `featureCount` inputs: the file has either exactly that many columns, or
    /// one more, the target, last. The CSV loader's sentences (file, line, problem) pass through.
    static func load(_ path: String, featureCount: Int) throws(ServeError) -> PredictionData {
        let url = URL(fileURLWithPath: path)
        let first = try read(url, options: CSVOptions(), path: path)
        let columns = first.features.columns
        if columns == featureCount {
            let features = first.features
            let rows = (0..<features.rows).map { row in (0..<columns).map { features[row, $0] } }
            if first.problem == .regression {
                return PredictionData(rows: rows, values: (0..<first.targets.rows).map { first.targets[$0, 0] })
            }
            return PredictionData(rows: rows, classNames: first.labels.map { first.classNames[$0] })
        }
        guard columns + 1 == featureCount else {
            throw .badInput("\(path) has \(columns + 1) columns but the model takes \(featureCount) features: give "
                            + "\(featureCount) number columns, in the order the model was trained on, optionally followed by the target column")
        }
        // Every column is a feature: read the last one as plain numbers and put it back beside the others.
        let all = try read(url, options: CSVOptions(problem: .regression), path: path)
        let rows = (0..<all.features.rows).map { row in
            (0..<all.features.columns).map { all.features[row, $0] } + [all.targets[row, 0]]
        }
        return PredictionData(rows: rows)
    }

    private static func read(_ url: URL, options: CSVOptions, path: String) throws(ServeError) -> Dataset {
        do {
            return try CSVLoader.load(contentsOf: url, options: options)
        } catch {
            if case .unreadable = error { throw .missingFile(error.description) }
            throw .badInput(error.description)
        }
    }
}
