import Neural

/// The `scaling` widget's state: the same gradient descent on the same data twice, once on the features
/// as recorded (one of them in a unit ten times smaller, so its numbers are ten times larger) and once on
/// the features standardised to mean 0 and standard deviation 1, side by side.
struct ScalingWidget: InstantWidget, Equatable {
    /// How much larger the first feature's numbers are than the second's: the unit mix-up.
    static let unitFactor: Float = 10
    /// A walk stops after this many steps.
    static let stepLimit = 300
    /// Ticks between two steps while playing: 30 steps a second.
    static let ticksPerStep = WidgetClock.ticks(1.0 / 30)

    let initialRawRate: Float
    let initialScaledRate: Float
    private(set) var raw: ScalingPanel
    private(set) var scaled: ScalingPanel
    private(set) var isPlaying = false
    private var ticksUntilStep = 0

    init(settings: WidgetSettings) {
        // The tilted plane y = (x₁ + x₂)/10 at 200 points of [−6, 6]², x₁ then recorded ten times larger.
        let data = Dataset.plane(samples: 200, noise: 0, seed: 1)
        let recorded = Matrix(rows: data.count, columns: 2, elements: (0..<data.count).flatMap {
            [data.features[$0, 0] * Self.unitFactor, data.features[$0, 1]]
        })
        let standardised = (try? Scaler.standardization(fittedTo: recorded).apply(recorded)) ?? recorded
        initialRawRate = Float(settings.number("rawLearningRate", default: 0.0005))
        initialScaledRate = Float(settings.number("scaledLearningRate", default: 0.25))
        raw = ScalingPanel(name: "as recorded", features: recorded, targets: data.targets, learningRate: initialRawRate)
        scaled = ScalingPanel(name: "standardised", features: standardised, targets: data.targets, learningRate: initialScaledRate)
    }

    var panels: [ScalingPanel] { [raw, scaled] }

    /// Whether both walks have stopped: at the bottom, diverged, or out of steps.
    var isFinished: Bool {
        panels.allSatisfy { $0.status != .running || $0.steps >= Self.stepLimit }
    }

    // MARK: Keys and time

    var title: String { "the same descent on raw and on standardised features" }

    var keyHints: [KeyHint] {
        [KeyHint("Space", isPlaying ? "pause" : "play"), KeyHint("Enter", "step"), KeyHint("+ -", "η ×2 ÷2")]
    }

    var isAnimating: Bool { isPlaying }

    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(" "):
            if isFinished { restart(raw: raw.learningRate, scaled: scaled.learningRate) }
            isPlaying.toggle()
        case .enter:
            isPlaying = false
            if isFinished { restart(raw: raw.learningRate, scaled: scaled.learningRate) }
            stepBoth()
        case .character("+"), .character("="):
            guard raw.learningRate < 1 else { return true }
            restart(raw: raw.learningRate * 2, scaled: scaled.learningRate * 2)
        case .character("-"), .character("_"):
            guard raw.learningRate > 1e-6 else { return true }
            restart(raw: raw.learningRate / 2, scaled: scaled.learningRate / 2)
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
        stepBoth()
        ticksUntilStep = Self.ticksPerStep - 1
        if isFinished { isPlaying = false }
    }

    mutating func reset() {
        restart(raw: initialRawRate, scaled: initialScaledRate)
    }

    /// One step for each walk still going.
    mutating func stepBoth() {
        if raw.steps < Self.stepLimit { raw.step() }
        if scaled.steps < Self.stepLimit { scaled.step() }
    }

    private mutating func restart(raw rawRate: Float, scaled scaledRate: Float) {
        isPlaying = false
        raw.restart(learningRate: rawRate)
        scaled.restart(learningRate: scaledRate)
    }
}
