import Canvas
import Neural

/// Draws the `transfer` widget: the body's training on 0–4, its layers with their locks, and the race on
/// 5–9 as two rows of held-out accuracy, with the verdict when both have finished.
extension TransferWidget {
    func preferredContentHeight(width: Int, available: Int) -> Int {
        min(available, lines(width: max(20, width), context: WidgetContext(glyphs: .unicode, colors: .none, isFocused: false)).count)
    }

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        for (index, line) in lines(width: area.width, context: context).prefix(area.height).enumerated() {
            buffer.put(line, at: area.x, area.y + index, maxWidth: area.width)
        }
    }

    /// Every line the widget draws at `width` columns, top to bottom.
    func lines(width: Int, context: WidgetContext) -> [[Span]] {
        let glyphs = context.glyphs, style = context.style
        let dash = glyphs.isUnicode ? "–" : "-"
        var lines: [[Span]] = []
        lines.append([Span("1. the body on digits 0\(dash)4", style.heading),
                      Span(" (\(setup.lower.train.count) training, \(setup.lower.test.count) held out)", style.secondary)])
        lines.append(bodyLine(context: context))
        lines.append([])
        let network = trainedBody ?? TransferSetup.freshNetwork(seed: TransferSetup.seed)
        let head = network.parameterLayerIndices.last ?? 7
        for (number, index) in Self.lockable.enumerated() {
            let isLocked = locked.contains(index)
            let mark = isLocked ? (glyphs.isUnicode ? "■ locked  " : "# locked  ") : (glyphs.isUnicode ? "□ trains  " : "o trains  ")
            lines.append([Span("  \(number + 1)  "), Span(mark, isLocked ? style.accent : .plain),
                          Span("layer \(index)  " + plain(network.layers[index].summary, glyphs) + "  \(network.layers[index].parameterCount) numbers", style.secondary)])
        }
        lines.append([Span("     ", .plain), Span(glyphs.isUnicode ? "□ trains  " : "o trains  "),
                      Span("layer \(head)  a new head for 5 classes, \(5 * (network.layers[head].inputSize + 1)) numbers", style.secondary)])
        lines.append([])
        lines.append([Span("2. the race on 5\(dash)9", style.heading),
                      Span(" (\(setup.perClass) examples of each, \(setup.upper.test.count) held out; both alike but the start)", style.secondary)])
        let names = ["transfer", "scratch "]
        for index in 0..<2 {
            lines.append(raceLine(name: names[index], snapshot: race[index], width: width, context: context))
        }
        if let verdict = verdict(glyphs: glyphs) {
            lines.append([])
            lines.append([Span(verdict, style.done)])
        }
        return lines.flatMap { $0.width > width ? wrap($0, width: max(10, width)) : [$0] }
    }

    private func percent(_ value: Float?, _ glyphs: GlyphSet) -> String {
        guard let value else { return glyphs.isUnicode ? "  –  " : "  -  " }
        return WidgetText.number(value * 100, decimals: 1, glyphs: glyphs) + " %"
    }

    /// Where the body stands.
    func bodyLine(context: WidgetContext) -> [Span] {
        let style = context.style
        guard let body else {
            return [Span(stage == .waiting ? "   not trained yet: Space trains it, \(TransferSetup.bodyConfiguration.epochs) epochs" : "   starting",
                         style.secondary)]
        }
        let training = body.training
        let accuracy = training.history.last?.validationAccuracy
        let epochs = "\(training.epoch)/\(TransferSetup.bodyConfiguration.epochs) epochs"
        if training.status.isDone {
            return [Span("   trained, \(epochs): held-out accuracy "), Span(percent(accuracy, context.glyphs), style.accent)]
        }
        return [Span("   training, \(epochs): held-out accuracy "), Span(percent(accuracy, context.glyphs), style.accent)]
    }

    /// One side of the race: its epoch, its held-out accuracy as a number and a bar.
    func raceLine(name: String, snapshot: LiveSnapshot?, width: Int, context: WidgetContext) -> [Span] {
        let glyphs = context.glyphs, style = context.style
        guard let snapshot else { return [Span("   \(name)  ", .plain), Span("waiting", style.secondary)] }
        let training = snapshot.training
        let accuracy = training.history.last?.validationAccuracy
        let trains = training.network.trainableParameterCount
        let head = "   \(name)  epoch \(pad("\(training.epoch)", 3))/\(setup.raceEpochs)  "
        let tail = "  trains \(trains) numbers"
        // Both bars are as long as the longer tail allows, so equal accuracies draw equal bars.
        let widestCount = race.compactMap { $0?.training.network.trainableParameterCount }.map { "\($0)".count }.max() ?? 0
        let tailWidth = max(tail.count, "  trains  numbers".count + widestCount)
        let barWidth = max(0, min(30, width - head.count - 8 - tailWidth))
        let filled = Int(((accuracy ?? 0) * Float(barWidth)).rounded())
        let full = glyphs.isUnicode ? "█" : "#", empty = glyphs.isUnicode ? "░" : "."
        return [Span(head), Span(String(repeating: full, count: filled), style.accent),
                Span(String(repeating: empty, count: barWidth - filled), style.secondary),
                Span(" " + percent(accuracy, glyphs), style.accent), Span(tail, style.secondary)]
    }

    /// Once both have finished: which scored higher on the held-out digits, and by how much.
    func verdict(glyphs: GlyphSet) -> String? {
        guard let transfer = race[0]?.training, let scratch = race[1]?.training,
              transfer.status.isDone, scratch.status.isDone,
              let a = transfer.history.last?.validationAccuracy, let b = scratch.history.last?.validationAccuracy else { return nil }
        let gap = WidgetText.number(abs(a - b) * 100, decimals: 1, glyphs: glyphs)
        let count = setup.upper.test.count
        let digits = Int((abs(a - b) * Float(count)).rounded())
        if digits == 0 { return "A tie on the \(count) held-out digits." }
        let winner = a > b ? "The trained body wins" : "From scratch wins"
        return "\(winner) by \(gap) points, \(digits) of the \(count) held-out digits."
    }

    /// `text` as this terminal shows it: spelt in ASCII where Unicode is missing.
    private func plain(_ text: String, _ glyphs: GlyphSet) -> String {
        glyphs.isUnicode ? text : ASCIIText.transliterated(text)
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
