/// What one widget setting accepts, as listed in the widget registry.
public struct WidgetSetting: Sendable {
    /// The kinds of value a setting can hold, with the limits a lesson author must respect.
    public enum Kind: Sendable {
        /// A whole number within a range.
        case integer(ClosedRange<Int>)
        /// A real number within a range.
        case number(ClosedRange<Double>)
        /// `true` or `false`.
        case flag
        /// One of a fixed list of words.
        case choice([String])
        /// A list of whole numbers, each within `each`, with a length within `count`.
        case integers(count: ClosedRange<Int>, each: ClosedRange<Int>)
        /// A list of real numbers, each within `each`, with a length within `count`.
        case numbers(count: ClosedRange<Int>, each: ClosedRange<Double>)
        /// A list of words, each from a fixed list.
        case choices([String])
        /// Free text.
        case text
    }

    /// The key an author writes in the widget's YAML.
    public var name: String
    /// What the key accepts.
    public var kind: Kind
    /// One line for authors, shown by `lessons/README.md` and in error messages.
    public var summary: String

    public init(_ name: String, _ kind: Kind, _ summary: String) {
        self.name = name
        self.kind = kind
        self.summary = summary
    }

    /// How the accepted values read in an error message, e.g. `a whole number from 1 to 8`.
    public var expectation: String {
        switch kind {
        case .integer(let range): "a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .number(let range): "a number from \(range.lowerBound) to \(range.upperBound)"
        case .flag: "true or false"
        case .choice(let words): "one of " + words.joined(separator: ", ")
        case .integers(let count, let each):
            "a list of \(count.lowerBound) to \(count.upperBound) whole numbers, each from \(each.lowerBound) to \(each.upperBound)"
        case .numbers(let count, let each):
            "a list of \(count.lowerBound) to \(count.upperBound) numbers, each from \(each.lowerBound) to \(each.upperBound)"
        case .choices(let words): "a list of words from " + words.joined(separator: ", ")
        case .text: "text"
        }
    }
}
