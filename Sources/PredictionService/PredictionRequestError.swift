/// Why a prediction request was refused: each case is a sentence that says what was wrong and what to send.
public enum PredictionRequestError: Error, Equatable, CustomStringConvertible {
    /// The body held nothing.
    case emptyBody(example: String)
    /// The body is larger than the server reads.
    case bodyTooLarge(bytes: Int?, limit: Int)
    /// The body is not JSON at all; `hasNonFiniteWord` when it spelled NaN or Infinity, which JSON lacks.
    case notJSON(example: String, hasNonFiniteWord: Bool)
    /// The JSON is not an object with a `features` key.
    case missingFeatures(example: String)
    /// `features` is neither a list of numbers nor a list of such lists.
    case notRows(found: String, example: String)
    /// The batch holds no row.
    case noRows(example: String)
    /// More rows than one request may hold.
    case tooManyRows(rows: Int, limit: Int)
    /// One row has the wrong number of features.
    case wrongFeatureCount(row: Int, found: Int, expected: Int, names: [String])
    /// One feature is not a number.
    case notANumber(row: Int, feature: Int, name: String?, found: String)
    /// One feature is a number too large for the engine (or otherwise not finite).
    case notFinite(row: Int, feature: Int, name: String?)

    /// The HTTP status the refusal is sent with.
    public var status: Int {
        switch self {
        case .bodyTooLarge: 413
        default: 400
        }
    }

    public var description: String {
        switch self {
        case .emptyBody(let example):
            return "The request body is empty: send JSON such as \(example)."
        case .bodyTooLarge(let bytes, let limit):
            let size = bytes.map { "\($0) bytes" } ?? "more than \(limit) bytes"
            return "The request body is \(size); the server reads at most \(limit) bytes a request: "
                + "send fewer rows in each request."
        case .notJSON(let example, let hasNonFiniteWord):
            if hasNonFiniteWord {
                return "The request body is not valid JSON: JSON has no NaN or Infinity, and the model takes "
                    + "finite numbers only: send JSON such as \(example)."
            }
            return "The request body is not valid JSON: send JSON such as \(example)."
        case .missingFeatures(let example):
            return "The JSON has no \"features\" key at its top: send an object such as \(example)."
        case .notRows(let found, let example):
            return "\"features\" is \(found), not a list of numbers or a list of rows of numbers: "
                + "send one example as \(example), or several as a list of such lists."
        case .noRows(let example):
            return "\"features\" is an empty list: send at least one row, such as \(example)."
        case .tooManyRows(let rows, let limit):
            return "The request holds \(rows) rows; the server predicts at most \(limit) a request: "
                + "split the rows over several requests."
        case .wrongFeatureCount(let row, let found, let expected, let names):
            let named = names.count == expected ? " (\(names.joined(separator: ", ")))" : ""
            return "Row \(row) has \(found) feature\(found == 1 ? "" : "s") but the model takes \(expected)\(named): "
                + "send \(expected) number\(expected == 1 ? "" : "s") in each row."
        case .notANumber(let row, let feature, let name, let found):
            return "Feature \(feature)\(name.map { " (\($0))" } ?? "") of row \(row) is \(found), not a number: "
                + "send numbers only, such as 1.5."
        case .notFinite(let row, let feature, let name):
            return "Feature \(feature)\(name.map { " (\($0))" } ?? "") of row \(row) is too large to be a "
                + "finite 32-bit number: send finite numbers only."
        }
    }
}
