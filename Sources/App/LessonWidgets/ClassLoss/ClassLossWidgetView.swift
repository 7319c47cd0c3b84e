import Canvas
import Neural

/// Draws the `classloss` widget: z, the output and the target; then each loss with its value, its
/// gradient at z and a bar of the gradient's size; then how the two gradients compare.
extension ClassLossWidget {
    func preferredContentHeight(width: Int, available: Int) -> Int { min(available, 8) }

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        let glyphs = context.glyphs, style = context.style
        let sigma = glyphs.isUnicode ? "σ" : "s"
        buffer.put([Span("z = \(WidgetText.number(z, glyphs: glyphs))", context.selected), Span("   a = \(sigma)(z) = "),
                    Span(WidgetText.number(output, decimals: 3, glyphs: glyphs), style.accent),
                    Span("   target y = \(Int(target))   "),
                    isMistake ? Span("a mistake", style.warning) : Span("right side of 0.5", style.done)],
                   at: area.x, area.y, maxWidth: area.width)
        let nameWidth = 15, numberWidth = 10
        let dz = glyphs.isUnicode ? "∂L/∂z" : "dL/dz"
        buffer.put(align("", width: nameWidth, .left) + align("loss", width: numberWidth, .right) + align(dz, width: numberWidth, .right),
                   at: area.x, area.y + 2, style: style.secondary, maxWidth: area.width)
        let barWidth = max(0, area.width - nameWidth - 2 * numberWidth - 2)
        for (index, (name, reading)) in [("squared error", squaredError), ("cross-entropy", crossEntropy)].enumerated() {
            let color = context.tinted(Palette.series(index), bold: true)
            let filled = Int((Double(min(1, abs(reading.gradient))) * Double(barWidth)).rounded())
            let bar = String(repeating: glyphs.isUnicode ? "█" : "#", count: filled)
            buffer.put([Span(align(name, width: nameWidth, .left), color),
                        Span(align(WidgetText.number(reading.loss, decimals: 3, glyphs: glyphs), width: numberWidth, .right)),
                        Span(align(WidgetText.number(reading.gradient, decimals: 3, glyphs: glyphs), width: numberWidth, .right)),
                        Span("  " + bar, color)],
                       at: area.x, area.y + 3 + index, maxWidth: area.width)
        }
        buffer.put(verdict(glyphs: glyphs), at: area.x, area.y + 6, style: style.secondary, maxWidth: area.width)
        buffer.put("softmax over two outputs with scores (z, 0): p = \(WidgetText.number(softmaxShare, decimals: 3, glyphs: glyphs)), the same as \(sigma)(z)",
                   at: area.x, area.y + 7, style: style.secondary, maxWidth: area.width)
    }

    /// How the two gradients compare, in one sentence.
    func verdict(glyphs: GlyphSet) -> String {
        let squared = abs(squaredError.gradient), cross = abs(crossEntropy.gradient)
        guard isMistake else { return "Right side of 0.5: both gradients shrink as the output nears its target." }
        let ratio = cross / max(squared, 1e-12)
        return "Cross-entropy pushes z \(WidgetText.number(ratio, decimals: 1, glyphs: glyphs)) times harder than squared error."
    }
}
