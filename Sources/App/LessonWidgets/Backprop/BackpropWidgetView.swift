import Canvas
import Neural

/// Draws the `backprop` widget: the forward pass and loss on top, the network with the gradients found
/// so far on the left, and the chain-rule product of the current step on the right (or, with `c`, every
/// gradient beside its finite-difference estimate).
extension BackpropWidget {
    func preferredContentHeight(width: Int, available: Int) -> Int {
        let parameters = zip(sizes, sizes.dropFirst()).map { ($0 + 1) * $1 }.reduce(0, +)
        return min(available, max(14, parameters + 4, width >= 100 ? 18 : 0))
    }

    // MARK: Names

    /// A neuron's name: x₁ for inputs, h₁ (then k₁) for hidden layers, o (or o₁) for outputs.
    func neuronName(layer: Int, neuron: Int, glyphs: GlyphSet) -> String {
        if layer == 0 { return WidgetText.indexed("x", neuron + 1, glyphs: glyphs) }
        if layer == layerCount { return sizes[layer] == 1 ? "o" : WidgetText.indexed("o", neuron + 1, glyphs: glyphs) }
        let letters = ["h", "k", "m"]
        return WidgetText.indexed(letters[min(layer - 1, letters.count - 1)], neuron + 1, glyphs: glyphs)
    }

    /// The name of the weight from neuron `from` of layer `layer − 1` to neuron `to` of layer `layer`.
    func weightName(layer: Int, from: Int, to: Int, glyphs: GlyphSet) -> String {
        "w(" + neuronName(layer: layer - 1, neuron: from, glyphs: glyphs) + WidgetText.becomes(glyphs)
            + neuronName(layer: layer, neuron: to, glyphs: glyphs) + ")"
    }

    // MARK: Drawing

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        let glyphs = context.glyphs
        // The values, then the loss; on a narrow terminal the loss takes the spare line below, not the cut.
        let line = forwardLine(glyphs: glyphs, style: context.style)
        if line.width <= area.width {
            buffer.put(line, at: area.x, area.y, maxWidth: area.width)
        } else {
            buffer.put(Array(line.prefix(1)), at: area.x, area.y, maxWidth: area.width)
            buffer.put(Array(line.dropFirst()), at: area.x, area.y + 1, maxWidth: area.width)
        }
        let body = area.inset(top: 2, left: 0, bottom: 0, right: 0)
        let columns = body.split(.horizontal, [.percent(area.width >= 100 ? 40 : 36), .fixed(2), .fill])
        drawDiagram(into: &buffer, area: columns[0], context: context)
        var lines = isChecking ? checkLines(context: context) : stepLines(context: context, width: columns[2].width)
        if !isChecking {
            // With room to spare, the gradients found on the way, latest first.
            let room = columns[2].height - lines.count - 2
            let found = foundLines(context: context)
            if room >= 2, !found.isEmpty {
                lines += [[], [Span("found so far", context.style.secondary)]] + found.prefix(room - 1)
            }
        }
        for (row, line) in lines.prefix(columns[2].height).enumerated() {
            buffer.put(line, at: columns[2].x, columns[2].y + row, maxWidth: columns[2].width)
        }
    }

    /// One line per step already passed, latest first: the gradient it found.
    func foundLines(context: WidgetContext) -> [[Span]] {
        let glyphs = context.glyphs
        return steps.prefix(max(0, position - 1)).reversed().map { step in
            let name = neuronName(layer: step.layer, neuron: step.neuron, glyphs: glyphs)
            let value = step.kind == .activation
                ? pass.activationGradients[step.layer - 1][step.neuron] : pass.preActivationGradients[step.layer - 1][step.neuron]
            let symbol = step.kind == .activation ? "a" : "z"
            return [Span("  ∂L/∂\(symbol)(\(name)) = " + WidgetText.short(value, decimals: 3, glyphs: glyphs), context.style.secondary)]
        }
    }

    /// The forward pass in one line: input, output, target and loss.
    func forwardLine(glyphs: GlyphSet, style: TutorStyle) -> [Span] {
        func list(_ values: [Float]) -> String {
            let text = values.map { WidgetText.short($0, decimals: 3, glyphs: glyphs) }.joined(separator: ", ")
            return values.count == 1 ? text : "(" + text + ")"
        }
        let output = pass.activations[layerCount - 1]
        // Without Unicode the output is spelt out: a lone "y" would read as the target.
        let predicted = glyphs.isUnicode ? "ŷ" : "out"
        let lossText: String
        switch loss {
        case .meanSquaredError: lossText = glyphs.isUnicode ? "L = (ŷ − y)²" : "L = (out - y)^2"
        case .binaryCrossEntropy: lossText = "L = −[y·log \(predicted) + (1 − y)·log(1 − \(predicted))]"
        case .crossEntropy: lossText = "L = −Σ y·log \(predicted)"
        }
        return [Span("x = \(list(input))  \(predicted) = \(list(output))  y = \(list(target))  "),
                Span(lossText + " = ", style.secondary), Span(WidgetText.number(pass.loss, decimals: 4, glyphs: glyphs), style.heading),
                Span(updates > 0 ? "  (after \(updates) update\(updates == 1 ? "" : "s"))" : "", style.done)]
    }

    private func drawDiagram(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        var values: [[Double]] = [[]]
        var weights: [[Double]] = []
        for layer in 1...layerCount {
            values.append((0..<sizes[layer]).map { neuron in
                if isRevealed(layer: layer, neuron: neuron, kind: .preActivation) { return Double(pass.preActivationGradients[layer - 1][neuron]) }
                if isRevealed(layer: layer, neuron: neuron, kind: .activation) { return Double(pass.activationGradients[layer - 1][neuron]) }
                return .nan
            })
            let gradient = pass.weightGradients[layer - 1]
            weights.append((0..<gradient.count).map { element in
                let neuron = element / gradient.columns
                return isRevealed(layer: layer, neuron: neuron, kind: .preActivation) ? Double(gradient.storage[element]) : 0
            })
        }
        let names = (0...layerCount).map { layer in
            layer == 0 ? "x" : layer == layerCount ? "out" : ["h", "k", "m"][min(layer - 1, 2)]
        }
        let diagram = NetworkDiagram(layerSizes: sizes, weights: weights, values: values, valueScale: .diverging,
                                     display: .value, layerNames: names, theme: context.theme)
        buffer.render(diagram, in: area, glyphs: context.glyphs, colors: context.colors)
        buffer.markUnknownValues(in: area, glyphs: context.glyphs)
    }

    /// The current step's chain-rule product with numbers, and a line about what comes next.
    func stepLines(context: WidgetContext, width: Int) -> [[Span]] {
        let glyphs = context.glyphs, style = context.style
        let times = WidgetText.times(glyphs)
        func number(_ value: Float) -> String { WidgetText.short(value, decimals: 3, glyphs: glyphs) }
        func term(_ value: Float) -> String { WidgetText.shortTerm(value, decimals: 3, glyphs: glyphs) }
        guard position > 0 else {
            return [[Span("The forward pass is done.", style.heading)],
                    [Span("Enter walks back from the loss, one neuron at a time, working out each gradient by the chain rule.")]]
                .flatMap { wrap($0, width: max(1, width)) }
        }
        let step = steps[position - 1]
        let name = neuronName(layer: step.layer, neuron: step.neuron, glyphs: glyphs)
        let da = pass.activationGradients[step.layer - 1][step.neuron]
        let dz = pass.preActivationGradients[step.layer - 1][step.neuron]
        var lines: [[Span]] = []
        lines.append([Span("step \(position) of \(steps.count): ", style.secondary),
                      Span(step.kind == .activation ? "\(name)'s output a" : "\(name)'s sum z", style.heading)])
        switch step.kind {
        case .activation where step.layer == layerCount:
            let a = pass.activations[step.layer - 1][step.neuron], y = target[step.neuron]
            let outputs = Float(sizes[layerCount])
            switch loss {
            case .meanSquaredError:
                let scale = outputs == 1 ? "2" : "2/\(Int(outputs))"
                lines.append([Span("∂L/∂a(\(name)) = \(scale)\(times)(a − y)")])
                lines.append([Span("  = \(scale)\(times)(\(number(a)) − \(number(y))) = "), Span(number(da), style.heading)])
            case .binaryCrossEntropy:
                lines.append([Span("∂L/∂a(\(name)) = (a − y) / (a(1 − a))")])
                lines.append([Span("  = \(term(a - y)) / (\(number(a))\(times)\(number(1 - a))) = "), Span(number(da), style.heading)])
            case .crossEntropy:
                lines.append([Span("∂L/∂a(\(name)) = −y / a")])
                lines.append([Span("  = −\(number(y)) / \(number(a)) = "), Span(number(da), style.heading)])
            }
            lines.append([Span("how the loss changes as this output moves", style.secondary)])
        case .activation:
            // ∂L/∂a of a hidden neuron: the sum over the neurons it feeds.
            let next = step.layer + 1
            let symbols = (0..<sizes[next]).map { "\(weightName(layer: next, from: step.neuron, to: $0, glyphs: glyphs))\(times)∂L/∂z(\(neuronName(layer: next, neuron: $0, glyphs: glyphs)))" }
            let values = (0..<sizes[next]).map { "\(term(pass.weights[next - 1][$0, step.neuron]))\(times)\(term(pass.preActivationGradients[next - 1][$0]))" }
            lines.append([Span("∂L/∂a(\(name)) = " + symbols.joined(separator: " + "))])
            lines.append([Span("  = " + values.joined(separator: " + ") + " = "), Span(number(da), style.heading)])
            lines.append([Span("\(name) feeds the next layer through these weights", style.secondary)])
        case .preActivation:
            let function = activation(ofLayer: step.layer)
            let symbol = ActivationNames.symbol(function, unicode: glyphs.isUnicode)
            let prime = glyphs.isUnicode ? "′" : "'"
            if function == .softmax {
                lines.append([Span("∂L/∂z(\(name)) = a(∂L/∂a − Σ a·∂L/∂a) = "), Span(number(dz), style.heading)])
                lines.append([Span("softmax ties the outputs together", style.secondary)])
            } else {
                let z = pass.preActivations[step.layer - 1][step.neuron]
                let slope = function.derivative(at: z)
                lines.append([Span("∂L/∂z(\(name)) = ∂L/∂a\(times)\(symbol)\(prime)(z)")])
                lines.append([Span("  = \(term(da))\(times)\(number(slope)) = "), Span(number(dz), style.heading)])
            }
            for from in 0..<sizes[step.layer - 1] {
                let previous = pass.activation(layer: step.layer - 1)[from]
                let gradient = pass.weightGradients[step.layer - 1][step.neuron, from]
                lines.append([Span("∂L/∂\(weightName(layer: step.layer, from: from, to: step.neuron, glyphs: glyphs)) = "),
                              Span("\(term(dz))\(times)\(term(previous)) = "), Span(number(gradient), style.heading)])
            }
            lines.append([Span("∂L/∂b(\(name)) = ∂L/∂z = "), Span(number(pass.biasGradients[step.layer - 1][step.neuron]), style.heading)])
        }
        if position == steps.count {
            lines.append([])
            lines.append([Span("Every gradient found. c checks them; u takes a step downhill.", style.done)])
        }
        return lines.flatMap { wrap($0, width: max(1, width)) }
    }

    /// Every weight's and bias's gradient from backprop beside the engine's finite-difference estimate.
    func checkLines(context: WidgetContext) -> [[Span]] {
        let glyphs = context.glyphs, style = context.style
        let denseIndices = network.parameterLayerIndices
        var lines: [[Span]] = [[Span(align("parameter", width: 14, .left) + align("backprop", width: 10, .right)
                                     + align("numeric", width: 10, .right), style.heading)]]
        for comparison in check {
            let layer = (denseIndices.firstIndex(of: comparison.layer) ?? 0) + 1
            let name: String
            if comparison.tensor == "weight" {
                let inputs = sizes[layer - 1]
                name = weightName(layer: layer, from: comparison.element % inputs, to: comparison.element / inputs, glyphs: glyphs)
            } else {
                name = "b(" + neuronName(layer: layer, neuron: comparison.element, glyphs: glyphs) + ")"
            }
            let agrees = comparison.relativeError() < 0.01
            lines.append([Span(align(name, width: 14, .left)),
                          Span(align(WidgetText.number(comparison.analytic, decimals: 4, glyphs: glyphs), width: 10, .right)),
                          Span(align(WidgetText.number(comparison.numerical, decimals: 4, glyphs: glyphs), width: 10, .right)),
                          Span("  " + WidgetText.mark(agrees, glyphs: glyphs), agrees ? style.done : style.warning)])
        }
        lines.append([Span("numeric: (L(w+ε) − L(w−ε))/2ε, ε = 0.001", style.secondary)])
        return lines
    }
}
