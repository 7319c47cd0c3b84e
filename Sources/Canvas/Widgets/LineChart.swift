import Foundation

/// A line chart of one or more series: loss curves, accuracy, function plots.
///
/// Lines are drawn in braille (2×4 dots per cell) in Unicode, or with one marker per cell (`*`, `.`,
/// …) in ASCII and whenever several series must be told apart without colour. The y axis may be
/// linear or logarithmic; ranges are automatic (the y range widened to round tick values) or fixed.
/// Around the plot: tick labels such as `1e-3`, `0.25` or `1k`, optional axis titles, a legend,
/// and an optional vertical cursor whose read-out shows every series' value at that x.
///
/// The chart gives up decorations as its rect shrinks: first the x title, then the axes and the
/// header line, down to a bare plot in a single cell.
public struct LineChart: Widget, Sendable {
    /// One line: points (x, y) joined in order. NaN or infinite values leave a gap.
    public struct Series: Hashable, Sendable {
        public var name: String
        public var x: [Double]
        public var y: [Double]
        /// The line's colour; `nil` takes the next series colour from `Palette`.
        public var color: Color?

        /// A series of values at x = 0, 1, 2, … (epochs or steps).
        public init(_ name: String, values: [Double], color: Color? = nil) {
            self.init(name, x: values.indices.map(Double.init), y: values, color: color)
        }

        /// A series of points; extra values in the longer array are ignored.
        public init(_ name: String, x: [Double], y: [Double], color: Color? = nil) {
            let count = min(x.count, y.count)
            self.name = name
            self.x = Array(x.prefix(count))
            self.y = Array(y.prefix(count))
            self.color = color
        }

        /// The y value at `position`, interpolated between the neighbouring points; nil outside
        /// the series or next to a gap.
        public func value(at position: Double) -> Double? {
            guard position.isFinite, !x.isEmpty else { return nil }
            for index in x.indices {
                if x[index] == position, y[index].isFinite { return y[index] }
            }
            for index in x.indices.dropLast() {
                let (x0, x1) = (x[index], x[index + 1])
                guard min(x0, x1) <= position, position <= max(x0, x1), x0 != x1 else { continue }
                let (y0, y1) = (y[index], y[index + 1])
                guard y0.isFinite, y1.isFinite else { return nil }
                return y0 + (y1 - y0) * (position - x0) / (x1 - x0)
            }
            return nil
        }
    }

    /// How an axis chooses its range.
    public enum AxisRange: Hashable, Sendable {
        /// From the data: x exactly, y widened to round tick values.
        case automatic
        /// Exactly this range; lines leaving it are clipped.
        case fixed(Double, Double)
    }

    /// How the y axis maps values to height.
    public enum Scale: Hashable, Sendable {
        case linear
        /// Equal height per decade; values ≤ 0 are left out. Suits losses that fall over orders of magnitude.
        case logarithmic
    }

    public var series: [Series]
    public var xRange: AxisRange
    public var yRange: AxisRange
    public var yScale: Scale
    public var xTitle: String?
    public var yTitle: String?
    public var showsLegend: Bool
    /// The x value of the vertical cursor, or nil for none.
    public var cursor: Double?
    /// Decimals of the cursor read-out, to match numbers printed beside the chart; nil reads three
    /// significant digits.
    public var readoutDecimals: Int?
    /// The name of x in the cursor read-out (`z`, `epoch`); without one, a short `xTitle`, else `x`.
    public var cursorName: String?
    public var theme: Theme

    public init(
        series: [Series], xRange: AxisRange = .automatic, yRange: AxisRange = .automatic,
        yScale: Scale = .linear, xTitle: String? = nil, yTitle: String? = nil,
        showsLegend: Bool = true, cursor: Double? = nil, theme: Theme = .standard
    ) {
        self.series = series
        self.xRange = xRange
        self.yRange = yRange
        self.yScale = yScale
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.showsLegend = showsLegend
        self.cursor = cursor
        self.theme = theme
    }

    public func render(into buffer: inout Buffer, area: Rect, glyphs: GlyphSet, colors: ColorMode) {
        buffer.clipped(to: area) { buffer in
            let area = area.intersection(buffer.clip)
            guard !area.isEmpty else { return }
            LineChartRenderer(chart: self, area: area, glyphs: glyphs, colors: colors).draw(into: &buffer)
        }
    }
}

/// The layout and drawing of one `LineChart` in one rect.
private struct LineChartRenderer {
    let chart: LineChart
    let area: Rect
    let glyphs: GlyphSet
    let colors: ColorMode
    let theme: Theme
    /// Braille lines, or one marker per cell.
    let usesBraille: Bool

    init(chart: LineChart, area: Rect, glyphs: GlyphSet, colors: ColorMode) {
        self.chart = chart
        self.area = area
        self.glyphs = glyphs
        self.colors = colors
        self.theme = chart.theme.downsampled(to: colors)
        // Without colour, overlapping braille lines cannot be told apart: markers can.
        self.usesBraille = glyphs.isUnicode && (colors != .none || chart.series.count <= 1)
    }

    /// A y value in axis space: itself, or its log10 on a log axis (nil when it cannot be shown).
    func axisValue(_ y: Double) -> Double? {
        guard y.isFinite else { return nil }
        switch chart.yScale {
        case .linear: return y
        case .logarithmic: return y > 0 ? log10(y) : nil
        }
    }

    func seriesColor(_ index: Int) -> Color {
        (chart.series[index].color ?? Palette.series(index)).downsampled(to: colors)
    }

    /// The finite bounds of the data in axis space, or nil when nothing can be drawn.
    func dataBounds() -> (x: ClosedRange<Double>, y: ClosedRange<Double>)? {
        var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
        for series in chart.series {
            for index in series.x.indices {
                guard series.x[index].isFinite, let y = axisValue(series.y[index]) else { continue }
                minX = min(minX, series.x[index]); maxX = max(maxX, series.x[index])
                minY = min(minY, y); maxY = max(maxY, y)
            }
        }
        guard minX <= maxX else { return nil }
        return (minX...maxX, minY...maxY)
    }

    /// A fixed range as given (ascending), or nil when it is unusable and the data must decide.
    func fixedRange(_ range: LineChart.AxisRange, isY: Bool) -> ClosedRange<Double>? {
        guard case let .fixed(a, b) = range else { return nil }
        let lower: Double?, upper: Double?
        if isY { lower = axisValue(min(a, b)); upper = axisValue(max(a, b)) } else { lower = min(a, b); upper = max(a, b) }
        guard let lower, let upper, lower.isFinite, upper.isFinite, lower < upper else { return nil }
        return lower...upper
    }

    func draw(into buffer: inout Buffer) {
        let bounds = dataBounds()

        // Rows: an optional header, the plot, the x axis and its labels, an optional x title.
        let hasHeaderContent = (chart.showsLegend && !chart.series.isEmpty) || chart.cursor != nil || chart.yTitle != nil
        let headerRows = hasHeaderContent && area.height >= 3 ? 1 : 0
        let titleRows = chart.xTitle != nil && area.height >= 6 ? 1 : 0
        var axes = area.width >= 6 && area.height - headerRows - titleRows >= 3
        let plotTop = area.y + headerRows
        let plotBottom = area.bottom - titleRows - (axes ? 2 : 0)
        let plotRows = plotBottom - plotTop

        // The x range.
        var xAxis = fixedRange(chart.xRange, isY: false) ?? bounds?.x ?? 0...1
        if xAxis.lowerBound == xAxis.upperBound { xAxis = (xAxis.lowerBound - 1)...(xAxis.upperBound + 1) }

        // The y range, widened to round ticks when automatic.
        let tickCount = max(2, plotRows / 2 + 1)
        var yTicks: Ticks
        var yAxis: ClosedRange<Double>
        if let fixed = fixedRange(chart.yRange, isY: true) {
            yAxis = fixed
            yTicks = chart.yScale == .linear
                ? Ticks.linear(lower: fixed.lowerBound, upper: fixed.upperBound, count: tickCount)
                : Ticks.logarithmic(lower: pow(10, fixed.lowerBound), upper: pow(10, fixed.upperBound), count: tickCount)
        } else {
            var data = bounds?.y ?? 0...1
            switch chart.yScale {
            case .linear:
                if data.lowerBound == data.upperBound {
                    let v = data.lowerBound, pad = v == 0 ? 1 : abs(v) / 2
                    data = (v - pad)...(v + pad)
                }
                let step = Ticks.niceStep(span: data.upperBound - data.lowerBound, count: max(1, tickCount - 1))
                let lower = floor(data.lowerBound / step + 1e-9) * step
                let upper = ceil(data.upperBound / step - 1e-9) * step
                yAxis = lower...max(upper, lower + step)
                yTicks = Ticks.linear(lower: yAxis.lowerBound, upper: yAxis.upperBound, step: step)
            case .logarithmic:
                let lower = floor(data.lowerBound + 1e-9), upper = ceil(data.upperBound - 1e-9)
                yAxis = lower...max(upper, lower + 1)
                yTicks = Ticks.logarithmic(lower: pow(10, yAxis.lowerBound), upper: pow(10, yAxis.upperBound), count: tickCount)
            }
        }

        // Columns: y labels, the axis line, the plot.
        let yLabels = yTicks.values.map { label($0, step: yTicks.step) }
        let labelWidth = min(yLabels.map { displayWidth(of: $0) }.max() ?? 1, max(1, area.width / 3))
        if axes && area.width - labelWidth - 1 < 2 { axes = false }
        let plotRect: Rect
        if axes {
            plotRect = Rect(x: area.x + labelWidth + 1, y: plotTop, width: area.width - labelWidth - 1, height: plotRows)
        } else {
            plotRect = Rect(x: area.x, y: plotTop, width: area.width, height: area.bottom - titleRows - plotTop)
        }
        guard !plotRect.isEmpty else { return }

        let cellWidth = usesBraille ? 2 : 1, cellHeight = usesBraille ? 4 : 1
        let pixelWidth = plotRect.width * cellWidth, pixelHeight = plotRect.height * cellHeight
        func pixelX(_ x: Double) -> Double {
            (x - xAxis.lowerBound) / (xAxis.upperBound - xAxis.lowerBound) * Double(pixelWidth - 1)
        }
        func pixelY(_ axisY: Double) -> Double {
            (yAxis.upperBound - axisY) / (yAxis.upperBound - yAxis.lowerBound) * Double(pixelHeight - 1)
        }

        drawLines(into: &buffer, plot: plotRect, pixelX: pixelX, pixelY: pixelY)

        if axes {
            let axisColumn = plotRect.x - 1
            var labelledRows = Set<Int>()
            for (value, text) in zip(yTicks.values, yLabels) {
                guard let axisY = axisValue(value) else { continue }
                let row = plotRect.y + Int(pixelY(axisY).rounded()) / cellHeight
                guard row >= plotRect.y, row < plotRect.bottom, labelledRows.insert(row).inserted else { continue }
                buffer.put(align(text, width: labelWidth, .right, ellipsis: glyphs.ellipsis), at: area.x, row, style: theme.label)
            }
            for row in plotRect.y..<plotRect.bottom {
                buffer.put(labelledRows.contains(row) ? glyphs.verticalTick : glyphs.vertical, at: axisColumn, row, style: theme.axis)
            }
            let axisRow = plotRect.bottom
            buffer.put(glyphs.bottomLeft, at: axisColumn, axisRow, style: theme.axis)
            buffer.put(String(repeating: glyphs.horizontal, count: plotRect.width), at: plotRect.x, axisRow, style: theme.axis)
            let xTicks = Ticks.linear(lower: xAxis.lowerBound, upper: xAxis.upperBound, count: max(2, plotRect.width / 10 + 1))
            var nextFree = area.x
            for value in xTicks.values {
                let column = plotRect.x + Int(pixelX(value).rounded()) / cellWidth
                guard column >= plotRect.x, column < plotRect.right else { continue }
                buffer.put(glyphs.horizontalTick, at: column, axisRow, style: theme.axis)
                let text = label(value, step: xTicks.step)
                let width = displayWidth(of: text)
                let start = min(max(column - (width - 1) / 2, area.x), area.right - width)
                guard start >= nextFree else { continue }
                buffer.put(text, at: start, axisRow + 1, style: theme.label)
                nextFree = start + width + 1
            }
        }

        if let title = chart.xTitle, titleRows == 1 {
            let fitted = truncate(title, width: plotRect.width, ellipsis: glyphs.ellipsis)
            let start = plotRect.x + (plotRect.width - displayWidth(of: fitted)) / 2
            buffer.put(fitted, at: start, area.bottom - 1, style: theme.label)
        }

        var cursorColumn: Int?
        if let cursor = chart.cursor, cursor.isFinite, xAxis.contains(cursor) {
            let column = plotRect.x + Int(pixelX(cursor).rounded()) / cellWidth
            cursorColumn = column
            for row in plotRect.y..<plotRect.bottom {
                if buffer[column, row].grapheme == " " {
                    buffer.put(glyphs.cursor, at: column, row, style: theme.highlight)
                } else if colors != .none {
                    var style = buffer[column, row].style
                    style.background = theme.cursorBackground
                    buffer.setStyle(style, x: column, y: row)
                }
            }
        }

        if headerRows == 1 {
            drawHeader(into: &buffer, row: area.y, showCursor: cursorColumn != nil)
        }
    }

    func label(_ value: Double, step: Double) -> String {
        step > 0 ? NumberLabel.tick(value, step: step) : NumberLabel.compact(value)
    }

    /// Draws every series on a braille or marker grid and copies it into the plot rect.
    func drawLines(
        into buffer: inout Buffer, plot: Rect, pixelX: (Double) -> Double, pixelY: (Double) -> Double
    ) {
        if usesBraille {
            var grid = BrailleGrid(columns: plot.width, rows: plot.height)
            plotSeries(on: &grid, pixelX: pixelX, pixelY: pixelY)
            let styles = chart.series.indices.map { Style(foreground: seriesColor($0)) }
            for row in 0..<plot.height {
                for column in 0..<plot.width {
                    guard let character = grid.character(column: column, row: row) else { continue }
                    let owner = Int(grid.owner[row * plot.width + column])
                    buffer.setNarrow(Cell(character, style: styles[owner]), x: plot.x + column, y: plot.y + row)
                }
            }
        } else {
            var grid = MarkerGrid(columns: plot.width, rows: plot.height)
            plotSeries(on: &grid, pixelX: pixelX, pixelY: pixelY)
            let cells = chart.series.indices.map { Cell(glyphs.marker($0), style: Style(foreground: seriesColor($0))) }
            for row in 0..<plot.height {
                for column in 0..<plot.width {
                    let owner = Int(grid.owner[row * plot.width + column])
                    guard owner >= 0 else { continue }
                    buffer.setNarrow(cells[owner], x: plot.x + column, y: plot.y + row)
                }
            }
        }
    }

    /// Joins each series' consecutive valid points; a lone valid point is drawn as a dot.
    func plotSeries<Surface: PixelSurface>(
        on surface: inout Surface, pixelX: (Double) -> Double, pixelY: (Double) -> Double
    ) {
        for (seriesIndex, series) in chart.series.enumerated() {
            var previous: (x: Double, y: Double)?
            for index in series.x.indices {
                guard series.x[index].isFinite, let axisY = axisValue(series.y[index]) else {
                    previous = nil
                    continue
                }
                let point = (x: pixelX(series.x[index]), y: pixelY(axisY))
                surface.line(from: previous ?? point, to: point, series: seriesIndex)
                previous = point
            }
        }
    }

    /// A read-out number: fixed decimals when asked, else three significant digits; `−` in Unicode.
    func readout(_ value: Double, decimals: Int?) -> String {
        if let decimals { return NumberText.fixed(value, decimals: decimals, unicode: glyphs.isUnicode) }
        let text = NumberLabel.compact(value)
        return glyphs.isUnicode && text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// The legend (or the cursor read-out) right-aligned on the top row, the y title on the left.
    func drawHeader(into buffer: inout Buffer, row: Int, showCursor: Bool) {
        var legend: [Span] = []
        let readoutPosition = showCursor ? chart.cursor : nil
        if let readoutPosition {
            // The read-out names the axis by its title when that is a symbol (`z=−0.1`), with a real minus.
        let name = chart.cursorName ?? chart.xTitle.flatMap { $0.count <= 3 ? $0 : nil } ?? "x"
        // A symbol reads `z=0.5`; a word reads `epoch 12`.
        legend.append(Span(name + (name.count > 1 ? " " : "=") + readout(readoutPosition, decimals: nil), theme.label))
        }
        if chart.showsLegend || showCursor {
            for (index, series) in chart.series.enumerated() {
                if !legend.isEmpty { legend.append(Span("  ", theme.label)) }
                let key = usesBraille ? glyphs.legendLine : glyphs.marker(index)
                legend.append(Span(key, Style(foreground: seriesColor(index))))
                var text = " " + series.name
                if let readoutPosition {
                    text += " " + (series.value(at: readoutPosition).map { readout($0, decimals: chart.readoutDecimals) } ?? "-")
                }
                legend.append(Span(text, theme.label))
            }
        }
        let legendWidth = legend.width
        if legendWidth <= area.width {
            buffer.put(legend, at: area.right - legendWidth, row)
            if let title = chart.yTitle {
                let room = area.width - legendWidth - (legend.isEmpty ? 0 : 2)
                if room >= 1 {
                    buffer.put(truncate(title, width: room, ellipsis: glyphs.ellipsis), at: area.x, row, style: theme.label)
                }
            }
        } else {
            buffer.put(legend, at: area.x, row, maxWidth: area.width)
        }
    }
}
