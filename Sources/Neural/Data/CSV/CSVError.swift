/// Why a CSV file could not be read as a dataset. Every message starts with `file:line:column:` where
/// they are known (counting from 1, as editors do) and ends with what to do about it.
public enum CSVError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(file: String, reason: String)
    /// The file holds no rows at all (or only blank lines).
    case emptyFile(file: String)
    /// The file has a header row but no rows of numbers under it.
    case noDataRows(file: String, headerLine: Int)
    /// The rows have a single column, so there is nothing left for features once the target is taken.
    case singleColumn(file: String, line: Int)
    /// A row has a different number of cells than the first row.
    case raggedRow(file: String, line: Int, expected: Int, found: Int, firstLine: Int)
    /// A quoted cell holds a comma, which this reader would split into two cells.
    case quotedComma(file: String, line: Int, column: Int)
    /// The file holds a NUL byte: it is binary data, not comma-separated text.
    case notText(file: String, line: Int)
    /// A feature cell holds text: only the target column may hold text (class names).
    case nonNumericCell(file: String, line: Int, column: Int, text: String)
    /// A cell is empty: a missing value.
    case emptyCell(file: String, line: Int, column: Int)
    /// A cell holds NaN or infinity, or a number too large for a `Float`.
    case notFinite(file: String, line: Int, column: Int, text: String)
    /// The requested target column name is not in the header.
    case unknownTargetName(file: String, name: String, available: [String])
    /// A target column was requested by name, but the file has no header row.
    case targetNameWithoutHeader(file: String, name: String)
    /// The requested target column index is outside the row.
    case targetIndexOutOfRange(file: String, index: Int, columnCount: Int)
    /// A target does not fit the requested problem (not 0/1 for binary, not a class index for multiclass).
    case invalidLabel(file: String, line: Int, column: Int, value: Double, problem: Problem)
    /// The requested problem itself is impossible, such as a classification into fewer than two classes.
    case invalidTask(file: String, problem: Problem)
    /// The target column holds text (class names), but the requested problem is regression; `text` is
    /// the first target that is not a number.
    case textTargetInRegression(file: String, line: Int, column: Int, text: String)
    /// Every target names the same class, and a classification needs at least two.
    case singleClassName(file: String, column: Int, name: String)
    /// The target column holds text and more distinct values than `CSVOptions.maximumClassCount`: most
    /// likely an id or name column rather than a class. `text` is the first target that is not a number.
    case tooManyClassNames(file: String, line: Int, column: Int, text: String, count: Int, maximum: Int)
    /// The target column names more classes than the requested classification has; `names` are all of them, sorted.
    case moreClassNamesThanClasses(file: String, column: Int, names: [String], problem: Problem)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot be read (\(reason)): check that the path is right and the file is readable"
        case .emptyFile(let file):
            return "\(file): the file is empty: a dataset needs rows of comma-separated numbers, the target (a number or a class name) last"
        case .noDataRows(let file, let headerLine):
            return "\(file):\(headerLine): there is a header row but no rows of numbers under it: add the data rows"
        case .singleColumn(let file, let line):
            return "\(file):\(line): the rows have only one column: a dataset needs at least one feature column and a target column, separated by commas"
        case .raggedRow(let file, let line, let expected, let found, let firstLine):
            // The column where the row stops matching: the first missing cell, or the first extra one.
            let column = min(found, expected) + 1
            let change = found < expected ? "cell \(column) is missing" : "cell \(column) is one too many"
            return "\(file):\(line):\(column): this row has \(found) cell\(found == 1 ? "" : "s") but line \(firstLine) has \(expected) (\(change)): "
                + "give every row the same number of comma-separated cells"
        case .quotedComma(let file, let line, let column):
            return "\(file):\(line):\(column): this quoted cell holds a comma, and quoted commas are not supported "
                + "(the comma would split it in two): remove the comma, or save the file with another separator inside the text"
        case .notText(let file, let line):
            return "\(file):\(line): the file holds a NUL byte, so it is binary data, not a comma-separated text file: "
                + "export the data as CSV text"
        case .nonNumericCell(let file, let line, let column, let text):
            return "\(file):\(line):\(column): \"\(Self.shortened(text))\" is not a number: only the target column may hold text (class names); "
                + "encode a text feature as numbers first, or choose the target column with --target"
        case .emptyCell(let file, let line, let column):
            return "\(file):\(line):\(column): the cell is empty (a missing value): fill it in or delete the row"
        case .notFinite(let file, let line, let column, let text):
            return "\(file):\(line):\(column): \"\(Self.shortened(text))\" is not a finite number: replace NaN or infinite values, or delete the row"
        case .unknownTargetName(let file, let name, let available):
            return "\(file): there is no column named \"\(name)\": the header has \(available.map { "\"\($0)\"" }.joined(separator: ", "))"
        case .targetNameWithoutHeader(let file, let name):
            return "\(file): the target column \"\(name)\" was asked for by name, but the file has no header row: add a header or give the column's position"
        case .targetIndexOutOfRange(let file, let index, let columnCount):
            return "\(file): there is no column \(index + 1): the rows have \(columnCount) columns, so give a position from 1 to \(columnCount)"
        case .invalidLabel(let file, let line, let column, let value, let problem):
            let expected = switch problem {
            case .binaryClassification: "0 or 1"
            case .multiclassClassification(let classCount): "a whole number from 0 to \(classCount - 1)"
            case .regression: "a number"
            }
            return "\(file):\(line):\(column): the target \(Self.formatted(value)) does not fit \(problem): it must be \(expected); fix the value or choose another problem"
        case .invalidTask(let file, let problem):
            return "\(file): \(problem) is not possible: a classification needs at least two classes"
        case .textTargetInRegression(let file, let line, let column, let text):
            return "\(file):\(line):\(column): the target \"\(Self.shortened(text))\" is text, but regression needs a number in every target cell: "
                + "choose a classification to read the texts as class names, or fix the cell"
        case .singleClassName(let file, let column, let name):
            return "\(file): every target in column \(column) is \"\(Self.shortened(name))\": a classification needs at least two classes; "
                + "add examples of another class, or choose another target column with --target"
        case .tooManyClassNames(let file, let line, let column, let text, let count, let maximum):
            return "\(file):\(line):\(column): the target column holds \(count) different values, text such as \"\(Self.shortened(text))\" among them, "
                + "more than the \(maximum) classes a classification may have: it looks like an id or a name, not a class; "
                + "choose the target column with --target (or, if it should hold numbers, replace the text)"
        case .moreClassNamesThanClasses(let file, let column, let names, let problem):
            let listed = names.prefix(5).map { "\"\(Self.shortened($0))\"" }.joined(separator: ", ") + (names.count > 5 ? ", …" : "")
            return "\(file): column \(column) names \(names.count) classes (\(listed)), but \(problem) has only \(problem.classCount): "
                + "choose a problem with \(names.count) classes, or fix the targets that should not be there"
        }
    }

    /// A number without a trailing `.0` when it is whole.
    static func formatted(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// The text cut to a length that fits in one line of a message, control characters shown as `�`.
    private static func shortened(_ text: String) -> String {
        let printable = String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.value < 0x20 || $0.value == 0x7F ? "\u{FFFD}" : $0
        }))
        return printable.count <= 40 ? printable : String(printable.prefix(40)) + "…"
    }
}
