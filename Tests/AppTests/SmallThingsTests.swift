import Canvas
import Curriculum
import Testing
@testable import App

/// Numbers written the same way wherever they stand.
@Suite("Numbers beside each other agree")
struct SmallThingsTests {
    @Test func theChartReadOutNamesZAndShowsTheDigitsOfTheLineBelow() throws {
        // z = −0.25 on tanh: tanh(−0.25) = −0.2449; the chart's read-out and the line under it both
        // say −0.245, with a real minus.
        var host = WidgetTesting.host("activation", ["functions": .texts(["tanh"])])
        for _ in 0..<5 { host.press(.left) }   // from z = 1 in steps of 0.25
        let text = host.text(width: 76, available: 24)
        #expect(text.contains { $0.contains("z=−0.25") }, "\(text.joined(separator: "\n"))")
        #expect(!text.contains { $0.contains("x=") })
        #expect(text.contains { $0.contains("tanh(z) −0.245") } && text.contains { $0.contains("tanh(z) = −0.245") },
                "\(text.joined(separator: "\n"))")
        // σ near zero: 0.002 in both places, not 2.47e-3 beside 0.002.
        var sigmoid = WidgetTesting.host("activation", ["functions": .texts(["sigmoid"])])
        for _ in 0..<70 { sigmoid.press(.left) }
        let low = sigmoid.text(width: 76, available: 24)
        #expect(!low.contains { $0.contains("e-3") }, "\(low.joined(separator: "\n"))")
    }

    @Test func workedAnswersBracketNegativeTerms() {
        // Every drawn question of the templates that add terms: no "+ −" anywhere in the working.
        for template in [QuizTemplate.weightedSum, .neuronOutput, .perceptronUpdate] {
            for seed in UInt64(0)..<200 {
                let question = GeneratedQuestion(template: template, seed: seed)
                #expect(!question.explanation.contains("+ −"), "\(template): \(question.explanation)")
            }
        }
    }
}

@Suite("Nothing cut at 80 columns")
struct CutTextTests {
    @Test func theBackpropWidgetsCrossEntropyLineEndsWithItsNumber() throws {
        var host = WidgetTesting.host("backprop", ["loss": .text("crossEntropy"), "layers": .integers([2, 2, 1])])
        let text = host.text(width: 76, available: 24)
        let lossLine = try #require(text.first { $0.contains("log(1 − ŷ)") }, "\(text.joined(separator: "\n"))")
        // The line ends with the loss's four decimals, not "= 0." cut at the frame.
        #expect(lossLine.range(of: #"= \d\.\d{4}"#, options: .regularExpression) != nil, "\(lossLine)")
        host.press(.enter)
    }
}

@Suite("Playground labels that tell things apart")
struct PlaygroundLabelTests {
    @Test func irisInputsReadDistinctlyInTheDiagramsNarrowLabels() {
        let names = ["sepal length", "sepal width", "petal length", "petal width"]
        let short = names.map { PlaygroundDiagram.shortName($0, width: 5) }
        #expect(short == ["s.len", "s.wid", "p.len", "p.wid"])
        #expect(PlaygroundDiagram.shortName("x1", width: 5) == "x1")
    }

    @Test func theIrisScreenAt120x40ShowsDistinctInputs() {
        var driver = PlaygroundDriver(width: 120, height: 40, configuration: {
            var configuration = PlaygroundConfiguration()
            configuration.dataset = "iris"
            configuration.hiddenLayers = [.init(neurons: 8, activation: .tanh), .init(neurons: 8, activation: .tanh)]
            configuration.output = .softmax
            configuration.loss = .crossEntropy
            return configuration
        }())
        driver.frames(1)
        #expect(!driver.text.contains("sepa…") && !driver.text.contains("peta…"), "\(driver.text)")
        #expect(driver.text.contains("s.len") && driver.text.contains("p.wid"), "\(driver.text)")
    }
}

extension PlaygroundLabelTests {
    @Test func theIrisConfusionMatrixAt120x40KeepsEveryClassAndItsCounts() {
        var configuration = PlaygroundConfiguration()
        configuration.dataset = "iris"
        configuration.output = .softmax
        configuration.loss = .crossEntropy
        var driver = PlaygroundDriver(width: 120, height: 40, configuration: configuration)
        driver.frames(1)
        let text = driver.text
        #expect(text.contains("setosa") && text.contains("versic") && text.contains("virgin"), "\(text)")
        // A row of counts: the class name, then three numbers.
        #expect(driver.screen.contains { $0.range(of: #"setosa\s+\d+\s+\d+\s+\d+"#, options: .regularExpression) != nil }, "\(text)")
    }
}

@Suite("One batch shows")
struct OneBatchTests {
    @Test func sInThePlaygroundShowsTheBatchCount() {
        var driver = PlaygroundDriver()
        driver.press(.character("s"))
        driver.frames(1)
        let perEpoch = driver.playground.training?.batchesPerEpoch ?? 0
        #expect(perEpoch > 1)
        #expect(driver.screen[0].contains("epoch 0 · batch 1/\(perEpoch)"), "\(driver.screen[0])")
    }

    @Test func sInTheTrainWidgetShowsTheBatchCount() {
        let host = SteppedLiveTraining()
        var tutor = WidgetTesting.tutor(page: WidgetTrainTests.page)
        tutor.press(.tab)
        WidgetTrainTests.run(tutor.update(.key(.character("s"))), on: host)
        WidgetTrainTests.frame(&tutor, host)
        // XOR of 200 points, a quarter held out: 150 trained in batches of 10, 15 batches an epoch.
        #expect(tutor.screenText.contains("epoch 0/30 batch 1/15"), "\(tutor.screenText)")
    }
}

extension OneBatchTests {
    /// At "10 batches/frame" the playground trains 10 batches of 10 each frame: at 60 frames a second,
    /// 6,000 samples a second, not 0.
    @Test func pacedSpeedsShowTheSamplesTheyTrain() {
        var configuration = PlaygroundConfiguration()
        configuration.speed = .slow
        configuration.batchSize = 10
        var driver = PlaygroundDriver(configuration: configuration)
        driver.press(.character(" "))
        driver.frames(3)
        #expect(driver.text.contains("6k samples/s"), "\(driver.screen[driver.screen.count - 2])")
    }
}
