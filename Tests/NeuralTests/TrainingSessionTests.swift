import Foundation
import Testing
@testable import Neural

@Suite("Training on its own thread")
struct TrainingSessionTests {
    static func makeSession(epochs: Int = 1_000_000) -> TrainingSession {
        let data = TrainingTests.spiral(count: 200, seed: 1)
        let trainer = Trainer(network: Network(sizes: [2, 8, 8, 1], activation: .tanh, outputActivation: .sigmoid, seed: 1),
                              training: data,
                              configuration: TrainingConfiguration(epochs: epochs, batchSize: 10, loss: .binaryCrossEntropy, learningRate: 0.03))
        return TrainingSession(trainer: trainer)
    }

    /// A screen that drops its session without `stop()` must not leave a training thread behind: the thread
    /// holds only the worker, so the session's `deinit` runs, stops the thread and waits for it.
    @Test func aSessionDroppedWithoutStopEndsItsThread() {
        var session: TrainingSession? = Self.makeSession()
        session?.start()
        session?.send(.play)
        _ = session?.wait(timeout: 10) { $0.stepCount > 0 }
        let worker = session!.worker
        weak let dropped = session
        session = nil
        #expect(dropped == nil, "the training thread kept the session alive")
        #expect(worker.hasEnded, "dropping the session did not end its thread")
    }

    /// `stop()` called at once after `start()`, before the thread has begun, still waits for it to end.
    @Test func stopRightAfterStartWaitsForTheThread() {
        for _ in 0..<20 {
            let session = Self.makeSession()
            session.start()
            session.stop()
            #expect(session.worker.hasEnded)
        }
    }

    @Test func playPauseStepResetAndLearningRate() {
        let session = Self.makeSession()
        session.start()
        defer { session.stop() }
        #expect(session.snapshot.stepCount == 0 && !session.snapshot.isPlaying)

        session.send(.play)
        let playing = session.wait(timeout: 10) { $0.epoch >= 3 }
        #expect(playing.epoch >= 3 && playing.isPlaying)
        #expect(playing.history.count == playing.epoch)

        session.send(.pause)
        let paused = session.wait(timeout: 10) { !$0.isPlaying }
        #expect(!paused.isPlaying)
        Thread.sleep(forTimeInterval: 0.1)
        #expect(session.snapshot.stepCount == paused.stepCount, "a paused run does not move")

        session.send(.step(batches: 3))
        let stepped = session.wait(timeout: 10) { $0.stepCount == paused.stepCount + 3 }
        #expect(stepped.stepCount == paused.stepCount + 3)
        Thread.sleep(forTimeInterval: 0.1)
        #expect(session.snapshot.stepCount == paused.stepCount + 3)

        session.send(.stepEpoch)
        let epochDone = session.wait(timeout: 10) { $0.epoch == stepped.epoch + 1 }
        #expect(epochDone.epoch == stepped.epoch + 1 && epochDone.batchInEpoch == 0)

        session.send(.setLearningRate(0.5))
        #expect(session.wait(timeout: 10) { $0.learningRate == 0.5 }.learningRate == 0.5)
        let weightsBeforeReset = session.snapshot.network.layers[0].weights

        session.send(.reset)
        let reset = session.wait(timeout: 10) { $0.stepCount == 0 }
        #expect(reset.epoch == 0 && reset.history.isEmpty)
        #expect(reset.network.layers[0].weights != weightsBeforeReset)
        #expect(reset.learningRate == 0.5, "changing the learning rate survives a reset, as in the playground")
    }

    @Test func snapshotsAreIndependentOfTraining() {
        let session = Self.makeSession()
        session.start()
        defer { session.stop() }
        let first = session.snapshot
        let weights = first.network.layers[0].weights
        session.send(.play)
        _ = session.wait(timeout: 10) { $0.epoch >= 2 }
        #expect(first.network.layers[0].weights == weights, "a snapshot never changes after it is taken")
    }

    @Test func finishesAndStops() {
        let session = Self.makeSession(epochs: 2)
        session.start()
        defer { session.stop() }
        session.send(.play)
        let done = session.wait(timeout: 10) { $0.status == .finished }
        #expect(done.status == .finished && done.epoch == 2 && !done.isPlaying)
    }
}

@Suite("Epoch history")
struct EpochHistoryTests {
    static func record(_ epoch: Int) -> EpochRecord {
        EpochRecord(epoch: epoch, trainingLoss: Float(epoch), seconds: 0)
    }

    @Test func keepsEveryRecordInOrderAcrossChunks() {
        var history = EpochHistory()
        let count = EpochHistory.chunkSize * 3 + 17
        for epoch in 1...count { history.append(Self.record(epoch)) }
        #expect(history.count == count)
        #expect(history.map(\.epoch) == Array(1...count))
        #expect(history.last?.epoch == count && history[EpochHistory.chunkSize].epoch == EpochHistory.chunkSize + 1)
        history.removeAll()
        #expect(history.isEmpty)
    }

    @Test func aCopyIsUnchangedByLaterAppends() {
        var history = EpochHistory((1...600).map(Self.record))
        let copy = history
        for epoch in 601...1000 { history.append(Self.record(epoch)) }
        #expect(copy.count == 600 && copy.map(\.epoch) == Array(1...600))
        #expect(history.count == 1000)
        #expect(copy != history && EpochHistory((1...600).map(Self.record)) == copy)
    }
}
