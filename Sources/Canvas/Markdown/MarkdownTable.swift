/// A GitHub-flavoured Markdown table: a header row, body rows and a column alignment each.
public struct MarkdownTable: Equatable, Sendable {
    /// How the text of one column sits within its width.
    public enum Alignment: Equatable, Sendable {
        case left, centre, right
    }

    /// The header cells, one per column.
    public var header: [[MarkdownInline]]
    /// The body rows; each row has one cell per column (short rows are padded when drawn).
    public var rows: [[[MarkdownInline]]]
    /// One alignment per column.
    public var alignments: [Alignment]

    public init(header: [[MarkdownInline]], rows: [[[MarkdownInline]]], alignments: [Alignment]) {
        self.header = header
        self.rows = rows
        self.alignments = alignments
    }
}
