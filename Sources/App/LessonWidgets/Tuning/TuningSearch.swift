import Neural

/// One search method's progress in the `tuning` widget: its planner, the trials it has finished, and the
/// trial training now (a live run in the runner's thread).
///
/// A trial trains a 2-width-1 network on the moons with its learning rate for a fixed number of epochs
/// and is scored by the negative of the loss on the held-out points (higher is better); a run that
/// diverges scores NaN, a failed trial.
struct TuningSearch: Sendable {
    let method: SearchMethod
    private(set) var planner: SearchPlanner
    private(set) var results: [TrialResult] = []
    /// The settings of the trial training now, or nil between trials and when the search is over.
    private(set) var current: [Double]?
    /// The start the current trial's run is, so a late snapshot of an earlier trial is told apart.
    private(set) var generation = 0

    init(method: SearchMethod, space: SearchSpace, budget: Int, seed: UInt64) {
        self.method = method
        planner = SearchPlanner(space: space, method: method, trialBudget: budget, seed: seed)
    }

    var name: String { method.name }
    var plannedTrials: Int { planner.plannedTrials }
    var isFinished: Bool { current == nil && results.count >= plannedTrials }

    /// The settings of the next trial, now current, with its start number; nil when the search is over.
    mutating func beginNextTrial() -> (values: [Double], generation: Int)? {
        guard current == nil, let values = planner.next(after: results) else { return nil }
        current = values
        generation += 1
        return (values, generation)
    }

    /// Records the current trial's score.
    mutating func finishTrial(score: Double, seconds: Double, seed: UInt64) {
        guard let values = current else { return }
        results.append(TrialResult(trial: Trial(index: results.count, values: values, seed: seed),
                                   outcome: TrialOutcome(score: score), seconds: seconds))
        current = nil
    }

    /// The best held-out loss so far after each trial (the score is its negative); infinity before any success.
    var bestLossSoFar: [Double] { results.bestSoFar.map { -$0 } }
}

extension TuningSearch: Equatable {
    static func == (lhs: TuningSearch, rhs: TuningSearch) -> Bool {
        lhs.method == rhs.method && lhs.results == rhs.results && lhs.current == rhs.current && lhs.generation == rhs.generation
    }
}
