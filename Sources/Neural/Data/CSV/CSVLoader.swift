import Foundation

/// Reads a dataset from comma-separated values, one example per line.
///
/// The rules, chosen so that a learner's own spreadsheet export usually just works:
/// - **Header**: optional. A cell is *text* when it is neither empty nor a number. The first non-blank
///   row is a header when one of its text cells sits above a cell that is not text (a number, or empty)
///   in the next non-blank row: `height,label` above `1.5,0`, or `petal,species` above `1.4,setosa`.
///   When every text cell of the first row sits above text, the first row is data: `1.4,setosa` above
///   `1.3,setosa` starts a file without a header. A first row with no row under it is a header when all
///   its cells are text, and data otherwise.
/// - **Features** are numbers: every cell outside the target column and below the header must be a
///   finite number (surrounding spaces and one pair of double quotes are ignored, here and in text
///   cells). Quoted commas are not supported.
/// - **Target**: the last column unless `CSVOptions.targetColumn` says otherwise; all other columns
///   are features, in file order. It holds numbers, or class names as text.
/// - **Blank lines** are skipped; a single trailing comma at the end of a line is ignored. Line
///   numbers in errors count every line of the file, blank ones included.
/// - **Problem** for numeric targets (unless `CSVOptions.problem` says): classification when every target
///   is a whole number, there are between 2 and `maximumClassCount` distinct values and either exactly 2
///   of them or at least two rows per value on average; regression otherwise. The distinct values, in
///   increasing order, become classes 0, 1, …, k−1 and the class names keep the original values (so
///   targets that are already 0…k−1 keep their numbers, and −1/1 become 0/1 named "-1" and "1"). Two
///   classes give binary classification. With a problem given explicitly, targets must already be class
///   indices.
/// - **Class names**: when any target cell is text, every target is a class name, numbers included
///   (`1`, `2` and `other` are three names). The distinct names, sorted by their UTF-8 bytes (the order
///   of scikit-learn's `LabelEncoder`), become classes 0, 1, …, k−1 and the dataset's class names; two
///   give binary classification, more give multiclass. There must be at least 2 of them and at most
///   `maximumClassCount`, or with a classification problem given explicitly at most its number of
///   classes; a regression problem refuses text targets. Names that Swift compares as equal (the same
///   letters, composed or decomposed) are one class, named as first written.
/// - `CSVOptions.classNames` replaces the class names when there are exactly as many as classes.
///
/// Any input at all, even random bytes, gives either a dataset or a `CSVError`.
public enum CSVLoader {
    /// Reads the file at `url`; errors name the file by its last path component.
    public static func load(contentsOf url: URL, options: CSVOptions = CSVOptions()) throws(CSVError) -> Dataset {
        let fileName = url.lastPathComponent
        let data: Data
        do {
            // Only regular files: a FIFO would wait for a writer, a device would never end.
            _ = try RegularFile(path: url.path)
            // Mapped, so the file's bytes cost page cache rather than a second copy in memory.
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch let problem as RegularFile.Problem {
            throw .unreadable(file: url.relativePath, reason: problem.description)
        } catch {
            throw .unreadable(file: url.relativePath, reason: (error as NSError).localizedDescription)
        }
        return try parse(data, fileName: fileName, options: options)
    }

    /// Reads raw bytes as UTF-8 text (invalid sequences become `�`: text, so a feature cell holding one
    /// fails as non-numeric and a target cell holding one is a class name).
    public static func parse(_ data: Data, fileName: String, options: CSVOptions = CSVOptions()) throws(CSVError) -> Dataset {
        // A NUL byte early on means binary data: stop before decoding gigabytes of it as text.
        if let nul = data.prefix(1 << 16).firstIndex(of: 0) {
            throw .notText(file: fileName, line: data[data.startIndex..<nul].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 })
        }
        // Read in place: a mapped file's bytes are decoded one line at a time, never copied whole into a String.
        let result = data.withUnsafeBytes { bytes in
            Result(catching: { () throws(CSVError) -> Dataset in try parse(bytes: bytes, fileName: fileName, options: options) })
        }
        return try result.get()
    }

    /// Reads CSV text; `fileName` is used in error messages and, without an extension, as the default name.
    public static func parse(_ text: String, fileName: String, options: CSVOptions = CSVOptions()) throws(CSVError) -> Dataset {
        var text = text
        let result = text.withUTF8 { utf8 in
            Result(catching: { () throws(CSVError) -> Dataset in
                try parse(bytes: UnsafeRawBufferPointer(utf8), fileName: fileName, options: options)
            })
        }
        return try result.get()
    }

    /// Reads CSV held as UTF-8 bytes, which must stay valid until it returns.
    private static func parse(bytes: UnsafeRawBufferPointer, fileName: String, options: CSVOptions) throws(CSVError) -> Dataset {
        let cells = try readCells(bytes, fileName: fileName, target: options.targetColumn)
        let targetColumn = try resolveTargetColumn(options.targetColumn, header: cells.header, columnCount: cells.columnCount, fileName: fileName)
        let table = try readValues(cells, targetColumn: targetColumn, fileName: fileName)
        let featureNames = cells.header.map { header in table.featureColumns.map { header[$0] } } ?? []
        let name = options.name ?? (fileName as NSString).deletingPathExtension

        let targetPlan = try planTargets(table.targets, lines: table.lines, targetColumn: targetColumn, options: options, fileName: fileName)
        switch targetPlan {
        case .regression(let values):
            let targets = Matrix(rows: values.count, columns: 1, elements: values.map { Float($0) })
            return Dataset(name: name, features: table.features, targets: targets, problem: .regression, featureNames: featureNames)
        case .classes(let labels, let classNames):
            let chosenNames = options.classNames.flatMap { $0.count == classNames.count ? $0 : nil } ?? classNames
            return Dataset.classification(name: name, features: table.features, labels: labels, classCount: classNames.count,
                                          featureNames: featureNames, classNames: chosenNames)
        }
    }

    // MARK: - Reading the cells

    /// The cleaned cells of one row and the line they came from.
    struct CellRow {
        var line: Int
        /// The row's text: cells are split from it when they are read, so a large file keeps one
        /// reference per row rather than one per cell.
        var text: Substring
        var cells: [Substring] { CSVLoader.cells(of: text) }
    }

    /// The cleaned cells of a line; a trailing empty cell (`1,2,`) is dropped.
    static func cells(of line: Substring) -> [Substring] { cellsAndDrop(of: line).cells }

    /// The cleaned cells of a line, and whether a trailing empty cell was dropped.
    static func cellsAndDrop(of line: Substring) -> (cells: [Substring], droppedTrailingEmptyCell: Bool) {
        var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(cleaned)
        let dropped = cells.count > 1 && cells.last == ""
        if dropped { cells.removeLast() }
        return (cells, dropped)
    }

    /// The 1-based column of the first quoted cell that holds a comma, if any.
    static func quotedCommaColumn(_ line: Substring) -> Int? {
        guard line.contains("\"") else { return nil }
        var column = 1, quoted = false, cellStart = true
        for character in line {
            if character == "\"" && (quoted || cellStart) {
                quoted.toggle()
            } else if character == "," {
                if quoted { return column }
                column += 1
                cellStart = true
                continue
            }
            if !character.isWhitespace { cellStart = false }
        }
        return nil
    }

    /// The rows of a file, all of `columnCount` cells, before any is read as a number.
    struct CellTable {
        var header: [String]?
        var columnCount: Int
        /// The whole file as UTF-8 bytes (valid while the file is parsed): rows are read from it again when
        /// their values are read, so no row is kept in memory in between.
        var bytes: UnsafeRawBufferPointer
        /// The line of the first data row, and the line after the last one (the shape error's, or past the end).
        var firstDataLine: Int
        var endLine: Int
        var rowCount: Int
        /// For each column, whether some data row holds text there.
        var textColumns: [Bool]
        /// A row that broke the table's shape: thrown once the cells before it have been checked, so
        /// errors come in file order.
        var shapeError: CSVError?

        /// Each data row, in file order.
        func forEachRow(_ body: (CellRow) throws(CSVError) -> Void) throws(CSVError) {
            try CSVLoader.forEachLine(bytes) { (number, line) throws(CSVError) -> Bool in
                guard number < endLine else { return false }
                if number >= firstDataLine && !line.allSatisfy(\.isWhitespace) { try body(CellRow(line: number, text: line)) }
                return true
            }
        }
    }

    /// Calls `body` with each line and its 1-based number until it returns false. Every newline ends a
    /// line, as Swift's `Character.isNewline` says: "\r\n" (one newline), "\n", a lone "\r", vertical tab,
    /// form feed, U+0085, U+2028 and U+2029. A byte-order mark at the start is dropped. Each line is decoded
    /// from UTF-8 on its own (invalid sequences become `�`), so the file is never held twice.
    static func forEachLine(_ bytes: UnsafeRawBufferPointer, _ body: (Int, Substring) throws(CSVError) -> Bool) throws(CSVError) {
        let count = bytes.count
        var start = count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        var number = 0
        while true {
            var end = start
            var newlineLength = 0
            scan: while end < count {
                switch bytes[end] {
                case 0x0A, 0x0B, 0x0C:
                    newlineLength = 1
                    break scan
                case 0x0D:
                    newlineLength = end + 1 < count && bytes[end + 1] == 0x0A ? 2 : 1
                    break scan
                case 0xC2 where end + 1 < count && bytes[end + 1] == 0x85:
                    newlineLength = 2
                    break scan
                case 0xE2 where end + 2 < count && bytes[end + 1] == 0x80 && (bytes[end + 2] == 0xA8 || bytes[end + 2] == 0xA9):
                    newlineLength = 3
                    break scan
                default:
                    end += 1
                }
            }
            number += 1
            let line = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            guard try body(number, line[...]), end < count else { return }
            start = end + newlineLength
        }
    }

    /// A cell that is neither empty nor a number.
    static func isText(_ cell: Substring) -> Bool {
        !cell.isEmpty && Double(cell) == nil
    }

    /// Checks the shape of every row and finds the header; `target` (when given by position) limits
    /// the search for text cells to the target column.
    static func readCells(_ bytes: UnsafeRawBufferPointer, fileName: String, target: CSVOptions.TargetColumn? = nil) throws(CSVError) -> CellTable {
        var knownColumn: Int?
        var columnCount: Int?
        var firstLine = 0
        var firstRows: [CellRow] = []
        var rowCount = 0
        var endLine = Int.max
        var textColumns: [Bool] = []
        var shapeError: CSVError?
        try forEachLine(bytes) { (lineNumber, line) throws(CSVError) -> Bool in
            if line.allSatisfy(\.isWhitespace) { return true }

            let (cells, droppedTrailingEmptyCell) = Self.cellsAndDrop(of: line)

            guard let expected = columnCount else {
                firstLine = lineNumber
                if let column = quotedCommaColumn(line) { throw .quotedComma(file: fileName, line: lineNumber, column: column) }
                guard cells.count >= 2 else { throw .singleColumn(file: fileName, line: lineNumber) }
                columnCount = cells.count
                textColumns = Array(repeating: false, count: cells.count)
                switch target {
                case .last?: knownColumn = cells.count - 1
                case .index(let index)?: knownColumn = index
                default: break
                }
                firstRows.append(CellRow(line: lineNumber, text: line))
                rowCount = 1
                return true
            }
            if cells.count != expected {
                // "1,2," under a three-column header is a missing last value, not a short row.
                if let column = quotedCommaColumn(line) {
                    shapeError = .quotedComma(file: fileName, line: lineNumber, column: column)
                } else {
                    shapeError = droppedTrailingEmptyCell && cells.count + 1 == expected
                        ? .emptyCell(file: fileName, line: lineNumber, column: expected)
                        : .raggedRow(file: fileName, line: lineNumber, expected: expected, found: cells.count, firstLine: firstLine)
                }
                endLine = lineNumber
                return false
            }
            if firstRows.count < 2 { firstRows.append(CellRow(line: lineNumber, text: line)) }
            // Rows after the first are data whether or not the first is a header.
            // Only the target column's text matters: with the target known by position, only its cell is looked at.
            if let knownColumn, knownColumn < cells.count {
                if !textColumns[knownColumn] && isText(cells[knownColumn]) { textColumns[knownColumn] = true }
            } else {
                for (column, cell) in cells.enumerated() where !textColumns[column] && isText(cell) { textColumns[column] = true }
            }
            rowCount += 1
            return true
        }
        guard let columnCount else { throw .emptyFile(file: fileName) }

        var header: [String]?
        var firstDataLine = firstRows[0].line
        if isHeader(firstRows[0].cells, above: firstRows.count > 1 ? firstRows[1].cells : nil) {
            header = firstRows[0].cells.map(String.init)
            rowCount -= 1
            firstDataLine = firstRows.count > 1 ? firstRows[1].line : endLine
        } else {
            for (column, cell) in firstRows[0].cells.enumerated() where column == knownColumn ?? column && isText(cell) {
                textColumns[column] = true
            }
        }
        if rowCount == 0 { throw shapeError ?? .noDataRows(file: fileName, headerLine: firstLine) }
        return CellTable(header: header, columnCount: columnCount, bytes: bytes, firstDataLine: firstDataLine, endLine: endLine,
                         rowCount: rowCount, textColumns: textColumns, shapeError: shapeError)
    }

    /// Whether the first row is a header, given the row under it (if any): see the rules above.
    static func isHeader(_ first: [Substring], above second: [Substring]?) -> Bool {
        guard let second else {
            return first.contains(where: isText) && first.allSatisfy { $0.isEmpty || isText($0) }
        }
        return zip(first, second).contains { isText($0) && !isText($1) }
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

    // MARK: - Reading the values

    /// What the target column holds.
    enum Targets: Equatable {
        case numbers([Double])
        /// Class names; at least one is not a number.
        case texts([String])
    }

    /// The features as numbers and the targets, with the line of every row.
    struct Table {
        var featureColumns: [Int]
        var features: Matrix
        var targets: Targets
        var lines: [Int]
    }

    static func readValues(_ table: CellTable, targetColumn: Int, fileName: String) throws(CSVError) -> Table {
        let featureColumns = (0..<table.columnCount).filter { $0 != targetColumn }
        let textTargets = table.textColumns[targetColumn]
        var features = [Float]()
        features.reserveCapacity(table.rowCount * featureColumns.count)
        var numbers = [Double]()
        var texts = [String]()
        if textTargets { texts.reserveCapacity(table.rowCount) } else { numbers.reserveCapacity(table.rowCount) }
        var lines = [Int]()
        lines.reserveCapacity(table.rowCount)
        // Cell by cell in file order, so the first error reported is the first in the file.
        try table.forEachRow { (row) throws(CSVError) in
            for (index, cell) in row.cells.enumerated() {
                if cell.isEmpty { throw .emptyCell(file: fileName, line: row.line, column: index + 1) }
                if index == targetColumn && textTargets {
                    texts.append(String(cell))
                    continue
                }
                guard let value = Double(cell) else {
                    throw .nonNumericCell(file: fileName, line: row.line, column: index + 1, text: String(cell))
                }
                // Features become Floats, so a value beyond Float's range would turn into infinity.
                guard value.isFinite, abs(value) <= Double(Float.greatestFiniteMagnitude) else {
                    throw .notFinite(file: fileName, line: row.line, column: index + 1, text: String(cell))
                }
                if index == targetColumn { numbers.append(value) } else { features.append(Float(value)) }
            }
            lines.append(row.line)
        }
        if let shapeError = table.shapeError { throw shapeError }
        return Table(featureColumns: featureColumns,
                     features: Matrix(rows: table.rowCount, columns: featureColumns.count, elements: features),
                     targets: textTargets ? .texts(texts) : .numbers(numbers), lines: lines)
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
        case regression([Double])
        case classes(labels: [Int], classNames: [String])
    }

    /// Whole numbers up to 2²⁴ are exact in a `Float` and safe to convert to `Int`.
    private static func isWholeNumber(_ value: Double) -> Bool {
        value == value.rounded() && abs(value) <= 16_777_216
    }

    static func planTargets(
        _ targets: Targets, lines: [Int], targetColumn: Int, options: CSVOptions, fileName: String
    ) throws(CSVError) -> TargetPlan {
        switch targets {
        case .numbers(let values):
            return try numberPlan(values, lines: lines, targetColumn: targetColumn, options: options, fileName: fileName)
        case .texts(let texts):
            return try textPlan(texts, lines: lines, targetColumn: targetColumn, options: options, fileName: fileName)
        }
    }

    /// Numbers as targets: values for regression, or class indices.
    private static func numberPlan(
        _ values: [Double], lines: [Int], targetColumn: Int, options: CSVOptions, fileName: String
    ) throws(CSVError) -> TargetPlan {
        switch options.problem {
        case .regression:
            return .regression(values)
        case .binaryClassification:
            return try .classes(labels: checkedLabels(values, classCount: 2, problem: .binaryClassification,
                                                      lines: lines, targetColumn: targetColumn, fileName: fileName),
                                classNames: ["0", "1"])
        case .multiclassClassification(let classCount):
            let problem = Problem.multiclassClassification(classCount: classCount)
            guard classCount >= 2 else { throw .invalidTask(file: fileName, problem: problem) }
            return try .classes(labels: checkedLabels(values, classCount: classCount, problem: problem,
                                                      lines: lines, targetColumn: targetColumn, fileName: fileName),
                                classNames: (0..<classCount).map(String.init))
        case nil:
            return inferredPlan(values, maximumClassCount: options.maximumClassCount)
        }
    }

    private static func checkedLabels(
        _ values: [Double], classCount: Int, problem: Problem, lines: [Int], targetColumn: Int, fileName: String
    ) throws(CSVError) -> [Int] {
        var labels = [Int]()
        labels.reserveCapacity(values.count)
        for (line, value) in zip(lines, values) {
            guard isWholeNumber(value), value >= 0, Int(value) < classCount else {
                throw .invalidLabel(file: fileName, line: line, column: targetColumn + 1, value: value, problem: problem)
            }
            labels.append(Int(value))
        }
        return labels
    }

    private static func inferredPlan(_ values: [Double], maximumClassCount: Int) -> TargetPlan {
        guard values.allSatisfy(isWholeNumber) else { return .regression(values) }
        let distinct = Set(values).sorted()
        let enoughRowsPerClass = distinct.count == 2 || distinct.count * 2 <= values.count
        guard distinct.count >= 2, distinct.count <= maximumClassCount, enoughRowsPerClass else { return .regression(values) }
        let indexOfValue = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
        return .classes(labels: values.map { indexOfValue[$0] ?? 0 },
                        classNames: distinct.map { CSVError.formatted($0) })
    }

    /// Class names as targets: the distinct texts, sorted by their UTF-8 bytes, are the classes.
    private static func textPlan(
        _ texts: [String], lines: [Int], targetColumn: Int, options: CSVOptions, fileName: String
    ) throws(CSVError) -> TargetPlan {
        let column = targetColumn + 1
        // The first cell that is not a number, which is what made the column text.
        let firstText = texts.firstIndex { Double($0) == nil } ?? 0
        let line = firstText < lines.count ? lines[firstText] : 0
        let example = firstText < texts.count ? texts[firstText] : ""

        // Distinct names in the order they first appear, then ranked by their bytes.
        var indexOfName = [String: Int]()
        var names = [String]()
        var nameIndices = [Int]()
        nameIndices.reserveCapacity(texts.count)
        for text in texts {
            if let index = indexOfName[text] {
                nameIndices.append(index)
            } else {
                indexOfName[text] = names.count
                nameIndices.append(names.count)
                names.append(text)
            }
        }
        let order = names.indices.sorted { names[$0].utf8.lexicographicallyPrecedes(names[$1].utf8) }
        var classOfName = [Int](repeating: 0, count: names.count)
        for (rank, index) in order.enumerated() { classOfName[index] = rank }
        let labels = nameIndices.map { classOfName[$0] }
        let sortedNames = order.map { names[$0] }

        let classCount: Int
        switch options.problem {
        case .regression:
            throw .textTargetInRegression(file: fileName, line: line, column: column, text: example)
        case nil:
            guard sortedNames.count <= options.maximumClassCount else {
                throw .tooManyClassNames(file: fileName, line: line, column: column, text: example,
                                         count: sortedNames.count, maximum: options.maximumClassCount)
            }
            classCount = sortedNames.count
        case .some(let problem):
            guard problem.classCount >= 2 else { throw .invalidTask(file: fileName, problem: problem) }
            guard sortedNames.count <= problem.classCount else {
                throw .moreClassNamesThanClasses(file: fileName, column: column, names: sortedNames, problem: problem)
            }
            classCount = problem.classCount
        }
        guard sortedNames.count >= 2 else {
            throw .singleClassName(file: fileName, column: column, name: sortedNames.first ?? "")
        }
        // With more classes asked for than named, the rest keep the default names.
        let classNames = sortedNames + (sortedNames.count..<classCount).map { "class \($0)" }
        return .classes(labels: labels, classNames: classNames)
    }
}
