import Foundation
import Neural

/// The `tuning` widget's state: grid, random and Bayesian search side by side, each choosing a learning
/// rate and a hidden width for a small network on the moons, trial after trial.
///
/// Every trial is a real training run in the runner's thread (`Effect.live`): when its run reports that it
/// has finished, the widget scores it, asks that method's planner for the next settings and starts the
/// next run. The planners are the engine's (`SearchPlanner`); so is the Bayesian method's surrogate, a
/// Gaussian process fitted to its finished trials, whose mean and uncertainty the widget draws.
struct TuningWidget: InteractiveWidget {
    /// The two settings searched: log-scaled learning rate, whole-number width.
    static let learningRates = 0.001...1.0
    static let widths = 1.0...16.0
    /// Epochs every trial trains.
    static let epochsPerTrial = 20
    static let seed: UInt64 = 1

    let runName: String
    let budget: Int
    let space: SearchSpace?
    let training: Examples?
    let validation: Examples?
    private(set) var searches: [TuningSearch]
    private(set) var isStarted = false
    private(set) var isPlaying = false
    /// Whether the Bayesian map shows the surrogate's uncertainty rather than its mean.
    private(set) var showsUncertainty = false

    init(settings: WidgetSettings, runName: String) {
        self.runName = runName
        let budget = settings.integer("trials", default: 16)
        self.budget = budget
        let space = try? SearchSpace([
            SearchSetting(name: "learningRate", low: Self.learningRates.lowerBound, high: Self.learningRates.upperBound, scale: .log),
            SearchSetting(name: "width", low: Self.widths.lowerBound, high: Self.widths.upperBound, isInteger: true),
        ])
        self.space = space
        if let moons = try? DatasetCatalog.dataset(named: "moons", samples: 200, noise: 0.3, seed: Self.seed) {
            let parts = moons.split(validationFraction: 0.25, testFraction: 0, seed: Self.seed)
            let scaler = Scaler.standardization(fittedTo: parts.train.features)
            training = (try? scaler.apply(parts.train)).map { Examples($0) }
            validation = (try? scaler.apply(parts.validation)).map { Examples($0) }
        } else {
            training = nil
            validation = nil
        }
        let methods: [SearchMethod] = [.grid(pointsPerSetting: nil), .random, .bayesian(BayesianOptions(initialTrials: 4, candidates: 500))]
        searches = space.map { space in methods.map { TuningSearch(method: $0, space: space, budget: budget, seed: Self.seed) } } ?? []
    }

    /// The run of method `index`, e.g. `lesson:tuning:3/bayes`.
    func runID(_ index: Int) -> LiveRunID { LiveRunID("\(runName)/\(searches[index].name)") }

    var isFinished: Bool { !searches.isEmpty && searches.allSatisfy(\.isFinished) }

    /// The Bayesian method's surrogate over its finished trials, if it has any.
    var surrogate: GaussianProcess? {
        guard let bayes = searches.last, !bayes.results.isEmpty else { return nil }
        return bayes.planner.surrogate(of: bayes.results)
    }

    /// The spec that trains one trial: a 2-width-1 tanh network, SGD at the trial's learning rate.
    func spec(values: [Double], generation: Int) -> LiveTrainingSpec? {
        guard let training, let validation else { return nil }
        let width = max(1, Int(values[1].rounded()))
        let configuration = TrainingConfiguration(epochs: Self.epochsPerTrial, batchSize: 10, loss: .binaryCrossEntropy,
                                                  optimizer: .sgd, learningRate: Float(values[0]), seed: Self.seed)
        let network = Network(sizes: [2, width, 1], activation: .tanh, outputActivation: .sigmoid, seed: Self.seed)
        return LiveTrainingSpec(network: network, training: training, validation: validation, configuration: configuration,
                                startsPlaying: true, generation: generation)
    }

    /// A trial's score from its finished run: minus the held-out loss, NaN when it diverged.
    static func score(of snapshot: TrainingSnapshot) -> Double {
        guard case .finished = snapshot.status, let loss = snapshot.history.last?.validationLoss, loss.isFinite else { return .nan }
        return -Double(loss)
    }

    // MARK: Messages

    var title: String { "grid, random and Bayesian search tuning a network on the moons" }

    var keyHints: [KeyHint] {
        let space = isFinished ? [] : [KeyHint("Space", isPlaying ? "pause" : (isStarted ? "go on" : "search"))]
        return space + [KeyHint("u", showsUncertainty ? "expected loss" : "uncertainty")]
    }

    var isAnimating: Bool { false }

    var liveRuns: [LiveRunID] { isStarted ? searches.indices.map(runID) : [] }

    mutating func update(_ message: WidgetMessage) -> [Effect] {
        switch message {
        case .key(.character(" ")):
            guard !searches.isEmpty, training != nil, !isFinished else { return [.screen(.keyNotUsed)] }
            isPlaying.toggle()
            isStarted = true
            if !isPlaying { return searches.indices.filter { searches[$0].current != nil }.map { .live(.send(runID($0), .pause)) } }
            var effects: [Effect] = searches.indices.filter { searches[$0].current != nil }.map { .live(.send(runID($0), .play)) }
            for index in searches.indices where searches[index].current == nil { effects += startNextTrial(index) }
            return effects
        case .key(.character("u")):
            showsUncertainty.toggle()
            return []
        case .key: return [.screen(.keyNotUsed)]
        case .tick: return []
        case .reset:
            let stops: [Effect] = isStarted ? searches.indices.map { .live(.stop(runID($0))) } : []
            self = TuningWidget(settings: WidgetSettings(["trials": .integer(budget)]), runName: runName)
            return stops
        case .live(let snapshot):
            guard let index = searches.indices.first(where: { runID($0) == snapshot.run }),
                  searches[index].current != nil, snapshot.generation == searches[index].generation,
                  snapshot.training.status.isDone else { return [] }
            let seconds = snapshot.training.history.reduce(0) { $0 + $1.seconds }
            searches[index].finishTrial(score: Self.score(of: snapshot.training), seconds: seconds, seed: Self.seed)
            if isFinished { isPlaying = false }
            return isPlaying ? startNextTrial(index) : []
        }
    }

    /// Asks method `index` for its next trial and starts its run; nothing when its search is over.
    private mutating func startNextTrial(_ index: Int) -> [Effect] {
        guard let next = searches[index].beginNextTrial(), let spec = spec(values: next.values, generation: next.generation) else { return [] }
        return [.live(.start(runID(index), spec))]
    }
}

extension TuningWidget: Equatable {
    static func == (lhs: TuningWidget, rhs: TuningWidget) -> Bool {
        lhs.runName == rhs.runName && lhs.searches == rhs.searches && lhs.isStarted == rhs.isStarted
            && lhs.isPlaying == rhs.isPlaying && lhs.showsUncertainty == rhs.showsUncertainty
    }
}
