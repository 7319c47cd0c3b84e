import Canvas
import Foundation
import Neural
import Testing
@testable import App

/// The playground drawn for every kind of data, at the sizes learners use, in Unicode and ASCII.
@Suite("Playground rendering")
struct PlaygroundRenderingTests {
    static func configuration(_ dataset: String) -> PlaygroundConfiguration {
        .starting(with: dataset)
    }

    @Test(arguments: ["spiral", "circle", "plane", "multi-gaussian", "sine", "iris", "digits"])
    func everyDatasetDrawsAtEverySize(dataset: String) throws {
        for (width, height, glyphs, colors) in [(80, 24, GlyphSet.unicode, ColorMode.palette256), (120, 40, .unicode, .trueColor),
                                                (60, 16, .ascii, .none), (200, 60, .unicode, .palette256)] {
            var driver = PlaygroundDriver(width: width, height: height, configuration: Self.configuration(dataset),
                                          batchesPerFrame: 10, glyphs: glyphs, colors: colors)
            driver.press(.character(" "))
            driver.frames(3)
            for _ in 0..<3 {
                let lines = driver.screen
                #expect(lines.count == height)
                #expect(lines[0].contains("Playground") && lines[0].contains(driver.playground.data?.name ?? "?"))
                #expect(lines.allSatisfy { displayWidth(of: $0) <= width })
                driver.press(.character("v"))
            }
        }
    }

    @Test func planarClassificationShowsTheDecisionMapWithTrainAndTestPoints() {
        var driver = PlaygroundDriver(width: 120, height: 40)
        driver.frames(1)
        let text = driver.text
        #expect(text.contains("Output") && text.contains("● train") && text.contains("○ test"))
        // Filled markers for training points and open ones for test points, both classes.
        #expect(text.contains("●") && text.contains("▲") && text.contains("○") && text.contains("△"))
    }

    @Test func digitsShowTheFirstLayerAsEightByEightTiles() {
        var driver = PlaygroundDriver(width: 120, height: 40, configuration: Self.configuration("digits"))
        driver.frames(1)
        #expect(driver.text.contains("First layer") && driver.text.contains("8×8 weights per neuron"))
        #expect(driver.playground.network?.inputSize == 64)
        driver.press(.character("v"), .character("v"))
        #expect(driver.text.contains("Confusion"))
    }

    @Test func irisShowsAConfusionMatrixOfTheTestSet() throws {
        var driver = PlaygroundDriver(width: 120, height: 40, configuration: Self.configuration("iris"))
        driver.frames(1)
        #expect(driver.text.contains("Confusion (test set)"))
        #expect(driver.text.contains("setosa") && driver.text.contains("virginica"))
        #expect(driver.playground.configuration.output == .softmax && driver.playground.configuration.loss == .crossEntropy)
    }

    @Test func theChartCursorReadsOutEveryEpoch() throws {
        var driver = PlaygroundDriver(width: 120, height: 40, batchesPerFrame: 25)
        driver.press(.character(" "))
        driver.frames(10)
        driver.press(.character(" "))
        driver.press(.character("<"))
        #expect(driver.playground.chartCursor == 10)
        driver.press(.character("<"), .character("<"))
        #expect(driver.playground.chartCursor == 8)
        driver.frames(1)
        let record = driver.playground.history[7]
        #expect(driver.text.contains("epoch 8"))
        #expect(!driver.text.contains("x=8"), "the read-out names the axis")
        #expect(driver.text.contains(NumberLabel.compact(Double(record.trainingLoss))))
        driver.press(.escape)
        #expect(driver.playground.chartCursor == nil)
    }

    @Test func neuronMapsComeFromOnePassAndMatchPredictions() throws {
        let screen = PlaygroundScreen()
        let data = try #require(screen.data)
        let network = try #require(screen.network)
        let maps = try #require(NeuronMaps.compute(network: network, data: data, side: 8))
        #expect(maps.maps.map(\.count) == [2, 8, 8, 1])
        let points = DecisionMap.samplePoints(width: 8, height: 8, x: data.xRange, y: data.yRange)
        let output = network.predict(data.inputs(atPlanePoints: points))
        // The output neuron's map is its probability p shown as 2p − 1.
        for index in 0..<64 {
            #expect(abs(maps.maps[3][0][index] - (2 * Double(output[index, 0]) - 1)) < 1e-6)
        }
        // tanh layers stay within [−1, 1] as they are.
        #expect(maps.maps[1].joined().allSatisfy { abs($0) <= 1 })
    }
}

/// The network's heading never shows a cut count ("105 weight"): at 80 columns it keeps what fits whole.
@Suite("Playground network heading")
struct PlaygroundNetworkHeadingTests {
    @Test(arguments: [(80, 24), (120, 40)])
    func theWeightCountIsWholeOrLeftOut(width: Int, height: Int) {
        let driver = PlaygroundDriver(width: width, height: height)
        let line = driver.screen[1]
        // The default spiral network 2-8-8-1 has 2·8 + 8 + 8·8 + 8 + 8·1 + 1 = 105 weights and biases.
        #expect(line.contains("105 weights") || !line.contains("105"), "\(line)")
        #expect(!line.contains("weight…") && !line.contains("weight "), "\(line)")
        #expect(line.contains("2→8→8→1"), "\(line)")
    }
}
