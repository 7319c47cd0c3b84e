import Canvas
import Neural

/// Draws the `forward` widget: the network diagram with the values computed so far lit up, and the
/// stage of the pass written out with its numbers.
extension ForwardWidget {
    func preferredContentHeight(width: Int, available: Int) -> Int {
        let tallest = min(sizes.max() ?? 1, 6)
        let maths = tallest + 4
        let diagram = max(7, min(2 * tallest + 1, 12))
        // Side by side on a wide terminal, with a taller diagram to fill the room.
        return min(available, width >= 96 ? max(16, diagram, maths + 2) : diagram + maths + 1)
    }

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        let (z, a) = pass
        let wide = area.width >= 96
        let parts = wide
            ? area.split(.horizontal, [.percent(42), .fixed(2), .fill])
            : area.split(.vertical, [.fixed(max(5, area.height - (min(sizes.max() ?? 1, 6) + 5))), .fixed(1), .fill])
        drawDiagram(into: &buffer, area: parts[0], z: z, a: a, context: context)
        let lines = mathsLines(z: z, a: a, width: parts[2].width, context: context)
        for (row, line) in lines.prefix(parts[2].height).enumerated() {
            buffer.put(line, at: parts[2].x, parts[2].y + row, maxWidth: parts[2].width)
        }
    }

    private func drawDiagram(into buffer: inout Buffer, area: Rect, z: [[Float]], a: [[Float]], context: WidgetContext) {
        var values: [[Double]] = [input.map(Double.init)]
        for layer in 1...layerCount {
            if stage >= 2 * layer {
                values.append(a[layer - 1].map(Double.init))
            } else if stage == 2 * layer - 1 {
                values.append(z[layer - 1].map(Double.init))
            } else {
                // Not computed yet: the diagram draws plain dots.
                values.append([])
            }
        }
        let weights = (1...layerCount).map { parameters(ofLayer: $0).weights.elements.map(Double.init) }
        let names = ["x"] + (1..<max(1, layerCount)).map { "h\($0)" } + ["out"]
        let diagram = NetworkDiagram(layerSizes: sizes, weights: weights, values: values, valueScale: .diverging,
                                     display: .value, layerNames: Array(names.prefix(sizes.count)), theme: context.theme)
        buffer.render(diagram, in: area, glyphs: context.glyphs, colors: context.colors)
    }

    func mathsLines(z: [[Float]], a: [[Float]], width: Int, context: WidgetContext) -> [[Span]] {
        let glyphs = context.glyphs, style = context.style
        func number(_ value: Float) -> String { WidgetText.number(value, glyphs: glyphs) }
        func layered(_ symbol: String, _ layer: Int) -> String { WidgetText.layered(symbol, layer, glyphs: glyphs) }
        var lines: [[Span]] = []
        if stage == 0 {
            lines.append([Span("input ", style.heading), Span(layered("a", 0) + " = x = [" + input.map(number).joined(separator: ", ") + "]")])
            lines.append([Span("Enter computes the first layer, one step at a time.", style.secondary)])
            return lines
        }
        let layer = currentLayer
        let isOutput = layer == layerCount
        let (weights, bias) = parameters(ofLayer: layer)
        let previous = layer == 1 ? input : a[layer - 2]
        let name = isOutput ? "output layer" : "layer \(layer)"
        if !showsActivation {
            lines.append([Span("\(name): weighted sums  ", style.heading),
                          Span("\(layered("z", layer)) = \(layered("W", layer))\(WidgetText.times(glyphs))\(layered("a", layer - 1)) + \(layered("b", layer))")])
            for text in MatrixText(glyphs: glyphs).product(weights: weights, vector: previous, bias: bias, result: z[layer - 1]) {
                lines.append([Span(text)])
            }
            // One row worked out, so the product is not magic.
            let times = WidgetText.times(glyphs)
            let terms = (0..<min(previous.count, 4)).map { WidgetText.shortTerm(weights[0, $0], glyphs: glyphs) + times + WidgetText.shortTerm(previous[$0], glyphs: glyphs) }
            let more = previous.count > 4 ? " + …" : ""
            lines.append([Span("row 1: " + terms.joined(separator: " + ") + more + " + " + WidgetText.shortTerm(bias[0], glyphs: glyphs)
                               + " = " + number(z[layer - 1][0]), style.secondary)])
        } else {
            let function = activation(ofLayer: layer)
            let symbol = ActivationNames.symbol(function, unicode: glyphs.isUnicode)
            lines.append([Span("\(name): activation  ", style.heading),
                          Span("\(layered("a", layer)) = \(symbol)(\(layered("z", layer)))")])
            for index in 0..<min(z[layer - 1].count, 6) {
                lines.append([Span("  \(symbol)(\(number(z[layer - 1][index]))) = "), Span(number(a[layer - 1][index]), style.heading)])
            }
            if z[layer - 1].count > 6 { lines.append([Span("  …and \(z[layer - 1].count - 6) more", style.secondary)]) }
            if isOutput {
                let output = a[layer - 1].map(number).joined(separator: ", ")
                lines.append([Span("The network's output: ", style.done), Span(output, style.heading)])
            }
        }
        return lines
    }
}
