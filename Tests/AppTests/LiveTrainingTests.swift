import Foundation
import Neural
import Testing
@testable import App

/// The live-training plumbing: requests in, snapshots out, with the stepped host and the threaded one.
@Suite("Live training")
struct LiveTrainingTests {
    /// W1 in small: the spiral, 2-8-8-1 tanh, sigmoid output, binary cross-entropy, SGD, batch 10.
    static func spec(samples: Int = 100, learningRate: Float = 0.03, playing: Bool = false) -> LiveTrainingSpec {
        let spiral = Dataset.spiral(samples: samples, noise: 0, seed: 1)
        return LiveTrainingSpec(
            network: Network(sizes: [2, 8, 8, 1], activation: .tanh, outputActivation: .sigmoid, seed: 1),
            training: Examples(spiral),
            configuration: TrainingConfiguration(epochs: 1_000_000, batchSize: 10, loss: .binaryCrossEntropy,
                                                 optimizer: .sgd, learningRate: learningRate),
            startsPlaying: playing)
    }

    @Test func steppedHostCarriesOutEveryCommand() throws {
        let host = SteppedLiveTraining(batchesPerPoll: 4)
        let run: LiveRunID = "test"
        host.perform(.start(run, Self.spec()))
        var snapshots = host.poll()
        #expect(snapshots.count == 1, "a new run reports once")
        #expect(snapshots.first?.generation == 1 && snapshots.first?.training.stepCount == 0)
        #expect(host.poll().isEmpty, "nothing changed, nothing reported")
        #expect(!host.needsPolling)

        host.perform(.send(run, .step(batches: 3)))
        #expect(host.poll().first?.training.stepCount == 3)

        host.perform(.send(run, .play))
        #expect(host.needsPolling)
        snapshots = host.poll()
        #expect(snapshots.first?.training.stepCount == 7, "3 stepped + 4 in one frame of play")
        #expect(snapshots.first?.training.isPlaying == true)

        host.perform(.send(run, .pause))
        #expect(host.poll().first?.training.isPlaying == false)
        #expect(host.poll().isEmpty, "a paused run does not move")

        // 100 points in batches of 10: an epoch is 10 batches, and 7 are done.
        host.perform(.send(run, .stepEpoch))
        let epoch = try #require(host.poll().first)
        #expect(epoch.training.epoch == 1 && epoch.training.stepCount == 10 && epoch.training.batchInEpoch == 0)

        host.perform(.send(run, .reset))
        let reset = try #require(host.poll().first)
        #expect(reset.training.stepCount == 0 && reset.training.history.isEmpty)
        #expect(reset.training.network.hasSameParameters(as: Self.spec().network))

        host.perform(.start(run, Self.spec()))
        #expect(host.poll().first?.generation == 2, "starting again counts a new generation")
        host.perform(.stop(run))
        #expect(host.poll().isEmpty && host.runs.isEmpty)
        host.perform(.send(run, .play))
        #expect(host.runs.isEmpty, "a command to a stopped run is ignored")
    }

    @Test func changingTheLearningRateKeepsTheWeights() throws {
        let host = SteppedLiveTraining()
        host.perform(.start("rate", Self.spec()))
        host.perform(.send("rate", .step(batches: 5)))
        let before = try #require(host.poll().first)
        host.perform(.send("rate", .setLearningRate(0.5)))
        let after = try #require(host.poll().first)
        #expect(after.training.learningRate == 0.5)
        #expect(after.training.stepCount == 5)
        #expect(after.training.network.hasSameParameters(as: before.training.network))
    }

    @Test func liveRunTrainsExactlyLikeATrainer() throws {
        let host = SteppedLiveTraining(batchesPerPoll: 7)
        host.perform(.start("same", Self.spec(playing: true)))
        for _ in 0..<6 { _ = host.poll() }
        var trainer = Self.spec().makeTrainer()
        for _ in 0..<42 { trainer.step() }
        let live = try #require(host.trainer(of: "same"))
        #expect(live.stepCount == 42)
        #expect(live.network.hasSameParameters(as: trainer.network), "same data, seed and steps give the same weights bit for bit")
    }

    @Test func divergenceStopsPlayingAndIsReported() throws {
        let host = SteppedLiveTraining(batchesPerPoll: 50)
        // ReLU with a huge rate: the weights run away to infinity within a few batches.
        var spec = Self.spec(learningRate: 1e6, playing: true)
        spec.network = Network(sizes: [2, 16, 16, 1], activation: .relu, outputActivation: .identity, seed: 3)
        spec.configuration.loss = .meanSquaredError
        host.perform(.start("wild", spec))
        var status = TrainingStatus.training
        for _ in 0..<20 {
            if let snapshot = host.poll().first { status = snapshot.training.status }
            if status.isDone { break }
        }
        guard case .diverged(let divergence) = status else {
            Issue.record("expected a divergence, got \(status)")
            return
        }
        #expect(divergence.suggestedLearningRate == 1e5)
        #expect(!host.needsPolling, "a diverged run stops playing")
    }

    @Test func threadedHostTrainsOnItsOwnThreadAndSettles() throws {
        let host = LiveTrainingSessions(settleTime: 0.05)
        defer { host.stopAll() }
        host.perform(.start("thread", Self.spec(playing: true)))
        #expect(host.needsPolling)
        var latest: LiveSnapshot?
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let snapshot = host.poll().last { latest = snapshot }
            if let latest, latest.training.epoch >= 2 { break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        let playing = try #require(latest)
        #expect(playing.training.epoch >= 2 && playing.training.isPlaying)
        #expect(playing.generation == 1 && playing.run == "thread")

        host.perform(.send("thread", .pause))
        var paused = playing
        while Date() < deadline, paused.training.isPlaying {
            if let snapshot = host.poll().last { paused = snapshot }
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(!paused.training.isPlaying)
        Thread.sleep(forTimeInterval: 0.1)
        _ = host.poll()
        #expect(!host.needsPolling, "a paused run lets the runner sleep once its last command settled")
        #expect(host.poll().isEmpty)

        host.perform(.stop("thread"))
        #expect(host.runs.isEmpty && !host.needsPolling)
    }

    @Test func framesPerSecondCountsTheLastSecond() {
        var rate = FrameRate()
        #expect(rate.framesPerSecond == 0)
        // 31 frames 1/30 s apart span one second: 30 intervals in 1 s.
        for frame in 0...30 { rate.frameDrawn(at: UInt64(frame) * 1_000_000_000 / 30) }
        #expect(abs(rate.framesPerSecond - 30) < 0.01)
        // Two seconds later, at 60 a second: the old frames have left the window.
        let start: UInt64 = 3_000_000_000
        for frame in 0...60 { rate.frameDrawn(at: start + UInt64(frame) * 1_000_000_000 / 60) }
        #expect(abs(rate.framesPerSecond - 60) < 0.01)
        rate.clear()
        #expect(rate.framesPerSecond == 0)
    }

    /// The stepped host reports the speed a real host would measure, not a made-up figure: 5 batches of
    /// 10 examples a frame at 60 frames a second is 3,000 examples a second.
    @Test func theSteppedHostReportsTheSpeedItsFramesImply() throws {
        let host = SteppedLiveTraining(batchesPerPoll: 5, framesPerSecond: 60)
        host.perform(.start("a", Self.spec(playing: true)))
        let snapshot = try #require(host.poll().first)
        #expect(snapshot.training.samplesPerSecond == 5 * 10 * 60)
        host.perform(.send("a", .pause))
        #expect(try #require(host.poll().first).training.samplesPerSecond == 0)
    }

    @Test func snapshotsAndSpecsCompareByWhatChanged() throws {
        let host = SteppedLiveTraining()
        host.perform(.start("a", Self.spec()))
        let first = try #require(host.poll().first)
        var edited = first
        edited.training.network = Network(sizes: [2, 1], activation: .tanh, outputActivation: .sigmoid, seed: 9)
        #expect(edited != first, "other weights at the same step are a change (a weight edited by hand)")
        #expect(first == first)
        var later = first
        later.training.stepCount += 1
        #expect(later != first)
        var faster = first
        faster.framesPerSecond += 1
        #expect(faster != first)

        let spec = Self.spec()
        var editedSpec = spec
        var weights = editedSpec.network.layers[0].weights
        weights[0, 0] += 1
        editedSpec.network.setParameters(ofLayer: 0, weights: weights, bias: editedSpec.network.layers[0].bias)
        #expect(editedSpec != spec, "one weight apart")
        #expect(Self.spec() == spec)
    }

    @Test func aSnapshotNoScreenOwnsStopsItsRun() {
        var tutor = Fixtures.tutor()
        let host = SteppedLiveTraining()
        host.perform(.start("orphan", Self.spec()))
        let snapshot = host.poll()[0]
        #expect(tutor.update(.live(snapshot)) == [.live(.stop("orphan"))])
    }
}
