/// Writes the small JSON answers of the service by hand, so keys keep their order and numbers keep the
/// shortest text that reads back as the same 32-bit float.
enum JSONText {
    /// `text` as a JSON string, quotes included.
    static func string(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// A number; `null` when it is not finite, since JSON has no NaN or infinity.
    static func number(_ value: Float) -> String {
        value.isFinite ? String(value) : "null"
    }

    /// A number given as a Double (latencies, rates), rounded to `digits` decimals.
    static func number(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "null" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : String(rounded)
    }

    /// A list of numbers.
    static func numbers(_ values: [Float]) -> String {
        "[" + values.map(number).joined(separator: ", ") + "]"
    }

    /// An object from keys and already-written values, in the order given.
    static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { string($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
    }
}
