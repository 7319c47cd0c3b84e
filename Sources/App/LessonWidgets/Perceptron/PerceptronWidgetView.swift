import Canvas
import Neural

/// Draws the `perceptron` widget: the plane with the gate's points and the perceptron's yes region on
/// the left; the weights, the worked weighted sum of the selected point, the last update and the
/// learning status on the right.
extension PerceptronWidget {
    /// The part of the plane shown: the unit square and a margin around it.
    static let planeRange: ClosedRange<Double> = -0.5...1.5

    func preferredContentHeight(width: Int, available: Int) -> Int {
        min(available, width >= 100 ? 20 : 16)
    }

    func draw(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        // The plane keeps cells about square: twice as many columns as rows.
        let plotWidth = min(area.width * 2 / 5, max(12, (area.height - 1) * 2 + 3))
        let columns = area.split(.horizontal, [.fixed(plotWidth), .fixed(2), .fill])
        drawPlane(into: &buffer, area: columns[0], context: context)
        drawPanel(into: &buffer, area: columns[2], context: context)
    }

    // MARK: The plane

    /// Where the plot of the plane goes inside `area`: a column of y labels on the left and a row of
    /// x labels below.
    static func plotRect(in area: Rect) -> Rect {
        area.inset(top: 0, left: 2, bottom: 1, right: 0)
    }

    /// The cell of a plane position inside `plot`, as `DecisionMap` places its points.
    static func cell(x: Double, y: Double, in plot: Rect) -> (x: Int, y: Int) {
        PlaneCell.cell(x: x, y: y, xRange: planeRange, yRange: planeRange, in: plot) ?? (plot.x, plot.y)
    }

    private func drawPlane(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        let plot = Self.plotRect(in: area)
        guard plot.width >= 4, plot.height >= 3 else { return }
        let glyphs = context.glyphs
        var values: [Double] = []
        let grid = DecisionMap.gridSize(for: plot, glyphs: glyphs, colors: context.colors)
        if showsBoundary {
            // The perceptron's answer at every pixel: 1 on the yes side of its line, 0 on the other.
            let positions = DecisionMap.samplePoints(width: grid.width, height: grid.height, x: Self.planeRange, y: Self.planeRange)
            values.reserveCapacity(positions.count / 2)
            for index in stride(from: 0, to: positions.count, by: 2) {
                values.append(Double(perceptron.predict([Float(positions[index]), Float(positions[index + 1])])))
            }
        }
        let points = inputs.indices.map { DecisionMap.Point(x: Double(inputs[$0][0]), y: Double(inputs[$0][1]), label: targets[$0]) }
        let map = DecisionMap(values: values, gridWidth: showsBoundary ? grid.width : 0, gridHeight: showsBoundary ? grid.height : 0,
                              xRange: Self.planeRange, yRange: Self.planeRange, points: points, scale: .probability)
        buffer.render(map, in: plot, glyphs: glyphs, colors: context.colors)

        // Wrong points are reversed, so they stand out without colour too; the selected one gets a pointer.
        let wrong = Set(misclassifiedPoints)
        for index in inputs.indices {
            let (x, y) = Self.cell(x: Double(inputs[index][0]), y: Double(inputs[index][1]), in: plot)
            if wrong.contains(index) {
                var cell = buffer[x, y]
                cell.style = context.tinted(Palette.series(5), bold: true)
                cell.style.reverse = true
                buffer[x, y] = cell
            }
            if index == selectedPoint, x - 1 >= plot.x {
                buffer.put(glyphs.isUnicode ? "▸" : ">", at: x - 1, y, style: context.style.heading)
            }
            if x + 1 < plot.right {
                buffer.put("\(index + 1)", at: x + 1, y, style: context.style.secondary)
            }
        }

        // Axis labels: 0 and 1 under x₁, 1 and 0 beside x₂.
        let label = context.style.secondary
        let origin = Self.cell(x: 0, y: 0, in: plot), corner = Self.cell(x: 1, y: 1, in: plot)
        buffer.put("0", at: origin.x, plot.bottom, style: label)
        buffer.put("1", at: corner.x, plot.bottom, style: label)
        buffer.put(WidgetText.indexed("x", 1, glyphs: glyphs), at: plot.right - 2, plot.bottom, style: label)
        buffer.put("0", at: area.x, origin.y, style: label)
        buffer.put("1", at: area.x, corner.y, style: label)
        buffer.put(WidgetText.indexed("x", 2, glyphs: glyphs), at: area.x, plot.y, style: label)
    }

    // MARK: The numbers

    private func drawPanel(into buffer: inout Buffer, area: Rect, context: WidgetContext) {
        var lines = panelLines(width: area.width, context: context)
        let status = wrap(statusText(glyphs: context.glyphs), width: max(1, area.width)).map { [Span($0, statusStyle(context.style))] }
        // Keep the status, the most important line, when rows run short.
        lines = Array(lines.prefix(max(0, area.height - status.count))) + status
        for (row, line) in lines.enumerated() {
            buffer.put(line, at: area.x, area.y + row, maxWidth: area.width)
        }
    }

    func panelLines(width: Int, context: WidgetContext) -> [[Span]] {
        let glyphs = context.glyphs
        let style = context.style
        let times = WidgetText.times(glyphs)
        func number(_ value: Float) -> String { WidgetText.number(value, glyphs: glyphs) }
        func short(_ value: Float) -> String { WidgetText.short(value, glyphs: glyphs) }
        func term(_ value: Float) -> String { WidgetText.shortTerm(value, glyphs: glyphs) }
        var lines: [[Span]] = []

        let (no, yes) = (glyphs.pointMarker(class: 0, isTest: false), glyphs.pointMarker(class: 1, isTest: false))
        lines.append([Span("\(gate.rawValue.uppercased()): ", style.heading), Span("\(no) wants 0, \(yes) wants 1", style.secondary)])
        let names = [WidgetText.indexed("w", 1, glyphs: glyphs), WidgetText.indexed("w", 2, glyphs: glyphs), "b"]
        for parameter in Parameter.allCases {
            let isSelected = parameter == selectedParameter
            let pointer = isSelected && context.isFocused ? (glyphs.isUnicode ? "▸ " : "> ") : "  "
            let text = names[parameter.rawValue].padding(toLength: 3, withPad: " ", startingAt: 0)
                + align(number(value(of: parameter)), width: 6, .right)
            lines.append([Span(pointer, style.accent), Span(text, isSelected ? context.selected : .plain)])
        }
        lines.append([Span((glyphs.isUnicode ? "  η  " : "  lr ") + align(number(learningRate), width: 6, .right), style.secondary)])

        // The weighted sum of the selected point, worked out. When that point was just misclassified, the
        // sum shown is the one the rule saw, with the weights from before the update, so it agrees with the
        // update line below; the current weights may already get the point right.
        let input = inputs[selectedPoint], target = targets[selectedPoint]
        let mistakeJustMade = lastUpdate.flatMap { lastUpdatePoint == selectedPoint && $0.wasMistake ? $0 : nil }
        let shown = mistakeJustMade.map { Perceptron(weights: $0.weightsBefore, bias: $0.biasBefore) } ?? perceptron
        let sum = shown.weightedSum(input)
        let output = shown.predict(input)
        lines.append([Span("point \(selectedPoint + 1): x = (\(Int(input[0])), \(Int(input[1]))), wants \(target)", style.heading)])
        lines.append([Span(" z = \(names[0])\(times)x₁ + \(names[1])\(times)x₂ + b".replacingSubscripts(glyphs)),
                      Span(mistakeJustMade == nil ? "" : "  (before update)", style.secondary)])
        lines.append([Span("   = \(term(shown.weights[0]))\(times)\(Int(input[0])) + \(term(shown.weights[1]))\(times)\(Int(input[1])) + \(term(shown.bias)) = \(short(sum))")])
        let verdict = output == target
        lines.append([Span(" step(z) = \(output)  "),
                      Span(WidgetText.mark(verdict, glyphs: glyphs) + (verdict ? " right" : " wrong"), verdict ? style.done : style.warning)])

        // The last update: which point, and what it moved.
        if let update = lastUpdate, let point = lastUpdatePoint {
            if update.wasMistake {
                lines.append([Span("update: point \(point + 1) said \(update.prediction), wants \(update.target)", style.warning)])
                let arrow = WidgetText.becomes(glyphs)
                var changes: [String] = []
                for index in 0..<2 where update.weightsBefore[index] != update.weightsAfter[index] {
                    changes.append("\(names[index]) \(number(update.weightsBefore[index]))\(arrow)\(number(update.weightsAfter[index]))")
                }
                changes.append("b \(number(update.biasBefore))\(arrow)\(number(update.biasAfter))")
                lines.append([Span(" " + changes.joined(separator: "  "))])
            } else {
                lines.append([Span("update: point \(point + 1) was right: no change", style.secondary)])
                lines.append([])
            }
        } else {
            lines.append([Span("l applies the rule to the next point", style.secondary)])
            lines.append([])
        }
        return lines
    }

    /// One sentence on where learning stands.
    func statusText(glyphs: GlyphSet) -> String {
        let wrong = misclassifiedPoints.count
        if let converged = convergedAtEpoch {
            return "Converged: epoch \(converged) made no mistake."
        }
        if gaveUp {
            return "\(epoch) epochs, still wrong: no line separates \(gate.rawValue.uppercased())."
        }
        if epoch > 0, let mistakes = mistakesLastEpoch {
            let separable = gate == .xor ? " No line separates XOR." : ""
            return "Epoch \(epoch + 1); last epoch \(mistakes) mistake\(mistakes == 1 ? "" : "s").\(separable)"
        }
        if lastUpdate != nil { return "Epoch 1 under way." }
        return wrong == 0 ? "Your line gets all 4 points right." : "Your line gets \(4 - wrong) of 4 points right."
    }

    private func statusStyle(_ style: TutorStyle) -> Style {
        if convergedAtEpoch != nil || (lastUpdate == nil && misclassifiedPoints.isEmpty) { return style.done }
        if gaveUp { return style.warning }
        return style.accent
    }
}

extension String {
    /// `x₁` spelled `x1` in ASCII.
    fileprivate func replacingSubscripts(_ glyphs: GlyphSet) -> String {
        glyphs.isUnicode ? self : replacingOccurrences(of: "₁", with: "1").replacingOccurrences(of: "₂", with: "2")
    }
}
