import Canvas
import Foundation
import Neural

/// Draws the `vanishing` widget: the copy task's steps, then for the RNN and the LSTM one bar per step
/// (log scale, relative to the last step) and the share the first step gets, then the forget-gate bias.
extension VanishingWidget {
    // MARK: Drawing

    func preferredContentHeight(width: Int, available: Int) -> Int {
        min(available, 2 + 2 * (Self.barRows + 1) + 2)
    }

    static let labelWidth = 6
    static let stepWidth = 2

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        guard area.width >= 20, area.height >= 3 else { return }
        let style = context.style, glyphs = context.glyphs
        buffer.put("reads a digit, \(delay) blank\(delay == 1 ? "" : "s") and =, then writes the digit", at: area.x, area.y,
                   style: style.secondary, maxWidth: area.width)
        let left = area.x + Self.labelWidth
        buffer.put("step", at: area.x, area.y + 1, style: style.secondary)
        for (index, symbol) in reach.symbols.enumerated() {
            buffer.put(symbol, at: left + index * Self.stepWidth, area.y + 1, style: Style(bold: true))
        }
        var row = area.y + 2
        for (name, sizes, color) in [("RNN", reach.rnn, Color.rgb(255, 140, 110)), ("LSTM", reach.lstm, Color.rgb(120, 200, 255))] {
            guard row + Self.barRows < area.bottom else { break }
            buffer.put(name, at: area.x, row + Self.barRows - 1, style: Style(bold: true))
            drawBars(sizes, into: &buffer, x: left, y: row, style: context.tinted(color), glyphs: glyphs)
            row += Self.barRows
            let share = GradientReach.share(sizes, step: 0)
            buffer.put(name + ": the first step gets " + Self.scientific(share, glyphs: glyphs) + " of the last step's gradient",
                       at: area.x, row, maxWidth: area.width)
            row += 1
        }
        if row < area.bottom {
            let sigma = 1 / (1 + Float(Foundation.exp(Double(-forgetBias))))
            let bias = WidgetText.number(forgetBias, decimals: 0, glyphs: glyphs)
            buffer.put("LSTM forget-gate bias \(bias): f starts near σ(\(bias)) = " + WidgetText.number(sigma, decimals: 2, glyphs: glyphs),
                       at: area.x, row, style: style.secondary, maxWidth: area.width)
        }
        if row + 1 < area.bottom {
            buffer.put("bars: log scale, full = the last step's, empty = 1e-\(Self.decades) of it", at: area.x, row + 1,
                       style: style.secondary, maxWidth: area.width)
        }
    }

    /// One vertical bar per step, its height log₁₀ of the step's share of the last step's gradient,
    /// from −`decades` (empty) to 0 (full).
    private func drawBars(_ sizes: [Float], into buffer: inout Buffer, x: Int, y: Int, style: Style, glyphs: GlyphSet) {
        let eighthsTall = Self.barRows * 8
        for step in sizes.indices {
            let eighths = Self.barEighths(share: GradientReach.share(sizes, step: step), tall: eighthsTall)
            for level in 0..<Self.barRows {
                let filled = eighths - level * 8
                guard filled > 0 else { break }
                let glyph = filled >= 8 ? glyphs.fullBlock : glyphs.verticalEighths[filled]
                buffer.put(glyph, at: x + step * Self.stepWidth, y + Self.barRows - 1 - level, style: style)
            }
        }
    }

    /// The bar height in eighths of a row for a share of the last step's gradient.
    static func barEighths(share: Float, tall: Int) -> Int {
        guard share > 0, share.isFinite else { return 0 }
        let decadesAbove = Double(decades) + Double(Foundation.log10(share))
        return max(0, min(tall, Int((decadesAbove / Double(decades) * Double(tall)).rounded())))
    }

    /// `3.1e-07`, `0.21`: small numbers in scientific notation, the rest with two decimals.
    static func scientific(_ value: Float, glyphs: GlyphSet) -> String {
        if value >= 0.01 || value == 0 { return WidgetText.number(value, decimals: 2, glyphs: glyphs) }
        let exponent = Int(Foundation.floor(Foundation.log10(Double(value))))
        let mantissa = Double(value) / Foundation.pow(10, Double(exponent))
        let digits = Int((mantissa * 10).rounded())
        let (whole, tenth) = digits >= 100 ? (1, 0) : (digits / 10, digits % 10)
        let power = digits >= 100 ? exponent + 1 : exponent
        return "\(whole).\(tenth)e\(power)"
    }
}
