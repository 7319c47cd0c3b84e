import _CMark

/// A Markdown document parsed by cmark-gfm, owning its node tree until it is released.
///
/// Only the curriculum touches cmark's C API; everything past this file works with plain Swift values.
final class CMarkDocument {
    /// The document node; cmark frees the whole tree from it.
    let root: OpaquePointer

    /// Parses `text` as GitHub-flavoured Markdown (tables, strikethrough, autolinks).
    /// Returns nil only when cmark could not allocate a parser.
    init?(_ text: String) {
        var text = text
        let parsed = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { characters in
                gs_cmark_parse_gfm(characters.baseAddress, characters.count)
            }
        }
        guard let parsed else { return nil }
        root = parsed
    }

    deinit { cmark_node_free(root) }

    /// The document's top-level blocks, in order.
    var blocks: [CMarkNode] { CMarkNode(pointer: root).children }
}

/// A borrowed view of one cmark node; valid only while its `CMarkDocument` is alive.
struct CMarkNode {
    let pointer: OpaquePointer

    /// cmark's name for the node's kind, e.g. `paragraph`, `heading`, `table_cell`.
    var kind: String { cmark_node_get_type_string(pointer).map { String(cString: $0) } ?? "" }

    /// The 1-based line in the parsed text where the node starts.
    var startLine: Int { Int(cmark_node_get_start_line(pointer)) }

    /// The node's own text, for text, code and code-block nodes.
    var literal: String { cmark_node_get_literal(pointer).map { String(cString: $0) } ?? "" }

    /// The info string after a code fence's backticks, e.g. `widget perceptron`.
    var fenceInfo: String { cmark_node_get_fence_info(pointer).map { String(cString: $0) } ?? "" }

    /// The heading level, 1 to 6; 0 when the node is not a heading.
    var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }

    /// The link or image destination.
    var url: String { cmark_node_get_url(pointer).map { String(cString: $0) } ?? "" }

    /// Whether the node is an ordered list.
    var isOrderedList: Bool { cmark_node_get_list_type(pointer) == CMARK_ORDERED_LIST }

    /// The first number of an ordered list.
    var listStart: Int { Int(cmark_node_get_list_start(pointer)) }

    /// Whether a table row is the header row.
    var isTableHeader: Bool { cmark_gfm_extensions_get_table_row_is_header(pointer) != 0 }

    /// The alignment byte of a table column: `l`, `c`, `r`, or 0.
    func tableAlignment(column: Int) -> UInt8 {
        gs_cmark_table_alignment(pointer, UInt16(clamping: column))
    }

    /// The node's children, in order.
    var children: [CMarkNode] {
        var result: [CMarkNode] = []
        var child = cmark_node_first_child(pointer)
        while let current = child {
            result.append(CMarkNode(pointer: current))
            child = cmark_node_next(current)
        }
        return result
    }
}
