import Canvas
import Curriculum
import Neural
import Testing
@testable import App

/// Every train widget holds a quarter of its points out of training, draws them hollow, and reports how
/// well the network does on them beside how well it does on the points it trained on.
@Suite("Train widget: held-out points")
struct WidgetTrainHeldOutTests {
    static let page = WidgetTrainTests.page

    @Test func aQuarterOfThePointsIsHeldOutOfTrainingAndMeasured() throws {
        let host = WidgetTesting.host("train", ["dataset": .text("xor"), "layers": .integers([2, 4, 1]), "epochs": .integer(30)])
        let widget = try #require(WidgetTesting.state(host, as: TrainWidget.self))
        let preset = try widget.preset.get()
        let heldOut = try #require(preset.heldOut)
        #expect(heldOut.count == 50 && preset.examples.count == 150 && preset.dataset.count == 150)
        // Both classes are held out, about half each (the split is stratified).
        let labels = heldOut.labels
        #expect(labels.filter { $0 == 0 }.count >= 20 && labels.filter { $0 == 1 }.count >= 20)
        // No held-out point is trained on.
        var trained = Set<[Float]>()
        for row in 0..<preset.dataset.count { trained.insert(preset.dataset.features.row(row)) }
        for row in 0..<heldOut.count { #expect(!trained.contains(heldOut.features.row(row))) }
        // Every run measures the held-out points after each epoch.
        for spec in preset.specs { #expect(spec.validation?.count == 50) }
    }

    @Test func theStatusLineSetsHeldOutAccuracyBesideTrainingAccuracy() throws {
        let host = SteppedLiveTraining(batchesPerPoll: 15)
        var tutor = WidgetTesting.tutor(page: Self.page, width: 100, height: 40)
        WidgetTrainTests.run(tutor.update(.key(.tab)), on: host)
        #expect(tutor.screenText.contains("50 of 200 points held out"))
        // Full speed (three steps up from the watchable 10 epochs a second), so the run finishes here.
        for _ in 0..<3 { WidgetTrainTests.run(tutor.update(.key(.character(">"))), on: host) }
        WidgetTrainTests.run(tutor.update(.key(.character(" "))), on: host)
        for _ in 0..<40 { WidgetTrainTests.frame(&tutor, host) }
        let widget = try #require(tutor.widget(TrainWidget.self))
        let training = try #require(widget.snapshots.first??.training)
        #expect(training.status == .finished)
        let last = try #require(training.history.last)
        // The held-out accuracy, counted by hand: the network's answer above 0.5 means class 1.
        let preset = try widget.preset.get()
        let validation = try #require(preset.validation)
        let output = training.network.predict(validation.features)
        var correct = 0
        for row in 0..<validation.count where (output[row, 0] > 0.5 ? 1 : 0) == Int(validation.targets[row, 0]) { correct += 1 }
        let byHand = Float(correct) / Float(validation.count)
        #expect(abs((last.validationAccuracy ?? -1) - byHand) < 1e-6)
        let percent = Int((byHand * 100).rounded()), trainPercent = Int(((last.trainingAccuracy ?? 0) * 100).rounded())
        #expect(tutor.screenText.contains("accuracy \(trainPercent)%, held out \(percent)%"), "\(tutor.screenText)")
    }

    @Test func heldOutPointsAreDrawnHollowOnTheMap() throws {
        let host = WidgetTesting.host("train", ["dataset": .text("xor"), "layers": .integers([2, 4, 1])])
        let text = host.text(width: 100, available: 24).joined()
        #expect(text.contains("○") || text.contains("△"), "hollow markers for held-out points")
        #expect(text.contains("●") || text.contains("▲"), "filled markers for training points")
        let none = WidgetTesting.host("train", ["dataset": .text("xor"), "layers": .integers([2, 4, 1]), "holdOut": .number(0)])
        let preset = try #require(WidgetTesting.state(none, as: TrainWidget.self)).preset.get()
        #expect(preset.heldOut == nil && preset.examples.count == 200)
    }
}

extension WidgetTrainHeldOutTests {
    @Test func atEightyColumnsTheLearningRateGivesWayBeforeAccuracyAndDone() throws {
        let host = SteppedLiveTraining(batchesPerPoll: 15)
        var tutor = WidgetTesting.tutor(page: """
        ```widget train
        dataset: circles
        layers: [2, 8, 1]
        activation: tanh
        compareActivation: identity
        epochs: 3
        ```
        """)
        WidgetTrainTests.run(tutor.update(.key(.tab)), on: host)
        for _ in 0..<3 { WidgetTrainTests.run(tutor.update(.key(.character(">"))), on: host) }
        WidgetTrainTests.run(tutor.update(.key(.character(" "))), on: host)
        for _ in 0..<20 { WidgetTrainTests.frame(&tutor, host) }
        let widget = try #require(tutor.widget(TrainWidget.self))
        let preset = try widget.preset.get()
        let context = WidgetContext(glyphs: .unicode, colors: .none, isFocused: true)
        for run in 0..<2 {
            let full = widget.statusLine(run: run, preset: preset, context: context).map(\.text).joined()
            let fitted = widget.statusLine(run: run, preset: preset, context: context, width: 72).map(\.text).joined()
            #expect(full.contains("  lr ") && full.hasSuffix("done"))
            #expect(fitted.count <= 72, "\(fitted)")
            #expect(fitted.contains("held out") && fitted.hasSuffix("done"), "\(fitted)")
        }
        #expect(tutor.screenText.contains("done"))
    }
}
