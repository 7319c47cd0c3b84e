/// One block of a Markdown document, parsed and ready to lay out into cells.
///
/// This is a plain value model with no parser behind it: the curriculum converts cmark-gfm's tree
/// into these values, and `MarkdownView` turns them into lines of styled cells.
public indirect enum MarkdownBlock: Equatable, Sendable {
    /// A heading; `level` runs from 1 (`#`) to 6 (`######`).
    case heading(level: Int, text: [MarkdownInline])
    /// A paragraph of running text.
    case paragraph([MarkdownInline])
    /// A list whose items are themselves blocks; `start` is nil for a bullet list and the first
    /// number for an ordered one.
    case list(start: Int?, items: [[MarkdownBlock]])
    /// A fenced or indented code block, shown verbatim; `language` is the fence's info string.
    case code(language: String, text: String)
    /// A block quote.
    case quote([MarkdownBlock])
    /// A thematic break (`---`).
    case rule
    /// A GitHub-flavoured table.
    case table(MarkdownTable)
}
