/// The styles Markdown text is drawn in.
///
/// Colours are the richest wanted; `downsampled(to:)` fits them to the terminal.
public struct MarkdownTheme: Hashable, Sendable {
    public var text: Style
    /// First-level headings.
    public var title: Style
    /// Second-level headings.
    public var heading: Style
    /// Third-level headings and below.
    public var subheading: Style
    public var emphasis: Style
    public var strong: Style
    /// Inline code and code blocks.
    public var code: Style
    public var link: Style
    /// A link's destination, shown after its text.
    public var linkDestination: Style
    public var strikethrough: Style
    /// The bar beside a block quote and the quote's text.
    public var quote: Style
    /// Rules, table borders and list bullets.
    public var decoration: Style
    public var tableHeader: Style

    public init(
        text: Style, title: Style, heading: Style, subheading: Style, emphasis: Style, strong: Style,
        code: Style, link: Style, linkDestination: Style, strikethrough: Style, quote: Style,
        decoration: Style, tableHeader: Style
    ) {
        self.text = text
        self.title = title
        self.heading = heading
        self.subheading = subheading
        self.emphasis = emphasis
        self.strong = strong
        self.code = code
        self.link = link
        self.linkDestination = linkDestination
        self.strikethrough = strikethrough
        self.quote = quote
        self.decoration = decoration
        self.tableHeader = tableHeader
    }

    /// The standard look, readable on dark and light terminals.
    public static let standard = MarkdownTheme(
        text: .plain,
        title: Style(foreground: .rgb(255, 175, 95), bold: true, underline: true),
        heading: Style(foreground: .rgb(255, 175, 95), bold: true),
        subheading: Style(bold: true),
        emphasis: Style(italic: true),
        strong: Style(bold: true),
        code: Style(foreground: .rgb(135, 215, 175)),
        link: Style(foreground: .rgb(95, 175, 255), underline: true),
        linkDestination: Style(foreground: .rgb(128, 128, 128)),
        strikethrough: Style(dim: true),
        quote: Style(foreground: .rgb(160, 160, 160), italic: true),
        decoration: Style(foreground: .rgb(110, 110, 110)),
        tableHeader: Style(bold: true)
    )

    /// This theme with every colour downsampled to `mode`; attributes carry the meaning without colour.
    public func downsampled(to mode: ColorMode) -> MarkdownTheme {
        MarkdownTheme(
            text: text.downsampled(to: mode), title: title.downsampled(to: mode),
            heading: heading.downsampled(to: mode), subheading: subheading.downsampled(to: mode),
            emphasis: emphasis.downsampled(to: mode), strong: strong.downsampled(to: mode),
            code: code.downsampled(to: mode), link: link.downsampled(to: mode),
            linkDestination: linkDestination.downsampled(to: mode),
            strikethrough: strikethrough.downsampled(to: mode), quote: quote.downsampled(to: mode),
            decoration: decoration.downsampled(to: mode), tableHeader: tableHeader.downsampled(to: mode)
        )
    }
}
