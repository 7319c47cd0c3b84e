/// Labelled horizontal bars: the activations of a layer, the probabilities of each class.
///
/// One bar per row: `label ████▌   0.62`. Bars grow in eighths of a cell (` ▏▎▍▌▋▊▉█`, ASCII
/// ` -=#`). When some value is negative a zero line `│` splits the bars: negative ones grow left
/// (in whole cells), positive ones right, and colours follow the sign. A highlighted bar (say the
/// predicted class) is drawn bold. When there are more bars than rows the last row says how
/// many are not shown.
public struct BarChart: Widget, Sendable {
    public struct Bar: Hashable, Sendable {
        public var label: String
        public var value: Double
        /// The bar's colour; nil follows the chart's defaults.
        public var color: Color?

        public init(_ label: String, _ value: Double, color: Color? = nil) {
            self.label = label
            self.value = value
            self.color = color
        }
    }

    public var bars: [Bar]
    /// The values at the two ends; nil uses 0 to the largest magnitude (and its negative when a
    /// value is negative). Probabilities read best with 0...1.
    public var range: ClosedRange<Double>?
    /// The index of a bar to emphasise.
    public var highlighted: Int?
    public var showsValues: Bool
    public var theme: Theme

    public init(
        bars: [Bar], range: ClosedRange<Double>? = nil, highlighted: Int? = nil,
        showsValues: Bool = true, theme: Theme = .standard
    ) {
        self.bars = bars
        self.range = range
        self.highlighted = highlighted
        self.showsValues = showsValues
        self.theme = theme
    }

    /// The range the bars span: the fixed one, or from the data (0 always included).
    var resolvedRange: ClosedRange<Double> {
        if let range, range.lowerBound.isFinite, range.upperBound.isFinite, range.lowerBound < range.upperBound {
            return range
        }
        var magnitude = 0.0
        var hasNegative = false
        for bar in bars where bar.value.isFinite {
            magnitude = max(magnitude, abs(bar.value))
            hasNegative = hasNegative || bar.value < 0
        }
        if magnitude == 0 { magnitude = 1 }
        return hasNegative ? -magnitude...magnitude : 0...magnitude
    }

    public func render(into buffer: inout Buffer, area: Rect, glyphs: GlyphSet, colors: ColorMode) {
        buffer.clipped(to: area) { buffer in
            let area = area.intersection(buffer.clip)
            guard !area.isEmpty, !bars.isEmpty else { return }
            draw(into: &buffer, area: area, glyphs: glyphs, colors: colors)
        }
    }

    private func draw(into buffer: inout Buffer, area: Rect, glyphs: GlyphSet, colors: ColorMode) {
        let theme = self.theme.downsampled(to: colors)
        let range = resolvedRange
        let overflow = bars.count > area.height
        let shownCount = overflow ? max(0, area.height - 1) : bars.count
        let shown = bars.prefix(shownCount)

        let valueTexts = bars.map { NumberLabel.compact($0.value) }
        var labelWidth = min(bars.map { displayWidth(of: $0.label) }.max() ?? 0, area.width / 3)
        var valueWidth = showsValues ? min(valueTexts.map { displayWidth(of: $0) }.max() ?? 0, area.width / 4) : 0
        // Drop the values, then the labels, when the bars would get no room.
        if area.width - labelWidth - valueWidth - 2 < 2 { valueWidth = 0 }
        if area.width - labelWidth - 1 < 2 { labelWidth = 0 }
        let barX = area.x + (labelWidth > 0 ? labelWidth + 1 : 0)
        let barWidth = area.right - barX - (valueWidth > 0 ? valueWidth + 1 : 0)
        guard barWidth > 0 else { return }

        let span = range.upperBound - range.lowerBound
        // The column where zero sits (the left edge when everything is positive).
        let zeroColumn = range.lowerBound < 0
            ? min(barWidth - 1, max(0, Int((-range.lowerBound / span * Double(barWidth)).rounded())))
            : 0
        let signed = range.lowerBound < 0

        for (index, bar) in shown.enumerated() {
            let row = area.y + index
            let isHighlighted = index == highlighted
            var labelStyle = theme.label
            if isHighlighted { labelStyle = theme.highlight }
            if labelWidth > 0 {
                buffer.put(align(bar.label, width: labelWidth, .right, ellipsis: glyphs.ellipsis), at: area.x, row, style: labelStyle)
            }
            let defaultColor = signed ? (bar.value < 0 ? Palette.negative : Palette.positive) : Palette.series(0)
            let barStyle = Style(foreground: (bar.color ?? defaultColor).downsampled(to: colors), bold: isHighlighted)
            if signed {
                buffer.put(glyphs.vertical, at: barX + zeroColumn, row, style: theme.axis)
            }
            if !bar.value.isNaN {
                let value = min(range.upperBound, max(range.lowerBound, bar.value))
                if value > 0 {
                    let room = barWidth - zeroColumn - (signed ? 1 : 0)
                    let start = barX + zeroColumn + (signed ? 1 : 0)
                    let positiveSpan = range.upperBound - max(0, range.lowerBound)
                    let eighths = Int((value / positiveSpan * Double(room * 8)).rounded())
                    drawBar(into: &buffer, eighths: eighths, at: start, row, maxCells: room, glyphs: glyphs, style: barStyle)
                } else if value < 0 {
                    let cells = min(zeroColumn, Int((value / range.lowerBound * Double(zeroColumn)).rounded()))
                    buffer.put(String(repeating: glyphs.fullBlock, count: cells), at: barX + zeroColumn - cells, row, style: barStyle)
                }
            }
            if valueWidth > 0 {
                buffer.put(align(valueTexts[index], width: valueWidth, .right, ellipsis: glyphs.ellipsis),
                           at: area.right - valueWidth, row, style: labelStyle)
            }
        }
        if overflow && area.height >= 1 {
            let hidden = bars.count - shownCount
            buffer.put(truncate("\(glyphs.ellipsis) \(hidden) more", width: area.width, ellipsis: glyphs.ellipsis),
                       at: area.x, area.bottom - 1, style: theme.label)
        }
    }

    /// A bar `eighths`/8 cells long: full cells, then one partial cell.
    private func drawBar(
        into buffer: inout Buffer, eighths: Int, at x: Int, _ y: Int, maxCells: Int, glyphs: GlyphSet, style: Style
    ) {
        let eighths = min(max(0, eighths), maxCells * 8)
        let full = eighths / 8, partial = eighths % 8
        var text = String(repeating: glyphs.fullBlock, count: full)
        if partial > 0 { text += glyphs.horizontalEighths[partial] }
        buffer.put(text, at: x, y, style: style)
    }
}
