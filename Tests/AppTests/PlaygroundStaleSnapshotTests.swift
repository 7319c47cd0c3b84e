import Neural
import Testing
@testable import App

/// Two changes in quick succession ask for two starts; the runner may deliver the first start's snapshot
/// after the second change was made. That snapshot belongs to a network for other data.
@Suite("Playground: snapshots of a replaced start")
struct PlaygroundStaleSnapshotTests {
    /// Presses `first`, lets the runner carry out its effects, then presses `second` and delivers the
    /// snapshots of the next frame before carrying out `second`'s effects: the order of the runner's loop
    /// when both keys come within one frame of each other.
    static func quickPair(_ driver: inout PlaygroundDriver, _ first: Key, _ second: Key) {
        driver.press(first)
        let held = driver.tutor.update(.key(second))
        for snapshot in driver.host.poll() { driver.run(driver.tutor.update(.live(snapshot))) }
        driver.run(held)
    }

    @Test func togglingAnInputTwiceWhileTrainingNeverMeasuresTheOldNetworkOnNewData() throws {
        var driver = PlaygroundDriver(batchesPerFrame: 5)
        let columns = try #require(driver.playground.data?.test.features.columns)
        #expect(columns == 2)
        driver.press(.character(" "))
        driver.frames(2)
        Self.quickPair(&driver, .character("1"), .character("1"))
        // The stale snapshot (a network of one input) must not be taken for the run on two inputs.
        let shown = try #require(driver.playground.network)
        #expect(shown.inputSize == driver.playground.data?.test.features.columns)
        driver.frames(3)
        let playground = driver.playground
        #expect(playground.network?.inputSize == 2)
        #expect(playground.stepCount > 0, "the run on the new inputs trains")
        #expect(!playground.testTrace.isEmpty)
    }

    @Test func changingTheDatasetTwiceQuicklyLeavesTheNewNetworkTraining() throws {
        var driver = PlaygroundDriver(batchesPerFrame: 5)
        // moons, then iris, then digits: → twice on the dataset row.
        driver.playgroundFocusDataset()
        Self.quickPair(&driver, .right, .right)
        let data = try #require(driver.playground.data)
        let dataset = driver.playground.configuration.dataset
        let shown = try #require(driver.playground.network)
        #expect(shown.inputSize == data.training.features.columns, "the header shows \(dataset)'s network")
        driver.frames(1)
        driver.press(.character(" "))
        driver.frames(4)
        #expect(driver.playground.epoch > 0 || driver.playground.stepCount > 0, "training is not stuck at epoch 0")
        #expect(driver.playground.network?.inputSize == data.training.features.columns)
    }

    @Test func drawingNewDataTwiceQuicklyStillTrains() throws {
        // Same shapes, other points: only the start's number tells the snapshots apart.
        var driver = PlaygroundDriver(batchesPerFrame: 5)
        Self.quickPair(&driver, .character("g"), .character("g"))
        driver.press(.character(" "))
        driver.frames(4)
        #expect(driver.playground.stepCount > 0, "the run started last trains")
        let spec = try #require(PlaygroundScreenTests.lastStart(driver.liveRequests()))
        var trainer = spec.makeTrainer()
        for _ in 0..<driver.playground.stepCount { trainer.step() }
        #expect(driver.playground.network?.hasSameParameters(as: trainer.network) == true,
                "the screen shows the last start's weights")
    }
}

extension PlaygroundDriver {
    /// Moves the focus to the dataset row of the controls.
    mutating func playgroundFocusDataset() {
        press(.home, .down)
    }
}
