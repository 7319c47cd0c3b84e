import Foundation
import Canvas
import PredictionService

/// Draws the `deploy` widget: the last request and its answer, the traffic and latency, how often the
/// answers are right, and one drift bar per feature with the verdict on retraining.
extension DeployWidget {
    func preferredContentHeight(width: Int, available: Int) -> Int {
        min(available, lines(width: max(20, width), context: WidgetContext(glyphs: .unicode, colors: .none, isFocused: false)).count)
    }

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        for (row, line) in lines(width: area.width, context: context).prefix(area.height).enumerated() {
            buffer.put(line, at: area.x, area.y + row, maxWidth: area.width)
        }
    }

    /// Every line the widget draws at `width` columns, top to bottom.
    func lines(width: Int, context: WidgetContext) -> [[Span]] {
        let glyphs = context.glyphs, style = context.style
        let width = max(20, width)
        guard let deployed else {
            return wrap(problem ?? "", width: width).map { [Span($0, style.warning)] }
        }
        let arrow = WidgetText.becomes(glyphs)
        let label = 8
        func labelled(_ name: String, _ text: String, _ textStyle: Style = Style()) -> [[Span]] {
            let rows = wrap(text, width: max(10, width - label))
            return rows.enumerated().map { index, row in
                [Span(align(index == 0 ? name : "", width: label, .left), style.secondary), Span(row, textStyle)]
            }
        }
        var lines: [[Span]] = []
        let sizes = deployed.sizes.map(String.init).joined(separator: " \(arrow) ")
        lines += labelled("model", "iris \(sizes), saved, read back and served in-process")
        lines += labelled("sent", lastRequest.map { "POST /predict \($0)" } ?? "nothing yet")
        if let answer = lastAnswer {
            if answer.status == 200, let name = Self.predictedClass(in: answer.body) {
                let probability = Self.probability(in: answer.body).map { WidgetText.number($0, decimals: 2, glyphs: glyphs) } ?? "?"
                lines += labelled("answer", "200 \(name) (probability \(probability))", style.done)
            } else {
                let sentence = ((try? JSONSerialization.jsonObject(with: Data(answer.body.utf8))) as? [String: Any])?["error"] as? String
                lines += labelled("answer", "\(answer.status) \(sentence ?? answer.body)", style.warning)
            }
        } else {
            lines += labelled("answer", "none yet")
        }
        let micro = glyphs.isUnicode ? "µs" : "us"
        func microseconds(_ percent: Double) -> String {
            latency(percentile: percent).map { WidgetText.number($0 * 1_000_000, decimals: 0, glyphs: glyphs) + " " + micro } ?? "-"
        }
        lines += labelled("traffic", "\(sent) request\(sent == 1 ? "" : "s"), \(refused) refused")
        lines += labelled("latency", "p50 \(microseconds(50)), p95 \(microseconds(95)), p99 \(microseconds(99))")
        lines += labelled("right", recentRight.isEmpty ? "no flower answered yet"
                          : "\(rightCount) of the last \(recentRight.count) answers are the true species")
        let shiftText = shift == 0 ? "none: the flowers as measured"
            : "petal_length \(WidgetText.signed(shift, decimals: 1, glyphs: glyphs)) cm on every flower sent"
        lines += labelled("shift", shiftText)
        lines.append([])
        let rows = drift?.rowCount ?? 0
        lines += wrap("Drift of the last \(rows) inputs, in training sds (marks at \(glyphs.isUnicode ? "±" : "+/-")0.5):",
                      width: width).map { [Span($0, style.heading)] }
        for feature in drift?.features ?? [] {
            lines.append(driftLine(feature, width: width, context: context))
        }
        lines.append([])
        lines += wrap(verdict(glyphs: glyphs), width: width).map { [Span($0, driftedFeatures.isEmpty ? style.secondary : style.warning)] }
        return lines
    }

    /// One feature's bar: centred on 0, ±2 standard deviations across, the threshold marked.
    private func driftLine(_ feature: InputDrift.Feature, width: Int, context: WidgetContext) -> [Span] {
        let glyphs = context.glyphs, style = context.style
        let nameWidth = 13
        let barWidth = max(11, min(41, width - nameWidth - 10)) | 1
        let half = barWidth / 2
        let perCell: Float = 2 / Float(half)
        let mark = Int((InputDrift.threshold / perCell).rounded())
        var cells = [Character](repeating: " ", count: barWidth)
        cells[half] = glyphs.isUnicode ? "│" : "|"
        cells[half - mark] = glyphs.isUnicode ? "┊" : ":"
        cells[half + mark] = glyphs.isUnicode ? "┊" : ":"
        let shift = feature.shift ?? 0
        let length = min(half, Int((abs(shift) / perCell).rounded()))
        let block: Character = glyphs.isUnicode ? "█" : "#"
        for step in 0..<length { cells[shift > 0 ? half + 1 + step : half - 1 - step] = block }
        let drifted = driftedFeatures.contains { $0.name == feature.name }
        let value = feature.shift.map { WidgetText.signed($0, decimals: 2, glyphs: glyphs) } ?? "-"
        return [Span(align(feature.name, width: nameWidth, .left)),
                Span(String(cells), drifted ? style.warning : style.accent),
                Span(" " + value + (drifted ? " drifted" : ""), drifted ? style.warning : Style())]
    }

    /// What the numbers say: keep serving, or look at the new data and retrain.
    func verdict(glyphs: GlyphSet) -> String {
        if sent == 0 { return "Press Enter to send one flower, Space to send a stream of them." }
        guard (drift?.rowCount ?? 0) >= InputDrift.minimumRows else { return "A few more requests, and the drift can be judged." }
        let drifted = driftedFeatures
        if drifted.isEmpty {
            return "The inputs look like the training data: every drift is within 0.5. Keep serving."
        }
        let named = drifted.map { "\($0.name) (\(WidgetText.signed($0.shift ?? 0, decimals: 2, glyphs: glyphs)))" }
            .joined(separator: ", ")
        return "Drifted: \(named). The inputs no longer look like the training data: "
            + "collect labelled new examples and retrain."
    }
}
