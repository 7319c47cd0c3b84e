import Canvas
import _CMark

/// Converts cmark-gfm nodes into Canvas's plain Markdown model.
///
/// Nesting is bounded: quotes and lists deeper than `maximumDepth` levels, and emphasis, links and
/// strikethrough deeper than `maximumDepth` inside one another, are kept as their plain text at the
/// deepest level. No lesson needs more, and a tree thousands of levels deep would overflow the stack of
/// everything that walks it (laying it out, comparing it, freeing it).
enum MarkdownConverter {
    /// The deepest nesting of blocks, and of inline styles, that is kept as structure.
    static let maximumDepth = 16

    /// Where nesting went past `maximumDepth`: the line of the first block that was flattened.
    struct Flattened {
        var blockLine: Int?
        var inlineLine: Int?
    }

    /// The block a cmark block node stands for, or nil for nodes a reader never sees (raw HTML).
    static func block(_ node: CMarkNode) -> MarkdownBlock? {
        var flattened = Flattened()
        return block(node, depth: 0, flattened: &flattened)
    }

    /// The block for `node` at nesting `depth`, recording in `flattened` where nesting was cut.
    static func block(_ node: CMarkNode, depth: Int, flattened: inout Flattened) -> MarkdownBlock? {
        switch node.kind {
        case "heading":
            return .heading(level: node.headingLevel, text: inlines(node.children, depth: 0, line: node.startLine, flattened: &flattened))
        case "paragraph":
            return .paragraph(inlines(node.children, depth: 0, line: node.startLine, flattened: &flattened))
        case let kind where (kind == "list" || kind == "block_quote") && depth >= maximumDepth:
            if flattened.blockLine == nil { flattened.blockLine = node.startLine }
            let text = plainText(of: node)
            return text.isEmpty ? nil : .paragraph([.text(text)])
        case "list":
            let items = node.children.map { item in
                item.children.compactMap { block($0, depth: depth + 1, flattened: &flattened) }
            }
            return .list(start: node.isOrderedList ? node.listStart : nil, items: items)
        case "code_block":
            return .code(language: node.fenceInfo, text: trimmingFinalNewline(node.literal))
        case "block_quote":
            return .quote(node.children.compactMap { block($0, depth: depth + 1, flattened: &flattened) })
        case "thematic_break":
            return .rule
        case "table":
            return .table(table(node))
        case "html_block":
            // Authors use HTML comments for notes to themselves; the reader shows none of it.
            return nil
        default:
            // Blocks from extensions we do not attach read best as their text.
            let text = inlines(node.children, depth: 0, line: node.startLine, flattened: &flattened)
            return text.isEmpty ? nil : .paragraph(text)
        }
    }

    /// The inline elements of a paragraph, heading or table cell.
    static func inlines(_ nodes: [CMarkNode]) -> [MarkdownInline] {
        var flattened = Flattened()
        return inlines(nodes, depth: 0, line: 0, flattened: &flattened)
    }

    static func inlines(_ nodes: [CMarkNode], depth: Int, line: Int, flattened: inout Flattened) -> [MarkdownInline] {
        nodes.compactMap { inline($0, depth: depth, line: line, flattened: &flattened) }
    }

    private static func inline(_ node: CMarkNode, depth: Int, line: Int, flattened: inout Flattened) -> MarkdownInline? {
        let nested = ["emph", "strong", "strikethrough", "link", "image"]
        if depth >= maximumDepth && nested.contains(node.kind) {
            if flattened.inlineLine == nil { flattened.inlineLine = line }
            return .text(plainText(of: node))
        }
        func children() -> [MarkdownInline] { inlines(node.children, depth: depth + 1, line: line, flattened: &flattened) }
        switch node.kind {
        case "text": return .text(node.literal)
        case "code": return .code(node.literal)
        case "softbreak": return .softBreak
        case "linebreak": return .lineBreak
        case "emph": return .emphasis(children())
        case "strong": return .strong(children())
        case "strikethrough": return .strikethrough(children())
        case "link": return .link(text: children(), destination: node.url)
        case "image": return .text("[image: \(children().plainText)]")
        case "html_inline": return nil
        default: return node.literal.isEmpty ? nil : .text(node.literal)
        }
    }

    /// The text of every text and code node under `node`, walked with cmark's iterator (no recursion,
    /// however deep the tree), separated by spaces where blocks or breaks separate them.
    static func plainText(of node: CMarkNode) -> String {
        guard let iterator = cmark_iter_new(node.pointer) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE || event == CMARK_EVENT_NONE { break }
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            let child = CMarkNode(pointer: current)
            switch child.kind {
            case "text", "code", "code_block":
                text += child.literal
            case "softbreak", "linebreak", "paragraph", "item", "heading":
                if !text.isEmpty && text.last != " " { text += " " }
            default:
                break
            }
        }
        return text.trimmingCharacters(in: .whitespaces)
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
