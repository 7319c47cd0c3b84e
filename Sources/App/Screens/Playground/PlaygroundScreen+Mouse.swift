import Canvas

extension PlaygroundScreen {
    /// A click: on a setting to choose it (on the chosen one's value: left half lowers, right half raises),
    /// on a neuron to select it, on the loss chart to put the cursor at that epoch.
    mutating func click(x: Int, y: Int, layout: PlaygroundLayout, glyphs: GlyphSet, limits: PlaygroundLimits) -> [Effect] {
        guard prompt == nil else { return [] }
        notice = nil
        let controlsArea = layout.controls
        if controlsArea.contains(x: x, y: y) {
            let lines = controlLines()
            let index = y - controlsArea.y + controlScroll(height: controlsArea.height)
            guard let clicked = lines[safe: index]?.control else { return [] }
            let labelWidth = controlsArea.width >= 28 ? 12 : 10
            let valueStart = controlsArea.x + 1 + labelWidth
            let valueWidth = max(0, controlsArea.width - labelWidth - 2)
            if clicked == control && focus == .controls && x >= valueStart {
                return adjust(clicked, by: x < valueStart + valueWidth / 2 ? -1 : 1, limits: limits)
            }
            focus = .controls
            control = clicked
            return []
        }
        if layout.diagramBody.contains(x: x, y: y), let diagram = diagram(maps: nil) {
            let positions = diagram.layout(in: layout.diagramBody, wantsMaps: data?.isPlanar ?? false)
            if let hit = positions.neuron(atX: x, y: y) {
                focus = .network
                selection = PlaygroundSelection(layer: hit.layer, neuron: hit.neuron)
            }
            return []
        }
        if layout.panel.contains(x: x, y: y), panel == .charts, historyCount > 1 {
            // The plot starts after the y axis labels, about six columns in.
            let left = layout.panel.x + 6, width = max(1, layout.panel.width - 7)
            let fraction = Double(min(max(x - left, 0), width)) / Double(width)
            let first = historyRecord(at: 0).epoch, last = historyRecord(at: historyCount - 1).epoch
            chartCursor = first + Int((fraction * Double(last - first)).rounded())
        }
        return []
    }
}
