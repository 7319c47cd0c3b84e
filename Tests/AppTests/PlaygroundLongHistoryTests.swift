@testable import Neural
import Testing
@testable import App

/// A long run keeps a bounded history, and its charts look the same as from the whole history.
@Suite("Playground: long histories")
struct PlaygroundLongHistoryTests {
    static func records(_ epochs: some Sequence<Int>) -> [EpochRecord] {
        epochs.map { EpochRecord(epoch: $0, trainingLoss: 2 / Float($0).squareRoot() + 0.05, validationLoss: nil,
                                 trainingAccuracy: min(1, Float($0) / 40_000), validationAccuracy: nil, seconds: 0.001) }
    }

    /// The playground on screen with `history` as the training done so far.
    static func screen(history: [EpochRecord]) -> [String] {
        var driver = PlaygroundDriver(width: 120, height: 40, batchesPerFrame: 5)
        var playground = driver.playground
        playground.progress.history = history
        playground.progress.epochs = history.last?.epoch ?? 0
        playground.latest = nil
        driver.tutor.screen = .playground(playground)
        return driver.screen
    }

    @Test func picksByEpochAreThePicksByPositionWhenNothingIsThinned() {
        var playground = PlaygroundScreen()
        playground.latest = nil
        playground.progress.history = Self.records(1...10_000)
        let limit = 240
        let picked = playground.historyRecords(limit: limit).map(\.epoch)
        // Evenly by position, as a plain reference: index round(i × (n − 1) / (limit − 1)).
        let expected = (0..<limit).map { 1 + Int((Double($0) * Double(9_999) / Double(limit - 1)).rounded()) }
        #expect(picked == expected)
    }

    /// The same charts, up to a few braille dots where the curve is steepest and the chart's pick fell
    /// on a thinned-away epoch.
    @Test func aThinnedHistoryDrawsTheSameCharts() {
        let whole = Self.records(1...60_000)
        var bounded = EpochHistory()
        bounded.limit = PlaygroundScreen.historyLimit
        for record in whole { bounded.append(record) }
        #expect(bounded.count <= PlaygroundScreen.historyLimit)
        let fromWhole = Self.screen(history: whole)
        let fromBounded = Self.screen(history: Array(bounded))
        #expect(fromWhole.contains { $0.contains("epoch 60000") })
        #expect(fromBounded.count == fromWhole.count)
        var differing = 0
        for (bounded, whole) in zip(fromBounded, fromWhole) {
            differing += zip(bounded, whole).filter { $0 != $1 }.count + abs(bounded.count - whole.count)
        }
        #expect(differing <= 12, "\(differing) cells differ:\n\(fromBounded.joined(separator: "\n"))")
    }

    @Test func carryingRestartsKeepsTheCarriedHistoryBounded() {
        var progress = PlaygroundProgress()
        progress.history = Self.records(1...PlaygroundScreen.historyLimit)
        progress.epochs = PlaygroundScreen.historyLimit
        var history = EpochHistory()
        for record in Self.records(1...5_000) { history.append(record) }
        let network = Network(sizes: [2, 1], activation: .tanh, outputActivation: .sigmoid, seed: 1)
        let snapshot = TrainingSnapshot(epoch: 5_000, batchInEpoch: 0, batchesPerEpoch: 1, stepCount: 5_000, status: .training,
                                        isPlaying: false, lastBatchLoss: 0, history: history, learningRate: 0.1,
                                        samplesPerSecond: 0, network: network)
        progress.carry(snapshot)
        #expect(progress.history.count <= PlaygroundScreen.historyLimit)
        #expect(progress.history.first?.epoch == 1 && progress.history.last?.epoch == PlaygroundScreen.historyLimit + 5_000)
    }
}
