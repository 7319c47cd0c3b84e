/// A piece of running text inside a paragraph, heading, list item or table cell.
public indirect enum MarkdownInline: Equatable, Sendable {
    /// Plain text.
    case text(String)
    /// Emphasised text (`*like this*`), shown in italics where the terminal can.
    case emphasis([MarkdownInline])
    /// Strong text (`**like this**`), shown bold.
    case strong([MarkdownInline])
    /// Struck-through text (`~~like this~~`).
    case strikethrough([MarkdownInline])
    /// Inline code (`` `like this` ``), shown verbatim.
    case code(String)
    /// A link: its visible text and where it points.
    case link(text: [MarkdownInline], destination: String)
    /// A line break inside a paragraph that the reader reflows as a space.
    case softBreak
    /// A hard line break (two trailing spaces or a backslash) that always starts a new line.
    case lineBreak
}

extension MarkdownInline {
    /// The text a reader would see, with all styling dropped.
    public var plainText: String {
        switch self {
        case .text(let text), .code(let text): text
        case .emphasis(let inner), .strong(let inner), .strikethrough(let inner), .link(let inner, _):
            inner.plainText
        case .softBreak: " "
        case .lineBreak: "\n"
        }
    }
}

extension Array where Element == MarkdownInline {
    /// The text a reader would see, with all styling dropped.
    public var plainText: String { map(\.plainText).joined() }
}
