/// One trial of a search: the settings to train with, in the order of the search space's settings.
public struct Trial: Sendable, Hashable {
    /// 0 for the first trial.
    public var index: Int
    public var values: [Double]
    /// The seed the trial trains with. Every trial of a search gets the search's seed, so trials differ
    /// only in their settings: the same data, split and first-weight draws.
    public var seed: UInt64

    public init(index: Int, values: [Double], seed: UInt64) {
        self.index = index
        self.values = values
        self.seed = seed
    }
}

/// A number a trial measured besides its score, such as a validation accuracy.
public struct TrialMeasurement: Sendable, Hashable {
    public var name: String
    public var value: Double

    public init(name: String, value: Double) {
        self.name = name
        self.value = value
    }
}

/// What a trial achieved. Higher scores are better (a loss is reported as its negative); a score that is
/// not finite marks a failed trial, such as a diverged one.
public struct TrialOutcome: Sendable, Hashable {
    public var score: Double
    public var measurements: [TrialMeasurement]

    public init(score: Double, measurements: [TrialMeasurement] = []) {
        self.score = score
        self.measurements = measurements
    }
}

/// A finished trial with its outcome.
public struct TrialResult: Sendable, Hashable {
    public var trial: Trial
    public var outcome: TrialOutcome
    /// Wall-clock seconds the trial took.
    public var seconds: Double

    public init(trial: Trial, outcome: TrialOutcome, seconds: Double) {
        self.trial = trial
        self.outcome = outcome
        self.seconds = seconds
    }

    public var score: Double { outcome.score }
}

extension [TrialResult] {
    /// The best finished trial (the first of equals), or `nil` when none succeeded.
    public var best: TrialResult? {
        var best: TrialResult?
        for result in self where result.score.isFinite {
            if best == nil || result.score > best!.score { best = result }
        }
        return best
    }

    /// The best score after each trial: the curve a comparison of search methods draws.
    public var bestSoFar: [Double] {
        var best = -Double.infinity
        return map { result in
            if result.score.isFinite { best = Swift.max(best, result.score) }
            return best
        }
    }
}
