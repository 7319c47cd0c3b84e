import Foundation

/// A hyper-parameter search: which settings, how to choose them, how many trials, and the seed.
///
/// `run` trains the trials one after another on the calling thread; `SearchRunner` runs the same on a
/// background thread and streams the results. The same search with the same objective gives the same
/// trials and scores in the same order.
public struct Search: Sendable, Hashable {
    public var space: SearchSpace
    public var method: SearchMethod
    /// The most trials to run (a grid may run fewer).
    public var trials: Int
    public var seed: UInt64

    public init(space: SearchSpace, method: SearchMethod, trials: Int, seed: UInt64 = 1) {
        self.space = space
        self.method = method
        self.trials = trials
        self.seed = seed
    }

    /// How many trials will run unless the search is cancelled.
    public var plannedTrials: Int {
        SearchPlanner(space: space, method: method, trialBudget: trials, seed: seed).plannedTrials
    }

    /// The Gaussian-process surrogate fitted to `results` (what a Bayesian search believes after them), for
    /// drawing its mean and uncertainty with `SurrogateMap`; `nil` before any trial succeeded.
    public func surrogate(of results: [TrialResult]) -> GaussianProcess? {
        let kernel: GaussianProcess.Kernel = if case .bayesian(let options) = method { options.kernel } else { .matern52 }
        return SearchPlanner(space: space, method: method, trialBudget: trials, seed: seed).surrogate(of: results, kernel: kernel)
    }

    /// Runs the trials in turn, calling `onResult` after each, until all are done or `cancellation` is
    /// set. `objective` trains one trial and returns its outcome, or `nil` when it saw the cancellation
    /// part-way (that trial is then left out). Returns the finished trials.
    public func run(cancellation: SearchCancellation = SearchCancellation(),
                    objective: (Trial, SearchCancellation) -> TrialOutcome?,
                    onResult: (TrialResult) -> Void = { _ in }) -> [TrialResult] {
        var planner = SearchPlanner(space: space, method: method, trialBudget: trials, seed: seed)
        var results: [TrialResult] = []
        while !cancellation.isCancelled, let values = planner.next(after: results) {
            let trial = Trial(index: results.count, values: values, seed: seed)
            let start = DispatchTime.now().uptimeNanoseconds
            guard let outcome = objective(trial, cancellation), !cancellation.isCancelled else { break }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let result = TrialResult(trial: trial, outcome: outcome, seconds: seconds)
            results.append(result)
            onResult(result)
        }
        return results
    }
}

/// A flag a search and its trials check between steps; setting it from any thread stops the search.
public final class SearchCancellation: @unchecked Sendable {
    // The lock guards `cancelled`; that is all the state there is.
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    public func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }
}
