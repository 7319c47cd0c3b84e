import Canvas
import Foundation
import Neural

/// Draws the `gan` widget: the arena (the discriminator's map, real and generated points, the pushes)
/// on the left, what is happening in words on the right.
extension GANWidget {
    /// How many generated points carry an arrow: enough to see the field, few enough to see the points.
    static let arrowCount = 40

    func preferredContentHeight(width: Int, available: Int) -> Int {
        min(available, width >= 100 ? 26 : 17)
    }

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        guard area.width >= 20, area.height >= 4 else { return }
        // The page prints the lesson's caption under the widget; the arena keeps every row.
        let body = area
        // Terminal cells are about twice as tall as wide: two columns a row keeps the plane square.
        let arenaWidth = min(body.height * 2, max(10, body.width - 24))
        let parts = body.split(.horizontal, [.fixed(arenaWidth), .fixed(2), .fill])
        drawArena(into: &buffer, area: parts[0], context: context)
        let lines = panelLines(context: context)
        for (row, line) in lines.prefix(parts[2].height).enumerated() {
            buffer.put(line, at: parts[2].x, parts[2].y + row, maxWidth: parts[2].width)
        }
    }

    private var planeRange: ClosedRange<Double> { Double(-snapshot.extent)...Double(snapshot.extent) }

    private func drawArena(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        guard area.width >= 4, area.height >= 2 else { return }
        let size = snapshot.gridSize
        // Real points are class 1 (what the discriminator should call real), generated ones class 0.
        var points: [DecisionMap.Point] = []
        for row in 0..<snapshot.real.rows {
            points.append(DecisionMap.Point(x: Double(snapshot.real[row, 0]), y: Double(snapshot.real[row, 1]), label: 1))
        }
        for row in 0..<snapshot.generated.rows {
            points.append(DecisionMap.Point(x: Double(snapshot.generated[row, 0]), y: Double(snapshot.generated[row, 1]), label: 0))
        }
        let map = DecisionMap(values: snapshot.realness.map(Double.init), gridWidth: size, gridHeight: size,
                              xRange: planeRange, yRange: planeRange, points: points, scale: .probability)
        buffer.render(map, in: area, glyphs: context.glyphs, colors: context.colors)
        for arrow in arrows(in: area) {
            var style = context.tinted(.rgb(255, 255, 255), bold: true)
            let behind = buffer[arrow.x, arrow.y]
            if context.colors != .none, context.glyphs.isUnicode {
                let isHalfBlock = behind.grapheme == "▀" || behind.grapheme == "▄"
                style.background = isHalfBlock ? behind.style.foreground : behind.style.background
            }
            buffer.put(arrow.glyph(context.glyphs), at: arrow.x, arrow.y, style: style)
        }
    }

    /// One push drawn: the cell next to a generated point in the direction it is pushed.
    struct Arrow: Equatable {
        var x: Int
        var y: Int
        /// The direction in eighths of a turn, counterclockwise from +x: 0 → right, 2 → up, 4 → left, 6 → down.
        var octant: Int

        func glyph(_ glyphs: GlyphSet) -> String {
            let unicode = ["→", "↗", "↑", "↖", "←", "↙", "↓", "↘"]
            let ascii = [">", "/", "^", "\\", "<", "/", "v", "\\"]
            return (glyphs.isUnicode ? unicode : ascii)[octant]
        }
    }

    /// Arrows for the first `arrowCount` generated points whose push is not negligible, each placed on the
    /// neighbouring cell in the direction of the push (a point already at the arena's edge gets none).
    func arrows(in area: Rect) -> [Arrow] {
        var result: [Arrow] = []
        let pushes = snapshot.pushes, generated = snapshot.generated
        var largest: Float = 0
        for row in 0..<pushes.rows { largest = max(largest, (pushes[row, 0] * pushes[row, 0] + pushes[row, 1] * pushes[row, 1]).squareRoot()) }
        guard largest > 0, largest.isFinite else { return [] }
        for row in 0..<min(Self.arrowCount, generated.rows) {
            let dx = pushes[row, 0], dy = pushes[row, 1]
            guard (dx * dx + dy * dy).squareRoot() > largest * 0.05 else { continue }
            guard let cell = PlaneCell.cell(x: Double(generated[row, 0]), y: Double(generated[row, 1]),
                                            xRange: planeRange, yRange: planeRange, in: area) else { continue }
            let octant = Self.octant(dx: dx, dy: dy)
            let steps = [(1, 0), (1, -1), (0, -1), (-1, -1), (-1, 0), (-1, 1), (0, 1), (1, 1)][octant]
            let x = cell.x + steps.0, y = cell.y + steps.1
            guard area.contains(x: x, y: y) else { continue }
            result.append(Arrow(x: x, y: y, octant: octant))
        }
        return result
    }

    /// The eighth of a turn nearest to the direction (dx, dy), counterclockwise from +x.
    static func octant(dx: Float, dy: Float) -> Int {
        let angle = atan2(Double(dy), Double(dx))
        let eighths = Int((angle / (Double.pi / 4)).rounded())
        return ((eighths % 8) + 8) % 8
    }

    /// The modes line: how many are covered, and the collapse named when it has happened.
    func coverageText() -> String {
        let coverage = snapshot.coverage
        if hasCollapsed {
            return "mode collapse: \(coverage.coveredModeCount) of \(coverage.modeCount) modes covered"
        }
        return "modes covered: \(coverage.coveredModeCount) of \(coverage.modeCount)"
    }

    /// The text beside the arena, line by line.
    func panelLines(context: WidgetContext) -> [[Span]] {
        let glyphs = context.glyphs, style = context.style
        var lines: [[Span]] = []
        lines.append([Span(target.name, style.heading)])
        lines.append([Span("loss \(configuration.loss.name), k = \(configuration.discriminatorSteps), lr G "
                           + WidgetText.short(configuration.generatorLearningRate, decimals: 4, glyphs: glyphs) + " D "
                           + WidgetText.short(configuration.discriminatorLearningRate, decimals: 4, glyphs: glyphs), style.secondary)])
        lines.append([])
        lines.append([Span("D steps \(snapshot.discriminatorSteps)  G steps \(snapshot.generatorSteps)")])
        if snapshot.hasDiverged {
            lines.append([Span("a loss stopped being a number: press r", style.warning)])
        } else if snapshot.generatorSteps + snapshot.discriminatorSteps > 0 {
            let none = glyphs.isUnicode ? "–" : "-"
            let d = snapshot.discriminatorLoss.isNaN ? none : WidgetText.number(snapshot.discriminatorLoss, decimals: 3, glyphs: glyphs)
            let g = snapshot.generatorLoss.isNaN ? none : WidgetText.number(snapshot.generatorLoss, decimals: 3, glyphs: glyphs)
            lines.append([Span("D loss \(d)  G loss \(g)")])
        } else {
            lines.append([Span("Space plays; d and g step one player", style.secondary)])
        }
        lines.append([Span(coverageText(), hasCollapsed ? style.warning : style.done)])
        lines.append([])
        let real = glyphs.pointMarker(class: 1, isTest: false), fake = glyphs.pointMarker(class: 0, isTest: false)
        let arrow = glyphs.isUnicode ? "→" : ">"
        lines.append([Span(real, context.tinted(.rgb(255, 185, 90), bold: true)), Span(" real  "),
                      Span(fake, context.tinted(.rgb(130, 200, 255), bold: true)), Span(" generated  "),
                      Span(arrow, Style(bold: true)), Span(" G's push")])
        if context.colors == .none {
            lines.append([Span("shaded: D says real, blank: fake", style.secondary)])
        } else {
            lines.append([Span("map: orange D says real, blue fake", style.secondary)])
        }
        let pace: String
        if isPlaying {
            pace = isSlow ? "slow: 2 iterations a second" : "playing: \(Self.iterationsPerTick * WidgetClock.ticksPerSecond) iterations a second"
        } else {
            pace = isSlow ? "paused, slow mode on" : "paused"
        }
        lines.append([Span(pace, style.secondary)])
        if isPlaying, framesPerSecond > 0 {
            lines.append([Span("drawn at \(Int(framesPerSecond.rounded())) frames a second", style.secondary)])
        }
        return lines
    }
}
