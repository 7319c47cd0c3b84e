/// One character position on the screen: a grapheme and the style it is drawn in.
///
/// A wide character (CJK, most emoji) occupies two columns: its own cell holds the grapheme and the
/// cell to its right is a *continuation* cell (an empty grapheme) that the terminal backend skips.
public struct Cell: Hashable, Sendable {
    /// The grapheme shown, one user-perceived character; empty in a continuation cell.
    public var grapheme: String
    public var style: Style

    public init(_ grapheme: String = " ", style: Style = .plain) {
        self.grapheme = grapheme
        self.style = style
    }

    /// A space in the default style: what an untouched buffer holds.
    public static let blank = Cell(" ")

    /// The right half of a wide character; backends skip it.
    public static let continuation = Cell("")

    /// Whether this is the right half of a wide character.
    public var isContinuation: Bool { grapheme.isEmpty }
}
