/// A neural network drawn as columns of neurons joined by their weights.
///
/// Each layer is a column; each link from neuron i of one layer to neuron j of the next is
/// coloured by the sign of its weight (blue negative, orange positive) and brightened by its
/// magnitude, the strongest drawn on top. Without colour a link is drawn with the sign glyphs of
/// `Palette.divergingGlyph` (`=`, `-`, `+`, `#`), and weak links are left out. Neurons can show
/// a value (an activation or a gradient) as a number on a coloured background, or a tiny heatmap
/// of their incoming weights. The diagram fits any rect: nodes narrow, then links go, and a
/// layer taller than the rect shows its first neurons and a `⋮`.
public struct NetworkDiagram: Widget, Sendable {
    /// What each neuron shows.
    public enum NeuronDisplay: Hashable, Sendable {
        /// A dot, coloured by the neuron's value when there is one.
        case dot
        /// The neuron's value as a number on a background coloured by it.
        case value
        /// The neuron's incoming weights as a one-row heatmap (input neurons show their value).
        case incomingWeights
    }

    /// Neurons per layer, input first.
    public var layerSizes: [Int]
    /// `weights[l]` joins layer l to layer l + 1: `layerSizes[l + 1]` rows (one per receiving
    /// neuron) of `layerSizes[l]` inputs, row-major. Missing weights draw no link.
    public var weights: [[Double]]
    /// `values[l][i]`: the value neuron i of layer l shows; missing values show as dots.
    public var values: [[Double]]
    public var valueScale: ValueScale
    public var display: NeuronDisplay
    /// Names over the columns (such as `in`, `h1`, `out`); none when empty.
    public var layerNames: [String]
    public var theme: Theme

    public init(
        layerSizes: [Int], weights: [[Double]] = [], values: [[Double]] = [],
        valueScale: ValueScale = .diverging, display: NeuronDisplay? = nil,
        layerNames: [String] = [], theme: Theme = .standard
    ) {
        self.layerSizes = layerSizes.map { max(0, $0) }
        self.weights = weights
        self.values = values
        self.valueScale = valueScale
        self.display = display ?? (values.isEmpty ? .dot : .value)
        self.layerNames = layerNames
        self.theme = theme
    }

    /// The weight from neuron `input` of layer `layer` to neuron `output` of the next, if given.
    public func weight(layer: Int, from input: Int, to output: Int) -> Double? {
        guard layer >= 0, layer < weights.count, layer + 1 < layerSizes.count else { return nil }
        let index = output * layerSizes[layer] + input
        return index < weights[layer].count ? weights[layer][index] : nil
    }

    /// The value of neuron `neuron` in layer `layer`, if given.
    public func value(layer: Int, neuron: Int) -> Double? {
        guard layer >= 0, layer < values.count, neuron >= 0, neuron < values[layer].count else { return nil }
        return values[layer][neuron]
    }

    public func render(into buffer: inout Buffer, area: Rect, glyphs: GlyphSet, colors: ColorMode) {
        buffer.clipped(to: area) { buffer in
            let area = area.intersection(buffer.clip)
            guard !area.isEmpty, !layerSizes.isEmpty else { return }
            draw(into: &buffer, area: area, glyphs: glyphs, colors: colors)
        }
    }

    /// Where each shown neuron sits, and how wide a node is.
    struct Layout {
        var nodeWidth: Int
        var columns: [Int]
        /// Rows of the shown neurons per layer (the first ones, in order).
        var rows: [[Int]]
        /// Rows where a `⋮` marks neurons left out, per layer.
        var ellipsisRows: [Int?]
    }

    func layout(area: Rect, top: Int, glyphs: GlyphSet) -> Layout {
        let layerCount = layerSizes.count
        let wantedWidth = display == .dot ? 1 : 5
        // Keep at least two columns between layers for links, narrowing nodes first.
        var nodeWidth = wantedWidth
        if layerCount > 1 {
            let roomPerNode = (area.width - 2 * (layerCount - 1)) / layerCount
            nodeWidth = max(1, min(wantedWidth, roomPerNode))
        } else {
            nodeWidth = max(1, min(wantedWidth, area.width))
        }
        let columns: [Int] = (0..<layerCount).map { layer in
            layerCount == 1
                ? area.x + (area.width - nodeWidth) / 2
                : area.x + (layer * max(0, area.width - nodeWidth) + (layerCount - 1) / 2) / (layerCount - 1)
        }
        let available = area.bottom - top
        var rows: [[Int]] = []
        var ellipsisRows: [Int?] = []
        for size in layerSizes {
            if size <= available {
                rows.append((0..<size).map { top + ((2 * $0 + 1) * available) / (2 * size) })
                ellipsisRows.append(nil)
            } else {
                let shown = max(available >= 2 ? available - 1 : available, 0)
                rows.append((0..<shown).map { top + $0 })
                ellipsisRows.append(available >= 2 ? top + shown : nil)
            }
        }
        return Layout(nodeWidth: nodeWidth, columns: columns, rows: rows, ellipsisRows: ellipsisRows)
    }

    private func draw(into buffer: inout Buffer, area: Rect, glyphs: GlyphSet, colors: ColorMode) {
        let theme = self.theme.downsampled(to: colors)
        let headerRows = !layerNames.isEmpty && area.height >= 3 ? 1 : 0
        let top = area.y + headerRows
        let layout = layout(area: area, top: top, glyphs: glyphs)
        let bodyRect = Rect(x: area.x, y: top, width: area.width, height: area.bottom - top)

        // Links, weakest first so the strongest end on top.
        var weightMagnitude = 0.0
        for layerWeights in weights { for w in layerWeights where w.isFinite { weightMagnitude = max(weightMagnitude, abs(w)) } }
        let weightScale = ColorScale(.diverging, lower: -weightMagnitude, upper: weightMagnitude)
        struct Link { var fromColumn: Int; var toColumn: Int; var fromRow: Int; var toRow: Int; var weight: Double }
        var links: [Link] = []
        for layer in 0..<max(0, layerSizes.count - 1) {
            let start = layout.columns[layer] + layout.nodeWidth, end = layout.columns[layer + 1] - 1
            guard end >= start else { continue }
            for (input, fromRow) in layout.rows[layer].enumerated() {
                for (output, toRow) in layout.rows[layer + 1].enumerated() {
                    guard let w = weight(layer: layer, from: input, to: output), w.isFinite else { continue }
                    links.append(Link(fromColumn: start, toColumn: end, fromRow: fromRow, toRow: toRow, weight: w))
                }
            }
        }
        links.sort { abs($0.weight) < abs($1.weight) }

        if glyphs.isUnicode && colors != .none {
            var grid = BrailleGrid(columns: bodyRect.width, rows: bodyRect.height)
            for (index, link) in links.enumerated() {
                grid.line(
                    from: (Double((link.fromColumn - area.x) * 2), Double((link.fromRow - top) * 4 + 1)),
                    to: (Double((link.toColumn - area.x) * 2 + 1), Double((link.toRow - top) * 4 + 1)),
                    series: index
                )
            }
            let styles = links.map { Style(foreground: weightScale.color($0.weight).downsampled(to: colors)) }
            for row in 0..<grid.rows {
                for column in 0..<grid.columns {
                    guard let character = grid.character(column: column, row: row) else { continue }
                    let owner = Int(grid.owner[row * grid.columns + column])
                    buffer.setNarrow(Cell(character, style: styles[owner]), x: area.x + column, y: top + row)
                }
            }
        } else {
            // One glyph per cell; links too weak to get a sign glyph are left out.
            let visible = links.filter { Palette.divergingGlyph(weightScale.position($0.weight)) != " " }
            var grid = MarkerGrid(columns: bodyRect.width, rows: bodyRect.height)
            for (index, link) in visible.enumerated() {
                grid.line(
                    from: (Double(link.fromColumn - area.x), Double(link.fromRow - top)),
                    to: (Double(link.toColumn - area.x), Double(link.toRow - top)),
                    series: index
                )
            }
            let cells = visible.map { link in
                Cell(Palette.divergingGlyph(weightScale.position(link.weight)),
                     style: Style(foreground: weightScale.color(link.weight).downsampled(to: colors)))
            }
            for row in 0..<grid.rows {
                for column in 0..<grid.columns {
                    let owner = Int(grid.owner[row * grid.columns + column])
                    guard owner >= 0 else { continue }
                    buffer.setNarrow(cells[owner], x: area.x + column, y: top + row)
                }
            }
        }

        // Neurons on top of the links.
        let allValues = values.flatMap { $0 }
        let valueScale = ColorScale(self.valueScale, fitting: allValues)
        for (layer, rows) in layout.rows.enumerated() {
            let column = layout.columns[layer]
            for (neuron, row) in rows.enumerated() {
                drawNeuron(into: &buffer, layer: layer, neuron: neuron, column: column, row: row,
                           width: layout.nodeWidth, valueScale: valueScale, weightScale: weightScale,
                           glyphs: glyphs, colors: colors, theme: theme)
            }
            if let ellipsisRow = layout.ellipsisRows[layer] {
                let mark = glyphs.isUnicode ? "⋮" : ":"
                buffer.put(mark, at: column + (layout.nodeWidth - 1) / 2, ellipsisRow, style: theme.label)
            }
        }

        if headerRows == 1 {
            for (layer, name) in layerNames.prefix(layerSizes.count).enumerated() {
                // A name may spread over the gap to the next layer (the last layer: to the previous one).
                let spacing = layout.columns.count > 1 ? layout.columns[1] - layout.columns[0] : area.width + 1
                let text = truncate(name, width: max(1, layout.nodeWidth, spacing - 1), ellipsis: glyphs.ellipsis)
                let width = displayWidth(of: text)
                let start = min(max(area.x, layout.columns[layer] + (layout.nodeWidth - width) / 2), area.right - width)
                buffer.put(text, at: start, area.y, style: theme.title)
            }
        }
    }

    private func drawNeuron(
        into buffer: inout Buffer, layer: Int, neuron: Int, column: Int, row: Int, width: Int,
        valueScale: ColorScale, weightScale: ColorScale, glyphs: GlyphSet, colors: ColorMode, theme: Theme
    ) {
        let value = self.value(layer: layer, neuron: neuron)
        let inputs = layer > 0 ? layerSizes[layer - 1] : 0
        if display == .incomingWeights, layer > 0, layer - 1 < weights.count, inputs > 0 {
            for cell in 0..<width {
                // Sample the incoming weights across the node's cells.
                let input = min(inputs - 1, cell * inputs / width)
                let w = weight(layer: layer - 1, from: input, to: neuron) ?? .nan
                if glyphs.isUnicode && colors != .none {
                    let color: Color = w.isNaN ? .default : weightScale.color(w).downsampled(to: colors)
                    buffer.put(glyphs.fullBlock, at: column + cell, row, style: Style(foreground: color))
                } else {
                    // A blank would read as a missing neuron: near-zero weights show a dot.
                    let glyph = weightScale.glyph(w, glyphs: glyphs)
                    let style = colors == .none || w.isNaN ? Style.plain : Style(foreground: weightScale.color(w).downsampled(to: colors))
                    buffer.put(glyph == " " ? "." : glyph, at: column + cell, row, style: style)
                }
            }
        } else if display != .dot, let value {
            let text = align(NumberLabel.fitting(value, width: width), width: width, .center, ellipsis: glyphs.ellipsis)
            var style = theme.text
            if colors != .none, !value.isNaN {
                let background = valueScale.color(value)
                style = Style(foreground: background.contrasting.downsampled(to: colors), background: background.downsampled(to: colors))
            }
            buffer.put(text, at: column, row, style: style)
        } else {
            var style = theme.text
            if let value, !value.isNaN, colors != .none {
                style = Style(foreground: valueScale.color(value).downsampled(to: colors))
            }
            buffer.put(glyphs.isUnicode ? "●" : "o", at: column + (width - 1) / 2, row, style: style)
        }
    }
}
