import Canvas
import Neural

/// Draws the `names` widget: in reading mode the letters, the hidden state and the gates per step on the
/// left and the five likeliest next letters on the right; in generating mode the sampled names.
extension NamesWidget {
    /// Columns each step takes under the letters.
    static let stepWidth = 3
    /// Columns of the labels left of the heatmap and the gates.
    static let labelWidth = 7
    /// Hidden units drawn in the heatmap, of the model's 32.
    static let drawnUnits = 16
    /// Rows of the heatmap.
    static let heatmapRows = 8

    func preferredContentHeight(width: Int, available: Int) -> Int {
        switch mode {
        case .reading: min(available, 16)
        case .generating: min(available, 9)
        }
    }

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        guard area.width >= 20, area.height >= 3 else { return }
        guard let model else {
            buffer.put("the bundled names could not be read", at: area.x, area.y, style: context.style.warning, maxWidth: area.width)
            return
        }
        buffer.put(statusLine(model: model, context: context), at: area.x, area.y, maxWidth: area.width)
        let body = Rect(x: area.x, y: area.y + 2, width: area.width, height: max(0, area.height - 2))
        switch mode {
        case .reading: drawReading(into: &buffer, area: body, context: context)
        case .generating: drawSamples(into: &buffer, area: body, context: context)
        }
    }

    /// `steps 240 · 7,680 names seen · loss 2.31 · training`.
    func statusLine(model: CharacterModel, context: WidgetContext) -> [Span] {
        let glyphs = context.glyphs
        let loss = model.lastLoss.isFinite ? WidgetText.number(model.lastLoss, decimals: 2, glyphs: glyphs) : (glyphs.isUnicode ? "–" : "-")
        let dot = glyphs.isUnicode ? " · " : " | "
        let text = "steps \(Self.grouped(model.stepCount))" + dot + "\(Self.grouped(model.namesSeen)) names seen" + dot + "loss \(loss)"
        return [Span(text), Span(dot + (isPlaying ? "training" : "paused"), isPlaying ? context.style.done : context.style.secondary)]
    }

    // MARK: Reading

    private func drawReading(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        guard let reading, !reading.steps.isEmpty else { return }
        let style = context.style
        let left = area.x + Self.labelWidth
        let stepCount = reading.steps.count
        // The letters read, the one under the cursor reversed.
        buffer.put("reads", at: area.x, area.y, style: style.secondary)
        for (index, step) in reading.steps.enumerated() {
            let symbol = model?.vocabulary.symbol(for: step.token) ?? "?"
            buffer.put(" " + symbol + " ", at: left + index * Self.stepWidth, area.y, style: index == cursor ? context.selected : Style(bold: true))
        }
        // The hidden state: one column of units per step, scrolling in as the letters are read.
        let rows = min(Self.heatmapRows, max(0, area.height - 5))
        if rows > 0 {
            var values: [Double] = []
            for unit in 0..<Self.drawnUnits {
                // Steps after the cursor are not read yet: blank, so the state fills in as → reads on.
                for (index, step) in reading.steps.enumerated() { values.append(index <= cursor ? Double(step.hidden[unit]) : .nan) }
            }
            let map = Heatmap(values: values, rows: Self.drawnUnits, columns: stepCount, scale: .diverging, range: -1...1,
                              showsColorBar: false, keepsAspect: false, theme: context.theme)
            buffer.put("h", at: area.x, area.y + 1 + rows / 2 - 1, style: Style(bold: true))
            buffer.put("state", at: area.x, area.y + 1 + rows / 2, style: style.secondary)
            buffer.render(map, in: Rect(x: left, y: area.y + 1, width: stepCount * Self.stepWidth, height: rows),
                          glyphs: context.glyphs, colors: context.colors)
        }
        // The gates, each step's mean over the 32 units as a shade.
        let gateTop = area.y + 1 + rows
        let gates: [(String, KeyPath<CharacterModel.Reading.Step, [Float]>)] = [
            ("input", \.inputGate), ("forget", \.forgetGate), ("output", \.outputGate),
        ]
        for (row, gate) in gates.enumerated() where gateTop + row < area.bottom - 1 {
            buffer.put(gate.0, at: area.x, gateTop + row, style: style.secondary)
            for (index, step) in reading.steps.enumerated() where index <= cursor {
                let shade = context.glyphs.shade(Double(Self.mean(step[keyPath: gate.1])))
                buffer.put(" " + shade + shade, at: left + index * Self.stepWidth, gateTop + row, style: context.tinted(.rgb(120, 200, 160)))
            }
        }
        let legendRow = gateTop + gates.count
        if legendRow < area.bottom {
            let legend = context.colors == .none || !context.glyphs.isUnicode
                ? "state: shade for sign and size, -1 to 1; gates: darker = nearer 1"
                : "state: blue below 0, red above, -1 to 1; gates: darker = nearer 1"
            buffer.put(legend, at: area.x, legendRow, style: style.secondary, maxWidth: area.width)
        }
        // The panel: the next letter's five likeliest guesses and the gates at the cursor.
        let panelX = left + Self.maximumSteps * Self.stepWidth + 1
        guard panelX + 16 <= area.right else { return }
        let panelWidth = area.right - panelX
        let lines = panelLines(reading: reading, width: panelWidth, context: context)
        for (row, line) in lines.prefix(area.height).enumerated() {
            buffer.put(line, at: panelX, area.y + row, maxWidth: panelWidth)
        }
    }

    /// The steps a reading can have: the start mark and up to 15 letters.
    static let maximumSteps = CharacterModel.steps

    /// The guesses after the cursor's step and the three gates there.
    func panelLines(reading: CharacterModel.Reading, width: Int, context: WidgetContext) -> [[Span]] {
        guard reading.steps.indices.contains(cursor), let vocabulary = model?.vocabulary else { return [] }
        let step = reading.steps[cursor]
        let style = context.style, glyphs = context.glyphs
        let read = reading.steps.prefix(cursor + 1).map { vocabulary.symbol(for: $0.token) }.joined()
        var lines: [[Span]] = [[Span("after \"\(read)\":", style.heading)]]
        let barWidth = min(12, max(1, width - 9))
        for guess in step.topGuesses(5) {
            let percent = Int((guess.probability * 100).rounded())
            let symbol = vocabulary.symbol(for: guess.token)
            let bar = Self.bar(Double(guess.probability), width: barWidth, glyphs: glyphs)
            lines.append([Span(" " + symbol + " ", Style(bold: true)), Span(Self.padded("\(percent)%", 4) + " "),
                          Span(bar, context.tinted(.rgb(255, 185, 90)))])
        }
        lines.append([Span(". = the end", style.secondary)])
        lines.append([])
        lines.append([Span("gates here, mean", style.secondary)])
        for (label, values) in [("input ", step.inputGate), ("forget", step.forgetGate), ("output", step.outputGate)] {
            lines.append([Span(label + " " + WidgetText.number(Self.mean(values), decimals: 2, glyphs: glyphs))])
        }
        return lines
    }

    // MARK: Generating

    private func drawSamples(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        let style = context.style
        buffer.put("temperature \(Self.label(temperature))  seed \(seed)", at: area.x, area.y, style: style.heading, maxWidth: area.width)
        let columns = max(1, min(4, area.width / 18))
        let columnWidth = area.width / columns
        for (index, sample) in samples.enumerated() {
            let row = area.y + 2 + index / columns
            guard row < area.bottom - 1 else { break }
            let text = sample.isEmpty ? "(empty)" : sample
            buffer.put(text, at: area.x + (index % columns) * columnWidth, row, style: Style(bold: true), maxWidth: columnWidth - 1)
        }
        let noteRow = area.y + 2 + (samples.count + columns - 1) / columns + 1
        if noteRow < area.bottom {
            let note = temperature < 1 ? "below 1: the likeliest letters, even likelier"
                : temperature > 1 ? "above 1: unlikely letters get more of a chance" : "1: the model's own probabilities"
            buffer.put(note, at: area.x, noteRow, style: style.secondary, maxWidth: area.width)
        }
    }

    // MARK: Numbers and bars as text

    static func mean(_ values: [Float]) -> Float {
        values.isEmpty ? 0 : values.reduce(0, +) / Float(values.count)
    }

    static func bar(_ fraction: Double, width: Int, glyphs: GlyphSet) -> String {
        let eighths = Int((max(0, min(1, fraction)) * Double(width * 8)).rounded())
        var text = String(repeating: glyphs.fullBlock, count: eighths / 8)
        if eighths % 8 > 0 { text += glyphs.horizontalEighths[eighths % 8] }
        return text
    }

    static func padded(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// 7680 → `7,680`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
