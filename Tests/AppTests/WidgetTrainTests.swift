import Canvas
import Curriculum
import Neural
import Testing
@testable import App

@Suite("Train widget")
struct WidgetTrainTests {
    static let page = """
    ```widget train
    dataset: xor
    layers: [2, 4, 1]
    activation: tanh
    learningRate: 0.1
    batchSize: 10
    epochs: 30
    ```
    """

    /// Carries out the tutor's live-training effects on `host` and returns the other effects.
    @discardableResult
    static func run(_ effects: [Effect], on host: SteppedLiveTraining) -> [Effect] {
        var others: [Effect] = []
        for effect in effects {
            if case .live(let request) = effect { host.perform(request) } else { others.append(effect) }
        }
        return others
    }

    /// One frame: the host trains a little, and every changed snapshot goes to the tutor.
    static func frame(_ tutor: inout Tutor, _ host: SteppedLiveTraining) {
        for snapshot in host.poll() { run(tutor.update(.live(snapshot)), on: host) }
    }

    @Test func spaceStartsAPlayingRunAndSnapshotsComeBackToTheWidget() throws {
        let host = SteppedLiveTraining(batchesPerPoll: 20)
        var tutor = WidgetTesting.tutor(page: Self.page)
        Self.run(tutor.update(.key(.tab)), on: host)
        #expect(host.runs.isEmpty, "nothing trains until the learner asks")
        #expect(tutor.screenText.contains("Space starts training."))
        // From 10 epochs a second up to 30, 60, then as fast as it goes.
        tutor.press(.character(">"), .character(">"), .character(">"))
        #expect(tutor.widget(TrainWidget.self)?.speedText == "full speed")

        Self.run(tutor.update(.key(.character(" "))), on: host)
        #expect(host.runs == ["lesson:scratch:1:1"])
        // XOR's 150 training points in batches of 10 are 15 batches an epoch: a frame of 20 batches passes one epoch.
        Self.frame(&tutor, host)
        var widget = try #require(tutor.widget(TrainWidget.self))
        #expect(widget.snapshots.first??.training.epoch == 1)
        #expect(widget.isPlaying)
        for _ in 0..<40 { Self.frame(&tutor, host) }
        widget = try #require(tutor.widget(TrainWidget.self))
        let training = try #require(widget.snapshots.first??.training)
        #expect(training.status == .finished && training.epoch == 30)
        // The live run trains exactly like a trainer made from the same spec.
        let spec = try #require(try? widget.preset.get().specs.first)
        var trainer = spec.makeTrainer()
        trainer.train()
        #expect(training.network.hasSameParameters(as: trainer.network))
        #expect(training.history.last!.trainingLoss < training.history.first!.trainingLoss)
        #expect(tutor.screenText.contains("epoch 30/30"))
        #expect(tutor.screenText.contains("done"))
    }

    @Test func stepKeysAndTheLearningRateAreCommandsToTheRun() throws {
        let host = SteppedLiveTraining()
        var tutor = WidgetTesting.tutor(page: Self.page)
        tutor.press(.tab)
        Self.run(tutor.update(.key(.enter)), on: host)
        Self.frame(&tutor, host)
        var training = try #require(tutor.widget(TrainWidget.self)?.snapshots.first??.training)
        #expect(training.epoch == 1 && !training.isPlaying, "Enter trains one epoch and stays paused")
        Self.run(tutor.update(.key(.character("s"))), on: host)
        Self.frame(&tutor, host)
        training = try #require(tutor.widget(TrainWidget.self)?.snapshots.first??.training)
        // One epoch of 150 training points (50 of the 200 are held out) in batches of 10, then one batch.
        #expect(training.stepCount == 16)
        Self.run(tutor.update(.key(.character("+"))), on: host)
        Self.frame(&tutor, host)
        #expect(tutor.widget(TrainWidget.self)?.learningRate == 0.2)
        Self.run(tutor.update(.key(.character("r"))), on: host)
        Self.frame(&tutor, host)
        let reset = try #require(tutor.widget(TrainWidget.self))
        #expect(reset.snapshots.first??.training.stepCount == 0)
        #expect(reset.learningRate == 0.1, "reset returns to the lesson's learning rate")
    }

    @Test func leavingThePageStopsItsRuns() throws {
        let host = SteppedLiveTraining()
        let text = "---\nid: two\ntitle: Two\nsummary: s\norder: 1\n---\n## One\n\n" + Self.page + "\n\n## Two\n\nText.\n"
        var tutor = Tutor(library: LessonLibrary.build(sources: [("two.md", text)]), width: 80, height: 24)
        tutor.openLesson(id: "two")
        tutor.press(.tab)
        Self.run(tutor.update(.key(.character(" "))), on: host)
        #expect(host.runs.count == 1)
        tutor.press(.escape)   // back to the page
        let effects = tutor.update(.key(.character("n")))
        #expect(effects.contains(.live(.stop("lesson:two:1:1"))))
        Self.run(effects, on: host)
        #expect(host.runs.isEmpty)

        // Going home from a page with a started run stops it too.
        tutor.press(.character("p"), .tab)
        Self.run(tutor.update(.key(.character(" "))), on: host)
        #expect(host.runs.count == 1)
        tutor.press(.escape)
        Self.run(tutor.update(.key(.escape)), on: host)
        #expect(host.runs.isEmpty)
    }

    @Test func twoNetworksTrainSideBySide() throws {
        let host = SteppedLiveTraining(batchesPerPoll: 200)
        var tutor = WidgetTesting.tutor(page: """
        ```widget train
        dataset: circles
        layers: [2, 8, 1]
        activation: tanh
        compareActivation: identity
        learningRate: 0.1
        epochs: 60
        ```
        """, width: 120, height: 40)
        tutor.press(.tab, .character(">"), .character(">"), .character(">"))
        Self.run(tutor.update(.key(.character(" "))), on: host)
        #expect(Set(host.runs) == ["lesson:scratch:1:1", "lesson:scratch:1:1/2"])
        for _ in 0..<20 { Self.frame(&tutor, host) }
        let widget = try #require(tutor.widget(TrainWidget.self))
        let curved = try #require(widget.snapshots[0]?.training.history.last?.trainingAccuracy)
        let straight = try #require(widget.snapshots[1]?.training.history.last?.trainingAccuracy)
        // A disc inside a ring: a straight line gets at most the larger class right (about half).
        #expect(curved > 0.9, "tanh separates the disc from the ring")
        #expect(straight < 0.75, "the identity network can only draw a line")
        let screen = tutor.screenText
        #expect(screen.contains("tanh:") && screen.contains("identity:"))
    }

    @Test func batchSizesAreComparedOneEpochAtATime() throws {
        let host = SteppedLiveTraining()
        var tutor = WidgetTesting.tutor(page: """
        ```widget train
        dataset: moons
        layers: [2, 8, 1]
        batchSize: 10
        compareBatchSize: 200
        epochs: 3
        ```
        """)
        tutor.press(.tab)
        Self.run(tutor.update(.key(.character(" "))), on: host)
        #expect(tutor.isAnimating, "paced play asks for ticks")
        // Each frame: the runs' snapshots come back, then a tick; at 10 epochs a second, one epoch
        // every 6 ticks.
        for _ in 0..<30 {
            Self.frame(&tutor, host)
            Self.run(tutor.update(.tick), on: host)
        }
        let widget = try #require(tutor.widget(TrainWidget.self))
        #expect(try widget.preset.get().labels == ["batch 10", "full batch"])
        // Three epochs: 45 steps of 10 examples, and 3 steps of all 150 training points (50 are held out).
        #expect(widget.snapshots[0]?.training.stepCount == 45 && widget.snapshots[1]?.training.stepCount == 3)
        // One batch loss per epoch and run, each the loss of the epoch's last batch.
        #expect(widget.batchLosses.map(\.count) == [3, 3])
        #expect(widget.batchLosses[1].map(\.epoch) == [1, 2, 3])
        #expect(widget.batchLosses[1].last?.loss == widget.snapshots[1]?.training.lastBatchLoss)
        #expect(!tutor.isAnimating, "play stops when both runs are done")
    }

    /// The lesson says "press + and − while it trains" and "watch the map bend": by default a run goes
    /// at 10 epochs a second, so 500 epochs take most of a minute, not 20 ms.
    @Test func playGoesAtAWatchablePaceThatTheLearnerChooses() throws {
        let host = SteppedLiveTraining(batchesPerPoll: 1000)
        var tutor = WidgetTesting.tutor(page: """
        ```widget train
        dataset: moons
        layers: [2, 8, 1]
        epochs: 500
        ```
        """)
        tutor.press(.tab)
        Self.run(tutor.update(.key(.character(" "))), on: host)
        // One second of frames: each frame delivers snapshots, then ticks once.
        for _ in 0..<WidgetClock.ticksPerSecond {
            Self.frame(&tutor, host)
            Self.run(tutor.update(.tick), on: host)
        }
        Self.frame(&tutor, host)
        var widget = try #require(tutor.widget(TrainWidget.self))
        let epoch = try #require(widget.snapshots[0]?.training.epoch)
        #expect((9...11).contains(epoch), "about 10 epochs in a second, not \(epoch)")
        #expect(tutor.screenText.contains("10 epochs/s"))
        #expect(tutor.screenText.contains("< > speed"))
        // Slower: 5 epochs a second.
        tutor.press(.character("<"))
        for _ in 0..<WidgetClock.ticksPerSecond {
            Self.frame(&tutor, host)
            Self.run(tutor.update(.tick), on: host)
        }
        Self.frame(&tutor, host)
        widget = try #require(tutor.widget(TrainWidget.self))
        let later = try #require(widget.snapshots[0]?.training.epoch)
        #expect((4...6).contains(later - epoch), "about 5 more epochs, not \(later - epoch)")
        #expect(tutor.screenText.contains("5 epochs/s"))
        // The learning rate changes while it trains, as the lesson says.
        let rate = try #require(widget.snapshots[0]?.training.learningRate)
        Self.run(tutor.update(.key(.character("+"))), on: host)
        Self.frame(&tutor, host)
        #expect(tutor.widget(TrainWidget.self)?.snapshots[0]?.training.learningRate == rate * 2)
        #expect(tutor.widget(TrainWidget.self)?.isPlaying == true, "it goes on playing")
    }

    @Test func digitsTrainWithoutADecisionMap() throws {
        let host = WidgetTesting.host("train", ["dataset": .text("digits"), "layers": .integers([64, 16, 10])])
        let widget = try #require(WidgetTesting.state(host, as: TrainWidget.self))
        let preset = try widget.preset.get()
        #expect(preset.sizes == [64, 16, 10] && !preset.isPlanar)
        #expect(host.text().contains { $0.contains("training a 64-16-10 network on digits") })
    }
}
