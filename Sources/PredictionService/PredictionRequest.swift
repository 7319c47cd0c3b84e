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
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(body), options: [])
        } catch {
            let text = String(decoding: body.prefix(65_536), as: UTF8.self).lowercased()
            throw .notJSON(example: example, hasNonFiniteWord: text.contains("nan") || text.contains("infinity"))
        }
        guard let object = json as? [String: Any], let features = object["features"] else {
            throw .missingFeatures(example: example)
        }
        guard let list = features as? [Any] else {
            throw .notRows(found: Self.kind(of: features), example: example)
        }
        guard let first = list.first else { throw .noRows(example: example) }
        let names = featureNames.count == featureCount ? featureNames : []
        if first is [Any] {
            guard list.count <= rowLimit else { throw .tooManyRows(rows: list.count, limit: rowLimit) }
            var rows: [[Float]] = []
            rows.reserveCapacity(list.count)
            for (index, element) in list.enumerated() {
                guard let row = element as? [Any] else {
                    throw .notRows(found: "a list whose row \(index + 1) is \(Self.kind(of: element))", example: example)
                }
                rows.append(try Self.numbers(row, row: index + 1, featureCount: featureCount, names: names))
            }
            self.init(rows: rows, isBatch: true)
        } else {
            self.init(rows: [try Self.numbers(list, row: 1, featureCount: featureCount, names: names)], isBatch: false)
        }
    }

    /// One row's numbers, checked for count and finiteness.
    private static func numbers(_ row: [Any], row index: Int, featureCount: Int, names: [String]) throws(PredictionRequestError) -> [Float] {
        guard row.count == featureCount else {
            throw .wrongFeatureCount(row: index, found: row.count, expected: featureCount, names: names)
        }
        var numbers: [Float] = []
        numbers.reserveCapacity(featureCount)
        for (position, element) in row.enumerated() {
            let name = names.isEmpty ? nil : names[position]
            guard let value = number(element) else {
                throw .notANumber(row: index, feature: position + 1, name: name, found: kind(of: element))
            }
            let single = Float(value)
            guard single.isFinite else { throw .notFinite(row: index, feature: position + 1, name: name) }
            numbers.append(single)
        }
        return numbers
    }

    /// The value as a number, or nil for anything else (booleans included, though Foundation may store them
    /// as numbers).
    private static func number(_ value: Any) -> Double? {
        if value is Bool { return nil }
        #if canImport(Darwin)
        if let number = value as? NSNumber, CFGetTypeID(number) == CFBooleanGetTypeID() { return nil }
        #endif
        if let double = value as? Double { return double }
        if let integer = value as? Int { return Double(integer) }
        if let number = value as? NSNumber { return number.doubleValue }
        return nil
    }

    /// What a JSON value is, in words, for a sentence.
    static func kind(of value: Any) -> String {
        if value is NSNull { return "null" }
        if value is Bool { return "a true/false value" }
        if let text = value as? String {
            let shown = text.count > 20 ? String(text.prefix(20)) + "…" : text
            return "the text \"\(shown)\""
        }
        if number(value) != nil { return "a number" }
        if value is [Any] { return "a list" }
        if value is [String: Any] { return "an object" }
        return "a value of another kind"
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
