import Neural

/// The `descent` widget's state: a loss surface, a start point the learner moves, a learning rate, and
/// one or more optimizers walking down from that start together.
struct DescentWidget: InstantWidget, Equatable {
    /// The learning rates `+` and `-` step through.
    /// The rates `+` and `-` step through: every rate the lesson names (0.01, 0.04, 0.1, 0.45, 0.6, 0.9, 1.1) is one.
    static let learningRates: [Float] = [0.001, 0.003, 0.01, 0.03, 0.04, 0.05, 0.1, 0.2, 0.3, 0.4, 0.45, 0.5, 0.6, 0.7, 0.9,
                                         1.0, 1.1, 1.5]
    /// How far one arrow press moves the start.
    static let startStep: Float = 0.2
    /// A run stops after this many steps.
    static let stepLimit = 300
    /// Ticks between two steps while playing: 30 steps a second.
    static let ticksPerStep = WidgetClock.ticks(1.0 / 30)

    let initialSurface: LossSurface
    let initialLearningRate: Float
    let momentum: Float
    /// The optimizers the lesson set to race (one or more).
    let initialKinds: [OptimizerKind]
    private(set) var surface: LossSurface
    private(set) var learningRate: Float
    private(set) var kinds: [OptimizerKind]
    private(set) var start: (x: Float, y: Float)
    /// Where the lesson starts the walk: a point the text names, or the surface's own start.
    let initialStart: (x: Float, y: Float)
    private(set) var runs: [DescentRun] = []
    private(set) var isPlaying = false
    private var ticksUntilStep = 0

    init(settings: WidgetSettings) {
        initialSurface = LossSurface(rawValue: settings.text("surface", default: "bowl")) ?? .bowl
        initialLearningRate = Float(settings.number("learningRate", default: 0.1))
        momentum = Float(settings.number("momentum", default: 0.9))
        let names = settings.texts("optimizers", default: ["sgd"])
        let momentum = self.momentum
        initialKinds = names.compactMap { name in
            switch name {
            case "sgd": .sgd
            case "momentum": .momentum(momentum)
            case "rmsprop": .rmsprop(alpha: 0.99, epsilon: 1e-8)
            case "adam": .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
            default: nil
            }
        }
        surface = initialSurface
        learningRate = initialLearningRate
        kinds = initialKinds.isEmpty ? [.sgd] : initialKinds
        initialStart = (Float(settings.number("startX", default: Double(initialSurface.start.0))),
                        Float(settings.number("startY", default: Double(initialSurface.start.1))))
        start = initialStart
        restartRuns()
    }

    /// Whether every run has stopped: at the bottom, diverged, or out of steps.
    var isFinished: Bool {
        runs.allSatisfy { $0.status != .running || $0.steps >= Self.stepLimit }
    }

    /// The four rules the engine has, for the race.
    var raceKinds: [OptimizerKind] {
        [.sgd, .momentum(momentum), .rmsprop(alpha: 0.99, epsilon: 1e-8), .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)]
    }

    // MARK: Keys and time

    var title: String {
        kinds.count == 1 ? "gradient descent (\(kinds[0].name)) on a \(surface.rawValue)" : "optimizers racing on a \(surface.rawValue)"
    }

    var keyHints: [KeyHint] {
        [KeyHint("Space", isPlaying ? "pause" : "play"), KeyHint("Enter", "step"), KeyHint("+ -", "η"),
         KeyHint("←→↑↓", "start"), KeyHint("o", kinds.count == 1 ? "race all" : "one"), KeyHint("s", "surface")]
    }

    var isAnimating: Bool { isPlaying }

    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(" "):
            if isFinished { restartRuns() }
            isPlaying.toggle()
        case .enter:
            isPlaying = false
            if isFinished { restartRuns() }
            stepRuns()
        case .character("+"), .character("="): changeLearningRate(by: 1)
        case .character("-"), .character("_"): changeLearningRate(by: -1)
        case .left: moveStart(dx: -Self.startStep, dy: 0)
        case .right: moveStart(dx: Self.startStep, dy: 0)
        case .up: moveStart(dx: 0, dy: Self.startStep)
        case .down: moveStart(dx: 0, dy: -Self.startStep)
        case .character("o"):
            kinds = kinds.count == 1 ? raceKinds : (initialKinds.count == 1 ? initialKinds : [.sgd])
            restartRuns()
        case .character("s"):
            let all = LossSurface.allCases
            surface = all[((all.firstIndex(of: surface) ?? 0) + 1) % all.count]
            start = surface.start
            restartRuns()
        default:
            return false
        }
        return true
    }

    mutating func tick() {
        guard isPlaying else { return }
        if ticksUntilStep > 0 {
            ticksUntilStep -= 1
            return
        }
        stepRuns()
        ticksUntilStep = Self.ticksPerStep - 1
        if isFinished { isPlaying = false }
    }

    mutating func reset() {
        surface = initialSurface
        learningRate = initialLearningRate
        kinds = initialKinds.isEmpty ? [.sgd] : initialKinds
        start = initialStart
        restartRuns()
    }

    /// One step for every run still going.
    mutating func stepRuns() {
        for index in runs.indices where runs[index].steps < Self.stepLimit { runs[index].step() }
    }

    private mutating func restartRuns() {
        isPlaying = false
        runs = kinds.map { DescentRun(kind: $0, learningRate: learningRate, surface: surface, start: (start.x, start.y)) }
    }

    private mutating func changeLearningRate(by direction: Int) {
        let rates = Self.learningRates
        let next: Float?
        if direction > 0 {
            next = rates.first { $0 > learningRate * 1.0001 }
        } else {
            next = rates.last { $0 < learningRate * 0.9999 }
        }
        guard let next else { return }
        learningRate = next
        restartRuns()
    }

    private mutating func moveStart(dx: Float, dy: Float) {
        let limit = LossSurface.range.upperBound - 0.2
        start = (min(limit, max(-limit, ((start.x + dx) * 10).rounded() / 10)), min(limit, max(-limit, ((start.y + dy) * 10).rounded() / 10)))
        restartRuns()
    }
}

extension DescentWidget {
    static func == (lhs: DescentWidget, rhs: DescentWidget) -> Bool {
        lhs.surface == rhs.surface && lhs.learningRate == rhs.learningRate && lhs.kinds == rhs.kinds
            && lhs.start.x == rhs.start.x && lhs.start.y == rhs.start.y && lhs.runs == rhs.runs && lhs.isPlaying == rhs.isPlaying
    }
}
