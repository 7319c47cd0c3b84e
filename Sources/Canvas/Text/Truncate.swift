/// Shortens `text` to at most `width` columns, ending in `ellipsis` when something was cut.
///
/// Text that fits is returned unchanged. When even the ellipsis does not fit, as many characters as
/// fit are kept without it. A wide character that would straddle the limit is dropped whole.
/// ASCII pictures pass `GlyphSet.ascii.ellipsis` (`~`).
public func truncate(_ text: String, width: Int, ellipsis: String = "…") -> String {
    guard width > 0 else { return "" }
    if displayWidth(of: text) <= width { return text }
    let ellipsisWidth = displayWidth(of: ellipsis)
    let room = ellipsisWidth <= width ? width - ellipsisWidth : width
    var kept = ""
    var used = 0
    for character in text {
        let w = displayWidth(of: character)
        if used + w > room { break }
        kept.append(character)
        used += w
    }
    return ellipsisWidth <= width ? kept + ellipsis : kept
}
