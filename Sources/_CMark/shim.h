#ifndef GRADSCHOOL_CMARK_SHIM_H
#define GRADSCHOOL_CMARK_SHIM_H
#include <stddef.h>
#include <stdint.h>
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

/// Parses GitHub-flavoured Markdown with the table, strikethrough and autolink extensions attached.
/// The caller owns the returned document and frees it with `cmark_node_free`.
/// Registering the core extensions is idempotent, so calling this from any thread at any time is safe
/// once the first call has returned; the first call happens before any parsing thread starts.
static inline cmark_node *gs_cmark_parse_gfm(const char *text, size_t length) {
    cmark_gfm_core_extensions_ensure_registered();
    int options = CMARK_OPT_DEFAULT | CMARK_OPT_UNSAFE;
    cmark_parser *parser = cmark_parser_new(options);
    if (parser == NULL) return NULL;
    const char *names[] = {"table", "strikethrough", "autolink"};
    for (size_t index = 0; index < sizeof(names) / sizeof(names[0]); index++) {
        cmark_syntax_extension *extension = cmark_find_syntax_extension(names[index]);
        if (extension != NULL) cmark_parser_attach_syntax_extension(parser, extension);
    }
    cmark_parser_feed(parser, text, length);
    cmark_node *document = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    return document;
}

/// The alignment of one table column: 'l', 'c', 'r', or 0 when the author gave none.
static inline uint8_t gs_cmark_table_alignment(cmark_node *table, uint16_t column) {
    uint16_t columns = cmark_gfm_extensions_get_table_columns(table);
    if (column >= columns) return 0;
    uint8_t *alignments = cmark_gfm_extensions_get_table_alignments(table);
    return alignments == NULL ? 0 : alignments[column];
}
#endif
