/// Where text sits in a wider space.
public enum Alignment: Hashable, Sendable {
    case left
    case center
    case right
}

/// Pads `text` with spaces to exactly `width` columns, placed by `alignment`; text that is too wide
/// is truncated with the ellipsis first. Centring puts an odd leftover space on the right.
public func align(_ text: String, width: Int, _ alignment: Alignment, ellipsis: String = "…") -> String {
    guard width > 0 else { return "" }
    let fitted = truncate(text, width: width, ellipsis: ellipsis)
    let room = width - displayWidth(of: fitted)
    switch alignment {
    case .left:
        return fitted + String(repeating: " ", count: room)
    case .right:
        return String(repeating: " ", count: room) + fitted
    case .center:
        let left = room / 2
        return String(repeating: " ", count: left) + fitted + String(repeating: " ", count: room - left)
    }
}
