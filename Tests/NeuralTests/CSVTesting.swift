import Testing
@testable import Neural

/// Parsing helpers shared by the CSV test suites: every file is called `data.csv` in messages.
protocol CSVTesting {}

extension CSVTesting {
    func parse(_ text: String, _ options: CSVOptions = CSVOptions()) throws(CSVError) -> Dataset {
        try CSVLoader.parse(text, fileName: "data.csv", options: options)
    }

    /// The error thrown for `text`, or nil when it loads.
    func error(_ text: String, _ options: CSVOptions = CSVOptions()) -> CSVError? {
        do {
            _ = try parse(text, options)
            return nil
        } catch {
            return error
        }
    }
}
