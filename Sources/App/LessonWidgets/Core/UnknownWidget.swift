import Canvas

/// What the reader shows for a widget name this version cannot draw (a lesson newer than the tutor).
struct UnknownWidget: InstantWidget, Equatable {
    let name: String

    var title: String { "widget: \(name)" }
    var keyHints: [KeyHint] { [] }
    var isAnimating: Bool { false }
    mutating func handle(_ key: Key) -> Bool { false }
    mutating func tick() {}
    mutating func reset() {}
    func preferredContentHeight(width: Int, available: Int) -> Int { 1 }

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        buffer.put("This version of gradschool cannot draw the '\(name)' widget; update it to see this part.",
                   at: area.x, area.y, style: context.style.secondary, maxWidth: area.width)
    }
}
