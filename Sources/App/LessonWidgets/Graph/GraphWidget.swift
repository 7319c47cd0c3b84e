/// The `graph` widget's state: the expression graph L = (x·y + x)² and how far the walk backward has got.
///
/// Step 0 shows the forward pass only. Each `Enter` then finishes one node, from the loss down, and sends
/// its gradient to its inputs as local gradient × upstream gradient (`ExpressionGraph`).
struct GraphWidget: InstantWidget, Equatable {
    let graph: ExpressionGraph
    /// How many steps of the walk backward are shown, 0…`graph.steps.count`.
    private(set) var position = 0

    init(settings: WidgetSettings) {
        graph = ExpressionGraph(x: Float(settings.number("x", default: 2)), y: Float(settings.number("y", default: -3)))
    }

    var isFinished: Bool { position == graph.steps.count }

    var title: String { "backward through L = (x·y + x)²" }

    var keyHints: [KeyHint] { [KeyHint("Enter", "next node"), KeyHint("Bksp", "back")] }

    var isAnimating: Bool { false }

    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .enter, .character("s"): position = min(graph.steps.count, position + 1)
        case .backspace, .delete: position = max(0, position - 1)
        default: return false
        }
        return true
    }

    mutating func tick() {}

    mutating func reset() { position = 0 }
}
