import Canvas

/// Draws the `convolution` widget: the settings and the output-size formula with its numbers, the padded
/// digit with the window under the cursor, the kernel, the output with the cursor's cell, and the window's
/// multiply-adds (or, pooling, its maximum) written out.
extension ConvolutionWidget {
    func preferredContentHeight(width: Int, available: Int) -> Int {
        // ASCII spells some symbols longer (⌊ as floor(), so its lines wrap at least as often: its height fits both.
        min(available, lines(width: max(20, width), context: WidgetContext(glyphs: .ascii, colors: .none, isFocused: false)).count)
    }

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        for (index, line) in lines(width: area.width, context: context).prefix(area.height).enumerated() {
            buffer.put(line, at: area.x, area.y + index, maxWidth: area.width)
        }
    }

    /// Every line the widget draws at `width` columns, top to bottom.
    func lines(width: Int, context: WidgetContext) -> [[Span]] {
        let glyphs = context.glyphs, style = context.style
        let u = glyphs.isUnicode
        let by = u ? "×" : "x"
        let dot = u ? " · " : ", "
        var lines: [[Span]] = []
        if pooling {
            lines.append([Span("max-pool \(kernelSize)\(by)\(kernelSize)", style.accent), Span("\(dot)stride \(stride)\(dot)no padding", style.secondary)])
        } else {
            lines.append([Span("kernel: \(kernel.summary) \(kernelSize)\(by)\(kernelSize)", style.accent),
                          Span("\(dot)padding \(padding)\(dot)stride \(stride)", style.secondary)])
        }
        lines.append(formulaLine(glyphs: glyphs, style: style))
        if let note = remainderNote(glyphs: glyphs) { lines.append([Span(note, style.secondary)]) }
        var result = fitted(lines, width: width)
        result.append([])
        result += arrangeGrids(blocks(context: context), width: width)
        result.append([])
        result += fitted(windowLines(context: context), width: width)
        return result
    }

    /// Lines of text wrapped where they are wider than `width`; lines that fit keep their leading spaces.
    private func fitted(_ lines: [[Span]], width: Int) -> [[Span]] {
        lines.flatMap { $0.width > width ? wrap($0, width: max(10, width)) : [$0] }
    }

    // MARK: The formula

    /// `output size = ⌊(n − k + 2p) / s⌋ + 1 = ⌊(8 − 3 + 2·0) / 1⌋ + 1 = 6 → 6×6`.
    func formulaLine(glyphs: GlyphSet, style: TutorStyle) -> [Span] {
        let u = glyphs.isUnicode
        let minus = u ? " − " : " - ", times = u ? "·" : "*", by = u ? "×" : "x", arrow = u ? " → " : " -> "
        let (open, close) = u ? ("⌊", "⌋") : ("floor(", ")")
        let n = Self.imageSize, k = kernelSize, p = pooling ? 0 : padding, s = stride
        let general = "\(open)(n\(minus)k + 2p) / s\(close) + 1"
        let numbers = "\(open)(\(n)\(minus)\(k) + 2\(times)\(p)) / \(s)\(close) + 1"
        let side = outputSide
        return [Span("output size = \(general) = \(numbers) = "), Span("\(side)", style.accent), Span("\(arrow)\(side)\(by)\(side)", style.secondary)]
    }

    /// What the rounding down drops, when the stride does not divide n − k + 2p.
    func remainderNote(glyphs: GlyphSet) -> String? {
        let reach = Self.imageSize - kernelSize + 2 * (pooling ? 0 : padding)
        let left = reach % stride
        guard left > 0 else { return nil }
        let rows = left == 1 ? "row and column" : "rows and columns"
        return "\(reach) / \(stride) leaves \(left): the window never reaches the last \(left) \(rows), so they are dropped."
    }

    // MARK: The grids

    /// The padded input, the kernel (convolution only) and the output, each a block of lines.
    func blocks(context: WidgetContext) -> [[[Span]]] {
        let glyphs = context.glyphs, style = context.style
        let u = glyphs.isUnicode, by = u ? "×" : "x"
        let n = Self.imageSize, p = pooling ? 0 : padding, k = kernelSize
        let origin = windowOrigin
        var input: [[Span]] = []
        let paddedSide = n + 2 * p
        input.append([Span("input \(n)\(by)\(n)" + (p > 0 ? ", padded to \(paddedSide)\(by)\(paddedSide)" : ""), style.heading)])
        for y in 0..<paddedSide {
            var spans: [Span] = []
            for x in 0..<paddedSide {
                let inWindow = (origin.y..<origin.y + k).contains(y) && (origin.x..<origin.x + k).contains(x)
                let border = y < p || x < p || y >= p + n || x >= p + n
                let text = border ? (u ? " ·" : " .") : pad(WidgetText.short(paddedPixel(y, x), decimals: 0, glyphs: glyphs), 2)
                let cellStyle = inWindow ? context.selected : (border ? style.secondary : .plain)
                spans.append(Span(text, cellStyle))
                spans.append(Span(" "))
            }
            input.append(spans)
        }
        var result = [input]
        if !pooling {
            var kernelBlock: [[Span]] = [[Span("kernel", style.heading)]]
            let texts = weights.map { WidgetText.short($0, glyphs: glyphs) }
            // Each column one wider than the widest number, so neighbours never touch.
            let cell = (texts.map { displayWidth(of: $0) }.max() ?? 1) + 1
            for i in 0..<k {
                kernelBlock.append((0..<k).map { Span(pad(texts[i * k + $0], cell)) })
            }
            result.append(kernelBlock)
        }
        let side = outputSide
        let texts = output.map { WidgetText.short($0, decimals: 1, glyphs: glyphs) }
        let cell = max(3, (texts.map { displayWidth(of: $0) }.max() ?? 1) + 1)
        var outputBlock: [[Span]] = [[Span("output \(side)\(by)\(side)", style.heading)]]
        for y in 0..<side {
            var spans: [Span] = []
            for x in 0..<side {
                spans.append(Span(pad(texts[y * side + x], cell), y == row && x == column ? context.selected : .plain))
            }
            outputBlock.append(spans)
        }
        result.append(outputBlock)
        return result
    }

    /// The input, kernel and output side by side when they fit; else the kernel under the output, beside the
    /// input; else one band after another.
    func arrangeGrids(_ blocks: [[[Span]]], width: Int) -> [[Span]] {
        let total = blocks.map { block in block.map(\.width).max() ?? 0 }.reduce(0, +) + 2 * (blocks.count - 1)
        guard total > width, blocks.count == 3 else { return arrange(blocks, width: width) }
        return arrange([blocks[0], blocks[2] + [[]] + blocks[1]], width: width)
    }

    /// Blocks side by side, two columns apart, starting a new band below when the next does not fit.
    func arrange(_ blocks: [[[Span]]], width: Int) -> [[Span]] {
        var lines: [[Span]] = []
        var band: [[Span]] = [], bandWidth = 0
        func flush() {
            lines += band
            band = []
            bandWidth = 0
        }
        for block in blocks {
            let blockWidth = block.map(\.width).max() ?? 0
            if bandWidth > 0 && bandWidth + 2 + blockWidth > width {
                flush()
                lines.append([])
            }
            let offset = bandWidth == 0 ? 0 : bandWidth + 2
            for (index, line) in block.enumerated() {
                if index == band.count { band.append([]) }
                let gap = offset - band[index].width
                if gap > 0 { band[index].append(Span(String(repeating: " ", count: gap))) }
                band[index] += line
            }
            bandWidth = offset + blockWidth
        }
        flush()
        return lines
    }

    // MARK: The window's arithmetic

    /// The window under the cursor: each kernel row's multiply-adds and their sum, or the window's maximum.
    func windowLines(context: WidgetContext) -> [[Span]] {
        let glyphs = context.glyphs, style = context.style
        let u = glyphs.isUnicode, times = u ? "·" : "*", dash = u ? "–" : "-"
        let k = kernelSize, origin = windowOrigin, p = pooling ? 0 : padding
        let top = origin.y + 1, left = origin.x + 1
        let image = p > 0 ? "padded rows" : "rows"
        var lines: [[Span]] = [[
            Span("output row \(row + 1), column \(column + 1)", style.accent),
            Span(" reads \(image) \(top)\(dash)\(top + k - 1), columns \(left)\(dash)\(left + k - 1)" + (p > 0 ? " (the border counts 0)" : ""),
                 style.secondary),
        ]]
        let window = self.window, weights = self.weights
        let value = output[row * outputSide + column]
        if pooling {
            for i in 0..<k {
                let values = (0..<k).map { pad(WidgetText.short(window[i * k + $0], decimals: 0, glyphs: glyphs), 2) }
                lines.append([Span("  " + values.joined(separator: "  "))])
            }
            lines.append([Span("max of the window = "), Span(WidgetText.short(value, decimals: 1, glyphs: glyphs), style.accent)])
            return lines
        }
        for i in 0..<k {
            let terms = (0..<k).map { j in
                WidgetText.short(window[i * k + j], decimals: 0, glyphs: glyphs) + times
                    + WidgetText.shortTerm(weights[i * k + j], glyphs: glyphs)
            }
            lines.append([Span((i == 0 ? "  " : "+ ") + terms.joined(separator: " + "))])
        }
        lines.append([Span("= "), Span(WidgetText.short(value, decimals: 1, glyphs: glyphs), style.accent),
                      Span("   (the sum of pixel \(times) weight over the window, bias 0)", style.secondary)])
        return lines
    }

    private func pad(_ text: String, _ width: Int) -> String {
        let count = displayWidth(of: text)
        return count >= width ? text : String(repeating: " ", count: width - count) + text
    }
}
