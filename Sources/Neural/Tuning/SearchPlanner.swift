/// Chooses the settings of each trial of a search, from the trials already finished.
///
/// Deterministic: the same space, method, budget and seed propose the same trials given the same scores.
public struct SearchPlanner: Sendable {
    public let space: SearchSpace
    public let method: SearchMethod
    /// How many trials the search may run in all.
    public let trialBudget: Int
    private var random: RandomSource
    private let gridPoints: [[Double]]

    public init(space: SearchSpace, method: SearchMethod, trialBudget: Int, seed: UInt64) {
        self.space = space
        self.method = method
        self.trialBudget = max(0, trialBudget)
        random = RandomSource(seed: seed)
        if case .grid(let pointsPerSetting) = method {
            let perSetting = pointsPerSetting ?? Self.gridSize(trials: trialBudget, dimensions: space.dimensions)
            gridPoints = Array(space.grid(pointsPerSetting: perSetting).prefix(trialBudget))
        } else {
            gridPoints = []
        }
    }

    /// The most values per setting a grid of at most `trials` points can have: ⌊trials^(1/d)⌋, at least 1.
    public static func gridSize(trials: Int, dimensions: Int) -> Int {
        guard trials > 0, dimensions > 0 else { return 1 }
        var size = 1
        while Self.power(size + 1, dimensions) <= trials { size += 1 }
        return size
    }

    private static func power(_ base: Int, _ exponent: Int) -> Int {
        var result = 1
        for _ in 0..<exponent {
            let (product, overflow) = result.multipliedReportingOverflow(by: base)
            if overflow { return .max }
            result = product
        }
        return result
    }

    /// How many trials the search will run: the budget, or the grid's size when that is smaller.
    public var plannedTrials: Int {
        if case .grid = method { return gridPoints.count }
        return trialBudget
    }

    /// The settings of the next trial after `finished`, or `nil` when the search is complete.
    public mutating func next(after finished: [TrialResult]) -> [Double]? {
        let index = finished.count
        guard index < plannedTrials else { return nil }
        switch method {
        case .grid:
            return gridPoints[index]
        case .random:
            return randomValues()
        case .bayesian(let options):
            guard index >= options.initialTrials, let process = surrogate(of: finished, kernel: options.kernel) else {
                return randomValues()
            }
            return bayesianValues(process: process, finished: finished, options: options)
        }
    }

    private mutating func randomUnitPoint() -> [Double] {
        (0..<space.dimensions).map { _ in Double(random.next() >> 11) * 0x1p-53 }
    }

    private mutating func randomValues() -> [Double] {
        space.values(atUnit: randomUnitPoint())
    }

    /// The Gaussian process fitted to the finished trials, in the unit cube. Failed trials count as the
    /// worst score seen, so the surrogate learns to avoid their neighbourhood.
    public func surrogate(of finished: [TrialResult], kernel: GaussianProcess.Kernel = .matern52) -> GaussianProcess? {
        let finite = finished.map(\.score).filter(\.isFinite)
        guard let worst = finite.min() else { return nil }
        let points = finished.map { space.unitPoint(of: $0.trial.values) }
        let scores = finished.map { $0.score.isFinite ? $0.score : worst }
        return GaussianProcess(points: points, scores: scores, kernel: kernel)
    }

    /// The candidate with the largest expected improvement: random points over the whole space and small
    /// steps around the best trials, each rounded to a buildable setting first.
    private mutating func bayesianValues(process: GaussianProcess, finished: [TrialResult], options: BayesianOptions) -> [Double] {
        let tried = finished.map { space.unitPoint(of: $0.trial.values) }
        let bestStandardised = finished.map(\.score).filter(\.isFinite).max().map { ($0 - process.scoreMean) / process.scoreScale } ?? 0
        let leaders = finished.filter(\.score.isFinite).sorted { $0.score > $1.score }.prefix(3)
            .map { space.unitPoint(of: $0.trial.values) }
        var bestValues: [Double]?
        var bestImprovement = -Double.infinity
        for candidate in 0..<options.candidates {
            var unit = randomUnitPoint()
            // A quarter of the candidates look close to the leading trials (within about 0.05 of the cube).
            if !leaders.isEmpty && candidate % 4 == 3 {
                let centre = leaders[candidate % leaders.count]
                unit = zip(centre, unit).map { min(1, max(0, $0 + 0.1 * ($1 - 0.5))) }
            }
            let values = space.values(atUnit: unit)
            let point = space.unitPoint(of: values)
            if tried.contains(where: { GaussianProcess.distance($0, point) < 1e-9 }) { continue }
            let prediction = process.predictStandardised(point)
            let improvement = ExpectedImprovement.value(mean: prediction.mean, standardDeviation: prediction.standardDeviation,
                                                        best: bestStandardised, exploration: options.exploration)
            if improvement > bestImprovement {
                bestImprovement = improvement
                bestValues = values
            }
        }
        // Every candidate was tried already (a small integer space): any random point will do.
        return bestValues ?? randomValues()
    }
}
