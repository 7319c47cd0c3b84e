import Canvas
import Foundation
import Neural

/// Drawing the image playground: the settings and the layers on the left with the test curves under them;
/// on the right the digit under the cursor, the shown block's filters, its feature maps for that digit and
/// its max-pooled maps, one column per filter so each filter stands above what it finds.
///
/// Shades go from empty to solid: the digit from paper (0) to full ink (1); the filters from −m to +m, m the
/// largest weight size of the block, so 0 is the middle shade; each row of maps from 0 to its largest value.
extension ImagePlaygroundScreen {
    /// The width of the settings column for a terminal `width` wide.
    static func controlsWidth(_ width: Int) -> Int { min(36, max(26, width * 2 / 5)) }

    /// Draws the screen into `buffer`, which is the whole terminal.
    func draw(into buffer: inout Buffer, glyphs: GlyphSet, colors: ColorMode) {
        let style = TutorStyle.standard(for: colors)
        let area = buffer.area
        guard area.width >= 20, area.height >= 6 else { return }
        drawTitle(into: &buffer, style: style, glyphs: glyphs)
        let bodyHeight = area.height - 3
        let left = Rect(x: 0, y: 1, width: Self.controlsWidth(area.width), height: bodyHeight)
        let right = Rect(x: left.width + 1, y: 1, width: max(0, area.width - left.width - 2), height: bodyHeight)
        let controlLines = self.controlLines(width: left.width, style: style, glyphs: glyphs)
        for (row, line) in controlLines.prefix(left.height).enumerated() {
            buffer.put(line, at: left.x + 1, left.y + row, maxWidth: left.width - 1)
        }
        let chartTop = controlLines.count + 1
        if left.height - chartTop >= 5 {
            drawChart(into: &buffer, area: Rect(x: 0, y: left.y + chartTop, width: left.width, height: left.height - chartTop),
                      glyphs: glyphs, colors: colors)
        }
        for (row, line) in mapLines(width: right.width, height: right.height, style: style, glyphs: glyphs).prefix(right.height).enumerated() {
            buffer.put(line, at: right.x, right.y + row, maxWidth: right.width)
        }
        drawStatus(into: &buffer, row: area.height - 2, style: style, glyphs: glyphs)
        drawKeys(into: &buffer, style: style, glyphs: glyphs)
    }

    // MARK: Bars

    /// `conv 8 3 → dense 10`, the blocks in short.
    func layersText(glyphs: GlyphSet) -> String {
        let arrow = glyphs.isUnicode ? " → " : " -> "
        return (configuration.blocks.map { "conv \($0.filters) \($0.kernel)" } + ["dense 10"]).joined(separator: arrow)
    }

    var stateText: String {
        if isDiverged { return "diverged" }
        if training?.status == .finished { return "finished" }
        return isRunning ? "training" : "paused"
    }

    private func drawTitle(into buffer: inout Buffer, style: TutorStyle, glyphs: GlyphSet) {
        let dot = glyphs.isUnicode ? " · " : " - "
        let rate = "\(configuration.optimizer.name) lr " + PlaygroundConfiguration.number(configuration.learningRate)
        let mark = isRunning ? (glyphs.isUnicode ? "▶ " : "> ") : ""
        let right = [Span("epoch \(epoch)", style.barAccent), Span("  " + mark + stateText, style.bar)]
        // The layers only where they leave the learning rate whole.
        let full = "  \(layersText(glyphs: glyphs))\(dot)" + rate
        let fits = displayWidth(of: "Image playground" + full) + right.width + 4 <= buffer.area.width
        buffer.bar([Span("Image playground", style.barAccent), Span(fits ? full : "  " + rate, style.bar)],
                   right: right, row: 0, in: buffer.area, style: style.bar)
    }

    private func drawKeys(into buffer: inout Buffer, style: TutorStyle, glyphs: GlyphSet) {
        let pairs: [(String, String)]
        if prompt != nil {
            pairs = [("Enter", "done"), ("Esc", "cancel"), ("Backspace", "delete")]
        } else {
            pairs = [("Space", isRunning ? "pause" : "play"), ("s", "step"), ("r", "reset"), (glyphs.isUnicode ? "↑↓←→" : "Arrows", "settings"),
                     ("] [", "block"), ("n p", "digit"), ("?", "help"), ("w", "save"), ("o", "open"), ("d", "dense")]
        }
        let spans = pairs.enumerated().flatMap { index, pair in
            [Span((index == 0 ? "" : "  ") + pair.0, style.barAccent), Span(" " + pair.1, style.bar)]
        }
        buffer.bar(spans, row: buffer.area.height - 1, in: buffer.area, style: style.bar)
    }

    private func drawStatus(into buffer: inout Buffer, row: Int, style: TutorStyle, glyphs: GlyphSet) {
        let area = buffer.area
        buffer.fill(Rect(x: 0, y: row, width: area.width, height: 1))
        buffer.put(statusLine(style: style, glyphs: glyphs).fitted(area.width - 2), at: 1, row, maxWidth: area.width - 2)
    }

    /// The prompt, the last notice, a divergence, or how training goes.
    func statusLine(style: TutorStyle, glyphs: GlyphSet) -> [Span] {
        if let prompt {
            let label = prompt.purpose == .save ? "Save (.yaml, .safetensors) as: " : "Open .yaml or .safetensors: "
            return [Span(label, style.accent), Span(prompt.text), prompt.text.isEmpty ? Span(prompt.suggestion, style.secondary) : Span("")]
        }
        if let notice { return [Span(notice, style.accent)] }
        if case .diverged(let divergence)? = training?.status {
            return [Span(Self.divergenceSentence(divergence), style.warning)]
        }
        let dot = glyphs.isUnicode ? " · " : ", "
        var spans = [Span("epoch \(epoch)"), Span("\(dot)batch \(training?.batchInEpoch ?? 0)/\(training?.batchesPerEpoch ?? (digits.training.count + configuration.batchSize - 1) / configuration.batchSize)", style.secondary)]
        if let last = testTrace.last {
            spans.append(Span("\(dot)test accuracy "))
            spans.append(Span(WidgetText.number((last.accuracy ?? 0) * 100, decimals: 1, glyphs: glyphs) + " %", style.accent))
            spans.append(Span("\(dot)test loss " + WidgetText.number(last.loss, decimals: 3, glyphs: glyphs)))
        } else {
            spans.append(Span("\(dot)untrained: Space trains", style.secondary))
        }
        if let training, isRunning {
            if training.samplesPerSecond > 0 { spans.append(Span("\(dot)\(Int(training.samplesPerSecond.rounded())) digits/s", style.secondary)) }
            if let fps = latest?.framesPerSecond, fps > 0 { spans.append(Span("\(dot)\(Int(fps.rounded())) frames/s", style.secondary)) }
        }
        return spans
    }

    // MARK: Settings

    /// The settings, the selected one reversed, then the shapes and the parameter count.
    func controlLines(width: Int, style: TutorStyle, glyphs: GlyphSet) -> [[Span]] {
        var lines: [[Span]] = [[Span("Layers", style.heading)]]
        func line(_ item: ImagePlaygroundControl) -> [Span] {
            let label = item.label(glyphs: glyphs), value = item.value(in: configuration, glyphs: glyphs)
            let gap = max(1, width - 3 - label.count - value.count)
            let text = " " + label + String(repeating: " ", count: gap) + value + " "
            return [Span(text, item == control ? style.selected : Style())]
        }
        let all = controls
        for item in all where item.isLayerControl { lines.append(line(item)) }
        lines.append([Span(" dense 10, softmax (the digits)", style.secondary)])
        lines.append([Span("Training", style.heading)])
        for item in all where !item.isLayerControl { lines.append(line(item)) }
        lines.append([Span(shapesText(glyphs: glyphs), style.secondary)])
        lines.append([Span("parameters "), Span(Self.grouped(network.parameterCount), style.accent),
                      Span(" (conv \(Self.grouped(convolutionParameters)))", style.secondary)])
        return lines
    }

    /// `1×8×8 → 8×4×4 → 10`: the picture's shape after each block.
    func shapesText(glyphs: GlyphSet) -> String {
        let by = glyphs.isUnicode ? "×" : "x", arrow = glyphs.isUnicode ? "→" : ">"
        var size = 8
        var parts = ["1\(by)8\(by)8"]
        for block in configuration.blocks {
            size /= 2
            parts.append("\(block.filters)\(by)\(size)\(by)\(size)")
        }
        return (parts + ["10"]).joined(separator: arrow)
    }

    /// The weights and biases of the conv blocks: Σ filters · (channels in · k · k + 1).
    var convolutionParameters: Int {
        var channels = 1, total = 0
        for block in configuration.blocks {
            total += block.filters * (channels * block.kernel * block.kernel + 1)
            channels = block.filters
        }
        return total
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }

    // MARK: The chart

    private func drawChart(into buffer: inout Buffer, area: Rect, glyphs: GlyphSet, colors: ColorMode) {
        let theme = Theme.standard.downsampled(to: colors)
        let x = testTrace.map(\.epoch)
        // Both on 0 to 1, so the accuracy reads as a fraction; the loss starts near ln 10 ≈ 2.3 and is cut at 1.
        let series = [LineChart.Series("test accuracy", x: x, y: testTrace.map { Double($0.accuracy ?? 0) }, color: Palette.series(0)),
                      LineChart.Series("test loss", x: x, y: testTrace.map { $0.loss.isFinite ? Double(min($0.loss, 1)) : 1 }, color: Palette.series(1))]
        let chart = LineChart(series: series, yRange: .fixed(0, 1), xTitle: "epoch", showsLegend: true, theme: theme)
        buffer.render(chart, in: area, glyphs: glyphs, colors: colors)
    }

    // MARK: The maps

    /// The digit under the cursor and the network's guess; the shown block's filters; its feature maps
    /// beside the digit; its pooled maps. Columns a filter each, as many as the width holds.
    func mapLines(width: Int, height: Int, style: TutorStyle, glyphs: GlyphSet) -> [[Span]] {
        let by = glyphs.isUnicode ? "×" : "x"
        var lines: [[Span]] = []
        if digits.test.count > 0 {
            let label = digits.label(ofTest: cursor), guess = inspection.guess
            let confidence = WidgetText.number(inspection.probabilities[guess] * 100, decimals: 0, glyphs: glyphs)
            lines.append([Span("test digit \(cursor + 1) of \(digits.test.count)", style.heading),
                          Span(": \(label == 8 ? "an" : "a") \(label), says \(guess) (\(confidence) %) "),
                          Span(WidgetText.mark(guess == label, glyphs: glyphs), guess == label ? style.done : style.warning)])
        }
        let pixels = digits.test.count > 0 ? digits.pixels(ofTest: cursor) : Array(repeating: 0, count: 64)
        let digit = ShadePicture.rows(Matrix(rows: 8, columns: 8, elements: pixels), low: 0, high: 1, columnsPerPixel: 1, glyphs: glyphs)
        guard inspection.blocks.indices.contains(shownBlock) else {
            lines.append([Span("No conv block: the dense head reads the pixels. ] adds a block.", style.secondary)])
            lines += digit.map { [Span($0)] }
            return lines
        }
        let block = inspection.blocks[shownBlock]
        let kernel = block.filters.first?.rows ?? 0
        let columnWidth = max(8, 2 * kernel)
        let columns = max(0, min(block.filters.count, (width - columnWidth - 1) / (columnWidth + 1)))
        func row(_ first: [String], _ pictures: [[String]]) -> [[Span]] {
            let rows = max(first.count, pictures.prefix(columns).map(\.count).max() ?? 0)
            return (0..<rows).map { y in
                var text = Self.pad(y < first.count ? first[y] : "", columnWidth)
                for picture in pictures.prefix(columns) { text += " " + Self.pad(y < picture.count ? picture[y] : "", columnWidth) }
                return [Span(text)]
            }
        }
        let channelNote = block.inputChannels > 1 ? ", on input channel 1 of \(block.inputChannels)" : ""
        let blockNote = configuration.blocks.count > 1 ? " (b: next block)" : ""
        lines.append([Span("conv \(shownBlock + 1): \(block.filters.count) filters \(kernel)\(by)\(kernel)", style.heading),
                      Span(" (faint -, solid +)\(blockNote)\(channelNote)", style.secondary)].fitted(width))
        let bound = max(block.filters.flatMap(\.storage).map(abs).max() ?? 1, 1e-6)
        lines += row([], block.filters.map { ShadePicture.rows($0, low: -bound, high: bound, columnsPerPixel: 2, glyphs: glyphs) })
        let mapSize = block.maps.first?.rows ?? 0
        let mapHigh = max(block.maps.flatMap(\.storage).max() ?? 0, 1e-6)
        lines.append([Span(Self.pad("digit", columnWidth + 1), style.secondary),
                      Span("feature maps \(mapSize)\(by)\(mapSize) after relu", style.heading), Span(" solid where a filter finds its pattern", style.secondary)].fitted(width))
        let mapColumns = max(1, columnWidth / max(mapSize, 1))
        lines += row(digit, block.maps.map { ShadePicture.rows($0, low: 0, high: mapHigh, columnsPerPixel: mapColumns, glyphs: glyphs) })
        let pooledSize = block.pooled.first?.rows ?? 0
        let pooledHigh = max(block.pooled.flatMap(\.storage).max() ?? 0, 1e-6)
        let pooledLines = [[Span(Self.pad("", columnWidth + 1)), Span("max-pooled to \(pooledSize)\(by)\(pooledSize)", style.heading),
                            Span(" the largest of each 2\(by)2", style.secondary)].fitted(width)]
            + row([], block.pooled.map { ShadePicture.rows($0, low: 0, high: pooledHigh, columnsPerPixel: max(1, columnWidth / max(pooledSize, 1)), glyphs: glyphs) })
        var more: [[Span]] = []
        if columns < block.filters.count {
            let dash = glyphs.isUnicode ? "–" : "-"
            more = [[Span("filters \(columns + 1)\(dash)\(block.filters.count): a wider terminal shows them", style.secondary)]]
        }
        if lines.count + pooledLines.count + more.count <= height { lines += pooledLines }
        return lines + more
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

extension [Span] {
    /// The spans without the trailing ones that do not fit whole in `width` columns (the first always stays).
    func fitted(_ width: Int) -> [Span] {
        var spans = self
        while spans.count > 1, spans.reduce(0, { $0 + $1.width }) > width { spans.removeLast() }
        return spans
    }
}
