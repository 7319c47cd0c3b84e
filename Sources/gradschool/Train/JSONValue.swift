import Neural

/// A JSON value whose objects keep their keys in the order they were written, so a summary reads top
/// to bottom the way it was built (Foundation's serializer orders keys arbitrarily or alphabetically).
enum JSONValue: Equatable {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    /// A number already written as JSON text.
    case number(String)
    case bool(Bool)
    case null

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.rendered() == rhs.rendered()
    }

    /// A whole number.
    static func integer(_ value: Int) -> JSONValue { .number(String(value)) }

    /// A `Float` in its shortest exact form (`0.1`, `1e-05`); NaN and infinity, which JSON cannot
    /// write, become `null`.
    static func float(_ value: Float?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .number("\(value)")
    }

    /// A `Double` in its shortest exact form; NaN and infinity become `null`.
    static func double(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .number("\(value)")
    }

    /// The value as text, indented by two spaces per level; arrays of plain values stay on one line.
    func rendered(indent: Int = 0) -> String {
        let inner = String(repeating: "  ", count: indent + 1), outer = String(repeating: "  ", count: indent)
        switch self {
        case .object(let members):
            guard !members.isEmpty else { return "{}" }
            return "{\n" + members.map { inner + Self.quoted($0.key) + ": " + $0.value.rendered(indent: indent + 1) }
                .joined(separator: ",\n") + "\n" + outer + "}"
        case .array(let elements):
            guard !elements.isEmpty else { return "[]" }
            if elements.allSatisfy(\.isPlain) {
                return "[" + elements.map { $0.rendered() }.joined(separator: ", ") + "]"
            }
            return "[\n" + elements.map { inner + $0.rendered(indent: indent + 1) }.joined(separator: ",\n") + "\n" + outer + "]"
        case .string(let text): return Self.quoted(text)
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        }
    }

    private var isPlain: Bool {
        switch self {
        case .object, .array: false
        default: true
        }
    }

    static func quoted(_ text: String) -> String { JSONString.quoted(text) }
}
