import Canvas
import Foundation
import Neural

/// Draws the `threshold` widget: the ROC curve with the threshold's point marked by two lines, and
/// beside it the confusion matrix, precision, recall, F1, accuracy and what saying no to all would score.
extension ThresholdWidget {
    func preferredContentHeight(width: Int, available: Int) -> Int {
        min(available, width >= 100 ? 18 : 14)
    }

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        let panelWidth = min(46, max(36, area.width / 2))
        let columns = area.split(.horizontal, [.fill, .fixed(2), .fixed(panelWidth)])
        drawCurve(into: &buffer, area: columns[0], context: context)
        buffer.put(panelLines(context: context), in: columns[2])
    }

    private func drawCurve(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        guard area.width >= 8, area.height >= 4 else { return }
        let point = operatingPoint
        let rates = curve.points
        let series = [
            LineChart.Series("chance", x: [0, 1], y: [0, 1], color: Palette.series(2)),
            LineChart.Series("ROC", x: rates.map(\.falsePositiveRate), y: rates.map(\.truePositiveRate), color: Palette.series(0)),
            LineChart.Series("threshold", x: [point.falsePositiveRate, point.falsePositiveRate, 0],
                             y: [0, point.truePositiveRate, point.truePositiveRate], color: Palette.series(1)),
        ]
        let chart = LineChart(series: series, xRange: .fixed(0, 1), yRange: .fixed(0, 1), xTitle: "false-positive rate",
                              yTitle: "true-positive rate", showsLegend: false, theme: context.theme)
        buffer.render(chart, in: area, glyphs: context.glyphs, colors: context.colors)
    }

    /// The panel's lines, top to bottom.
    func panelLines(context: WidgetContext) -> [[Span]] {
        let glyphs = context.glyphs, style = context.style
        let counts = matrix
        let truePositives = counts[actual: 1, predicted: 1], falseNegatives = counts[actual: 1, predicted: 0]
        let falsePositives = counts[actual: 0, predicted: 1], trueNegatives = counts[actual: 0, predicted: 0]
        let positives = truePositives + falseNegatives
        func count(_ value: Int) -> String { align(String(value), width: 5, .right) }
        func score(_ value: Double) -> String { WidgetText.number(value, decimals: 3, glyphs: glyphs) }
        func percent(_ value: Double) -> String { WidgetText.number(value * 100, decimals: 1, glyphs: glyphs) + " %" }
        let point = operatingPoint
        var lines: [[Span]] = [
            [Span("threshold ", style.secondary), Span(WidgetText.number(threshold, decimals: 2, glyphs: glyphs), style.accent)],
            [Span("positives ", style.secondary), Span("\(Int((positiveShare * 100).rounded())) %", style.accent),
             Span(" (\(positives) of \(counts.total))", style.secondary)],
            [],
            [Span("              said yes   said no", style.secondary)],
            [Span("actually yes  ", style.secondary), Span("TP " + count(truePositives), style.done),
             Span("   "), Span("FN " + count(falseNegatives), style.warning)],
            [Span("actually no   ", style.secondary), Span("FP " + count(falsePositives), style.warning),
             Span("   "), Span("TN " + count(trueNegatives), style.done)],
            [Span("precision  TP/(TP+FP)  ", style.secondary), Span(score(counts.precision(of: 1)))],
            [Span("recall     TP/(TP+FN)  ", style.secondary), Span(score(counts.recall(of: 1)))],
            [Span("F1         2PR/(P+R)   ", style.secondary), Span(score(counts.f1(of: 1)))],
            [Span("accuracy               ", style.secondary), Span(percent(counts.accuracy))],
            [Span("say no to all          ", style.secondary), Span(percent(sayNoAccuracy))],
            [Span("ROC point  FPR ", style.secondary), Span(score(point.falsePositiveRate)),
             Span("  TPR ", style.secondary), Span(score(point.truePositiveRate))],
            [Span("AUC ", style.secondary), Span(curve.areaUnderCurve.map(score) ?? "none", style.accent)],
        ]
        if accuracyLies {
            lines.append([Span("Accuracy lies: saying no wins.", style.warning)])
        }
        return lines
    }
}
