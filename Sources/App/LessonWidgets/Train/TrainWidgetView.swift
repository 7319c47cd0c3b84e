import Canvas
import Neural

/// Draws the `train` widget: for points in the plane, what each network predicts everywhere (a decision
/// map with the data on top); the loss curves; and a status line per run.
extension TrainWidget {
    func preferredContentHeight(width: Int, available: Int) -> Int {
        min(available, width >= 100 ? 24 : 17)
    }

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        let preset: TrainPreset
        switch self.preset {
        case .success(let value): preset = value
        case .failure(let error):
            for (row, line) in wrap(error.description, width: area.width).enumerated() {
                buffer.put(line, at: area.x, area.y + row, style: context.style.warning)
            }
            return
        }
        let statusRows = preset.specs.count
        let body = area.inset(top: 0, left: 0, bottom: statusRows, right: 0)
        if preset.isPlanar {
            if preset.specs.count == 1 {
                let mapWidth = min(body.width / 2, max(16, body.height * 2 + 2))
                let parts = body.split(.horizontal, [.fixed(mapWidth), .fixed(2), .fill])
                drawMap(run: 0, preset: preset, into: &buffer, area: parts[0], context: context)
                drawLoss(preset: preset, into: &buffer, area: parts[2], context: context)
            } else {
                // Comparing batch sizes, the loss curves are the point: they get half the room.
                let chartHeight = max(4, preset.comparesBatchSizes ? body.height / 2 : body.height / 3)
                let rows = body.split(.vertical, [.fill, .fixed(chartHeight)])
                let maps = rows[0].split(.horizontal, [.fill, .fixed(2), .fill])
                drawMap(run: 0, preset: preset, into: &buffer, area: maps[0], context: context)
                drawMap(run: 1, preset: preset, into: &buffer, area: maps[2], context: context)
                drawLoss(preset: preset, into: &buffer, area: rows[1], context: context)
            }
        } else {
            drawLoss(preset: preset, into: &buffer, area: body, context: context)
        }
        for index in 0..<statusRows {
            buffer.put(statusLine(run: index, preset: preset, context: context, width: area.width), at: area.x, area.bottom - statusRows + index, maxWidth: area.width)
        }
    }

    /// The plane the data lies in, with a margin.
    private func planeRanges(_ preset: TrainPreset) -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        var low = (Float.infinity, Float.infinity), high = (-Float.infinity, -Float.infinity)
        for features in [preset.dataset.features] + [preset.heldOut?.features].compactMap({ $0 }) {
            for row in 0..<features.rows {
                low = (min(low.0, features[row, 0]), min(low.1, features[row, 1]))
                high = (max(high.0, features[row, 0]), max(high.1, features[row, 1]))
            }
        }
        let marginX = Double(high.0 - low.0) * 0.05, marginY = Double(high.1 - low.1) * 0.05
        return ((Double(low.0) - marginX)...(Double(high.0) + marginX), (Double(low.1) - marginY)...(Double(high.1) + marginY))
    }

    private func drawMap(run index: Int, preset: TrainPreset, into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        guard area.height >= 3, area.width >= 6, let network = network(ofRun: index) else { return }
        let label = preset.specs.count > 1 ? preset.labels[index] : ""
        var mapArea = area
        if !label.isEmpty {
            buffer.put(label, at: area.x, area.y, style: context.tinted(Palette.series(index), bold: true), maxWidth: area.width)
            mapArea = area.inset(top: 1, left: 0, bottom: 0, right: 0)
        }
        let (xRange, yRange) = planeRanges(preset)
        let grid = DecisionMap.gridSize(for: mapArea, glyphs: context.glyphs, colors: context.colors)
        let positions = DecisionMap.samplePoints(width: grid.width, height: grid.height, x: xRange, y: yRange)
        // The whole grid goes through the network in one batch, scaled as the training data was.
        var values: [Double] = []
        if let scaled = try? preset.scaler.apply(Matrix(rows: positions.count / 2, columns: 2, elements: positions.map { Float($0) })) {
            let output = network.predict(scaled)
            values = (0..<output.rows).map { Double(output[$0, 0]) }
        }
        // Training points filled, held-out points hollow (the map draws them last, on top).
        func points(of data: Dataset, heldOut: Bool) -> [DecisionMap.Point] {
            let labels = data.labels
            return (0..<data.count).map {
                DecisionMap.Point(x: Double(data.features[$0, 0]), y: Double(data.features[$0, 1]), label: labels[$0], isTest: heldOut)
            }
        }
        let points = points(of: preset.dataset, heldOut: false) + (preset.heldOut.map { points(of: $0, heldOut: true) } ?? [])
        let map = DecisionMap(values: values, gridWidth: grid.width, gridHeight: grid.height, xRange: xRange, yRange: yRange,
                              points: points, scale: .probability)
        buffer.render(map, in: mapArea, glyphs: context.glyphs, colors: context.colors)
    }

    private func drawLoss(preset: TrainPreset, into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        var series: [LineChart.Series] = []
        for index in preset.specs.indices {
            let name = preset.specs.count > 1 ? preset.labels[index] : "loss"
            if preset.comparesBatchSizes {
                let samples = batchLosses[index]
                series.append(LineChart.Series(name, x: samples.map(\.epoch), y: samples.map { Double($0.loss) }, color: Palette.series(index)))
            } else {
                let history = snapshots[index]?.training.history ?? EpochHistory()
                series.append(LineChart.Series(name, x: history.map { Double($0.epoch) }, y: history.map { Double($0.trainingLoss) },
                                               color: Palette.series(index)))
            }
        }
        let hasData = series.contains { !$0.x.isEmpty }
        let chart = LineChart(series: series, yRange: hasData ? .automatic : .fixed(0, 1), xTitle: preset.comparesBatchSizes ? "epoch (each batch's loss)" : "epoch",
                              yTitle: "loss", showsLegend: preset.specs.count > 1, theme: context.theme)
        buffer.render(chart, in: area, glyphs: context.glyphs, colors: context.colors)
        if !hasData, area.height >= 3 {
            buffer.put("Space starts training.", at: area.x + min(6, area.width / 4), area.y + area.height / 2,
                       style: context.style.secondary, maxWidth: area.width)
        }
    }

    /// One run's progress: epoch, loss, accuracy, speed, or what went wrong.
    /// When the line is wider than `width`, the learning rate and the speed (shown on the key line and in
    /// the loss curve's pace anyway) give way first, so accuracy and "done" stay whole.
    func statusLine(run index: Int, preset: TrainPreset, context: WidgetContext, width: Int = .max) -> [Span] {
        var spans = fullStatusLine(run: index, preset: preset, context: context)
        func length(_ spans: [Span]) -> Int { spans.reduce(0) { $0 + $1.text.count } }
        while length(spans) > width, let optional = spans.lastIndex(where: { $0.text.hasPrefix("  lr ") || $0.text.hasSuffix("examples/s") }) {
            spans.remove(at: optional)
        }
        return spans
    }

    private func fullStatusLine(run index: Int, preset: TrainPreset, context: WidgetContext) -> [Span] {
        let glyphs = context.glyphs, style = context.style
        let spec = preset.specs[index]
        var spans: [Span] = []
        if preset.specs.count > 1 {
            spans.append(Span(preset.labels[index] + ": ", context.tinted(Palette.series(index), bold: true)))
        }
        guard let snapshot = snapshots[index]?.training else {
            let rate = spec.configuration.learningRate ?? spec.configuration.optimizer.defaultLearningRate
            let held = preset.heldOut.map { ", \($0.count) of \($0.count + preset.examples.count) points held out" } ?? ""
            spans.append(Span("ready: \(spec.configuration.optimizer.name), learning rate \(WidgetText.short(rate, decimals: 4, glyphs: glyphs)), batch \(spec.configuration.batchSize)" + held, style.secondary))
            return spans
        }
        if case .diverged(let divergence) = snapshot.status {
            spans.append(Span("diverged at epoch \(divergence.epoch): the learning rate \(WidgetText.short(divergence.learningRate, decimals: 4, glyphs: glyphs)) is too large; try \(WidgetText.short(divergence.suggestedLearningRate, decimals: 4, glyphs: glyphs)) (r, then -)", style.warning))
            return spans
        }
        spans.append(Span("epoch \(snapshot.epoch)/\(spec.configuration.epochs)"))
        // `s` trains one batch: the count shows it moved.
        if snapshot.batchInEpoch > 0 {
            spans.append(Span(" batch \(snapshot.batchInEpoch)/\(snapshot.batchesPerEpoch)", style.secondary))
        }
        if let last = snapshot.history.last {
            spans.append(Span("  loss " + WidgetText.number(last.trainingLoss, decimals: 4, glyphs: glyphs)))
            if let accuracy = last.trainingAccuracy {
                spans.append(Span("  accuracy \(Int((accuracy * 100).rounded()))%"))
            }
            if let accuracy = last.validationAccuracy {
                spans.append(Span(", held out \(Int((accuracy * 100).rounded()))%", style.accent))
            }
        }
        spans.append(Span("  lr " + WidgetText.short(snapshot.learningRate, decimals: 4, glyphs: glyphs), style.secondary))
        if isPlaying, snapshot.status == .training, index == 0 {
            spans.append(Span("  " + speedText, style.secondary))
        }
        if snapshot.isPlaying, snapshot.samplesPerSecond > 0 {
            spans.append(Span("  \(NumberLabel.compact(snapshot.samplesPerSecond)) examples/s", style.secondary))
        } else if snapshot.status == .finished {
            spans.append(Span("  done", style.done))
        }
        return spans
    }
}
