import Neural

/// The `neuron` widget's state: one neuron's inputs, weights and bias, which number the arrow keys
/// move, and its activation.
///
/// The neuron is a one-layer network from the engine (a dense layer and its activation), so z and a on
/// screen are the engine's own forward pass. With two inputs a lesson may set a goal gate: the widget then
/// shows the neuron's answer for all four 0/1 inputs beside what the gate wants.
struct NeuronWidget: InstantWidget, Equatable {
    /// How far one arrow press moves a number.
    static let nudge: Float = 0.1
    /// The activations `a` cycles through.
    static let cycle: [Activation] = [.step, .sigmoid, .tanh, .relu, .leakyReLU, .identity]

    let initialActivation: Activation
    let goal: LogicGate?
    /// How many inputs the neuron has.
    let inputCount: Int
    private(set) var inputs: [Float]
    private(set) var weights: [Float]
    private(set) var bias: Float = 0
    private(set) var activation: Activation
    /// The row the arrows move: the inputs first, then the weights, then the bias.
    private(set) var selected = 0

    init(settings: WidgetSettings) {
        let count = settings.integer("inputs", default: 2)
        inputCount = count
        initialActivation = ActivationNames.activation(settings.text("activation", default: "step")) ?? .step
        goal = count == 2 ? LogicGate(rawValue: settings.text("goal", default: "none")) : nil
        activation = initialActivation
        inputs = []
        weights = []
        reset()
    }

    /// How many numbers the arrows can move.
    var rowCount: Int { 2 * inputCount + 1 }

    /// The neuron as the engine's network: Dense(n → 1), then the activation (none for identity).
    var network: Network {
        var layers: [any Layer] = [Dense(weights: Matrix([weights]), bias: [bias])]
        if activation != .identity { layers.append(ActivationLayer(activation, size: 1)) }
        return Network(layers: layers)
    }

    /// The forward pass for the current inputs: the weighted sum z and the output a = f(z).
    var forward: (z: Float, a: Float) {
        var network = network
        network.forward(Matrix([inputs]), mode: .evaluation)
        return (network.layers[0].output[0, 0], network.output[0, 0])
    }

    /// For a goal gate: the weighted sum for each of the four 0/1 inputs, in one batch.
    var goalSums: [Float] {
        var network = network
        network.forward(Matrix([[0, 0], [0, 1], [1, 0], [1, 1]]), mode: .evaluation)
        return (0..<4).map { network.layers[0].output[$0, 0] }
    }

    /// Whether the neuron says yes (z > 0, where every activation here rises past its middle value)
    /// exactly where the goal gate does.
    var meetsGoal: Bool {
        guard let goal else { return false }
        let sums = goalSums
        return (0..<4).allSatisfy { (sums[$0] > 0 ? 1 : 0) == goal.output($0 >> 1, $0 & 1) }
    }

    /// The value of row `row`.
    func value(ofRow row: Int) -> Float {
        if row < inputCount { return inputs[row] }
        if row < 2 * inputCount { return weights[row - inputCount] }
        return bias
    }

    // MARK: Keys

    var title: String { "one neuron: z = w·x + b, a = \(ActivationNames.display(activation))(z)" }

    var keyHints: [KeyHint] {
        [KeyHint("↑↓", "choose"), KeyHint("←→", "change"), KeyHint("0 1", "set to 0 or 1"), KeyHint("a", "activation")]
    }

    var isAnimating: Bool { false }

    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .up: selected = max(0, selected - 1)
        case .down: selected = min(rowCount - 1, selected + 1)
        case .left, .character("-"): set(value(ofRow: selected) - Self.nudge)
        case .right, .character("+"), .character("="): set(value(ofRow: selected) + Self.nudge)
        case .character("0"): set(0)
        case .character("1"): set(1)
        case .character("a"):
            let index = Self.cycle.firstIndex(of: activation) ?? 0
            activation = Self.cycle[(index + 1) % Self.cycle.count]
        default: return false
        }
        return true
    }

    mutating func tick() {}

    mutating func reset() {
        let count = max(1, inputCount)
        // Inputs alternate 1, 0, 1, …; weights start at 0.5, so the learner has something to move.
        inputs = (0..<count).map { $0 % 2 == 0 ? 1 : 0 }
        weights = Array(repeating: 0.5, count: count)
        bias = 0
        activation = initialActivation
        selected = 0
    }

    private mutating func set(_ newValue: Float) {
        // Rounded to tenths, so repeated presses land on 0.3, not 0.30000001.
        let value = min(5, max(-5, (newValue * 10).rounded() / 10))
        if selected < inputCount { inputs[selected] = value }
        else if selected < 2 * inputCount { weights[selected - inputCount] = value }
        else { bias = value }
    }
}
