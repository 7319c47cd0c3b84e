import Canvas
import Foundation
import Neural

/// Drawing the playground: every picture comes from the latest snapshot's network, evaluated here in
/// batched passes (one for the decision map, one for all the neuron maps, one per data set for the numbers).
extension PlaygroundScreen {
    /// Draws the playground into `buffer`, which is the whole terminal.
    func draw(into buffer: inout Buffer, layout: PlaygroundLayout, glyphs: GlyphSet, colors: ColorMode) {
        let style = TutorStyle.standard(for: colors)
        let evaluation = network.flatMap { network in data.map { PlaygroundEvaluation(network: network, data: $0, loss: configuration.loss) } }
        drawTitle(into: &buffer, layout: layout, style: style, glyphs: glyphs)
        drawControls(into: &buffer, area: layout.controls, style: style, glyphs: glyphs)
        drawDiagram(into: &buffer, layout: layout, style: style, glyphs: glyphs, colors: colors)
        drawOutput(into: &buffer, area: layout.output, evaluation: evaluation, style: style, glyphs: glyphs, colors: colors)
        drawPanel(into: &buffer, area: layout.panel, evaluation: evaluation, style: style, glyphs: glyphs, colors: colors)
        drawStatus(into: &buffer, layout: layout, evaluation: evaluation, style: style, glyphs: glyphs)
        drawKeys(into: &buffer, layout: layout, style: style, glyphs: glyphs)
    }

    // MARK: Bars

    /// `2 → 8 → 8 → 1`, or with ASCII arrows.
    func architectureText(glyphs: GlyphSet) -> String {
        guard let sizes = layerSizes else { return "no network" }
        return sizes.map(String.init).joined(separator: glyphs.isUnicode ? "→" : "-")
    }

    private func drawTitle(into buffer: inout Buffer, layout: PlaygroundLayout, style: TutorStyle, glyphs: GlyphSet) {
        let area = Rect(width: layout.width, height: layout.height)
        let dataName = data?.name ?? configuration.dataset
        let state: String
        if isDiverged {
            state = "diverged"
        } else if case .stoppedEarly? = training?.status {
            state = "stopped early"
        } else {
            state = isRunning ? (glyphs.isUnicode ? "▶ training" : "> training") : (glyphs.isUnicode ? "❚❚ paused" : "|| paused")
        }
        let dot = glyphs.isUnicode ? " · " : " - "
        let summary = "  \(dataName)\(dot)\(architectureText(glyphs: glyphs))\(dot)\(configuration.optimizer.name) lr "
            + PlaygroundConfiguration.number(configuration.learningRate)
        // The batch count only where it leaves the summary whole.
        let fits = displayWidth(of: "Playground" + summary + "epoch \(epoch)" + batchText + "  " + state) + 4 <= area.width
        buffer.bar([Span("Playground", style.barAccent), Span(summary, style.bar)],
                   right: [Span("epoch \(epoch)" + (fits ? batchText : ""), style.barAccent), Span("  " + state, style.bar)],
                   row: 0, in: area, style: style.bar)
    }

    private func drawKeys(into buffer: inout Buffer, layout: PlaygroundLayout, style: TutorStyle, glyphs: GlyphSet) {
        let area = Rect(width: layout.width, height: layout.height)
        let pairs: [(String, String)]
        let arrows = glyphs.isUnicode ? ("↑↓", "←→", "↑↓←→") : ("Up/Dn", "Lt/Rt", "Arrows")
        if prompt != nil {
            pairs = [("Enter", "done"), ("Esc", "cancel"), ("Backspace", "delete")]
        } else if focus == .network {
            pairs = [(arrows.2, "neuron"), ("Enter", "link"), ("=", "weight"), ("+ -", "neurons"), ("Tab", "settings"), ("?", "help"),
                     ("Space", isRunning ? "pause" : "play")]
        } else {
            // The most needed first; what does not fit is in the help.
            pairs = [("Space", isRunning ? "pause" : "play"), ("s", "step"), ("e", "epoch"), ("r", "reset"), (arrows.2, "settings"),
                     ("Tab", "network"), ("?", "help"), ("v", "view"), ("w", "save"), ("o", "open")]
        }
        let spans = pairs.enumerated().flatMap { index, pair in
            [Span((index == 0 ? "" : "  ") + pair.0, style.barAccent), Span(" " + pair.1, style.bar)]
        }
        buffer.bar(spans, row: layout.keyRow, in: area, style: style.bar)
    }

    private func drawStatus(into buffer: inout Buffer, layout: PlaygroundLayout, evaluation: PlaygroundEvaluation?,
                            style: TutorStyle, glyphs: GlyphSet) {
        let row = layout.statusRow
        let area = Rect(x: 0, y: row, width: layout.width, height: 1)
        buffer.fill(area)
        if let prompt {
            let label: String
            switch prompt.purpose {
            case .save: label = "Save (.yaml, .safetensors) in \(Self.folderName(fitting: layout.width / 4, glyphs: glyphs)): "
            case .open: label = "Open .yaml or .safetensors in \(Self.folderName(fitting: layout.width / 4, glyphs: glyphs)): "
            case .weight: label = "New weight: "
            }
            let end = buffer.put(label, at: 1, row, style: style.heading)
            let cursor = glyphs.isUnicode ? "█" : "_"
            // The end of a long path stays in view.
            let room = max(1, layout.width - end - 2)
            let text = String((prompt.text + cursor).suffix(room))
            let textEnd = buffer.put(text, at: end, row, style: style.accent)
            // The suggestion Enter takes while nothing is typed.
            if prompt.text.isEmpty, !prompt.suggestion.isEmpty, textEnd + 2 < layout.width {
                buffer.put(truncate(prompt.suggestion + " (Enter)", width: layout.width - textEnd - 1, ellipsis: glyphs.ellipsis),
                           at: textEnd, row, style: style.secondary)
            }
            return
        }
        // Speed on the right: training samples per second and frames drawn per second.
        var rights: [String] = []
        if let training, training.samplesPerSecond > 0 || isRunning {
            // At a paced speed the run trains only the batches asked for each frame, in bursts the
            // training thread cannot time: the speed is those batches at the frame rate drawn.
            let fps = latest?.framesPerSecond ?? 0
            let paced = configuration.speed.batchesPerFrame.map { Double($0 * configuration.batchSize) * fps }
            let rate = isRunning ? (paced ?? training.samplesPerSecond) : training.samplesPerSecond
            let samples = "\(NumberLabel.compact(rate)) samples/s"
            rights = [samples + "  \(Int(fps.rounded())) fps", samples]
        }
        var left: [Span] = []
        if let notice {
            left = [Span(notice, style.warning)]
        } else if let evaluation {
            var spans = [Span("loss ", style.secondary), Span(Self.lossText(evaluation.trainingLoss), Style(bold: true)),
                         Span(" train", style.secondary)]
            if let test = evaluation.testLoss {
                spans += [Span("  ", style.secondary), Span(Self.lossText(test), Style(bold: true)), Span(" test", style.secondary)]
            }
            if let train = evaluation.trainingAccuracy {
                spans += [Span("   right ", style.secondary), Span(Self.percent(train), Style(bold: true))]
                if let test = evaluation.testAccuracy { spans += [Span(" / ", style.secondary), Span(Self.percent(test), Style(bold: true))] }
            } else if let rSquared = evaluation.testRSquared {
                spans += [Span(glyphs.isUnicode ? "   R² " : "   R^2 ", style.secondary), Span(String(format: "%.3f", rSquared), Style(bold: true))]
            }
            left = spans
        }
        // The losses and accuracy come first: the speed gives up its frame rate, then itself, before they are cut.
        let leftNeeded = left.width
        var right = rights.first ?? ""
        for candidate in rights + [""] {
            right = candidate
            let width = displayWidth(of: candidate)
            if leftNeeded + (width > 0 ? width + 2 : 0) + 2 <= layout.width { break }
        }
        let rightWidth = displayWidth(of: right)
        let leftWidth = max(0, layout.width - 2 - (rightWidth > 0 ? rightWidth + 2 : 0))
        if let notice {
            buffer.put(truncate(notice, width: leftWidth, ellipsis: glyphs.ellipsis), at: 1, row, style: style.warning)
        } else if !left.isEmpty {
            buffer.put(left, at: 1, row, maxWidth: leftWidth)
        }
        if rightWidth > 0, rightWidth + 2 <= layout.width {
            buffer.put(right, at: layout.width - 1 - rightWidth, row, style: style.secondary)
        }
    }

    static func lossText(_ loss: Float) -> String {
        loss.isFinite ? String(format: loss < 0.001 ? "%.2e" : "%.4f", loss) : (loss.isNaN ? "nan" : "inf")
    }

    static func percent(_ fraction: Float) -> String {
        String(format: "%.1f%%", fraction * 100)
    }

    // MARK: Controls

    /// The panel's lines: section headings and one line per control.
    func controlLines() -> [(control: PlaygroundControl?, section: String)] {
        var lines: [(PlaygroundControl?, String)] = []
        var section = ""
        for control in controls {
            if control.section != section {
                section = control.section
                if !lines.isEmpty { lines.append((nil, "")) }
                lines.append((nil, section))
            }
            lines.append((control, section))
        }
        return lines
    }

    /// The first panel line shown, so the focused control stays in view.
    func controlScroll(height: Int) -> Int {
        let lines = controlLines()
        guard let focused = lines.firstIndex(where: { $0.control == control }), height > 0 else { return 0 }
        let wanted = focused - height / 2
        return max(0, min(wanted, lines.count - height))
    }

    private func drawControls(into buffer: inout Buffer, area: Rect, style: TutorStyle, glyphs: GlyphSet) {
        guard !area.isEmpty else { return }
        let lines = controlLines()
        let scroll = controlScroll(height: area.height)
        let labelWidth = area.width >= 28 ? 12 : 10
        for (row, line) in lines.dropFirst(scroll).prefix(area.height).enumerated() {
            let y = area.y + row
            guard let control = line.control else {
                buffer.put(line.section, at: area.x + 1, y, style: style.heading, maxWidth: area.width - 1)
                continue
            }
            let isFocused = control == self.control
            let active = isFocused && focus == .controls
            let pointer = active ? (glyphs.isUnicode ? "▸" : ">") : " "
            var label = control.label
            if case .input(let feature) = control, let index = InputFeature.allCases.firstIndex(of: feature) {
                label = "\(index + 1) " + (glyphs.isUnicode ? feature.label : feature.fileName)
            }
            var value = control.value(in: configuration, problem: problem)
            if case .input = control { value = value == "on" ? (glyphs.isUnicode ? "● on" : "[x] on") : (glyphs.isUnicode ? "○ off" : "[ ] off") }
            // A value too long for its column takes room from a short label (and the margin), rather than be cut.
            var rowLabelWidth = labelWidth
            var valueWidth = max(0, area.width - labelWidth - 2)
            let needed = displayWidth(of: value) + (active ? 2 : 0)
            if needed > valueWidth {
                rowLabelWidth = min(labelWidth, max(displayWidth(of: label) + 1, area.width - 1 - needed))
                valueWidth = max(0, area.width - rowLabelWidth - (needed > area.width - rowLabelWidth - 2 ? 1 : 2))
            }
            buffer.put(pointer, at: area.x, y, style: style.accent)
            buffer.put(align(label, width: rowLabelWidth, .left, ellipsis: glyphs.ellipsis), at: area.x + 1, y,
                       style: active ? Style(bold: true) : .plain)
            if active {
                let (left, right) = glyphs.isUnicode ? ("◂", "▸") : ("<", ">")
                let inner = align(value, width: max(0, valueWidth - 2), .center, ellipsis: glyphs.ellipsis)
                buffer.put([Span(left, style.accent), Span(inner, style.selected), Span(right, style.accent)],
                           at: area.x + 1 + rowLabelWidth, y, maxWidth: valueWidth)
            } else {
                let valueStyle = value.hasSuffix("off") ? style.secondary : (isFocused ? Style(bold: true) : style.secondary.foreground(.default))
                buffer.put(align(value, width: valueWidth, .right, ellipsis: glyphs.ellipsis), at: area.x + 1 + rowLabelWidth, y,
                           style: valueStyle)
            }
        }
        // A scroll mark when settings are out of view.
        if lines.count > area.height {
            let mark = glyphs.isUnicode ? "↕" : "|"
            buffer.put(mark, at: area.right - 1, area.y, style: style.secondary)
        }
    }

    // MARK: Network

    /// The side of the neuron maps' grid: fine enough for the selected neuron's larger map.
    static let neuronMapSide = 20

    func diagram(maps: NeuronMaps?, glyphs: GlyphSet = .unicode) -> PlaygroundDiagram? {
        guard let network else { return nil }
        let names = (data?.featureNames ?? []).map { Self.displayName($0, glyphs: glyphs) }
        return PlaygroundDiagram(network: network, inputNames: names, maps: maps, selection: selection, isFocused: focus == .network)
    }

    private func drawDiagram(into buffer: inout Buffer, layout: PlaygroundLayout, style: TutorStyle, glyphs: GlyphSet, colors: ColorMode) {
        let area = layout.diagram
        guard !area.isEmpty else { return }
        let parameters = network?.parameterCount ?? 0
        let dot = glyphs.isUnicode ? " · " : " - "
        // The longest heading that fits whole: a weight count cut to "105 weight" would misread.
        let architecture = architectureText(glyphs: glyphs), count = "\(dot)\(parameters) weights"
        let headings: [(String, String)] = [("Network ", architecture + count), ("", architecture + count),
                                             ("Network ", architecture), ("", architecture)]
        let heading = headings.first { $0.0.count + $0.1.count <= area.width } ?? headings[headings.count - 1]
        buffer.put([Span(heading.0, style.heading), Span(heading.1, style.secondary)], at: area.x, area.y, maxWidth: area.width)
        guard let network, let data else {
            buffer.put(truncate("No network until the data can be made.", width: area.width, ellipsis: glyphs.ellipsis),
                       at: area.x, area.y + 2, style: style.secondary)
            return
        }
        let maps = NeuronMaps.compute(network: network, data: data, side: Self.neuronMapSide)
        if let diagram = diagram(maps: maps, glyphs: glyphs) {
            diagram.render(into: &buffer, area: layout.diagramBody, glyphs: glyphs, colors: colors)
        }
        drawDetails(into: &buffer, area: layout.details, maps: maps, style: style, glyphs: glyphs, colors: colors)
    }

    /// A feature's name as this terminal can show it: `x1^2` for `x1²` in ASCII.
    static func displayName(_ name: String, glyphs: GlyphSet) -> String {
        guard !glyphs.isUnicode, let feature = InputFeature.allCases.first(where: { $0.label == name }) else { return name }
        return feature.fileName
    }

    /// The name of a neuron as the details show it: `x1²`, `h2.3`, `out` or the class name.
    func neuronName(layer: Int, neuron: Int) -> String {
        guard let sizes = layerSizes else { return "?" }
        if layer == 0 { return data?.featureNames[safe: neuron] ?? "x\(neuron + 1)" }
        if layer == sizes.count - 1 {
            if sizes[layer] == 1 { return "out" }
            if let name = data?.classNames[safe: neuron] { return "out.\(name)" }
            return "out.\(neuron + 1)"
        }
        return "h\(layer).\(neuron + 1)"
    }

    private func drawDetails(into buffer: inout Buffer, area: Rect, maps: NeuronMaps?, style: TutorStyle, glyphs: GlyphSet, colors: ColorMode) {
        guard !area.isEmpty else { return }
        let rule = String(repeating: glyphs.horizontal, count: area.width)
        buffer.put(rule, at: area.x, area.y, style: style.frame)
        guard let selection, let network, let sizes = layerSizes else {
            let hint = "Tab, then the arrows: pick a neuron to see its formula with live numbers and its own map."
            for (index, line) in wrap(hint, width: max(1, area.width)).prefix(area.height - 1).enumerated() {
                buffer.put(line, at: area.x, area.y + 1 + index, style: style.secondary)
            }
            return
        }
        // The neuron's own map on the right, as square as the rows allow.
        var textArea = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        if let map = maps?.map(layer: selection.layer, neuron: selection.neuron), let side = maps?.side, textArea.height >= 3 {
            let mapHeight = textArea.height
            let mapWidth = min(mapHeight * 2, area.width / 3)
            if mapWidth >= 4 {
                let picture = Heatmap(values: map, rows: side, columns: side, scale: .diverging, range: -1...1,
                                      showsColorBar: false, keepsAspect: false)
                buffer.render(picture, in: Rect(x: area.right - mapWidth, y: textArea.y, width: mapWidth, height: mapHeight),
                              glyphs: glyphs, colors: colors)
                textArea.width -= mapWidth + 1
            }
        }
        let lines = PlaygroundFormula(screen: self, network: network, sizes: sizes, selection: selection, glyphs: glyphs)
            .lines(width: textArea.width, height: textArea.height)
        for (index, line) in lines.prefix(textArea.height).enumerated() {
            buffer.put(line, at: textArea.x, textArea.y + index, maxWidth: textArea.width)
        }
    }

    // MARK: Output

    private func drawOutput(into buffer: inout Buffer, area: Rect, evaluation: PlaygroundEvaluation?, style: TutorStyle,
                            glyphs: GlyphSet, colors: ColorMode) {
        guard !area.isEmpty else { return }
        let body = area.inset(top: 1, left: 0, bottom: 0, right: 0)
        guard let network, let data else {
            buffer.put("Output", at: area.x, area.y, style: style.heading)
            for (index, line) in wrap(notice ?? "The data could not be made.", width: max(1, area.width)).prefix(body.height).enumerated() {
                buffer.put(line, at: body.x, body.y + index, style: style.warning)
            }
            return
        }
        if data.isPlanar && data.rawDimensions == 2 {
            drawDecisionMap(into: &buffer, area: area, network: network, data: data, style: style, glyphs: glyphs, colors: colors)
        } else if data.isPlanar {
            drawCurve(into: &buffer, area: area, network: network, data: data, style: style, glyphs: glyphs, colors: colors)
        } else if data.rawDimensions == 64, let first = network.parameterLayerIndices.first {
            drawWeightTiles(into: &buffer, area: area, weights: network.layers[first].weights, style: style, glyphs: glyphs, colors: colors)
        } else if let evaluation {
            drawConfusion(into: &buffer, area: area, evaluation: evaluation, data: data, style: style, glyphs: glyphs, colors: colors)
        }
        if case .diverged(let divergence)? = training?.status {
            drawDivergence(divergence, into: &buffer, area: area, style: style, glyphs: glyphs)
        }
    }

    private func drawDecisionMap(into buffer: inout Buffer, area: Rect, network: Network, data: PlaygroundData,
                                 style: TutorStyle, glyphs: GlyphSet, colors: ColorMode) {
        let legend = glyphs.isUnicode ? "● train  ○ test" : "o train  O test"
        let title = data.problem == .regression ? "Output " : "Output "
        buffer.put([Span(title, style.heading), Span(legend, style.secondary)], at: area.x, area.y, maxWidth: area.width)
        let body = area.inset(top: 1, left: 0, bottom: 0, right: 0)
        // Square in the plane: two columns per row of cells.
        let side = min(body.width, body.height * 2)
        let mapArea = Rect(x: body.x + (body.width - side) / 2, y: body.y, width: side, height: min(body.height, (side + 1) / 2))
        let grid = DecisionMap.gridSize(for: mapArea, glyphs: glyphs, colors: colors)
        let positions = DecisionMap.samplePoints(width: grid.width, height: grid.height, x: data.xRange, y: data.yRange)
        // The whole grid in one batched pass.
        let output = network.predict(data.inputs(atPlanePoints: positions))
        let values: [Double]
        let scale: DecisionMap.Scale
        switch data.problem {
        case .regression:
            values = (0..<output.rows).map { Double(output[$0, 0]) }
            scale = .values(.diverging)
        case .binaryClassification:
            values = (0..<output.rows).map { Double(output[$0, 0]) }
            scale = .probability
        case .multiclassClassification:
            values = (0..<output.rows).map { Double(OneHot.argmax(of: output, row: $0)) }
            scale = .classes
        }
        func points(_ set: Dataset, isTest: Bool) -> [DecisionMap.Point] {
            let labels = set.problem == .regression ? (0..<set.count).map { set.targets[$0, 0] >= 0 ? 1 : 0 } : set.labels
            return (0..<set.count).map { row in
                DecisionMap.Point(x: Double(set.features[row, 0]), y: Double(set.features[row, 1]), label: labels[row], isTest: isTest)
            }
        }
        let map = DecisionMap(values: values, gridWidth: grid.width, gridHeight: grid.height, xRange: data.xRange, yRange: data.yRange,
                              points: points(data.rawTraining, isTest: false) + points(data.rawTest, isTest: true), scale: scale)
        buffer.render(map, in: mapArea, glyphs: glyphs, colors: colors)
    }

    private func drawCurve(into buffer: inout Buffer, area: Rect, network: Network, data: PlaygroundData,
                           style: TutorStyle, glyphs: GlyphSet, colors: ColorMode) {
        buffer.put("Fit", at: area.x, area.y, style: style.heading)
        let samples = max(2, area.width * 2)
        let xs = (0..<samples).map { data.xRange.lowerBound + (data.xRange.upperBound - data.xRange.lowerBound) * Double($0) / Double(samples - 1) }
        // One batched pass over the whole curve.
        let output = network.predict(data.inputs(atPlanePoints: xs.flatMap { [$0, 0] }))
        let order = (0..<data.rawTraining.count).sorted { data.rawTraining.features[$0, 0] < data.rawTraining.features[$1, 0] }
        let chart = LineChart(series: [
            LineChart.Series("data", x: order.map { Double(data.rawTraining.features[$0, 0]) },
                             y: order.map { Double(data.rawTraining.targets[$0, 0]) }),
            LineChart.Series("network", x: xs, y: (0..<output.rows).map { Double(output[$0, 0]) }),
        ])
        buffer.render(chart, in: area.inset(top: 1, left: 0, bottom: 0, right: 0), glyphs: glyphs, colors: colors)
    }

    /// The first layer's weights as 8 × 8 pictures, one per neuron: on digits they turn into stroke detectors.
    private func drawWeightTiles(into buffer: inout Buffer, area: Rect, weights: Matrix, style: TutorStyle,
                                 glyphs: GlyphSet, colors: ColorMode) {
        buffer.put([Span("First layer ", style.heading), Span(glyphs.isUnicode ? "8×8 weights per neuron" : "8x8 weights per neuron", style.secondary)], at: area.x, area.y, maxWidth: area.width)
        let body = area.inset(top: 1, left: 0, bottom: 0, right: 0)
        let halfBlocks = glyphs.isUnicode && colors != .none
        let tileWidth = halfBlocks ? 8 : 16, tileHeight = halfBlocks ? 4 : 8
        let across = max(1, (body.width + 1) / (tileWidth + 1)), down = max(1, (body.height + 1) / (tileHeight + 1))
        let neurons = weights.rows
        let shown = min(neurons, across * down)
        for neuron in 0..<shown {
            let tile = Rect(x: body.x + (neuron % across) * (tileWidth + 1), y: body.y + (neuron / across) * (tileHeight + 1),
                            width: tileWidth, height: tileHeight)
            let values = weights.row(neuron).map(Double.init)
            buffer.render(Heatmap(values: values, rows: 8, columns: 8, scale: .diverging, showsColorBar: false),
                          in: tile, glyphs: glyphs, colors: colors)
        }
        if shown < neurons {
            buffer.put("+\(neurons - shown) more", at: body.x, body.bottom - 1, style: style.secondary)
        }
    }

    private func drawConfusion(into buffer: inout Buffer, area: Rect, evaluation: PlaygroundEvaluation, data: PlaygroundData,
                               style: TutorStyle, glyphs: GlyphSet, colors: ColorMode) {
        guard data.problem.isClassification, !evaluation.testActual.isEmpty else {
            buffer.put("Test set", at: area.x, area.y, style: style.heading)
            let text = evaluation.testRSquared.map { (glyphs.isUnicode ? "R²" : "R^2") + String(format: " = %.3f on the test set", $0) } ?? "No test examples: lower the train split."
            buffer.put(text, at: area.x, area.y + 2, maxWidth: area.width)
            return
        }
        ConfusionView(predicted: evaluation.testPredicted, actual: evaluation.testActual, classNames: data.classNames)
            .draw(into: &buffer, area: area, title: "Confusion (test set)", style: style, glyphs: glyphs, colors: colors)
    }

    private func drawDivergence(_ divergence: Divergence, into buffer: inout Buffer, area: Rect, style: TutorStyle, glyphs: GlyphSet) {
        let width = min(area.width, 44)
        let loss = divergence.loss.isNaN ? "nan" : "infinite"
        let text = "The loss became \(loss) in epoch \(divergence.epoch + progress.epochs), batch \(divergence.batch), "
            + "with learning rate \(PlaygroundConfiguration.number(divergence.learningRate)): the weights ran away. "
            + "Try \(PlaygroundConfiguration.number(divergence.suggestedLearningRate)): press u to use it and start again, or r to reset."
        let lines = wrap(text, width: max(1, width - 4))
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + 1 + max(0, (area.height - 1 - lines.count - 2) / 2),
                       width: width, height: min(area.height - 1, lines.count + 2))
        buffer.frame(box, title: "Diverged", glyphs: glyphs, style: style.warning, titleStyle: style.warning)
        for (index, line) in lines.prefix(box.height - 2).enumerated() {
            buffer.put(line, at: box.x + 2, box.y + 1 + index, maxWidth: box.width - 3)
        }
    }

    // MARK: Panel

    private func drawPanel(into buffer: inout Buffer, area: Rect, evaluation: PlaygroundEvaluation?, style: TutorStyle,
                           glyphs: GlyphSet, colors: ColorMode) {
        guard !area.isEmpty else { return }
        switch panel {
        case .charts: drawCharts(into: &buffer, area: area, style: style, glyphs: glyphs, colors: colors)
        case .weights: drawWeights(into: &buffer, area: area, style: style, glyphs: glyphs, colors: colors)
        case .metrics: drawMetrics(into: &buffer, area: area, evaluation: evaluation, style: style, glyphs: glyphs, colors: colors)
        }
    }

    /// At most `limit` test measurements, evenly spaced, with the last.
    static func thinned(_ trace: [TestMeasurement], limit: Int) -> [TestMeasurement] {
        guard trace.count > limit, limit > 1 else { return trace }
        let stride = Double(trace.count - 1) / Double(limit - 1)
        return (0..<limit).map { trace[min(trace.count - 1, Int((Double($0) * stride).rounded()))] }
    }

    private func drawCharts(into buffer: inout Buffer, area: Rect, style: TutorStyle, glyphs: GlyphSet, colors: ColorMode) {
        let history = historyRecords(limit: max(2, area.width * 2))
        let trace = Self.thinned(testTrace, limit: max(2, area.width * 2))
        let epochs = history.map { Double($0.epoch) }
        let traceEpochs = trace.map(\.epoch)
        let showsAccuracy = problem.isClassification && area.height >= 14
        let parts = area.split(.vertical, showsAccuracy ? [.percent(55), .fill] : [.fill])
        let cursor = chartCursor.map(Double.init)
        buffer.put([Span("Loss ", style.heading), Span(area.width >= 40 ? "by epoch  (< > moves a cursor)" : "by epoch", style.secondary)],
                   at: area.x, area.y, maxWidth: area.width)
        if history.isEmpty {
            buffer.put("Press Space to train, or s to take one step.", at: area.x, area.y + 2, style: style.secondary, maxWidth: area.width)
            return
        }
        var series = [LineChart.Series("train", x: epochs, y: history.map { Double($0.trainingLoss) })]
        if !trace.isEmpty {
            series.append(LineChart.Series("test", x: traceEpochs, y: trace.map { Double($0.loss) }))
        }
        var loss = LineChart(series: series, yScale: .logarithmic, cursor: cursor)
        loss.cursorName = "epoch"
        buffer.render(loss, in: parts[0].inset(top: 1, left: 0, bottom: 0, right: 0), glyphs: glyphs, colors: colors)
        if showsAccuracy {
            var accuracy = [LineChart.Series("train", x: epochs, y: history.map { Double($0.trainingAccuracy ?? .nan) })]
            if !trace.isEmpty {
                accuracy.append(LineChart.Series("test", x: traceEpochs, y: trace.map { Double($0.accuracy ?? .nan) }))
            }
            buffer.put("Right", at: parts[1].x, parts[1].y, style: style.heading)
            var right = LineChart(series: accuracy, yRange: .fixed(0, 1), showsLegend: cursor != nil, cursor: cursor)
            right.cursorName = "epoch"
            buffer.render(right,
                          in: parts[1].inset(top: 1, left: 0, bottom: 0, right: 0), glyphs: glyphs, colors: colors)
        }
    }

    private func drawWeights(into buffer: inout Buffer, area: Rect, style: TutorStyle, glyphs: GlyphSet, colors: ColorMode) {
        buffer.put([Span("Weights ", style.heading), Span("per layer, rows are neurons", style.secondary)], at: area.x, area.y, maxWidth: area.width)
        guard let network else { return }
        let layers = network.parameterLayerIndices.map { network.layers[$0] }
        let body = area.inset(top: 1, left: 0, bottom: 0, right: 0)
        let parts = body.split(.horizontal, Array(repeating: .fill, count: max(1, layers.count)))
        for (index, dense) in layers.enumerated() where index < parts.count {
            let part = parts[index].inset(top: 0, left: 0, bottom: 0, right: 1)
            buffer.put("W\(index + 1) \(dense.outputSize)\(glyphs.isUnicode ? "×" : "x")\(dense.inputSize)", at: part.x, part.y, style: style.secondary, maxWidth: part.width)
            let picture = Heatmap(values: dense.weights.elements.map(Double.init), rows: dense.outputSize, columns: dense.inputSize,
                                  scale: .diverging, showsColorBar: part.height >= 5)
            buffer.render(picture, in: part.inset(top: 1, left: 0, bottom: 0, right: 0), glyphs: glyphs, colors: colors)
        }
    }

    private func drawMetrics(into buffer: inout Buffer, area: Rect, evaluation: PlaygroundEvaluation?, style: TutorStyle,
                             glyphs: GlyphSet, colors: ColorMode) {
        buffer.put("Metrics", at: area.x, area.y, style: style.heading)
        guard let evaluation, let data else { return }
        var rows = [["loss", Self.lossText(evaluation.trainingLoss), evaluation.testLoss.map(Self.lossText) ?? "-"]]
        if let train = evaluation.trainingAccuracy {
            rows.append(["right", Self.percent(train), evaluation.testAccuracy.map(Self.percent) ?? "-"])
        }
        if data.problem.isClassification, !evaluation.testActual.isEmpty {
            let matrix = ConfusionMatrix(predicted: evaluation.testPredicted, actual: evaluation.testActual, classCount: data.problem.classCount)
            rows.append(["macro F1", "", String(format: "%.3f", matrix.macroF1)])
        }
        if let rSquared = evaluation.testRSquared { rows.append([glyphs.isUnicode ? "R²" : "R^2", "", String(format: "%.3f", rSquared)]) }
        rows.append(["examples", "\(data.training.count)", "\(data.test.count)"])
        let table = Table(headers: ["", "train", "test"], rows: rows, alignments: [.left, .right, .right], showsBorders: false)
        let body = area.inset(top: 1, left: 0, bottom: 0, right: 0)
        let tableWidth = min(body.width, 26)
        buffer.render(table, in: Rect(x: body.x, y: body.y, width: tableWidth, height: body.height), glyphs: glyphs, colors: colors)
        guard data.problem.isClassification, !evaluation.testActual.isEmpty else { return }
        // The confusion matrix beside the table when there is room, else below it.
        let confusionArea: Rect
        if body.width - tableWidth - 1 >= 14 {
            confusionArea = Rect(x: body.x + tableWidth + 1, y: area.y, width: body.width - tableWidth - 1, height: area.height)
        } else {
            confusionArea = Rect(x: body.x, y: body.y + rows.count + 2, width: body.width, height: body.height - rows.count - 2)
        }
        if confusionArea.height >= 4 {
            ConfusionView(predicted: evaluation.testPredicted, actual: evaluation.testActual, classNames: data.classNames)
                .draw(into: &buffer, area: confusionArea, title: "Confusion", style: style, glyphs: glyphs, colors: colors)
        }
    }
}

extension PlaygroundScreen {
    /// The folder relative file names are saved in and opened from (the one the tutor started in),
    /// with the home folder written `~`.
    static func folderName(fitting width: Int = .max, glyphs: GlyphSet) -> String {
        let folder = FileManager.default.currentDirectoryPath
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        let name = folder == home ? "~" : folder.hasPrefix(home + "/") ? "~" + folder.dropFirst(home.count) : folder
        // A long path keeps its end, where the folder's own name is.
        guard name.count > width, width > 1 else { return name }
        return glyphs.ellipsis + name.suffix(width - 1)
    }
}

extension PlaygroundScreen {
    /// The batch within the epoch, once one has been trained (`s` takes one): ` · batch 3/25`.
    var batchText: String {
        guard let training, training.batchInEpoch > 0 else { return "" }
        return " · batch \(training.batchInEpoch)/\(training.batchesPerEpoch)"
    }
}
