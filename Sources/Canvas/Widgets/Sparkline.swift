/// A small chart of recent values with eighth blocks `▁▂▃▄▅▆▇█`: loss per step, a neuron's history.
///
/// Shows the last values that fit, one per column, newest at the right. A taller rect stacks blocks
/// so each column has 8 levels per row. NaN and infinite values leave a blank column; when all
/// values are equal each column is drawn half full. In ASCII the levels are ` _.-=#`.
public struct Sparkline: Widget, Sendable {
    public var values: [Double]
    /// The range of the full height; nil fits the shown values.
    public var range: ClosedRange<Double>?
    public var color: Color?

    public init(values: [Double], range: ClosedRange<Double>? = nil, color: Color? = nil) {
        self.values = values
        self.range = range
        self.color = color
    }

    public func render(into buffer: inout Buffer, area: Rect, glyphs: GlyphSet, colors: ColorMode) {
        buffer.clipped(to: area) { buffer in
            let area = area.intersection(buffer.clip)
            guard !area.isEmpty else { return }
            let shown = values.suffix(area.width)
            var lower = range?.lowerBound ?? .infinity, upper = range?.upperBound ?? -.infinity
            if range == nil {
                for value in shown where value.isFinite { lower = min(lower, value); upper = max(upper, value) }
            }
            let style = Style(foreground: (color ?? Palette.series(0)).downsampled(to: colors))
            let levelsPerRow = glyphs.verticalEighths.count - 1
            let totalLevels = levelsPerRow * area.height
            let startColumn = area.right - shown.count
            for (offset, value) in shown.enumerated() {
                guard value.isFinite, lower <= upper else { continue }
                let fraction = upper > lower ? min(1, max(0, (value - lower) / (upper - lower))) : 0.5
                // Every finite value shows at least the lowest level, so a minimum is not mistaken for a gap.
                let level = max(1, Int((fraction * Double(totalLevels)).rounded()))
                for row in 0..<area.height {
                    let fromBottom = row * levelsPerRow
                    let filled = min(levelsPerRow, max(0, level - fromBottom))
                    guard filled > 0 else { break }
                    buffer.put(glyphs.verticalEighths[filled], at: startColumn + offset, area.bottom - 1 - row, style: style)
                }
            }
        }
    }
}
