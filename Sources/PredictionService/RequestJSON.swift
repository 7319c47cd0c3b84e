import Foundation

/// A JSON value as a request sent it, keeping numbers, booleans and text apart.
///
/// Foundation's `JSONSerialization` hands numbers back as `NSNumber`, which casts to `Bool` when it holds
/// 0 or 1, so a feature of 1.0 could not be told from `true`. Decoding into this enum keeps the kinds
/// distinct: `true` never reads as a number, and 1.0 never as a boolean.
indirect enum RequestJSON: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([RequestJSON])
    case object([String: RequestJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([RequestJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: RequestJSON].self))
        }
    }

    /// Reads `bytes` as one JSON value.
    static func parse(_ bytes: [UInt8]) throws -> RequestJSON {
        try JSONDecoder().decode(RequestJSON.self, from: Data(bytes))
    }

    /// What the value is, in words, for a sentence.
    var kind: String {
        switch self {
        case .null: "null"
        case .bool: "a true/false value"
        case .number: "a number"
        case .string(let text): "the text \"\(text.count > 20 ? String(text.prefix(20)) + "…" : text)\""
        case .array: "a list"
        case .object: "an object"
        }
    }
}
