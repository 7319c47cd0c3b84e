import Canvas
import Neural

/// Draws the `cnn` widget: how far training has gone and the held-out accuracy; the digit under the
/// cursor with the network's guess and the parameter counts; then, filter by filter, the 3×3 filter,
/// its feature map for the digit and the max-pooled map.
///
/// Pictures are drawn with shades, fuller for larger numbers: the digit from paper (0) to full ink (1); each
/// row of maps from 0 to its largest value, so the maps of one layer compare; the filters from −m (empty)
/// to +m (solid), m the largest size of any weight, so 0 is the middle shade.
extension CNNWidget {
    func preferredContentHeight(width: Int, available: Int) -> Int {
        min(available, lines(width: max(20, width), height: available, context: WidgetContext(glyphs: .unicode, colors: .none, isFocused: false)).count)
    }

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        for (index, line) in lines(width: area.width, height: area.height, context: context).prefix(area.height).enumerated() {
            buffer.put(line, at: area.x, area.y + index, maxWidth: area.width)
        }
    }

    /// Every line the widget draws at `width` columns, given `height` rows: when the whole picture does not
    /// fit, the digit is named rather than drawn and the parameter counts go, so the maps stay in view.
    func lines(width: Int, height: Int = .max, context: WidgetContext) -> [[Span]] {
        let full = fitted(statusLines(context: context), width: width) + [[]] + digitBlock(width: width, context: context)
            + [[]] + mapLines(width: width, context: context)
        if full.count <= height { return full }
        let guess = guessLines(context: context)
        let oneLine = guess.count == 2 ? guess[0] + [Span(": ")] + guess[1] : guess.flatMap { $0 }
        let heading = fitted(statusLines(context: context, short: true) + [oneLine], width: width)
        let compact = heading + mapLines(width: width, context: context, compact: true)
        guard compact.count > height, let filtersEnd = compact.firstIndex(where: { $0.first?.text.hasPrefix("feature maps") == true }) else {
            return compact
        }
        // Without half blocks the maps come first: the filters are left out rather than the pooling.
        let start = heading.count
        return heading + [[Span("filters: a taller terminal shows them", context.style.secondary)]] + compact[filtersEnd...]
            .prefix(max(0, height - start - 1))
    }

    private func fitted(_ lines: [[Span]], width: Int) -> [[Span]] {
        lines.flatMap { $0.width > width ? wrap($0, width: max(10, width)) : [$0] }
    }

    // MARK: Status

    /// `epoch 3/15 · batch 12/45 · test accuracy 94.4 % · training, 60 batches/s · 58 frames/s`, and a note.
    func statusLines(context: WidgetContext, short: Bool = false) -> [[Span]] {
        let glyphs = context.glyphs, style = context.style
        let dot = glyphs.isUnicode ? " · " : ", "
        let training = snapshot?.training
        let epoch = training?.epoch ?? 0
        let batches = training?.batchesPerEpoch ?? (setup.training.count + 31) / 32
        var spans = [Span("epoch \(epoch)/\(setup.epochs)"),
                     Span(short ? "" : "\(dot)batch \(training?.batchInEpoch ?? 0)/\(batches)", style.secondary),
                     Span("\(dot)test accuracy ")]
        if let accuracy = testAccuracy {
            spans.append(Span(WidgetText.number(accuracy * 100, decimals: 1, glyphs: glyphs) + " %", style.accent))
        } else {
            spans.append(Span(glyphs.isUnicode ? "–" : "-", style.secondary))
        }
        spans.append(Span(dot + (short ? shortStateText : stateText), style.secondary))
        if let fps = snapshot?.framesPerSecond, fps > 0, isPlaying {
            spans.append(Span("\(dot)\(Int(fps.rounded())) frames/s", style.secondary))
        }
        var lines = [spans]
        if case .diverged(let divergence)? = training?.status {
            lines.append([Span("Training \(divergence); r starts again.", style.warning)])
        }
        if let note { lines.append([Span(note, style.secondary)]) }
        return lines
    }

    /// What the run is doing, as the status line says it.
    var stateText: String {
        guard let training = snapshot?.training else { return isStarted ? "starting" : "untrained: Space trains" }
        if training.status.isDone { return "finished: r starts again" }
        if isPlaying { return "training, \(batchesPerSecond) batches/s" }
        return "paused"
    }

    /// The state in a word or two, for a short area.
    var shortStateText: String {
        guard let training = snapshot?.training else { return isStarted ? "starting" : "untrained" }
        if training.status.isDone { return "finished" }
        return isPlaying ? "\(batchesPerSecond) batches/s" : "paused"
    }

    // MARK: The digit

    /// The digit under the cursor, two columns a pixel, beside its label, the guess and the counts.
    func digitBlock(width: Int, context: WidgetContext) -> [[Span]] {
        let pixels = setup.test.count > 0 ? setup.pixels(ofTest: cursor) : Array(repeating: 0, count: 64)
        let image = picture(Matrix(rows: 8, columns: 8, elements: pixels), low: 0, high: 1, columnsPerPixel: 2, glyphs: context.glyphs)
        let text = fitted(guessLines(context: context) + [[]] + countLines(context: context), width: max(10, width - 19))
        var lines: [[Span]] = []
        for row in 0..<max(image.count, text.count) {
            var line: [Span] = [Span(row < image.count ? image[row] : String(repeating: " ", count: 16)), Span("   ")]
            if row < text.count { line += text[row] }
            lines.append(line)
        }
        return lines
    }

    /// `held-out digit 12 of 359 (←→)` and `a 7; the network says 7 (93 %) ✓`.
    func guessLines(context: WidgetContext) -> [[Span]] {
        let glyphs = context.glyphs, style = context.style
        guard setup.test.count > 0 else { return [[Span("no digits to show", style.warning)]] }
        let label = setup.label(ofTest: cursor)
        let guess = inspection.guess
        let confidence = WidgetText.number(inspection.probabilities[guess] * 100, decimals: 0, glyphs: glyphs)
        let right = guess == label
        return [[Span("held-out digit \(cursor + 1) of \(setup.test.count)", style.heading)],
                [Span("\(label == 8 ? "an" : "a") \(label); the network says \(guess) (\(confidence) %) "),
                 Span(WidgetText.mark(right, glyphs: glyphs), right ? style.done : style.warning)]]
    }

    /// The parameter counts of the convolution, a dense layer with as many outputs, and the whole network.
    func countLines(context: WidgetContext) -> [[Span]] {
        let glyphs = context.glyphs, style = context.style
        let times = glyphs.isUnicode ? "·" : "*", arrow = glyphs.isUnicode ? " → " : " -> "
        let filters = inspection.filters.count
        return [
            [Span("numbers learned", style.heading)],
            [Span("conv 8 3 pad 1: \(filters)\(times)(1\(times)3\(times)3 + 1) = "), Span(grouped(counts.convolution), style.accent),
             Span(", \(counts.convolutionOutputs) outputs", style.secondary)],
            [Span("a dense layer 64\(arrow)\(counts.convolutionOutputs): "), Span(grouped(counts.denseForSameOutputs), style.accent)],
            [Span("the whole CNN: \(grouped(counts.convolution)) + \(grouped(counts.head)) (dense 128\(arrow)10) = "),
             Span(grouped(counts.convolution + counts.head), style.accent)],
        ]
    }

    // MARK: The maps

    /// Filter by filter in columns: the filters, their feature maps for the digit, and the pooled maps.
    ///
    /// `compact` is for short areas: no filter numbers, and where the terminal has 256 colours or more, two
    /// pixels a cell (the upper half block in one grey over another), so every picture takes half the rows.
    func mapLines(width: Int, context: WidgetContext, compact: Bool = false) -> [[Span]] {
        let glyphs = context.glyphs, style = context.style
        let by = glyphs.isUnicode ? "×" : "x"
        let halfBlocks = compact && glyphs.isUnicode && context.colors.rawValue >= ColorMode.palette256.rawValue
        let columns = max(1, min(inspection.filters.count, (width + 1) / 9))
        func row(_ pictures: [[[Span]]]) -> [[Span]] {
            let height = pictures.map(\.count).max() ?? 0
            return (0..<height).map { y in
                var line: [Span] = []
                for (index, picture) in pictures.prefix(columns).enumerated() {
                    if index > 0 { line.append(Span(" ")) }
                    let cells = y < picture.count ? picture[y] : []
                    line += cells
                    let drawn = cells.reduce(0) { $0 + $1.width }
                    if drawn < 8 { line.append(Span(String(repeating: " ", count: 8 - drawn))) }
                }
                return line
            }
        }
        func draw(_ values: Matrix, low: Float, high: Float, columnsPerPixel: Int) -> [[Span]] {
            halfBlocks ? halfBlockPicture(values, low: low, high: high, columnsPerPixel: columnsPerPixel, context: context)
                : picture(values, low: low, high: high, columnsPerPixel: columnsPerPixel, glyphs: glyphs).map { [Span($0)] }
        }
        let bound = max(inspection.filters.flatMap(\.storage).map(abs).max() ?? 1, 1e-6)
        let mapHigh = max(inspection.maps.flatMap(\.storage).max() ?? 0, 1e-6)
        let pooledHigh = max(inspection.pooled.flatMap(\.storage).max() ?? 0, 1e-6)
        var lines: [[Span]] = []
        lines.append([Span("filters \(3)\(by)3 of conv layer 0", style.heading), Span(" (faint negative, solid positive)", style.secondary)])
        if !compact { lines.append([Span((1...columns).map { pad("#\($0)", 8) }.joined(separator: " "), style.secondary)]) }
        lines += row(inspection.filters.map { draw($0, low: -bound, high: bound, columnsPerPixel: 2) })
        lines.append([Span("feature maps 8\(by)8 after relu", style.heading), Span(" (solid where each filter finds its pattern)", style.secondary)])
        lines += row(inspection.maps.map { draw($0, low: 0, high: mapHigh, columnsPerPixel: 1) })
        lines.append([Span("max-pooled 2\(by)2 to 4\(by)4", style.heading), Span(" (the largest of each block)", style.secondary)])
        lines += row(inspection.pooled.map { draw($0, low: 0, high: pooledHigh, columnsPerPixel: 2) })
        if columns < inspection.filters.count {
            lines.append([Span("filters \(columns + 1)\(glyphs.isUnicode ? "–" : "-")\(inspection.filters.count) need a wider terminal", style.secondary)])
        }
        return fitted(lines, width: width)
    }

    /// A picture two pixel rows a cell: `▀` in the upper pixel's grey over the lower pixel's, black for `low`
    /// and white for `high`, as the shades go from empty to solid.
    func halfBlockPicture(_ values: Matrix, low: Float, high: Float, columnsPerPixel: Int, context: WidgetContext) -> [[Span]] {
        let span = max(high - low, 1e-6)
        func grey(_ value: Float) -> Color {
            let fraction = min(max((value - low) / span, 0), 1)
            let level = UInt8((fraction.isFinite ? fraction : 0) * 255)
            return context.color(.rgb(level, level, level))
        }
        return stride(from: 0, to: values.rows, by: 2).map { y in
            (0..<values.columns).map { x in
                let upper = grey(values[y, x])
                let style = y + 1 < values.rows ? Style(foreground: upper, background: grey(values[y + 1, x])) : Style(foreground: upper)
                return Span(String(repeating: "▀", count: columnsPerPixel), style)
            }
        }
    }

    /// The shades from empty to solid.
    static func shades(_ glyphs: GlyphSet) -> [Character] { ShadePicture.shades(glyphs) }

    /// A picture as text rows: each value a shade from `low` (empty) to `high` (solid).
    func picture(_ values: Matrix, low: Float, high: Float, columnsPerPixel: Int, glyphs: GlyphSet) -> [String] {
        ShadePicture.rows(values, low: low, high: high, columnsPerPixel: columnsPerPixel, glyphs: glyphs)
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// `33,280`: thousands grouped as the lesson writes them.
    private func grouped(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }
}
