/// What a classifier predicts across the plane, with the data points on top.
///
/// The caller evaluates its model once, in one batched call, on the grid of points returned by
/// `DecisionMap.samplePoints(width:height:x:y:)` (size from `gridSize(for:glyphs:colors:)`), and
/// passes the results in; Canvas never runs the model. The grid is drawn like a heatmap, muted, so
/// the points stand out: each point's class shows by colour *and* by marker shape, training points
/// filled (`●▲`, ASCII `ox`) and test points open (`○△`, ASCII `OX`).
public struct DecisionMap: Widget, Sendable {
    /// One data point: its position, its true class and whether it was held out for testing.
    public struct Point: Hashable, Sendable {
        public var x: Double
        public var y: Double
        public var label: Int
        public var isTest: Bool

        public init(x: Double, y: Double, label: Int, isTest: Bool = false) {
            self.x = x
            self.y = y
            self.label = label
            self.isTest = isTest
        }
    }

    /// How grid values are read.
    public enum Scale: Hashable, Sendable {
        /// The probability of class 1 in a two-class problem; the boundary is at 0.5.
        case probability
        /// A predicted class index 0, 1, 2, … for problems with more classes.
        case classes
        /// Any numbers, drawn on a colour scale (a loss surface, a regression output).
        case values(ValueScale)
    }

    /// The grid values row by row, top row first (the largest y), left to right.
    public var values: [Double]
    public var gridWidth: Int
    public var gridHeight: Int
    /// The region of the plane the grid covers.
    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>
    public var points: [Point]
    public var scale: Scale

    public init(
        values: [Double], gridWidth: Int, gridHeight: Int, xRange: ClosedRange<Double>,
        yRange: ClosedRange<Double>, points: [Point] = [], scale: Scale = .probability
    ) {
        self.values = values
        self.gridWidth = max(0, gridWidth)
        self.gridHeight = max(0, gridHeight)
        self.xRange = xRange
        self.yRange = yRange
        self.points = points
        self.scale = scale
    }

    /// The grid size that gives one value per pixel in `area`: two pixel rows per cell with half
    /// blocks (Unicode and colour), one otherwise.
    public static func gridSize(for area: Rect, glyphs: GlyphSet, colors: ColorMode) -> (width: Int, height: Int) {
        (area.width, area.height * PixelImage(glyphs: glyphs, colors: colors).pixelsPerRow)
    }

    /// The plane positions of the grid's pixel centres, row by row from the top: the batch to
    /// evaluate the model on. Interleaved as x0, y0, x1, y1, … so it can fill a two-column matrix.
    public static func samplePoints(
        width: Int, height: Int, x: ClosedRange<Double>, y: ClosedRange<Double>
    ) -> [Double] {
        guard width > 0, height > 0 else { return [] }
        var positions: [Double] = []
        positions.reserveCapacity(width * height * 2)
        let xStep = (x.upperBound - x.lowerBound) / Double(width)
        let yStep = (y.upperBound - y.lowerBound) / Double(height)
        for row in 0..<height {
            let planeY = y.upperBound - (Double(row) + 0.5) * yStep
            for column in 0..<width {
                positions.append(x.lowerBound + (Double(column) + 0.5) * xStep)
                positions.append(planeY)
            }
        }
        return positions
    }

    public func render(into buffer: inout Buffer, area: Rect, glyphs: GlyphSet, colors: ColorMode) {
        buffer.clipped(to: area) { buffer in
            let area = area.intersection(buffer.clip)
            guard !area.isEmpty else { return }
            draw(into: &buffer, area: area, glyphs: glyphs, colors: colors)
        }
    }

    /// The region colour of a grid value (muted, so points stand out), or nil for NaN.
    func regionColor(_ value: Double, fitted: ColorScale) -> Color? {
        guard !value.isNaN else { return nil }
        switch scale {
        case .probability:
            return Palette.diverging((min(1, max(0, value)) * 2 - 1) * 0.75)
        case .classes:
            guard value.isFinite else { return nil }
            return Palette.neutral.mixed(with: Palette.series(Int(value.rounded())), fraction: 0.45)
        case .values:
            return fitted.color(value)
        }
    }

    /// The glyph that shows a region without colour: blank for class 0 (or low values), light
    /// shades for the others, so markers stay readable on top.
    func regionGlyph(_ value: Double, fitted: ColorScale, glyphs: GlyphSet) -> String {
        guard !value.isNaN else { return "?" }
        switch scale {
        case .probability:
            return value >= 0.5 ? glyphs.shades[1] : " "
        case .classes:
            guard value.isFinite else { return "?" }
            let lightShades = Array(glyphs.shades.prefix(3))
            let label = Int(value.rounded())
            return lightShades[((label % lightShades.count) + lightShades.count) % lightShades.count]
        case .values:
            return fitted.glyph(value, glyphs: glyphs)
        }
    }

    /// The colour of a data point of class `label`: bright, to stand out on the muted regions.
    func pointColor(_ label: Int) -> Color {
        switch scale {
        case .probability:
            return label == 0 ? .rgb(130, 200, 255) : label == 1 ? .rgb(255, 185, 90) : Palette.series(label)
        case .classes, .values:
            return Palette.series(label)
        }
    }

    private func draw(into buffer: inout Buffer, area: Rect, glyphs: GlyphSet, colors: ColorMode) {
        let image = PixelImage(glyphs: glyphs, colors: colors)
        let fitted: ColorScale
        if case .values(let kind) = scale {
            fitted = ColorScale(kind, fitting: values.prefix(gridWidth * gridHeight))
        } else {
            fitted = ColorScale(.sequential, lower: 0, upper: 1)
        }
        let pixelWidth = area.width, pixelHeight = area.height * image.pixelsPerRow
        let hasGrid = gridWidth > 0 && gridHeight > 0
        func gridValue(_ x: Int, _ y: Int) -> Double {
            guard hasGrid else { return .nan }
            let index = (y * gridHeight / pixelHeight) * gridWidth + x * gridWidth / pixelWidth
            return index < values.count ? values[index] : .nan
        }

        if image.usesHalfBlocks {
            // Colour each grid value once; pixels then only look colours up.
            let palette = values.prefix(gridWidth * gridHeight).map { regionColor($0, fitted: fitted)?.downsampled(to: colors) }
            image.drawHalfBlocks(into: &buffer, rect: area, pixelHeight: pixelHeight) { x, y in
                guard hasGrid else { return nil }
                let index = (y * gridHeight / pixelHeight) * gridWidth + x * gridWidth / pixelWidth
                return index < palette.count ? palette[index] : nil
            }
        } else {
            for y in 0..<area.height {
                for x in 0..<area.width {
                    // Without a grid only the points are drawn.
                    guard hasGrid else { buffer.put(" ", at: area.x + x, area.y + y); continue }
                    let value = gridValue(x, y)
                    let color = colors == .none ? nil : regionColor(value, fitted: fitted)?.downsampled(to: colors)
                    buffer.put(regionGlyph(value, fitted: fitted, glyphs: glyphs), at: area.x + x, area.y + y,
                               style: Style(foreground: color ?? .default))
                }
            }
        }

        // Points on top, test points last so held-out data is never hidden.
        let xSpan = xRange.upperBound - xRange.lowerBound, ySpan = yRange.upperBound - yRange.lowerBound
        guard xSpan > 0, ySpan > 0, xSpan.isFinite, ySpan.isFinite else { return }
        for point in points.filter({ !$0.isTest }) + points.filter(\.isTest) {
            guard point.x.isFinite, point.y.isFinite, xRange.contains(point.x), yRange.contains(point.y) else { continue }
            let column = min(area.width - 1, Int((point.x - xRange.lowerBound) / xSpan * Double(area.width)))
            let row = min(area.height - 1, Int((yRange.upperBound - point.y) / ySpan * Double(area.height)))
            let x = area.x + column, y = area.y + row
            var style = Style(foreground: pointColor(point.label).downsampled(to: colors), bold: true)
            if image.usesHalfBlocks {
                // Keep the region's colour behind the marker: a half block's drawn pixel, else the cell's background.
                let behind = buffer[x, y]
                let isHalfBlock = behind.grapheme == "▀" || behind.grapheme == "▄"
                style.background = isHalfBlock ? behind.style.foreground : behind.style.background
            }
            buffer.put(glyphs.pointMarker(class: point.label, isTest: point.isTest), at: x, y, style: style)
        }
    }
}
