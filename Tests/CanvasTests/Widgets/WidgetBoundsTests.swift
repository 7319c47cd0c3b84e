import Testing
@testable import Canvas

/// Every widget, with ordinary and awkward data, in every small rect, both glyph sets and several
/// colour modes, must draw only inside its rect and never crash.
@Suite("Widgets stay inside their rect")
struct WidgetBoundsTests {
    static let widgets: [(String, any Widget)] = [
        ("line chart", LineChart(series: [.init("a", values: [3, 1, 2, 0.5]), .init("b", values: [1, .nan, 4])],
                                 xTitle: "epoch", yTitle: "loss", cursor: 1.5)),
        ("line chart, log, odd data", LineChart(series: [.init("a", values: [0, -1, .infinity, 1e-300, 1e300])],
                                                yRange: .fixed(1, 1), yScale: .logarithmic)),
        ("line chart, empty", LineChart(series: [.init("a", values: [])], cursor: .nan)),
        ("heatmap", Heatmap(matrix: [[1, -2, .nan], [0, 3, .infinity]], rowLabels: ["r1", "r2"], columnLabels: ["a", "b", "c"])),
        ("heatmap, equal", Heatmap(matrix: [[2, 2], [2, 2]], scale: .sequential)),
        ("decision map", DecisionMap(values: [0, 0.5, 1, .nan], gridWidth: 2, gridHeight: 2, xRange: -1...1, yRange: -1...1,
                                     points: [.init(x: 0, y: 0, label: 1), .init(x: 1, y: 1, label: 0, isTest: true), .init(x: .nan, y: 0, label: 2)])),
        ("decision map, short grid", DecisionMap(values: [1], gridWidth: 5, gridHeight: 5, xRange: 0...0, yRange: 0...1, scale: .values(.diverging))),
        ("network", NetworkDiagram(layerSizes: [2, 8, 8, 1], weights: [[1, -1, 0.5], [.nan], []], values: [[0.3, -0.2]],
                                   layerNames: ["input", "hidden", "hidden", "output"])),
        ("network, heatmap neurons", NetworkDiagram(layerSizes: [3, 2], weights: [[1, 2, 3, -4, -5, -6]], display: .incomingWeights)),
        ("sparkline", Sparkline(values: [1, .nan, 3, -.infinity, 2])),
        ("bar chart", BarChart(bars: [.init("negative", -2), .init("nan", .nan), .init("中文", 1)], highlighted: 2)),
        ("table", Table(headers: ["a", "中文"], rows: [["1", "2", "extra"], []], alignments: [.right])),
    ]

    @Test("no cell outside the rect changes", arguments: 0..<widgets.count)
    func staysInside(index: Int) {
        let (name, widget) = Self.widgets[index]
        let background = Cell("·")
        for (glyphs, colors) in [(GlyphSet.unicode, ColorMode.trueColor), (.unicode, .none), (.ascii, .ansi8), (.ascii, .none)] {
            for width in 0...9 {
                for height in 0...7 {
                    var buffer = Buffer(width: 14, height: 11, filledWith: background)
                    let area = Rect(x: 2, y: 1, width: width, height: height)
                    buffer.render(widget, in: area, glyphs: glyphs, colors: colors)
                    for y in 0..<buffer.height {
                        for x in 0..<buffer.width where !area.contains(x: x, y: y) {
                            if buffer[x, y] != background {
                                Issue.record("\(name) drew at (\(x), \(y)) outside \(area) with \(glyphs.isUnicode ? "Unicode" : "ASCII")")
                                return
                            }
                        }
                    }
                }
            }
        }
    }

    @Test("widgets clip to the buffer when their rect hangs over its edge", arguments: 0..<widgets.count)
    func overhangingRect(index: Int) {
        let (_, widget) = Self.widgets[index]
        var buffer = Buffer(width: 6, height: 4)
        buffer.render(widget, in: Rect(x: 3, y: 2, width: 20, height: 20), glyphs: .unicode, colors: .trueColor)
        buffer.render(widget, in: Rect(x: -5, y: -5, width: 8, height: 8), glyphs: .ascii, colors: .none)
        #expect(buffer.lines.count == 4)
        #expect(buffer.lines.allSatisfy { displayWidth(of: $0) == 6 })
    }
}
