import Canvas
import Neural

/// The pictures `gradschool train --plot` prints when training ends: the loss curves; the decision map for
/// two-feature data, or else the confusion matrix for classification; and the first layer's weights.
struct TrainPlots {
    let network: Network
    let history: [EpochRecord]
    let data: PreparedData

    /// All the pictures, one under another, `width` columns wide.
    func render(report: PlotReport, width: Int) -> String {
        var pictures = [lossCurves(report: report, width: width)]
        if data.featureNames.count == 2, let map = decisionMap(report: report, width: width) {
            pictures.append(map)
        } else if data.problem.isClassification, let confusion = confusionMatrix(report: report, width: width) {
            pictures.append(confusion)
        }
        pictures.append(firstLayerWeights(report: report, width: width))
        return pictures.joined(separator: "\n")
    }

    /// Training and validation loss per epoch, on a log scale when the loss falls over orders of magnitude.
    func lossCurves(report: PlotReport, width: Int) -> String {
        let epochs = history.map { Double($0.epoch) }
        var series = [LineChart.Series("train", x: epochs, y: history.map { Double($0.trainingLoss) })]
        let validation = history.compactMap { $0.validationLoss.map(Double.init) }
        if validation.count == history.count, !validation.isEmpty {
            series.append(LineChart.Series("validation", x: epochs, y: validation))
        }
        let losses = series.flatMap(\.y).filter { $0.isFinite && $0 > 0 }
        let spansDecades = (losses.max() ?? 1) / max(losses.min() ?? 1, .leastNonzeroMagnitude) > 30
        let chart = LineChart(series: series, yScale: spansDecades ? .logarithmic : .linear, xTitle: "epoch", yTitle: "loss")
        return report.picture(chart, width: width, height: 12, title: "Loss")
    }

    /// The network's prediction over the plane of the two features, drawn in the data's own units, with the
    /// training points (○-style markers) and test points on top. The whole grid is one batched prediction.
    func decisionMap(report: PlotReport, width: Int) -> String? {
        let raw = [data.training, data.validation, data.test].map { rawFeatures($0.features) }
        let all = raw.flatMap { $0.elements.map(Double.init) }
        guard !all.isEmpty else { return nil }
        let xs = stride(from: 0, to: all.count, by: 2).map { all[$0] }, ys = stride(from: 1, to: all.count, by: 2).map { all[$0] }
        let xRange = padded(xs.min()!...xs.max()!), yRange = padded(ys.min()!...ys.max()!)
        let height = 16
        let grid = DecisionMap.gridSize(for: Rect(x: 0, y: 0, width: width, height: height), glyphs: report.glyphs, colors: report.colors)
        let positions = DecisionMap.samplePoints(width: grid.width, height: grid.height, x: xRange, y: yRange).map(Float.init)
        let planeMatrix = Matrix(rows: grid.width * grid.height, columns: 2, elements: positions)
        let outputs = network.predict((try? data.scaler?.apply(planeMatrix)) ?? planeMatrix)

        let scale: DecisionMap.Scale
        let values: [Double]
        switch data.problem {
        case .binaryClassification:
            scale = .probability
            values = (0..<outputs.rows).map { Double(outputs[$0, 0]) }
        case .multiclassClassification:
            scale = .classes
            values = (0..<outputs.rows).map { Double(OneHot.argmax(of: outputs, row: $0)) }
        case .regression:
            scale = .values(.sequential)
            values = (0..<outputs.rows).map { Double(outputs[$0, 0]) }
        }
        var points: [DecisionMap.Point] = []
        for (set, isTest) in [(data.training, false), (data.test, true)] {
            let features = rawFeatures(set.features)
            let labels = data.problem.isClassification ? set.labels : Array(repeating: 0, count: set.count)
            for row in 0..<set.count {
                points.append(DecisionMap.Point(x: Double(features[row, 0]), y: Double(features[row, 1]),
                                                label: labels[row], isTest: isTest))
            }
        }
        let map = DecisionMap(values: values, gridWidth: grid.width, gridHeight: grid.height,
                              xRange: xRange, yRange: yRange, points: points, scale: scale)
        let title = data.problem.isClassification ? "Decision map: \(data.featureNames[0]) across, \(data.featureNames[1]) up"
                                                  : "Prediction over \(data.featureNames[0]) (across) and \(data.featureNames[1]) (up)"
        return report.picture(map, width: width, height: height, title: title) + "\n"
            + decisionMapLegend(glyphs: report.glyphs, xRange: xRange, yRange: yRange, scale: scale)
    }

    /// What the decision map's marks mean, and the values at its edges.
    func decisionMapLegend(glyphs: GlyphSet, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, scale: DecisionMap.Scale) -> String {
        func number(_ value: Double) -> String { NumberLabel.compact(value) }
        var lines = ["\(data.featureNames[0]) from \(number(xRange.lowerBound)) to \(number(xRange.upperBound)) across, "
                     + "\(data.featureNames[1]) from \(number(yRange.lowerBound)) to \(number(yRange.upperBound)) up"]
        guard data.problem.isClassification else { return lines.joined(separator: "\n") }
        let names = data.classNames.isEmpty ? ["class 0", "class 1"] : data.classNames
        lines.append("points: " + names.enumerated().map { index, name in
            "\(glyphs.pointMarker(class: index, isTest: false)) \(name) (\(glyphs.pointMarker(class: index, isTest: true)) test)"
        }.joined(separator: "  "))
        switch scale {
        case .probability:
            lines.append("background: \(glyphs.shades[1]) where the network says \(names.count > 1 ? names[1] : "class 1"), blank where it says \(names[0])")
        case .classes:
            let shades = Array(glyphs.shades.prefix(3))
            lines.append("background: the class the network says, " + names.enumerated().map { index, name in
                "\(shades[index % shades.count]) \(name)"
            }.joined(separator: "  "))
        case .values:
            break
        }
        return lines.joined(separator: "\n")
    }

    /// Actual classes down, predicted across, counted on the test set (the validation set when there is none).
    func confusionMatrix(report: PlotReport, width: Int) -> String? {
        let (set, name) = data.test.count > 0 ? (data.test, "test") : (data.validation, "validation")
        guard set.count > 0 else { return nil }
        let outputs = network.predict(set.features)
        let classCount = data.problem.classCount
        let predicted = (0..<set.count).map { row in
            classCount == 2 && outputs.columns == 1 ? (outputs[row, 0] >= 0.5 ? 1 : 0) : OneHot.argmax(of: outputs, row: row)
        }
        let confusion = ConfusionMatrix(predicted: predicted, actual: set.labels, classCount: classCount)
        let counts = (0..<classCount).flatMap { actual in (0..<classCount).map { Double(confusion[actual: actual, predicted: $0]) } }
        let labels = data.classNames.count == classCount ? data.classNames : (0..<classCount).map(String.init)
        let heatmap = Heatmap(values: counts, rows: classCount, columns: classCount, scale: .sequential,
                              rowLabels: labels, columnLabels: labels)
        return report.picture(heatmap, width: width, height: min(2 * classCount + 4, 24),
                              title: "Confusion matrix (\(name) set): actual down, predicted across")
    }

    /// The first dense layer's weights: one row per neuron, one column per input.
    func firstLayerWeights(report: PlotReport, width: Int) -> String {
        let dense = network.layers[network.parameterLayerIndices[0]]
        let heatmap = Heatmap(values: dense.weights.elements.map(Double.init), rows: dense.outputSize, columns: dense.inputSize,
                              scale: .diverging, rowLabels: (1...dense.outputSize).map { "n\($0)" },
                              columnLabels: dense.inputSize <= 16 ? (1...dense.inputSize).map(String.init) : [])
        let picture = report.picture(heatmap, width: width, height: min(dense.outputSize + 3, 20),
                                     title: "First layer weights: a row per neuron, a column per input")
        // Columns are two cells wide: they carry numbers, and the inputs' names are listed below.
        guard dense.inputSize <= 16, data.featureNames.count == dense.inputSize else { return picture }
        let key = data.featureNames.enumerated().map { "\($0.offset + 1) \($0.element)" }.joined(separator: "  ")
        return picture + "\ncolumns: " + key
    }

    private func rawFeatures(_ features: Matrix) -> Matrix {
        guard let scaler = data.scaler, features.rows > 0 else { return features }
        return (try? scaler.invert(features)) ?? features
    }

    private func padded(_ range: ClosedRange<Double>) -> ClosedRange<Double> {
        let margin = max((range.upperBound - range.lowerBound) * 0.05, 1e-3)
        return (range.lowerBound - margin)...(range.upperBound + margin)
    }
}
