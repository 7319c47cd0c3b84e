import Canvas

/// Where each part of the playground goes on a terminal of a given size.
///
/// ```
/// ┌ title bar ───────────────────────────────────────────────────┐
/// │ controls │ network diagram          │ decision map (output)  │
/// │          │                          │                        │
/// │          ├──────────────────────────┤────────────────────────│
/// │          │ selected neuron: formula │ charts / weights /     │
/// │          │ and its own map          │ metrics (v)            │
/// ├ status line: losses, accuracy, samples/s, frames/s ──────────┤
/// └ keys ────────────────────────────────────────────────────────┘
/// ```
struct PlaygroundLayout: Equatable {
    var width: Int
    var height: Int
    var controls: Rect
    var diagram: Rect
    var details: Rect
    var output: Rect
    var panel: Rect
    var statusRow: Int
    var keyRow: Int

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        let bodyHeight = max(0, height - 3)
        let controlsWidth = width >= 110 ? 28 : (width >= 80 ? 26 : 22)
        let rest = max(0, width - controlsWidth - 2)
        let rightWidth = max(min(rest / 2, 24), rest * 46 / 100)
        let middleWidth = max(0, rest - rightWidth)
        let middleX = controlsWidth + 1, rightX = middleX + middleWidth + 1
        controls = Rect(x: 0, y: 1, width: controlsWidth, height: bodyHeight)

        // The map is about square (a cell is twice as tall as wide), with a title row above it.
        let panelMinimum = bodyHeight >= 30 ? 12 : 7
        let outputHeight = max(0, min(bodyHeight - panelMinimum, (rightWidth + 1) / 2 + 1))
        output = Rect(x: rightX, y: 1, width: rightWidth, height: outputHeight)
        panel = Rect(x: rightX, y: 1 + outputHeight, width: rightWidth, height: bodyHeight - outputHeight)

        let detailsHeight = bodyHeight >= 30 ? 10 : (bodyHeight >= 18 ? 6 : 4)
        diagram = Rect(x: middleX, y: 1, width: middleWidth, height: max(0, bodyHeight - detailsHeight))
        details = Rect(x: middleX, y: 1 + diagram.height, width: middleWidth, height: bodyHeight - diagram.height)
        statusRow = max(0, height - 2)
        keyRow = max(0, height - 1)
    }

    /// The diagram's drawing area: below its title row.
    var diagramBody: Rect { diagram.inset(top: 1, left: 0, bottom: 0, right: 0) }

    /// How many hidden layers and neurons per layer the diagram has room for.
    func limits(for playground: PlaygroundScreen) -> PlaygroundLimits {
        let body = diagramBody
        // Every layer needs a column of nodes and two columns of links; the inputs' names take a few more.
        let layers = max(0, (body.width - PlaygroundDiagram.inputLabelWidth) / 3 - 2)
        // One row per neuron, below the layer names.
        let neurons = max(1, body.height - 1)
        return PlaygroundLimits(hiddenLayers: max(1, layers), neurons: neurons)
    }
}
