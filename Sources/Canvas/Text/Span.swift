/// A run of text drawn in one style; a line of lesson text is a list of spans.
public struct Span: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// The columns the span takes.
    public var width: Int { displayWidth(of: text) }
}

extension Array where Element == Span {
    /// The columns a line of spans takes.
    public var width: Int { reduce(0) { $0 + $1.width } }

    /// The line's text without its styles.
    public var plainText: String { map(\.text).joined() }
}
