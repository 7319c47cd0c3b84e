import Canvas
import Neural

/// Draws the `fit` widget: the points and the fitted curve on the left, both loss curves on the right,
/// then the epoch and the two losses, the verdict on the gap, and (when the lesson asks) the weights and
/// the neurons dropout kept.
extension FitWidget {
    func preferredContentHeight(width: Int, available: Int) -> Int {
        min(available, (width >= 100 ? 16 : 12) + textRows)
    }

    /// Rows of text under the charts.
    var textRows: Int { 3 + (showsWeights ? 2 : 0) + (controls.contains(.dropout) || settings.dropout > 0 ? 1 : 0) }

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        let glyphs = context.glyphs, style = context.style
        let chartHeight = max(0, area.height - textRows)
        let columns = Rect(x: area.x, y: area.y, width: area.width, height: chartHeight)
            .split(.horizontal, [.fill, .fixed(1), .fill])
        drawFit(into: &buffer, area: columns[0], context: context)
        drawLosses(into: &buffer, area: columns[2], context: context)

        var row = area.y + chartHeight
        var line = "epoch \(run.epoch) of \(settings.epochs)"
        if let latest = run.latest {
            line += " · training loss \(WidgetText.number(latest.training, decimals: 3, glyphs: glyphs))"
            line += " · validation loss \(WidgetText.number(latest.validation, decimals: 3, glyphs: glyphs))"
        }
        buffer.put(line, at: area.x, row, maxWidth: area.width)
        row += 1
        let (text, warn) = verdictText(glyphs: glyphs)
        for (index, piece) in wrap(text, width: area.width).prefix(2).enumerated() {
            buffer.put(piece, at: area.x, row + index, style: warn ? style.warning : style.secondary, maxWidth: area.width)
        }
        row += 2
        if showsWeights {
            drawWeights(into: &buffer, area: Rect(x: area.x, y: row, width: area.width, height: 2), context: context)
            row += 2
        }
        if controls.contains(.dropout) || settings.dropout > 0 {
            buffer.put(dropoutLine(glyphs: glyphs), at: area.x, row, style: style.secondary, maxWidth: area.width)
        }
    }

    /// The verdict on the two losses, and whether it warns.
    func verdictText(glyphs: GlyphSet) -> (String, Bool) {
        if let stop = run.stoppedAt {
            return ("Stopped early at epoch \(stop.stopped): no better validation loss for \(settings.patience ?? 0) epochs, so it went back to the weights of epoch \(stop.best).", false)
        }
        switch verdict {
        case .learning:
            return ("Space trains; the gap between the curves is named when it opens.", false)
        case .overfitting(let ratio):
            let since = gapOpenedAt.map { " since epoch \($0)" } ?? ""
            return ("Overfitting: the validation loss is \(WidgetText.number(ratio, decimals: 1, glyphs: glyphs))× the training loss; the gap has been open\(since).", true)
        case .underfitting:
            return ("Underfitting: both losses stay high; the network is too simple for the curve.", true)
        case .fitting:
            return ("Training and validation losses agree: it learned the curve, not the noise.", false)
        }
    }

    private func drawFit(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        let samples = stride(from: -3.3, through: 3.3, by: 0.05).map { Float($0) }
        let curve = CurvePlot.Curve(name: "network", x: samples.map(Double.init), y: run.predictions(samples).map(Double.init),
                                    color: Palette.series(0))
        var points = (0..<training.count).map { CurvePlot.Point(x: Double(training.features[$0, 0]), y: Double(training.targets[$0, 0])) }
        points += (0..<validation.count).map {
            CurvePlot.Point(x: Double(validation.features[$0, 0]), y: Double(validation.targets[$0, 0]), isHeldOut: true)
        }
        CurvePlot(xRange: -3.3...3.3, yRange: -1.8...1.8, curves: [curve], points: points, pointsName: "training", heldOutName: "validation")
            .draw(into: &buffer, area: area, context: context)
    }

    private func drawLosses(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        let history = run.history
        let epochs = history.map { Double($0.epoch) }
        let series = [
            LineChart.Series("training", x: epochs, y: run.trainingLosses.map(Double.init), color: Palette.series(0)),
            LineChart.Series("validation", x: epochs, y: history.map { Double($0.validationLoss ?? .nan) }, color: Palette.series(1)),
        ]
        var chart = LineChart(series: series, xRange: .fixed(0, Double(max(settings.epochs, 1))), yRange: .fixed(0.001, 2),
                              yScale: .logarithmic, xTitle: "epoch", showsLegend: true,
                              cursor: run.stoppedAt.map { Double($0.best) }, theme: context.theme)
        chart.cursorName = "kept"
        chart.readoutDecimals = 3
        buffer.render(chart, in: area, glyphs: context.glyphs, colors: context.colors)
    }

    private func drawWeights(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        let glyphs = context.glyphs
        let weights = run.weights
        let largest = weights.map(abs).max() ?? 0
        let nearZero = weights.filter { abs($0) < 0.01 }.count
        // How many weights fall in each of 31 bins from −3 to 3 (the outer bins take everything beyond).
        let bins = 31
        var counts = [Double](repeating: 0, count: bins)
        for weight in weights {
            let bin = Int(((weight + 3) / 6 * Float(bins)).rounded(.down))
            counts[min(bins - 1, max(0, bin))] += 1
        }
        let label = "weights −3 … 3 "
        let labelWidth = displayWidth(of: label)
        buffer.put(label, at: area.x, area.y, style: context.style.secondary)
        buffer.render(Sparkline(values: counts, range: 0...max(1, counts.max() ?? 1), color: Palette.series(2)),
                      in: Rect(x: area.x + labelWidth, y: area.y, width: min(bins, area.width - labelWidth), height: 1),
                      glyphs: glyphs, colors: context.colors)
        buffer.put("\(weights.count) weights · \(nearZero) within 0.01 of 0 · largest |w| \(WidgetText.number(largest, glyphs: glyphs))"
                   + " · L2 \(WidgetText.short(settings.l2, decimals: 3, glyphs: glyphs)) · L1 \(WidgetText.short(settings.l1, decimals: 3, glyphs: glyphs))",
                   at: area.x, area.y + 1, maxWidth: area.width)
    }

    /// Which hidden neurons the last step dropped, or what dropout is doing.
    func dropoutLine(glyphs: GlyphSet) -> String {
        let rate = WidgetText.short(settings.dropout, glyphs: glyphs)
        guard settings.dropout > 0 else { return "dropout off: every hidden neuron takes part in every step" }
        guard !run.isDone, let kept = run.keptNeurons else { return "dropout \(rate): each training step drops each hidden neuron with probability \(rate)" }
        let marks = kept.prefix(32).map { $0 ? (glyphs.isUnicode ? "●" : "o") : (glyphs.isUnicode ? "·" : ".") }.joined()
        let dropped = kept.filter { !$0 }.count
        return "dropout \(rate), next step drops \(dropped) of \(kept.count): \(marks)"
    }
}
