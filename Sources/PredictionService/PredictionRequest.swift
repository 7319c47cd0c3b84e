import Foundation

/// The rows of features one prediction request asks about, read from its JSON body.
///
/// The body is an object with a `features` key: either one example, a list of numbers
/// (`{"features": [5.1, 3.5, 1.4, 0.2]}`), or a batch, a list of such lists
/// (`{"features": [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]]}`). Every row must have as many numbers as
/// the model has inputs, and every number must be finite. Nothing in the request can name a file or change
/// the model: it is data, never instructions.
public struct PredictionRequest: Sendable, Equatable {
    /// The feature rows, raw (before the model's own scaling).
    public var rows: [[Float]]
    /// Whether the body sent a batch (a list of rows) rather than one example.
    public var isBatch: Bool

    public init(rows: [[Float]], isBatch: Bool) {
        self.rows = rows
        self.isBatch = isBatch
    }

    /// Reads `body` for a model with `featureCount` inputs named `featureNames` (names may be empty).
    public init(body: [UInt8], featureCount: Int, featureNames: [String], rowLimit: Int) throws(PredictionRequestError) {
        let example = Self.example(featureCount: featureCount)
        guard body.contains(where: { !Self.isJSONWhitespace($0) }) else { throw .emptyBody(example: example) }
        let json: RequestJSON
        do {
            json = try RequestJSON.parse(body)
        } catch {
            let text = String(decoding: body.prefix(65_536), as: UTF8.self).lowercased()
            throw .notJSON(example: example, hasNonFiniteWord: text.contains("nan") || text.contains("infinity"))
        }
        guard case .object(let object) = json, let features = object["features"] else {
            throw .missingFeatures(example: example)
        }
        guard case .array(let list) = features else {
            throw .notRows(found: features.kind, example: example)
        }
        guard let first = list.first else { throw .noRows(example: example) }
        let names = featureNames.count == featureCount ? featureNames : []
        if case .array = first {
            guard list.count <= rowLimit else { throw .tooManyRows(rows: list.count, limit: rowLimit) }
            var rows: [[Float]] = []
            rows.reserveCapacity(list.count)
            for (index, element) in list.enumerated() {
                guard case .array(let row) = element else {
                    throw .notRows(found: "a list whose row \(index + 1) is \(element.kind)", example: example)
                }
                rows.append(try Self.numbers(row, row: index + 1, featureCount: featureCount, names: names))
            }
            self.init(rows: rows, isBatch: true)
        } else {
            self.init(rows: [try Self.numbers(list, row: 1, featureCount: featureCount, names: names)], isBatch: false)
        }
    }

    /// One row's numbers, checked for count and finiteness.
    private static func numbers(_ row: [RequestJSON], row index: Int, featureCount: Int, names: [String]) throws(PredictionRequestError) -> [Float] {
        guard row.count == featureCount else {
            throw .wrongFeatureCount(row: index, found: row.count, expected: featureCount, names: names)
        }
        var numbers: [Float] = []
        numbers.reserveCapacity(featureCount)
        for (position, element) in row.enumerated() {
            let name = names.isEmpty ? nil : names[position]
            guard case .number(let value) = element else {
                throw .notANumber(row: index, feature: position + 1, name: name, found: element.kind)
            }
            let single = Float(value)
            guard single.isFinite else { throw .notFinite(row: index, feature: position + 1, name: name) }
            numbers.append(single)
        }
        return numbers
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// A request body for a model with `featureCount` inputs, to show in sentences.
    public static func example(featureCount: Int) -> String {
        let numbers = (0..<max(1, min(featureCount, 4))).map { ["0.5", "1.2", "-0.3", "2.0"][$0] }
        let shown = numbers.joined(separator: ", ") + (featureCount > 4 ? ", … (\(featureCount) numbers)" : "")
        return "{\"features\": [\(shown)]}"
    }
}
