import Canvas
import Neural

/// Draws the `losses` widget: the data and the fitted curves, then one line per loss with what its fit
/// says, then the step count and the outliers.
extension LossesWidget {
    func preferredContentHeight(width: Int, available: Int) -> Int {
        min(available, (width >= 100 ? 15 : 11) + losses.count + 2)
    }

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        let glyphs = context.glyphs, style = context.style
        let readoutRows = losses.count + 2
        let plotArea = Rect(x: area.x, y: area.y, width: area.width, height: max(0, area.height - readoutRows))
        let samples = stride(from: xRange.lowerBound, through: xRange.upperBound, by: (xRange.upperBound - xRange.lowerBound) / 120)
            .map { Float($0) }
        let curves = fits.enumerated().map { index, fit in
            CurvePlot.Curve(name: fit.loss.displayName, x: samples.map(Double.init), y: fit.predictions(samples).map(Double.init),
                            color: Palette.series(index))
        }
        let points = (0..<features.rows).map { CurvePlot.Point(x: Double(features[$0, 0]), y: Double(targets[$0, 0])) }
        CurvePlot(xRange: xRange, yRange: -3.5...(shape == .line ? 2 : 2), curves: curves, points: points)
            .draw(into: &buffer, area: plotArea, context: context)

        var row = plotArea.bottom
        let probe = probeInput
        for (index, fit) in fits.enumerated() {
            let name = align(fit.loss.displayName, width: 6, .left)
            var spans = [Span(name, context.tinted(Palette.series(index), bold: true))]
            if let line = fit.line {
                spans.append(Span("w = \(WidgetText.number(line.weight, glyphs: glyphs))   b = \(WidgetText.number(line.bias, glyphs: glyphs))   "))
            } else {
                let value = fit.predictions([probe])[0]
                spans.append(Span("at x = \(WidgetText.short(probe, glyphs: glyphs)): \(WidgetText.number(value, glyphs: glyphs))   "))
            }
            spans.append(Span("loss \(WidgetText.number(fit.currentLoss, decimals: 3, glyphs: glyphs))", style.secondary))
            buffer.put(spans, at: area.x, row, maxWidth: area.width)
            row += 1
        }
        let truth = shape == .line
            ? "without noise: w = 0.50, b = 0.00"
            : "without noise: sin \(WidgetText.short(probe, glyphs: glyphs)) = \(WidgetText.number(truth(probe), glyphs: glyphs))"
        buffer.put(truth, at: area.x, row, style: style.secondary, maxWidth: area.width)
        let outliers = showsOutliers
            ? "\(Self.outlierInputs.count) outliers at y = \(WidgetText.short(Self.outlierOutput, glyphs: glyphs))"
            : "no outliers"
        buffer.put("step \(steps) of \(Self.stepLimit) · \(outliers)", at: area.x, row + 1,
                   style: style.secondary, maxWidth: area.width)
    }
}
