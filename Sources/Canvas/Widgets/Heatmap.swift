/// A matrix of numbers as a picture: weight matrices, 8×8 digits, confusion matrices, loss surfaces.
///
/// In Unicode with colour each cell shows two matrix pixels with a half block (`▀`, upper pixel in
/// the foreground colour, lower in the background). In ASCII or without colour each cell shows one
/// pixel as a glyph: shades ` .:-=+*#%@` (sequential) or sign glyphs `= - + #` (diverging), so the
/// picture reads in plain text. Matrix elements are scaled up by whole pixels to fill the rect,
/// square by default, or sampled down when the matrix is larger than the rect. An optional
/// colour bar on the last row shows the value range; optional labels name rows and columns.
public struct Heatmap: Widget, Sendable {
    /// The values row by row: element (row, column) is `values[row * columns + column]`.
    /// Missing elements count as NaN, drawn blank.
    public var values: [Double]
    public var rows: Int
    public var columns: Int
    public var scale: ValueScale
    /// The range the colours span; nil fits the data.
    public var range: ClosedRange<Double>?
    public var rowLabels: [String]
    public var columnLabels: [String]
    public var showsColorBar: Bool
    /// Keep elements square (a cell is about twice as tall as wide) rather than stretch to fill.
    public var keepsAspect: Bool
    public var theme: Theme

    public init(
        values: [Double], rows: Int, columns: Int, scale: ValueScale = .diverging,
        range: ClosedRange<Double>? = nil, rowLabels: [String] = [], columnLabels: [String] = [],
        showsColorBar: Bool = true, keepsAspect: Bool = true, theme: Theme = .standard
    ) {
        self.values = values
        self.rows = max(0, rows)
        self.columns = max(0, columns)
        self.scale = scale
        self.range = range
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.showsColorBar = showsColorBar
        self.keepsAspect = keepsAspect
        self.theme = theme
    }

    /// A heatmap of a matrix given as rows; short rows are padded with NaN.
    public init(
        matrix: [[Double]], scale: ValueScale = .diverging, range: ClosedRange<Double>? = nil,
        rowLabels: [String] = [], columnLabels: [String] = [], showsColorBar: Bool = true,
        keepsAspect: Bool = true, theme: Theme = .standard
    ) {
        let columns = matrix.map(\.count).max() ?? 0
        let flat = matrix.flatMap { $0 + [Double](repeating: .nan, count: columns - $0.count) }
        self.init(
            values: flat, rows: matrix.count, columns: columns, scale: scale, range: range,
            rowLabels: rowLabels, columnLabels: columnLabels, showsColorBar: showsColorBar,
            keepsAspect: keepsAspect, theme: theme
        )
    }

    /// The element at (row, column), NaN when missing.
    public func value(row: Int, column: Int) -> Double {
        let index = row * columns + column
        return index < values.count ? values[index] : .nan
    }

    /// The colour scale the picture uses: the fixed range or one fitted to the values.
    public var colorScale: ColorScale {
        if let range { return ColorScale(scale, lower: range.lowerBound, upper: range.upperBound) }
        return ColorScale(scale, fitting: values.prefix(rows * columns))
    }

    public func render(into buffer: inout Buffer, area: Rect, glyphs: GlyphSet, colors: ColorMode) {
        buffer.clipped(to: area) { buffer in
            let area = area.intersection(buffer.clip)
            guard !area.isEmpty, rows > 0, columns > 0 else { return }
            draw(into: &buffer, area: area, glyphs: glyphs, colors: colors)
        }
    }

    private func draw(into buffer: inout Buffer, area: Rect, glyphs: GlyphSet, colors: ColorMode) {
        let theme = self.theme.downsampled(to: colors)
        let colorScale = self.colorScale
        let image = PixelImage(glyphs: glyphs, colors: colors)

        var mapArea = area
        if showsColorBar && area.height >= 2 {
            drawColorBar(into: &buffer, row: area.bottom - 1, area: area, scale: colorScale, glyphs: glyphs, colors: colors, theme: theme)
            mapArea.height -= 1
        }
        let columnLabelRow: Int? = !columnLabels.isEmpty && mapArea.height >= 2 ? mapArea.y : nil
        if columnLabelRow != nil { mapArea = mapArea.inset(top: 1, left: 0, bottom: 0, right: 0) }
        var labelWidth = 0
        if !rowLabels.isEmpty && mapArea.width >= 4 {
            labelWidth = min(rowLabels.map { displayWidth(of: $0) }.max() ?? 0, mapArea.width / 3)
            if labelWidth > 0 { mapArea = mapArea.inset(top: 0, left: labelWidth + 1, bottom: 0, right: 0) }
        }
        guard rows > 0, columns > 0, !mapArea.isEmpty else { return }

        let size = Heatmap.pixelSize(
            rows: rows, columns: columns, width: mapArea.width, height: mapArea.height * image.pixelsPerRow,
            columnsPerRow: image.usesHalfBlocks ? 1 : 2, keepsAspect: keepsAspect
        )
        let elementRow = { (y: Int) in y * rows / size.height }
        let elementColumn = { (x: Int) in x * columns / size.width }

        if image.usesHalfBlocks {
            // Colour each element once, then look pixels up.
            let palette = (0..<(rows * columns)).map { index -> Color? in
                let v = index < values.count ? values[index] : .nan
                return v.isNaN ? nil : colorScale.color(v).downsampled(to: colors)
            }
            let rect = Rect(x: mapArea.x, y: mapArea.y, width: size.width, height: (size.height + 1) / 2)
            image.drawHalfBlocks(into: &buffer, rect: rect, pixelHeight: size.height) { x, y in
                palette[elementRow(y) * columns + elementColumn(x)]
            }
        } else {
            for y in 0..<size.height {
                for x in 0..<size.width {
                    let v = value(row: elementRow(y), column: elementColumn(x))
                    let style = colors == .none || v.isNaN ? Style.plain : Style(foreground: colorScale.color(v).downsampled(to: colors))
                    buffer.put(colorScale.glyph(v, glyphs: glyphs), at: mapArea.x + x, mapArea.y + y, style: style)
                }
            }
        }

        if labelWidth > 0 {
            var lastRow = Int.min
            for (index, label) in rowLabels.prefix(rows).enumerated() {
                // The first pixel row of element `index`, in cells.
                let pixel = (index * size.height + rows - 1) / rows
                let row = mapArea.y + pixel / image.pixelsPerRow
                guard pixel < size.height, row > lastRow, row < mapArea.bottom else { continue }
                buffer.put(align(label, width: labelWidth, .right, ellipsis: glyphs.ellipsis), at: area.x, row, style: theme.label)
                lastRow = row
            }
        }
        if let columnLabelRow {
            var nextFree = mapArea.x
            for (index, label) in columnLabels.prefix(columns).enumerated() {
                let column = mapArea.x + (index * size.width + columns - 1) / columns
                guard column >= nextFree, column < mapArea.x + size.width else { continue }
                let room = mapArea.x + size.width - column
                let end = buffer.put(truncate(label, width: room, ellipsis: glyphs.ellipsis), at: column, columnLabelRow, style: theme.label)
                nextFree = end + 1
            }
        }
    }

    /// The pixel size of the picture: whole-pixel enlargement (or sampling down) of a
    /// rows × columns matrix into width × height pixels. `columnsPerRow` is how many pixel
    /// columns make a square with one pixel row (1 for half blocks, 2 for whole cells).
    static func pixelSize(
        rows: Int, columns: Int, width: Int, height: Int, columnsPerRow: Int, keepsAspect: Bool
    ) -> (width: Int, height: Int) {
        guard keepsAspect else { return (width, height) }
        let fit = min(Double(width) / Double(columns * columnsPerRow), Double(height) / Double(rows))
        if fit >= 1 {
            let factor = Int(fit)
            return (columns * columnsPerRow * factor, rows * factor)
        }
        return (
            min(width, max(1, Int(Double(columns * columnsPerRow) * fit))),
            min(height, max(1, Int(Double(rows) * fit)))
        )
    }

    /// The colour bar: `low ████ high`, from the smallest to the largest value of the scale.
    private func drawColorBar(
        into buffer: inout Buffer, row: Int, area: Rect, scale: ColorScale, glyphs: GlyphSet,
        colors: ColorMode, theme: Theme
    ) {
        let low = NumberLabel.compact(scale.lower), high = NumberLabel.compact(scale.upper)
        let labelsWidth = displayWidth(of: low) + displayWidth(of: high) + 2
        let showsLabels = area.width >= labelsWidth + 3
        let barWidth = min(showsLabels ? area.width - labelsWidth : area.width, 16)
        var column = area.x
        if showsLabels {
            column = buffer.put(low + " ", at: column, row, style: theme.label)
        }
        for index in 0..<barWidth {
            let fraction = barWidth == 1 ? 0.5 : Double(index) / Double(barWidth - 1)
            let value = scale.lower + (scale.upper - scale.lower) * fraction
            if colors == .none {
                buffer.put(scale.glyph(value, glyphs: glyphs), at: column, row)
            } else {
                buffer.put(glyphs.fullBlock, at: column, row, style: Style(foreground: scale.color(value).downsampled(to: colors)))
            }
            column += 1
        }
        if showsLabels {
            buffer.put(" " + high, at: column, row, style: theme.label)
        }
    }
}
