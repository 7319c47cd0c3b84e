import Canvas
import Neural

/// The playground's network: a column of neurons per layer, each drawn as a small map of what it
/// outputs across the plane (or as a dot when there is no room or no plane), joined by links whose
/// colour shows the weight's sign and whose thickness shows its size. Biases show as a mark beside
/// each neuron; the selected neuron and link are highlighted.
struct PlaygroundDiagram {
    /// Neurons per layer, inputs first.
    var sizes: [Int]
    /// `weights[l]` joins layer l to layer l + 1, row-major `[sizes[l + 1]][sizes[l]]`.
    var weights: [[Float]]
    /// `biases[l]` belongs to the neurons of layer l + 1.
    var biases: [[Float]]
    var inputNames: [String]
    /// Names over the columns, such as `in`, `h1 tanh`, `out`.
    var layerNames: [String]
    var maps: NeuronMaps?
    var selection: PlaygroundSelection?
    /// Whether the selection has the keys (drawn brighter).
    var isFocused: Bool

    /// Columns kept left of the input neurons for their names.
    static let inputLabelWidth = 6

    /// The diagram of `network`; maps are drawn when given.
    init(network: Network, inputNames: [String], maps: NeuronMaps?, selection: PlaygroundSelection?, isFocused: Bool) {
        let denseLayers = network.parameterLayerIndices.map { network.layers[$0] }
        sizes = [network.inputSize] + denseLayers.map(\.outputSize)
        weights = denseLayers.map(\.weights.elements)
        biases = denseLayers.map(\.bias)
        self.inputNames = inputNames
        var names = ["in"]
        let specs = network.specs
        for (index, denseIndex) in network.parameterLayerIndices.enumerated() {
            let isOutput = index == denseLayers.count - 1
            var activation = Activation.identity
            if denseIndex + 1 < specs.count, case .activation(let function, _) = specs[denseIndex + 1] { activation = function }
            let label = activation.playgroundLabel
            names.append(isOutput ? "out" : "h\(index + 1) \(label)")
        }
        layerNames = names
        self.maps = maps
        self.selection = selection
        self.isFocused = isFocused
    }

    /// Where the neurons sit.
    struct Layout: Equatable {
        var nodeWidth: Int
        var nodeHeight: Int
        /// The left column of each layer's nodes.
        var columns: [Int]
        /// The top row of each shown neuron, per layer.
        var rows: [[Int]]
        /// How many neurons of each layer are not shown.
        var hidden: [Int]
        /// The row of the layer names.
        var headerRow: Int

        /// The neuron whose node covers (x, y), if any; a click a cell off still counts.
        func neuron(atX x: Int, y: Int) -> (layer: Int, neuron: Int)? {
            for (layer, column) in columns.enumerated() where x >= column - 1 && x <= column + nodeWidth {
                for (neuron, top) in rows[layer].enumerated() where y >= top && y < top + nodeHeight {
                    return (layer, neuron)
                }
            }
            return nil
        }
    }

    /// Lays the neurons out in `area`; maps get nodes 2 or 3 rows tall when the rows allow.
    func layout(in area: Rect, wantsMaps: Bool) -> Layout {
        let layerCount = sizes.count
        let labels = inputNames.isEmpty || area.width < 24 ? 0 : Self.inputLabelWidth
        let left = area.x + labels
        let usable = max(1, area.width - labels)
        let bodyTop = area.y + 1, bodyHeight = max(0, area.height - 1)
        let largest = max(1, sizes.max() ?? 1)
        var nodeHeight = 1
        if wantsMaps {
            let perNeuron = bodyHeight / largest
            nodeHeight = perNeuron >= 4 ? 3 : (perNeuron >= 3 ? 2 : 1)
        }
        // Square maps (a cell is half as wide as tall); leave at least three columns of links between layers.
        var nodeWidth = nodeHeight == 1 ? 1 : 2 * nodeHeight
        while nodeWidth > 1 && layerCount * nodeWidth + (layerCount - 1) * 3 > usable {
            nodeHeight -= 1
            nodeWidth = nodeHeight == 1 ? 1 : 2 * nodeHeight
        }
        let columns: [Int] = (0..<layerCount).map { layer in
            layerCount == 1 ? left + (usable - nodeWidth) / 2
                : left + layer * max(0, usable - nodeWidth) / (layerCount - 1)
        }
        var rows: [[Int]] = []
        var hidden: [Int] = []
        let gap = nodeHeight > 1 ? 1 : 0
        let capacity = max(1, (bodyHeight + gap) / (nodeHeight + gap))
        for size in sizes {
            // A layer that does not fit shows its first neurons and a ⋮ on the last row.
            let shown = size <= capacity ? size : max(0, capacity - 1)
            let slots = size <= capacity ? size : capacity
            let slot = Double(bodyHeight) / Double(max(slots, 1))
            rows.append((0..<shown).map { bodyTop + Int((Double($0) * slot + (slot - Double(nodeHeight)) / 2).rounded(.down)) })
            hidden.append(size - shown)
        }
        return Layout(nodeWidth: nodeWidth, nodeHeight: nodeHeight, columns: columns, rows: rows, hidden: hidden, headerRow: area.y)
    }

    func render(into buffer: inout Buffer, area: Rect, glyphs: GlyphSet, colors: ColorMode) {
        guard !area.isEmpty, !sizes.isEmpty else { return }
        buffer.clipped(to: area) { buffer in
            draw(into: &buffer, area: area, glyphs: glyphs, colors: colors)
        }
    }

    private func draw(into buffer: inout Buffer, area: Rect, glyphs: GlyphSet, colors: ColorMode) {
        let layout = layout(in: area, wantsMaps: maps != nil)
        let largestWeight = weights.joined().reduce(Float(0)) { $1.isFinite ? max($0, abs($1)) : $0 }
        let fancy = glyphs.isUnicode && colors != .none
        let highlight = Style(foreground: Color.rgb(255, 255, 255).downsampled(to: colors), bold: true)

        // Links, weakest first so the strongest end on top; the selected link last of all.
        struct Link { var layer: Int; var from: Int; var to: Int; var weight: Float }
        var links: [Link] = []
        for layer in 0..<max(0, sizes.count - 1) {
            for (to, _) in layout.rows[layer + 1].enumerated() {
                for (from, _) in layout.rows[layer].enumerated() {
                    let index = to * sizes[layer] + from
                    guard index < weights[layer].count else { continue }
                    links.append(Link(layer: layer, from: from, to: to, weight: weights[layer][index]))
                }
            }
        }
        links.sort { abs($0.weight) < abs($1.weight) }
        if let selection, let link = selection.link, let index = links.firstIndex(where: {
            $0.layer == selection.layer - 1 && $0.to == selection.neuron && $0.from == link
        }) {
            links.append(links.remove(at: index))
        }
        let isSelectedLink = { (link: Link) -> Bool in
            guard let selection, let chosen = selection.link else { return false }
            return link.layer == selection.layer - 1 && link.to == selection.neuron && link.from == chosen
        }
        let middle = layout.nodeHeight / 2
        if fancy {
            var canvas = BrailleLineCanvas(columns: area.width, rows: area.height)
            for link in links {
                let strength = largestWeight > 0 && link.weight.isFinite ? Double(abs(link.weight) / largestWeight) : 0
                let signed = link.weight < 0 ? -strength : strength
                let style = isSelectedLink(link) ? highlight
                    : Style(foreground: Palette.diverging(0.25 * (signed < 0 ? -1 : 1) + 0.75 * signed).downsampled(to: colors))
                let startX = (layout.columns[link.layer] + layout.nodeWidth - area.x) * 2
                let endX = (layout.columns[link.layer + 1] - 1 - area.x) * 2 + 1
                let startY = (layout.rows[link.layer][link.from] + middle - area.y) * 4 + 1
                let endY = (layout.rows[link.layer + 1][link.to] + middle - area.y) * 4 + 1
                // Thickness by size: one, two or three dot rows, fewer where neurons sit a row apart.
                let thickest = layout.nodeHeight > 1 ? 3 : 1
                // Where neurons sit a row apart the links would fill every dot: the faintest are left out.
                if layout.nodeHeight == 1 && strength < 0.2 && !isSelectedLink(link) { continue }
                let thickness = min(thickest, isSelectedLink(link) ? 3 : (strength > 0.66 ? 3 : (strength > 0.33 ? 2 : 1)))
                for offset in 0..<thickness {
                    canvas.line(from: (startX, startY + offset), to: (endX, endY + offset), style: style)
                }
            }
            canvas.draw(into: &buffer, x: area.x, y: area.y)
        } else {
            var canvas = GlyphLineCanvas(columns: area.width, rows: area.height)
            for link in links {
                let position = largestWeight > 0 && link.weight.isFinite ? Double(link.weight / largestWeight) : 0
                var glyph = Palette.divergingGlyph(position)
                if isSelectedLink(link) { glyph = "*" } else if glyph == " " { continue }
                let style = colors == .none ? (isSelectedLink(link) ? Style(bold: true) : .plain)
                    : Style(foreground: Palette.diverging(position).downsampled(to: colors))
                canvas.line(from: (layout.columns[link.layer] + layout.nodeWidth - area.x, layout.rows[link.layer][link.from] + middle - area.y),
                            to: (layout.columns[link.layer + 1] - 1 - area.x, layout.rows[link.layer + 1][link.to] + middle - area.y),
                            cell: Cell(glyph, style: style))
            }
            canvas.draw(into: &buffer, x: area.x, y: area.y)
        }

        // Neurons.
        let largestBias = biases.joined().reduce(Float(0)) { $1.isFinite ? max($0, abs($1)) : $0 }
        for (layer, rows) in layout.rows.enumerated() {
            let column = layout.columns[layer]
            for (neuron, top) in rows.enumerated() {
                let node = Rect(x: column, y: top, width: layout.nodeWidth, height: layout.nodeHeight)
                if let map = maps?.map(layer: layer, neuron: neuron), layout.nodeHeight > 1, let side = maps?.side {
                    let picture = Heatmap(values: map, rows: side, columns: side, scale: .diverging, range: -1...1,
                                          showsColorBar: false, keepsAspect: false)
                    buffer.render(picture, in: node, glyphs: glyphs, colors: colors)
                } else {
                    let bias = layer > 0 && neuron < biases[layer - 1].count ? biases[layer - 1][neuron] : 0
                    let position = largestBias > 0 && bias.isFinite ? Double(bias / largestBias) : 0
                    let style = colors == .none ? Style(bold: true) : Style(foreground: Palette.diverging(0.3 + 0.7 * position).downsampled(to: colors), bold: true)
                    buffer.put(String(repeating: glyphs.isUnicode ? "●" : "o", count: layout.nodeWidth), at: column, top, style: style)
                }
                // The bias: a mark at the node's lower left, coloured by sign and size.
                if layer > 0, layout.nodeHeight > 1, fancy, neuron < biases[layer - 1].count {
                    // Beside the node, clear of the selection brackets on its middle row.
                    let biasRow = top + (layout.nodeHeight - 1 == middle ? 0 : layout.nodeHeight - 1)
                    let bias = biases[layer - 1][neuron]
                    let position = largestBias > 0 && bias.isFinite ? Double(bias / largestBias) : 0
                    buffer.put("▪", at: column - 1, biasRow,
                               style: Style(foreground: Palette.diverging(0.3 * (position < 0 ? -1 : 1) + 0.7 * position).downsampled(to: colors)))
                }
                if layer == 0, neuron < inputNames.count, column - area.x >= 2 {
                    let room = column - area.x - 1
                    let name = Self.shortName(inputNames[neuron], width: room)
                    buffer.put(align(name, width: room, .right, ellipsis: glyphs.ellipsis), at: area.x, top + middle,
                               style: Style(foreground: Color.rgb(170, 170, 170).downsampled(to: colors)))
                }
                if let selection, selection.layer == layer, selection.neuron == neuron {
                    let style = isFocused ? highlight : Style(bold: true)
                    buffer.put("[", at: column - 1, top + middle, style: style)
                    buffer.put("]", at: column + layout.nodeWidth, top + middle, style: style)
                }
            }
            if layout.hidden[layer] > 0 {
                let row = (rows.last.map { $0 + layout.nodeHeight } ?? area.y + 1)
                let mark = (glyphs.isUnicode ? "⋮" : ":") + "+\(layout.hidden[layer])"
                buffer.put(mark, at: column, min(row, area.bottom - 1), style: Style(foreground: Color.rgb(170, 170, 170).downsampled(to: colors)))
            }
        }

        // Layer names, each kept to its share of the width.
        for (layer, fullName) in layerNames.enumerated() where layer < layout.columns.count {
            let next = layer + 1 < layout.columns.count ? layout.columns[layer + 1] : area.right + 1
            let room = max(1, next - layout.columns[layer] - 1)
            // `h1 tanh` when it fits, else just `h1`.
            let name = displayWidth(of: fullName) <= room ? fullName : String(fullName.prefix { $0 != " " })
            let start = layer == layout.columns.count - 1 ? max(area.x, area.right - min(room, name.count)) : layout.columns[layer]
            buffer.put(truncate(name, width: room, ellipsis: glyphs.ellipsis), at: start, layout.headerRow,
                       style: Style(foreground: Color.rgb(170, 170, 170).downsampled(to: colors), bold: true))
        }
    }
}

extension PlaygroundDiagram {
    /// A feature name in `width` columns that still tells it from its neighbours: `sepal length` reads
    /// `s.len` and `petal width` `p.wid`, where cutting both would leave `sepa…` and `peta…`.
    static func shortName(_ name: String, width: Int) -> String {
        guard displayWidth(of: name) > width, width >= 3 else { return name }
        let words = name.split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "-" }).map(String.init)
        guard words.count > 1, let last = words.last else { return name }
        let initials = words.dropLast().compactMap(\.first).map(String.init).joined(separator: ".") + "."
        let room = width - initials.count
        guard room >= 1 else { return name }
        return initials + String(last.prefix(room))
    }
}
