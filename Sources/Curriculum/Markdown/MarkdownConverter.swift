import Canvas

/// Converts cmark-gfm nodes into Canvas's plain Markdown model.
enum MarkdownConverter {
    /// The block a cmark block node stands for, or nil for nodes a reader never sees (raw HTML).
    static func block(_ node: CMarkNode) -> MarkdownBlock? {
        switch node.kind {
        case "heading":
            return .heading(level: node.headingLevel, text: inlines(node.children))
        case "paragraph":
            return .paragraph(inlines(node.children))
        case "list":
            let items = node.children.map { item in item.children.compactMap(block) }
            return .list(start: node.isOrderedList ? node.listStart : nil, items: items)
        case "code_block":
            return .code(language: node.fenceInfo, text: trimmingFinalNewline(node.literal))
        case "block_quote":
            return .quote(node.children.compactMap(block))
        case "thematic_break":
            return .rule
        case "table":
            return .table(table(node))
        case "html_block":
            // Authors use HTML comments for notes to themselves; the reader shows none of it.
            return nil
        default:
            // Blocks from extensions we do not attach read best as their text.
            let text = inlines(node.children)
            return text.isEmpty ? nil : .paragraph(text)
        }
    }

    /// The inline elements of a paragraph, heading or table cell.
    static func inlines(_ nodes: [CMarkNode]) -> [MarkdownInline] {
        nodes.compactMap(inline)
    }

    private static func inline(_ node: CMarkNode) -> MarkdownInline? {
        switch node.kind {
        case "text": .text(node.literal)
        case "code": .code(node.literal)
        case "softbreak": .softBreak
        case "linebreak": .lineBreak
        case "emph": .emphasis(inlines(node.children))
        case "strong": .strong(inlines(node.children))
        case "strikethrough": .strikethrough(inlines(node.children))
        case "link": .link(text: inlines(node.children), destination: node.url)
        case "image": .text("[image: \(inlines(node.children).plainText)]")
        case "html_inline": nil
        default: node.literal.isEmpty ? nil : .text(node.literal)
        }
    }

    private static func table(_ node: CMarkNode) -> MarkdownTable {
        var header: [[MarkdownInline]] = []
        var rows: [[[MarkdownInline]]] = []
        for row in node.children {
            let cells = row.children.map { inlines($0.children) }
            if row.isTableHeader || row.kind == "table_header" {
                header = cells
            } else {
                rows.append(cells)
            }
        }
        let columns = max(header.count, rows.map(\.count).max() ?? 0)
        let alignments: [MarkdownTable.Alignment] = (0..<columns).map { column in
            switch node.tableAlignment(column: column) {
            case UInt8(ascii: "c"): .centre
            case UInt8(ascii: "r"): .right
            default: .left
            }
        }
        return MarkdownTable(header: header, rows: rows, alignments: alignments)
    }

    private static func trimmingFinalNewline(_ text: String) -> String {
        text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}
