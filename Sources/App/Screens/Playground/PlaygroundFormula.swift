import Canvas
import Foundation
import Neural

/// The selected neuron's formula with its live weights, and its value at one example:
///
///     h1.3 = tanh(0.52·x1 − 1.20·x2 + 0.10)
///     at train example 1: z = 0.83, a = tanh z = 0.68
///
/// and, for a selected link, the weight it carries.
struct PlaygroundFormula {
    let screen: PlaygroundScreen
    let network: Network
    let sizes: [Int]
    let selection: PlaygroundSelection
    let glyphs: GlyphSet

    func lines(width: Int, height: Int) -> [[Span]] {
        let heading = Style(bold: true)
        let secondary = Style(foreground: .rgb(150, 150, 150))
        let name = PlaygroundScreen.displayName(screen.neuronName(layer: selection.layer, neuron: selection.neuron), glyphs: glyphs)
        if selection.layer == 0 {
            let text = "\(name) is input \(selection.neuron + 1) of \(sizes[0]): the example's \(name), scaled to mean 0 and spread 1 on the training set."
            return [[Span(name, heading)]] + wrap(text, width: max(1, width)).map { [Span($0, secondary)] }
        }
        let denseIndex = network.parameterLayerIndices[selection.layer - 1]
        let dense = network.layers[denseIndex]
        let activation = activationAfter(denseIndex)
        var lines: [[Span]] = []

        if let link = selection.link, link < dense.inputSize {
            let from = PlaygroundScreen.displayName(screen.neuronName(layer: selection.layer - 1, neuron: link), glyphs: glyphs)
            let arrow = glyphs.isUnicode ? "→" : "->"
            let weight = [Span("weight ", secondary), Span(Self.number(dense.weights[selection.neuron, link], digits: 4), Style(bold: true)),
                          Span("  = edits", secondary)]
            let title = [Span("link \(from) \(arrow) \(name)", heading)]
            if (title + weight).width + 2 <= width { lines.append(title + [Span("  ")] + weight) } else { lines += [title, weight] }
        }

        // z = Σ wᵢ·inputᵢ + b, with as many terms as fit and a count of the rest.
        let times = glyphs.isUnicode ? "·" : "*"
        var terms: [String] = []
        for input in 0..<dense.inputSize {
            let weight = dense.weights[selection.neuron, input]
            let sign = weight < 0 ? (glyphs.isUnicode ? "−" : "-") : "+"
            let term = Self.number(abs(weight), digits: 2) + times
                + PlaygroundScreen.displayName(screen.neuronName(layer: selection.layer - 1, neuron: input), glyphs: glyphs)
            terms.append(terms.isEmpty ? (weight < 0 ? sign : "") + term : " \(sign) " + term)
        }
        let bias = dense.bias[selection.neuron]
        let biasText = " \(bias < 0 ? (glyphs.isUnicode ? "−" : "-") : "+") " + Self.number(abs(bias), digits: 2)
        let function = activation == .identity ? "" : activation.name
        let prefix = "\(name) = \(function)("
        var formula = prefix
        var shown = 0
        // The formula may take the rows the other lines leave; the terms that do not fit are counted.
        let formulaRows = max(1, height - lines.count - 2)
        let budget = max(displayWidth(of: prefix) + 12, width * formulaRows - displayWidth(of: biasText) - 14)
        for term in terms {
            if shown > 0 && displayWidth(of: formula + term) > budget { break }
            formula += term
            shown += 1
        }
        if shown < terms.count { formula += " + \(glyphs.isUnicode ? "…" : "...") \(terms.count - shown) more" }
        formula += biasText + ")"
        lines += wrap(formula, width: max(1, width)).map { [Span($0)] }

        if let probe = probe(denseIndex: denseIndex) {
            lines.append([Span("at train example 1:", secondary)])
            let value = activation == .identity ? "" : ", a = \(function) z = " + Self.number(probe.activation, digits: 3)
            lines.append([Span("z = " + Self.number(probe.preActivation, digits: 3) + value)])
        }
        return lines
    }

    /// A weight or value with `digits` decimals, or in scientific notation when it is huge (a run that diverged).
    static func number(_ value: Float, digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        return abs(value) >= 10_000 ? String(format: "%.1e", value) : String(format: "%.\(digits)f", value)
    }

    /// The activation applied to the dense layer's output, if the next layer is one.
    private func activationAfter(_ denseIndex: Int) -> Activation {
        let specs = network.specs
        if denseIndex + 1 < specs.count, case .activation(let function, _) = specs[denseIndex + 1] { return function }
        return .identity
    }

    /// The neuron's pre-activation and activation at the first training example.
    private func probe(denseIndex: Int) -> (preActivation: Float, activation: Float)? {
        guard let data = screen.data, data.training.count > 0 else { return nil }
        var pass = network
        let example = Matrix(rows: 1, columns: data.training.features.columns, elements: data.training.features.row(0))
        pass.forward(example, mode: .evaluation)
        let z = pass.layers[denseIndex].output[0, selection.neuron]
        var a = z
        if denseIndex + 1 < pass.layers.count, pass.layers[denseIndex + 1] is ActivationLayer {
            a = pass.layers[denseIndex + 1].output[0, selection.neuron]
        }
        return (z, a)
    }
}
