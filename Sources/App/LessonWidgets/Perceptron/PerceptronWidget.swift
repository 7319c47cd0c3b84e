import Neural

/// The `perceptron` widget's state: a perceptron from the engine, the four points of a logic gate, and
/// the learner's place in the learning rule.
///
/// The learner moves w₁, w₂ and b by hand and watches the decision line w₁·x₁ + w₂·x₂ + b = 0 move over
/// the points, or lets the perceptron rule make one update at a time (`l`) or play them (`Space`). An
/// epoch is one pass over the four points; a whole epoch without a mistake means the rule has converged.
/// On XOR it never does: no line separates XOR's points.
struct PerceptronWidget: InstantWidget, Equatable {
    /// The number the arrow keys change.
    enum Parameter: Int, CaseIterable, Sendable {
        case firstWeight, secondWeight, bias
    }

    /// How far one arrow press moves a weight or the bias.
    static let nudge: Float = 0.1
    /// Ticks between two updates while playing (a third of a second), slow enough to follow each update.
    static let ticksPerUpdate = WidgetClock.ticks(1.0 / 3)
    /// Playing stops after this many epochs without converging.
    static let epochLimit = 40

    let initialGate: LogicGate
    let showsBoundary: Bool
    let caption: String?
    private(set) var gate: LogicGate
    /// The gate's four inputs, (0,0), (0,1), (1,0), (1,1), and the answer it wants for each.
    private(set) var inputs: [[Float]]
    private(set) var targets: [Int]
    private(set) var perceptron: Perceptron
    private(set) var selectedParameter = Parameter.firstWeight
    /// The point whose weighted sum is worked out on screen.
    private(set) var selectedPoint = 0
    /// The point the learning rule visits next.
    private(set) var nextExample = 0
    /// What the last application of the rule did, and to which point.
    private(set) var lastUpdate: Perceptron.Update?
    private(set) var lastUpdatePoint: Int?
    /// Epochs completed since learning started (or since the learner last moved a number by hand).
    private(set) var epoch = 0
    private(set) var mistakesThisEpoch = 0
    private(set) var mistakesLastEpoch: Int?
    /// The epoch that made no mistake, once one has.
    private(set) var convergedAtEpoch: Int?
    private(set) var isPlaying = false
    private var ticksUntilUpdate = 0

    init(settings: WidgetSettings) {
        initialGate = LogicGate(rawValue: settings.text("dataset", default: "and")) ?? .and
        showsBoundary = settings.flag("showBoundary", default: true)
        caption = settings.caption
        gate = initialGate
        perceptron = Perceptron(inputs: 2, learningRate: Float(settings.number("learningRate", default: 0.1)))
        inputs = []
        targets = []
        load(initialGate)
    }

    var learningRate: Float { perceptron.learningRate }

    /// The weights and bias as the arrow keys see them.
    func value(of parameter: Parameter) -> Float {
        switch parameter {
        case .firstWeight: perceptron.weights[0]
        case .secondWeight: perceptron.weights[1]
        case .bias: perceptron.bias
        }
    }

    /// The points the perceptron now gets wrong.
    var misclassifiedPoints: [Int] {
        inputs.indices.filter { perceptron.predict(inputs[$0]) != targets[$0] }
    }

    /// Whether the learning rule ran for `epochLimit` epochs without converging.
    var gaveUp: Bool { convergedAtEpoch == nil && epoch >= Self.epochLimit }

    // MARK: Keys and time

    var title: String { "perceptron learning \(gate.rawValue.uppercased())" }

    var keyHints: [KeyHint] {
        [KeyHint("↑↓←→", "set w and b"), KeyHint("1-4", "point"), KeyHint("l", "learn"),
         KeyHint("Space", isPlaying ? "pause" : "play"), KeyHint("g", "gate")]
    }

    var isAnimating: Bool { isPlaying }

    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .up:
            selectedParameter = Parameter(rawValue: max(0, selectedParameter.rawValue - 1)) ?? .firstWeight
        case .down:
            selectedParameter = Parameter(rawValue: min(Parameter.allCases.count - 1, selectedParameter.rawValue + 1)) ?? .bias
        case .left, .character("-"):
            nudge(by: -Self.nudge)
        case .right, .character("+"), .character("="):
            nudge(by: Self.nudge)
        case .character(let digit) where ("1"..."4").contains(digit):
            selectedPoint = (digit.wholeNumberValue ?? 1) - 1
        case .character("l"), .enter:
            isPlaying = false
            learnOnce()
        case .character(" "):
            isPlaying.toggle()
            if isPlaying && (convergedAtEpoch != nil || gaveUp) { restartCounting() }
            ticksUntilUpdate = 0
        case .character("g"):
            let gates = LogicGate.allCases
            let next = gates[((gates.firstIndex(of: gate) ?? 0) + 1) % gates.count]
            isPlaying = false
            load(next)
        default:
            return false
        }
        return true
    }

    mutating func tick() {
        guard isPlaying else { return }
        if ticksUntilUpdate > 0 {
            ticksUntilUpdate -= 1
            return
        }
        learnOnce()
        ticksUntilUpdate = Self.ticksPerUpdate - 1
        if convergedAtEpoch != nil || gaveUp { isPlaying = false }
    }

    mutating func reset() {
        perceptron = Perceptron(inputs: 2, learningRate: perceptron.learningRate)
        selectedParameter = .firstWeight
        isPlaying = false
        load(initialGate)
    }

    // MARK: Learning

    /// One application of the perceptron rule to the next point, as the engine's `Perceptron.learn` does it.
    mutating func learnOnce() {
        let index = nextExample
        let update = perceptron.learn(inputs[index], target: targets[index])
        lastUpdate = update
        lastUpdatePoint = index
        selectedPoint = index
        if update.wasMistake { mistakesThisEpoch += 1 }
        nextExample += 1
        if nextExample == inputs.count {
            nextExample = 0
            epoch += 1
            mistakesLastEpoch = mistakesThisEpoch
            if mistakesThisEpoch == 0 && convergedAtEpoch == nil { convergedAtEpoch = epoch }
            mistakesThisEpoch = 0
        }
    }

    private mutating func nudge(by amount: Float) {
        // Rounded to the nudge, so repeated presses land on 0.3, not 0.30000001.
        func moved(_ value: Float) -> Float { min(5, max(-5, ((value + amount) * 10).rounded() / 10)) }
        switch selectedParameter {
        case .firstWeight: perceptron.weights[0] = moved(perceptron.weights[0])
        case .secondWeight: perceptron.weights[1] = moved(perceptron.weights[1])
        case .bias: perceptron.bias = moved(perceptron.bias)
        }
        isPlaying = false
        restartCounting()
    }

    /// Loads a gate's truth table from the engine's datasets; the weights stay where they are.
    private mutating func load(_ newGate: LogicGate) {
        gate = newGate
        let table = Dataset.truthTable(newGate)
        inputs = (0..<table.count).map { table.features.row($0) }
        targets = table.labels
        restartCounting()
        selectedPoint = 0
    }

    /// Forgets the epochs counted so far: the next update starts epoch 1 at the first point.
    private mutating func restartCounting() {
        nextExample = 0
        epoch = 0
        mistakesThisEpoch = 0
        mistakesLastEpoch = nil
        convergedAtEpoch = nil
        lastUpdate = nil
        lastUpdatePoint = nil
    }
}
