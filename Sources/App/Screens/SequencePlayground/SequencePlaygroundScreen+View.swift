import Canvas
import Foundation
import Neural

/// Drawing the sequence mode: settings, loss and names on the left; the loss chart and the reading of the
/// name under the cursor on the right. Everything comes from the latest snapshot; nothing here trains or
/// runs the network.
extension SequencePlaygroundScreen {
    /// Columns of the left panel.
    static func leftWidth(for width: Int) -> Int { min(36, max(33, width / 3)) }

    /// Draws the screen into `buffer`, which is the whole terminal.
    func draw(into buffer: inout Buffer, glyphs: GlyphSet, colors: ColorMode) {
        let style = TutorStyle.standard(for: colors)
        let area = buffer.area
        guard area.height >= 8 else { return }
        drawTitle(into: &buffer, style: style, glyphs: glyphs)
        let left = Self.leftWidth(for: area.width)
        let body = Rect(x: 0, y: 1, width: area.width, height: area.height - 3)
        buffer.put("sequence mode", at: 1, body.y, style: style.secondary)
        var row = body.y + 1
        row = drawControls(into: &buffer, x: 1, y: row, width: left - 2, style: style, glyphs: glyphs)
        row = drawLosses(into: &buffer, x: 1, y: row + 1, width: left - 2, style: style, glyphs: glyphs)
        drawSamples(into: &buffer, area: Rect(x: 1, y: row + 1, width: left - 2, height: max(0, body.bottom - row - 1)), style: style)
        let right = Rect(x: left, y: body.y, width: area.width - left - 1, height: body.height)
        let chartHeight = max(4, right.height * 2 / 5)
        drawChart(into: &buffer, area: Rect(x: right.x, y: right.y, width: right.width, height: chartHeight), style: style,
                  glyphs: glyphs, colors: colors)
        drawReading(into: &buffer, area: Rect(x: right.x, y: right.y + chartHeight + 1, width: right.width,
                                              height: max(0, right.height - chartHeight - 1)),
                    style: style, glyphs: glyphs, colors: colors)
        drawStatus(into: &buffer, row: area.height - 2, style: style, glyphs: glyphs)
        drawKeys(into: &buffer, row: area.height - 1, style: style, glyphs: glyphs)
    }

    // MARK: Bars

    /// `lstm 32 × 1` or `transformer 32 × 1, 2 heads`.
    func modelText(glyphs: GlyphSet) -> String {
        let times = glyphs.isUnicode ? "×" : "x"
        let base = "\(configuration.model.rawValue) \(configuration.hiddenSize) \(times) \(configuration.layers)"
        return configuration.model == .transformer ? base + ", \(configuration.heads) heads" : base
    }

    private func drawTitle(into buffer: inout Buffer, style: TutorStyle, glyphs: GlyphSet) {
        let dot = glyphs.isUnicode ? " · " : " - "
        let state: String
        if isDiverged {
            state = "diverged"
        } else {
            state = isRunning ? (glyphs.isUnicode ? "▶ training" : "> training") : (glyphs.isUnicode ? "❚❚ paused" : "|| paused")
        }
        let steps = training?.stepCount ?? 0
        let speed = (training?.samplesPerSecond ?? 0) > 0 ? dot + "\(Int(training!.samplesPerSecond)) names/s" : ""
        buffer.bar([Span("Playground", style.barAccent),
                    Span("  names\(dot)\(modelText(glyphs: glyphs))\(dot)adam lr \(PlaygroundConfiguration.number(configuration.learningRate))", style.bar)],
                   right: [Span("step \(steps)" + speed, style.barAccent), Span("  " + state, style.bar)],
                   row: 0, in: buffer.area, style: style.bar)
    }

    private func drawKeys(into buffer: inout Buffer, row: Int, style: TutorStyle, glyphs: GlyphSet) {
        let arrows = glyphs.isUnicode ? "↑↓←→" : "Arrows"
        let pairs: [(String, String)]
        if prompt != nil {
            pairs = [("Enter", "done"), ("Esc", "cancel"), ("Backspace", "delete")]
        } else {
            pairs = [("Space", isRunning ? "pause" : "play"), ("s", "step"), ("r", "reset"), (arrows, "settings"), ("< >", "name"),
                     ("Enter", "new names"), ("?", "help"), ("w", "save"), ("o", "open"), ("Esc", "home")]
        }
        let spans = pairs.enumerated().flatMap { index, pair in
            [Span((index == 0 ? "" : "  ") + pair.0, style.barAccent), Span(" " + pair.1, style.bar)]
        }
        buffer.bar(spans, row: row, in: buffer.area, style: style.bar)
    }

    private func drawStatus(into buffer: inout Buffer, row: Int, style: TutorStyle, glyphs: GlyphSet) {
        let width = buffer.area.width
        if let prompt {
            let label = switch prompt.purpose {
            case .save: "Save (.yaml, .safetensors) in \(PlaygroundScreen.folderName(fitting: width / 4, glyphs: glyphs)): "
            case .open: "Open .yaml or .safetensors in \(PlaygroundScreen.folderName(fitting: width / 4, glyphs: glyphs)): "
            case .name: "Name to read: "
            }
            var spans = [Span(label, style.accent)]
            spans.append(prompt.text.isEmpty ? Span(prompt.suggestion, style.secondary) : Span(prompt.text))
            buffer.put(spans, at: 1, row, maxWidth: width - 2)
            return
        }
        if let text = notice ?? problem {
            buffer.put(truncate(text, width: width - 2, ellipsis: glyphs.ellipsis), at: 1, row, style: pendingSave != nil || isDiverged ? style.warning : style.accent)
        } else if case .diverged(let divergence)? = training?.status {
            let text = Self.divergenceText(divergence)
            buffer.put(truncate(text, width: width - 2, ellipsis: glyphs.ellipsis), at: 1, row, style: style.warning)
        }
    }

    // MARK: Left panel

    /// The label and value of a control.
    func controlText(_ control: Control) -> (String, String) {
        switch control {
        case .data: ("data", "names")
        case .model: ("model", configuration.model.rawValue)
        case .hidden: (configuration.model == .transformer ? "width" : "hidden", "\(configuration.hiddenSize)")
        case .layers: (configuration.model == .transformer ? "blocks" : "layers", "\(configuration.layers)")
        case .heads: ("heads", "\(configuration.heads)")
        case .learningRate: ("learning rate", PlaygroundConfiguration.number(configuration.learningRate))
        case .temperature: ("temperature", PlaygroundConfiguration.number(configuration.temperature))
        }
    }

    /// The settings, one a line, the chosen one marked; returns the row after them.
    private func drawControls(into buffer: inout Buffer, x: Int, y: Int, width: Int, style: TutorStyle, glyphs: GlyphSet) -> Int {
        var row = y
        let (leftArrow, rightArrow) = glyphs.isUnicode ? ("‹", "›") : ("<", ">")
        for shown in controls {
            let (label, value) = controlText(shown)
            let chosen = shown == control
            let mark = chosen ? (glyphs.isUnicode ? "▸ " : "> ") : "  "
            let text = align(label, width: 14, .left, ellipsis: glyphs.ellipsis)
            buffer.put([Span(mark, style.accent), Span(text, chosen ? style.heading : .plain),
                        Span(chosen ? "\(leftArrow) \(value) \(rightArrow)" : "  \(value)", chosen ? style.selected : .plain)],
                       at: x, row, maxWidth: width)
            row += 1
        }
        return row
    }

    /// The latest loss per letter, training and held-out; returns the row after.
    private func drawLosses(into buffer: inout Buffer, x: Int, y: Int, width: Int, style: TutorStyle, glyphs: GlyphSet) -> Int {
        buffer.put("loss per letter (nats)", at: x, y, style: style.secondary, maxWidth: width)
        let point = sequence?.trace.last
        let dash = glyphs.isUnicode ? "–" : "-"
        let trainText = point.map { String(format: "%.2f", $0.training) } ?? dash
        let heldOutText = point.map { String(format: "%.2f", $0.validation) } ?? dash
        buffer.put([Span("train "), Span(trainText, Style(bold: true)), Span("  held-out "), Span(heldOutText, Style(bold: true))],
                   at: x, y + 1, maxWidth: width)
        return y + 2
    }

    private func drawSamples(into buffer: inout Buffer, area: Rect, style: TutorStyle) {
        guard area.height >= 2 else { return }
        let seed = sequence?.sampleSeed ?? 1
        buffer.put("names (T \(PlaygroundConfiguration.number(configuration.temperature)), seed \(seed))",
                   at: area.x, area.y, style: style.secondary, maxWidth: area.width)
        let samples = sequence?.samples ?? []
        let rows = area.height - 1
        let columns = samples.count > rows ? 2 : 1
        let columnWidth = area.width / columns
        for (index, name) in samples.enumerated() {
            let column = index / max(rows, 1), row = index % max(rows, 1)
            guard column < columns else { break }
            buffer.put(name.isEmpty ? "(empty)" : name, at: area.x + column * columnWidth, area.y + 1 + row,
                       style: Style(bold: true), maxWidth: columnWidth - 1)
        }
    }

    // MARK: Right panel

    private func drawChart(into buffer: inout Buffer, area: Rect, style: TutorStyle, glyphs: GlyphSet, colors: ColorMode) {
        buffer.put("loss per letter by step: train and held-out", at: area.x, area.y, style: style.heading, maxWidth: area.width)
        let trace = sequence?.trace ?? []
        guard trace.count >= 2 else {
            let text = trace.isEmpty ? "the first point comes after 100 steps: press Space" : "one point so far"
            buffer.put(text, at: area.x, area.y + 2, style: style.secondary, maxWidth: area.width)
            return
        }
        // A chart shows at most a few hundred points: evenly spaced, the last always among them.
        let limit = max(2, area.width * 2)
        let picked = trace.count <= limit ? trace : (0..<limit).map { trace[$0 * (trace.count - 1) / (limit - 1)] }
        let steps = picked.map { Double($0.step) }
        let chart = LineChart(series: [LineChart.Series("train", x: steps, y: picked.map { Double($0.training) }),
                                       LineChart.Series("held-out", x: steps, y: picked.map { Double($0.validation) })])
        buffer.render(chart, in: Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1), glyphs: glyphs, colors: colors)
    }

    private func drawReading(into buffer: inout Buffer, area: Rect, style: TutorStyle, glyphs: GlyphSet, colors: ColorMode) {
        guard area.height >= 3, let reading = sequence?.reading, let vocabulary = data?.vocabulary else { return }
        let letters = reading.tokens.map { vocabulary.symbol(for: $0) }
        let guesses = reading.likeliest.map { vocabulary.symbol(for: $0) }
        if !reading.attention.isEmpty {
            drawAttention(reading.attention, letters: letters, into: &buffer, area: area, style: style, glyphs: glyphs, colors: colors)
            return
        }
        let units = reading.hidden.first?.count ?? 0
        let mapRows = max(1, area.height - 3)
        let shownUnits = min(units, mapRows * 2)
        let unitText = shownUnits < units ? "units 1-\(shownUnits) of \(units)" : "\(units) units"
        buffer.put("\"\(probe)\": hidden state, \(unitText)", at: area.x, area.y, style: style.heading, maxWidth: area.width)
        let stepWidth = 3, labelWidth = 7
        buffer.put("reads", at: area.x, area.y + 1, style: style.secondary)
        for (index, letter) in letters.enumerated() where labelWidth + (index + 1) * stepWidth <= area.width {
            buffer.put(" \(letter) ", at: area.x + labelWidth + index * stepWidth, area.y + 1, style: Style(bold: true))
        }
        if shownUnits > 0 {
            var values: [Double] = []
            for unit in 0..<shownUnits {
                for step in reading.hidden.indices { values.append(Double(reading.hidden[step][unit])) }
            }
            let columns = min(reading.hidden.count, max(1, (area.width - labelWidth) / stepWidth))
            let trimmed = columns == reading.hidden.count ? values
                : (0..<shownUnits).flatMap { unit in values[(unit * reading.hidden.count)..<(unit * reading.hidden.count + columns)] }
            let map = Heatmap(values: trimmed, rows: shownUnits, columns: columns, scale: .diverging, range: -1...1,
                              showsColorBar: false, keepsAspect: false)
            buffer.put("h", at: area.x, area.y + 2, style: Style(bold: true))
            buffer.render(map, in: Rect(x: area.x + labelWidth, y: area.y + 2, width: columns * stepWidth, height: min(mapRows, (shownUnits + 1) / 2)),
                          glyphs: glyphs, colors: colors)
        }
        let guessRow = area.y + 2 + min(mapRows, (shownUnits + 1) / 2)
        if guessRow < area.bottom {
            buffer.put("next?", at: area.x, guessRow, style: style.secondary)
            for (index, guess) in guesses.enumerated() where labelWidth + (index + 1) * stepWidth <= area.width {
                buffer.put(" \(guess) ", at: area.x + labelWidth + index * stepWidth, guessRow, style: style.accent)
            }
        }
    }

    /// Each head's attention: query letters down, key letters across, darker (or redder) = more weight.
    private func drawAttention(_ attention: [[[Float]]], letters: [String], into buffer: inout Buffer, area: Rect,
                               style: TutorStyle, glyphs: GlyphSet, colors: ColorMode) {
        buffer.put("\"\(probe)\": each head's attention (row reads column)", at: area.x, area.y, style: style.heading,
                   maxWidth: area.width)
        let count = letters.count
        let cellWidth = 2
        let headWidth = count * cellWidth + 3
        let fitting = max(1, (area.width - 2) / headWidth)
        let rows = min(count, area.height - 3)
        guard rows > 0 else { return }
        for (head, weights) in attention.prefix(fitting).enumerated() {
            let x = area.x + 2 + head * headWidth
            buffer.put("head \(head + 1)", at: x, area.y + 1, style: style.secondary, maxWidth: headWidth - 1)
            for (index, letter) in letters.enumerated() {
                buffer.put(letter, at: x + index * cellWidth, area.y + 2, style: Style(bold: true))
            }
            let values = weights.prefix(rows).flatMap { row in row.map(Double.init) }
            let map = Heatmap(values: values, rows: rows, columns: count, scale: .sequential, range: 0...1,
                              showsColorBar: false, keepsAspect: false)
            buffer.render(map, in: Rect(x: x, y: area.y + 3, width: count * cellWidth, height: rows), glyphs: glyphs, colors: colors)
        }
        for (index, letter) in letters.prefix(rows).enumerated() {
            buffer.put(letter, at: area.x, area.y + 3 + index, style: Style(bold: true))
        }
        if attention.count > fitting, area.height > rows + 3 {
            buffer.put("\(attention.count - fitting) more heads: widen the terminal", at: area.x, area.y + 3 + rows, style: style.secondary,
                       maxWidth: area.width)
        }
    }
}
