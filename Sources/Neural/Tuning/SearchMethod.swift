/// How a search chooses the settings of its next trial.
public enum SearchMethod: Sendable, Hashable {
    /// Every combination of `pointsPerSetting` evenly spaced values, in order; `nil` picks the largest
    /// grid the trial budget can finish (⌊trials^(1/d)⌋ values per setting).
    case grid(pointsPerSetting: Int?)
    /// Each setting drawn uniformly (uniformly in its logarithm on a log scale), independently.
    case random
    /// Random trials first, then each next trial where a Gaussian-process surrogate expects the largest
    /// improvement over the best score so far.
    case bayesian(BayesianOptions)

    public static let names = ["grid", "random", "bayes"]

    public var name: String {
        switch self {
        case .grid: "grid"
        case .random: "random"
        case .bayesian: "bayes"
        }
    }
}

/// The settings of a Bayesian search.
public struct BayesianOptions: Sendable, Hashable {
    /// Trials drawn at random before the surrogate is trusted (at least 2).
    public var initialTrials: Int
    /// Random candidate points scored by expected improvement for each proposal.
    public var candidates: Int
    /// ξ, the improvement a point must promise beyond the best score, in standardised score units:
    /// larger values explore more.
    public var exploration: Double
    public var kernel: GaussianProcess.Kernel

    public init(initialTrials: Int = 4, candidates: Int = 2000, exploration: Double = 0.01,
                kernel: GaussianProcess.Kernel = .matern52) {
        self.initialTrials = max(2, initialTrials)
        self.candidates = max(1, candidates)
        self.exploration = exploration
        self.kernel = kernel
    }
}
