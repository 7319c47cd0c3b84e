import Foundation
import Testing
@testable import Neural

@Suite("Hyper-parameter search")
struct SearchTests {
    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) < tolerance }

    func space() throws -> SearchSpace {
        try SearchSpace([
            SearchSetting(name: "learningRate", low: 0.0001, high: 1, scale: .log),
            SearchSetting(name: "neurons", low: 2, high: 32, isInteger: true),
        ])
    }

    /// A smooth score with one peak at log10(learning rate) = −2 and 20 neurons, the best score 0.
    static func peak(_ trial: Trial) -> Double {
        let decades = log10(trial.values[0]) + 2
        let width = (trial.values[1] - 20) / 10
        return -(decades * decades) - width * width
    }

    @Test func settingsMapTheUnitIntervalLinearlyLogarithmicallyAndToWholeNumbers() throws {
        let rate = try SearchSetting(name: "learningRate", low: 0.0001, high: 1, scale: .log)
        #expect(close(rate.value(atUnit: 0.5), 0.01))
        #expect(close(rate.value(atUnit: 0.25), 0.001))
        #expect(close(rate.unit(of: 0.001), 0.25))
        let width = try SearchSetting(name: "neurons", low: 2, high: 32, isInteger: true)
        #expect(width.value(atUnit: 0.5) == 17)
        #expect(width.value(atUnit: 0.51) == 17.0.rounded())
        #expect(width.value(atUnit: 0.52) == 18)
        #expect(width.gridValues(count: 4) == [2, 12, 22, 32])
        let logWidth = try SearchSetting(name: "neurons", low: 1, high: 64, scale: .log, isInteger: true)
        #expect(logWidth.gridValues(count: 7) == [1, 2, 4, 8, 16, 32, 64])
        #expect(try SearchSetting(name: "x", low: 2, high: 5).gridValues(count: 4) == [2, 3, 4, 5])
    }

    @Test func impossibleRangesAreRefusedWithASentence() {
        #expect(throws: SearchSpaceError.emptyRange(setting: "dropout", low: 0.5, high: 0.1)) {
            try SearchSetting(name: "dropout", low: 0.5, high: 0.1)
        }
        #expect(throws: SearchSpaceError.logNeedsPositive(setting: "learningRate", low: 0)) {
            try SearchSetting(name: "learningRate", low: 0, high: 1, scale: .log)
        }
        #expect(throws: SearchSpaceError.noSettings) { try SearchSpace([]) }
        #expect(SearchSpaceError.logNeedsPositive(setting: "learningRate", low: 0).description.contains("above 0"))
    }

    @Test func gridVisitsEveryCombinationTheBudgetAllows() throws {
        #expect(SearchPlanner.gridSize(trials: 20, dimensions: 2) == 4)
        #expect(SearchPlanner.gridSize(trials: 27, dimensions: 3) == 3)
        #expect(SearchPlanner.gridSize(trials: 3, dimensions: 2) == 1)
        let search = Search(space: try space(), method: .grid(pointsPerSetting: nil), trials: 20, seed: 1)
        let results = search.run { trial, _ in TrialOutcome(score: Self.peak(trial)) }
        #expect(results.count == 16)
        let pairs = results.map { "\($0.trial.values[0])/\($0.trial.values[1])" }
        #expect(Set(pairs).count == 16)
        #expect(results[0].trial.values[0] == 0.0001 && results[0].trial.values[1] == 2)
        #expect(results[1].trial.values[1] == 12)
        #expect(close(results[15].trial.values[0], 1) && results[15].trial.values[1] == 32)
    }

    @Test func randomSearchStaysInRangeAndIsFixedByItsSeed() throws {
        let search = Search(space: try space(), method: .random, trials: 30, seed: 5)
        let first = search.run { trial, _ in TrialOutcome(score: Self.peak(trial)) }
        let again = search.run { trial, _ in TrialOutcome(score: Self.peak(trial)) }
        var other = search
        other.seed = 6
        let different = other.run { trial, _ in TrialOutcome(score: Self.peak(trial)) }
        #expect(first.map(\.trial) == again.map(\.trial))
        #expect(first.map(\.trial.values) != different.map(\.trial.values))
        for result in first {
            #expect(result.trial.values[0] >= 0.0001 && result.trial.values[0] <= 1)
            #expect(result.trial.values[1] >= 2 && result.trial.values[1] <= 32 && result.trial.values[1] == result.trial.values[1].rounded())
            #expect(result.trial.seed == 5)
        }
        // Log-uniform: about half the learning rates fall below 0.01.
        let below = first.filter { $0.trial.values[0] < 0.01 }.count
        #expect(below >= 8 && below <= 22)
    }

    @Test func bayesianSearchIsDeterministicAndBeatsRandomOnASmoothPeak() throws {
        var bayesianTotal = 0.0
        var randomTotal = 0.0
        var bayesianWins = 0
        let seeds: [UInt64] = [1, 2, 3, 4, 5, 6, 7, 8]
        for seed in seeds {
            let bayesian = Search(space: try space(), method: .bayesian(BayesianOptions(initialTrials: 4, candidates: 500)),
                                  trials: 15, seed: seed)
            let random = Search(space: try space(), method: .random, trials: 15, seed: seed)
            let bayesianBest = try #require(bayesian.run { trial, _ in TrialOutcome(score: Self.peak(trial)) }.best).score
            let randomBest = try #require(random.run { trial, _ in TrialOutcome(score: Self.peak(trial)) }.best).score
            bayesianTotal += bayesianBest
            randomTotal += randomBest
            if bayesianBest > randomBest { bayesianWins += 1 }
        }
        #expect(bayesianTotal > randomTotal)
        #expect(bayesianWins >= 6)
        let search = Search(space: try space(), method: .bayesian(BayesianOptions(candidates: 300)), trials: 10, seed: 9)
        #expect(search.run { trial, _ in TrialOutcome(score: Self.peak(trial)) }.map(\.trial)
                == search.run { trial, _ in TrialOutcome(score: Self.peak(trial)) }.map(\.trial))
    }

    @Test func failedTrialsDoNotStopTheSearchAndAreNeverBest() throws {
        let search = Search(space: try space(), method: .bayesian(BayesianOptions(initialTrials: 3, candidates: 200)), trials: 10, seed: 2)
        let results = search.run { trial, _ in
            TrialOutcome(score: trial.values[0] > 0.1 ? .nan : Self.peak(trial))
        }
        #expect(results.count == 10)
        let best = try #require(results.best)
        #expect(best.trial.values[0] <= 0.1 && best.score.isFinite)
        let curve = results.bestSoFar
        #expect(zip(curve, curve.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func surrogateMapShowsCertaintyWhereTrialsRan() throws {
        let space = try space()
        let search = Search(space: space, method: .grid(pointsPerSetting: 3), trials: 9, seed: 1)
        let results = search.run { trial, _ in TrialOutcome(score: Self.peak(trial)) }
        let process = try #require(search.surrogate(of: results))
        let map = SurrogateMap(process: process, space: space, columnSetting: 0, rowSetting: 1, columns: 5, rows: 5,
                               fixed: try #require(results.best).trial.values)
        #expect(map.mean.count == 25 && map.standardDeviation.count == 25)
        // Corner (0, 0) is the trial at 0.0001 and 2 neurons; cell (1, 1) lies between trials.
        #expect(close(map.mean[0], results[0].score, 0.05))
        #expect(map.standardDeviation[0] < map.standardDeviation[1 * 5 + 1])
        #expect(close(map.columnValues[2], 0.01) && map.rowValues[4] == 32)
    }

    @Test func runnerStreamsTheSameResultsAsARunOnTheCallingThread() async throws {
        let search = Search(space: try space(), method: .bayesian(BayesianOptions(candidates: 200)), trials: 8, seed: 4)
        let expected = search.run { trial, _ in TrialOutcome(score: Self.peak(trial)) }
        let runner = SearchRunner(search: search) { trial, _ in TrialOutcome(score: Self.peak(trial)) }
        var streamed: [TrialResult] = []
        for await result in runner.results() { streamed.append(result) }
        #expect(streamed.map(\.trial) == expected.map(\.trial))
        #expect(streamed.map(\.score) == expected.map(\.score))
        #expect(runner.waitUntilFinished().count == 8)
    }

    @Test func cancellingStopsTheSearchPartWay() throws {
        let search = Search(space: try space(), method: .random, trials: 1000, seed: 1)
        let runner = SearchRunner(search: search) { trial, cancellation in
            // Each trial takes a few "epochs", checking between them as a training trial does.
            for _ in 0..<20 {
                if cancellation.isCancelled { return nil }
                Thread.sleep(forTimeInterval: 0.0005)
            }
            return TrialOutcome(score: Self.peak(trial))
        }
        let finishedFlag = SearchCancellation()
        runner.start(onResult: { result in if result.trial.index == 4 { runner.cancel() } },
                     onFinish: { _, cancelled in if cancelled { finishedFlag.cancel() } })
        let results = runner.waitUntilFinished()
        #expect(results.count == 5)
        #expect(results.map(\.trial.index) == [0, 1, 2, 3, 4])
        #expect(finishedFlag.isCancelled)
    }

    @Test func leavingTheStreamCancelsTheSearch() async throws {
        let search = Search(space: try space(), method: .random, trials: 1000, seed: 2)
        let runner = SearchRunner(search: search) { trial, cancellation in
            // The fourth trial waits (up to ten minutes) for the reader to leave, so a busy machine that is
            // slow to run the reader (a sanitizer build, every core taken by other tests) cannot let the search
            // finish first; without the cancellation it runs on, and the test fails.
            let deadline = Date().addingTimeInterval(trial.index == 3 ? 600 : 0.01)
            repeat {
                if cancellation.isCancelled { return nil }
                Thread.sleep(forTimeInterval: 0.0005)
            } while Date() < deadline
            return TrialOutcome(score: Self.peak(trial))
        }
        var seen = 0
        for await _ in runner.results() {
            seen += 1
            if seen == 3 { break }
        }
        let finished = runner.waitUntilFinished()
        #expect(runner.cancellation.isCancelled)
        #expect(finished.count >= 3 && finished.count < 1000)
    }
}
