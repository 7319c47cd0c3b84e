import Foundation

/// Reads a dataset from comma-separated numbers, one example per line.
///
/// The rules, chosen so that a learner's own spreadsheet export usually just works:
/// - **Header**: optional. The first non-blank row is a header when any of its cells is not a number.
/// - **Numbers only**: every other cell must be a finite number (surrounding spaces and one pair of
///   double quotes are ignored). Quoted commas are not supported.
/// - **Target**: the last column unless `CSVOptions.targetColumn` says otherwise; all other columns
///   are features, in file order.
/// - **Blank lines** are skipped; a single trailing comma at the end of a line is ignored. Line
///   numbers in errors count every line of the file, blank ones included.
/// - **Problem** (unless `CSVOptions.problem` says): classification when every target is a whole number,
///   there are between 2 and `maximumClassCount` distinct values and either exactly 2 of them or at
///   least two rows per value on average; regression otherwise. The distinct values, in increasing
///   order, become classes 0, 1, …, k−1 and the class names keep the original values (so targets that
///   are already 0…k−1 keep their numbers, and −1/1 become 0/1 named "-1" and "1"). Two classes give
///   binary classification. With a problem given explicitly, targets must already be class indices.
///
/// Any input at all, even random bytes, gives either a dataset or a `CSVError`.
public enum CSVLoader {
    /// Reads the file at `url`; errors name the file by its last path component.
    public static func load(contentsOf url: URL, options: CSVOptions = CSVOptions()) throws(CSVError) -> Dataset {
        let fileName = url.lastPathComponent
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(file: fileName, reason: (error as NSError).localizedDescription)
        }
        return try parse(data, fileName: fileName, options: options)
    }

    /// Reads raw bytes as UTF-8 text (invalid sequences become `�`, then fail as non-numeric cells).
    public static func parse(_ data: Data, fileName: String, options: CSVOptions = CSVOptions()) throws(CSVError) -> Dataset {
        try parse(String(decoding: data, as: UTF8.self), fileName: fileName, options: options)
    }

    /// Reads CSV text; `fileName` is used in error messages and, without an extension, as the default name.
    public static func parse(_ text: String, fileName: String, options: CSVOptions = CSVOptions()) throws(CSVError) -> Dataset {
        let table = try readTable(text, fileName: fileName)
        let columnCount = table.columnCount
        let targetColumn = try resolveTargetColumn(options.targetColumn, header: table.header, columnCount: columnCount, fileName: fileName)
        let featureColumns = (0..<columnCount).filter { $0 != targetColumn }

        var features = [Float]()
        features.reserveCapacity(table.rows.count * featureColumns.count)
        var targetValues = [Double]()
        targetValues.reserveCapacity(table.rows.count)
        for row in table.rows {
            for column in featureColumns { features.append(Float(row.values[column])) }
            targetValues.append(row.values[targetColumn])
        }
        let featureMatrix = Matrix(rows: table.rows.count, columns: featureColumns.count, elements: features)
        let featureNames = table.header.map { header in featureColumns.map { header[$0] } } ?? []
        let name = options.name ?? (fileName as NSString).deletingPathExtension

        let targetPlan = try planTargets(targetValues, rows: table.rows, targetColumn: targetColumn, options: options, fileName: fileName)
        switch targetPlan {
        case .regression:
            let targets = Matrix(rows: targetValues.count, columns: 1, elements: targetValues.map { Float($0) })
            return Dataset(name: name, features: featureMatrix, targets: targets, problem: .regression, featureNames: featureNames)
        case .classes(let labels, let classNames):
            let chosenNames = options.classNames.flatMap { $0.count == classNames.count ? $0 : nil } ?? classNames
            return Dataset.classification(name: name, features: featureMatrix, labels: labels, classCount: classNames.count,
                                          featureNames: featureNames, classNames: chosenNames)
        }
    }

    // MARK: - Reading the table

    /// One row of numbers and the line it came from.
    struct Row {
        var line: Int
        var values: [Double]
    }

    /// The cells of a file: an optional header and rows of numbers of equal length.
    struct Table {
        var header: [String]?
        var columnCount: Int
        var rows: [Row]
    }

    static func readTable(_ text: String, fileName: String) throws(CSVError) -> Table {
        var header: [String]?
        var columnCount: Int?
        var firstLine = 0
        var rows: [Row] = []
        var lineNumber = 0
        // Splitting on every newline character also splits "\r\n" (one Character in Swift) and lone "\r".
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            var line = Substring(rawLine)
            if lineNumber == 1, line.first == "\u{FEFF}" { line = line.dropFirst() }  // a byte-order mark
            if line.allSatisfy(\.isWhitespace) { continue }

            var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(cleaned)
            let droppedTrailingEmptyCell = cells.count > 1 && cells.last == ""
            if droppedTrailingEmptyCell { cells.removeLast() }

            guard let expected = columnCount else {
                // The first non-blank row: a header if any cell is text, else the first data row.
                firstLine = lineNumber
                guard cells.count >= 2 else { throw .singleColumn(file: fileName, line: lineNumber) }
                columnCount = cells.count
                if cells.contains(where: { !$0.isEmpty && Double($0) == nil }) {
                    header = cells.map(String.init)
                } else {
                    rows.append(try numbers(in: cells, line: lineNumber, fileName: fileName))
                }
                continue
            }
            if cells.count != expected {
                // "1,2," under a three-column header is a missing last value, not a short row.
                if droppedTrailingEmptyCell && cells.count + 1 == expected {
                    throw .emptyCell(file: fileName, line: lineNumber, column: expected)
                }
                throw .raggedRow(file: fileName, line: lineNumber, expected: expected, found: cells.count, firstLine: firstLine)
            }
            rows.append(try numbers(in: cells, line: lineNumber, fileName: fileName))
        }
        guard let columnCount else { throw .emptyFile(file: fileName) }
        if rows.isEmpty { throw .noDataRows(file: fileName, headerLine: firstLine) }
        return Table(header: header, columnCount: columnCount, rows: rows)
    }

    /// The cell without surrounding whitespace and one pair of surrounding double quotes.
    private static func cleaned(_ cell: Substring) -> Substring {
        var trimmed = cell.drop(while: \.isWhitespace)
        while let last = trimmed.last, last.isWhitespace { trimmed = trimmed.dropLast() }
        if trimmed.count >= 2, trimmed.first == "\"", trimmed.last == "\"" {
            trimmed = trimmed.dropFirst().dropLast()
        }
        return trimmed
    }

    private static func numbers(in cells: [Substring], line: Int, fileName: String) throws(CSVError) -> Row {
        var values = [Double]()
        values.reserveCapacity(cells.count)
        for (index, cell) in cells.enumerated() {
            if cell.isEmpty { throw .emptyCell(file: fileName, line: line, column: index + 1) }
            guard let value = Double(cell) else {
                throw .nonNumericCell(file: fileName, line: line, column: index + 1, text: String(cell))
            }
            // Features become Floats, so a value beyond Float's range would turn into infinity.
            guard value.isFinite, abs(value) <= Double(Float.greatestFiniteMagnitude) else {
                throw .notFinite(file: fileName, line: line, column: index + 1, text: String(cell))
            }
            values.append(value)
        }
        return Row(line: line, values: values)
    }

    private static func resolveTargetColumn(
        _ choice: CSVOptions.TargetColumn, header: [String]?, columnCount: Int, fileName: String
    ) throws(CSVError) -> Int {
        switch choice {
        case .last:
            return columnCount - 1
        case .index(let index):
            guard index >= 0 && index < columnCount else {
                throw .targetIndexOutOfRange(file: fileName, index: index, columnCount: columnCount)
            }
            return index
        case .name(let name):
            guard let header else { throw .targetNameWithoutHeader(file: fileName, name: name) }
            if let exact = header.firstIndex(of: name) { return exact }
            let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
            if let loose = header.firstIndex(where: { $0.lowercased() == wanted }) { return loose }
            throw .unknownTargetName(file: fileName, name: name, available: header)
        }
    }

    // MARK: - Deciding the problem

    enum TargetPlan: Equatable {
        case regression
        case classes(labels: [Int], classNames: [String])
    }

    /// Whole numbers up to 2²⁴ are exact in a `Float` and safe to convert to `Int`.
    private static func isWholeNumber(_ value: Double) -> Bool {
        value == value.rounded() && abs(value) <= 16_777_216
    }

    static func planTargets(
        _ values: [Double], rows: [Row], targetColumn: Int, options: CSVOptions, fileName: String
    ) throws(CSVError) -> TargetPlan {
        switch options.problem {
        case .regression:
            return .regression
        case .binaryClassification:
            return try .classes(labels: checkedLabels(values, classCount: 2, problem: .binaryClassification,
                                                      rows: rows, targetColumn: targetColumn, fileName: fileName),
                                classNames: ["0", "1"])
        case .multiclassClassification(let classCount):
            let problem = Problem.multiclassClassification(classCount: classCount)
            guard classCount >= 2 else { throw .invalidTask(file: fileName, problem: problem) }
            return try .classes(labels: checkedLabels(values, classCount: classCount, problem: problem,
                                                      rows: rows, targetColumn: targetColumn, fileName: fileName),
                                classNames: (0..<classCount).map(String.init))
        case nil:
            return inferredPlan(values, maximumClassCount: options.maximumClassCount)
        }
    }

    private static func checkedLabels(
        _ values: [Double], classCount: Int, problem: Problem, rows: [Row], targetColumn: Int, fileName: String
    ) throws(CSVError) -> [Int] {
        var labels = [Int]()
        labels.reserveCapacity(values.count)
        for (row, value) in zip(rows, values) {
            guard isWholeNumber(value), value >= 0, Int(value) < classCount else {
                throw .invalidLabel(file: fileName, line: row.line, column: targetColumn + 1, value: value, problem: problem)
            }
            labels.append(Int(value))
        }
        return labels
    }

    private static func inferredPlan(_ values: [Double], maximumClassCount: Int) -> TargetPlan {
        guard values.allSatisfy(isWholeNumber) else { return .regression }
        let distinct = Set(values).sorted()
        let enoughRowsPerClass = distinct.count == 2 || distinct.count * 2 <= values.count
        guard distinct.count >= 2, distinct.count <= maximumClassCount, enoughRowsPerClass else { return .regression }
        let indexOfValue = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
        return .classes(labels: values.map { indexOfValue[$0] ?? 0 },
                        classNames: distinct.map { CSVError.formatted($0) })
    }
}
