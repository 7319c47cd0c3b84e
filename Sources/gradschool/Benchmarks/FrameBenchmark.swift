import Canvas
import Foundation

/// Measures how long drawing one full screen of pictures takes, so the tutor can redraw while a
/// network trains without stealing time from it.
///
/// The frame is 200×60 cells: a loss chart with two series of 500 points, a decision map of
/// 100×60 pixels with 500 data points, a 2-8-8-1 network diagram and the 10×64 weight heatmap
/// of a first layer on 64 inputs. Data is made once; each frame starts from an empty buffer, as
/// the app's `view` does. Target: at most 1 ms per frame in a release build.
enum FrameBenchmark {
    /// Renders frames for about half a second after a warm-up and returns the mean milliseconds per frame.
    static func run() -> Double {
        let scene = Scene()
        var checksum = 0
        for _ in 0..<20 { checksum &+= scene.renderFrame().cells.count }
        let clock = ContinuousClock()
        let start = clock.now
        var frames = 0
        var elapsed = Duration.zero
        while elapsed < .milliseconds(500) {
            checksum &+= scene.renderFrame().cells.count
            frames += 1
            elapsed = clock.now - start
        }
        // Using the checksum keeps the optimiser from dropping frames it considers unused.
        precondition(checksum > 0, "frames rendered no cells")
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return seconds * 1000 / Double(frames)
    }

    /// The widgets of one frame, built from made-up but realistic data.
    struct Scene {
        let lossChart: LineChart
        let decisionMap: DecisionMap
        let network: NetworkDiagram
        let weights: Heatmap

        static let size = Rect(width: 200, height: 60)

        init() {
            // Loss curves that fall and flatten, validation a little above training.
            let epochs = 0..<500
            let trainingLoss = epochs.map { 0.7 * exp(-Double($0) / 80) + 0.02 + 0.01 * sin(Double($0)) }
            let validationLoss = epochs.map { 0.72 * exp(-Double($0) / 90) + 0.05 + 0.01 * cos(Double($0)) }
            lossChart = LineChart(
                series: [.init("training", values: trainingLoss), .init("validation", values: validationLoss)],
                xTitle: "epoch", yTitle: "loss", cursor: 250
            )

            // Two rings: class 1 outside radius 0.6, a smooth probability across the boundary.
            let gridWidth = 100, gridHeight = 60
            let positions = DecisionMap.samplePoints(width: gridWidth, height: gridHeight, x: -1...1, y: -1...1)
            let probabilities = stride(from: 0, to: positions.count, by: 2).map { index in
                let radiusSquared = positions[index] * positions[index] + positions[index + 1] * positions[index + 1]
                return 1 / (1 + exp(-8 * (radiusSquared - 0.36)))
            }
            let points = (0..<500).map { index -> DecisionMap.Point in
                let angle = Double(index) * 2.399963, radius = index % 2 == 0 ? 0.35 : 0.85
                return DecisionMap.Point(x: radius * cos(angle), y: radius * sin(angle), label: index % 2, isTest: index % 5 == 0)
            }
            decisionMap = DecisionMap(
                values: probabilities, gridWidth: gridWidth, gridHeight: gridHeight,
                xRange: -1...1, yRange: -1...1, points: points
            )

            let layerSizes = [2, 8, 8, 1]
            let layerWeights = (0..<3).map { layer in
                (0..<(layerSizes[layer] * layerSizes[layer + 1])).map { sin(Double($0 * 7 + layer)) }
            }
            let activations = layerSizes.map { size in (0..<size).map { tanh(Double($0) - 3) } }
            network = NetworkDiagram(
                layerSizes: layerSizes, weights: layerWeights, values: activations,
                layerNames: ["input", "hidden 1", "hidden 2", "output"]
            )

            weights = Heatmap(values: (0..<640).map { sin(Double($0) * 0.37) * 0.5 }, rows: 10, columns: 64)
        }

        /// One frame: left half the decision map over the loss chart, right half the network over the weights.
        func renderFrame() -> Buffer {
            var buffer = Buffer(width: Self.size.width, height: Self.size.height)
            let halves = Self.size.split(.horizontal, [.fixed(100), .fill])
            let left = halves[0].split(.vertical, [.fixed(30), .fill])
            let right = halves[1].split(.vertical, [.percent(50), .fill])
            buffer.render(decisionMap, in: left[0], glyphs: .unicode, colors: .trueColor)
            buffer.render(lossChart, in: left[1], glyphs: .unicode, colors: .trueColor)
            buffer.render(network, in: right[0], glyphs: .unicode, colors: .trueColor)
            buffer.render(weights, in: right[1], glyphs: .unicode, colors: .trueColor)
            return buffer
        }
    }
}
