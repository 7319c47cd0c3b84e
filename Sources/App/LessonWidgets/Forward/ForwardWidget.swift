import Neural

/// The `forward` widget's state: a small network from the engine, the input the learner sets, and how
/// far the forward pass has got.
///
/// The pass is shown in stages: for each layer l, first the matrix-vector product
/// z⁽ˡ⁾ = W⁽ˡ⁾·a⁽ˡ⁻¹⁾ + b⁽ˡ⁾, then the activation a⁽ˡ⁾ = f(z⁽ˡ⁾). Every number comes from one
/// engine forward pass: each layer's `output` holds z (a dense layer) or a (an activation layer).
struct ForwardWidget: InstantWidget, Equatable {
    /// How far one arrow press moves an input.
    static let nudge: Float = 0.1
    /// Ticks between two stages while playing (two thirds of a second).
    static let ticksPerStage = WidgetClock.ticks(2.0 / 3)
    /// The seed of the network's first weights, so a lesson always shows the same network.
    static let seed: UInt64 = 5

    let sizes: [Int]
    let hiddenActivation: Activation
    /// The output layer's activation: a sigmoid unless the lesson names another.
    let outputActivation: Activation
    /// The weights and biases the lesson wrote out (see `LessonNetwork`), or nil for a seeded random network.
    let parameters: [Double]?
    /// The network: hidden layers with the lesson's activation, then the output activation.
    let network: Network
    /// The input the widget starts from and `r` returns to.
    let startInput: [Float]
    private(set) var input: [Float]
    /// The input the arrows move.
    private(set) var selectedInput = 0
    /// 0: only the input is known; 2l − 1: z of layer l is computed; 2l: a of layer l too.
    private(set) var stage = 0
    private(set) var isPlaying = false
    private var ticksUntilStage = 0

    init(settings: WidgetSettings) {
        sizes = settings.integers("layers", default: [2, 3, 2, 1])
        hiddenActivation = ActivationNames.activation(settings.text("activation", default: "tanh")) ?? .tanh
        outputActivation = ActivationNames.activation(settings.text("outputActivation", default: "sigmoid")) ?? .sigmoid
        let written = LessonNetwork.network(sizes: sizes, parameters: settings.optionalNumbers("weights") ?? [],
                                            hidden: hiddenActivation, output: outputActivation)
        parameters = written == nil ? nil : settings.optionalNumbers("weights")
        network = written ?? Network(sizes: sizes, activation: hiddenActivation, outputActivation: outputActivation, seed: Self.seed)
        let given = (settings.optionalNumbers("input") ?? []).map(Float.init)
        startInput = given.count == sizes[0] ? given : (0..<sizes[0]).map { $0 % 2 == 0 ? 1 : 0.5 }
        input = startInput
    }

    /// How many layers of weights the network has.
    var layerCount: Int { sizes.count - 1 }
    var lastStage: Int { 2 * layerCount }
    /// The layer whose stage is shown (1-based), 0 before the first.
    var currentLayer: Int { (stage + 1) / 2 }
    var showsActivation: Bool { stage > 0 && stage % 2 == 0 }

    /// The activation of layer `layer` (1-based): the hidden one, or the output's.
    func activation(ofLayer layer: Int) -> Activation { layer == layerCount ? outputActivation : hiddenActivation }

    /// The engine's forward pass for the current input: per layer (1-based index − 1) its z and its a.
    var pass: (z: [[Float]], a: [[Float]]) {
        var copy = network
        copy.forward(Matrix([input]), mode: .evaluation)
        var z: [[Float]] = [], a: [[Float]] = []
        for index in network.parameterLayerIndices {
            z.append(copy.layers[index].output.row(0))
            // A dense layer is followed by its activation layer unless the activation is the identity.
            let next = index + 1
            if next < copy.layers.count, copy.layers[next] is ActivationLayer {
                a.append(copy.layers[next].output.row(0))
            } else {
                a.append(copy.layers[index].output.row(0))
            }
        }
        return (z, a)
    }

    /// Layer `layer`'s weights (1-based), `[out, in]`, and biases.
    func parameters(ofLayer layer: Int) -> (weights: Matrix, bias: [Float]) {
        let dense = network.layers[network.parameterLayerIndices[layer - 1]]
        return (dense.weights, dense.bias)
    }

    // MARK: Keys and time

    var title: String { "forward pass through a " + sizes.map(String.init).joined(separator: "-") + " network" }

    var keyHints: [KeyHint] {
        [KeyHint("Enter", "next step"), KeyHint("Bksp", "back"), KeyHint("Space", isPlaying ? "pause" : "play"),
         KeyHint("↑↓←→", "input")]
    }

    var isAnimating: Bool { isPlaying }

    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .enter, .character("s"):
            isPlaying = false
            stage = min(lastStage, stage + 1)
        case .backspace, .delete:
            isPlaying = false
            stage = max(0, stage - 1)
        case .character(" "):
            isPlaying.toggle()
            if isPlaying && stage == lastStage { stage = 0 }
            ticksUntilStage = 0
        case .up: selectedInput = max(0, selectedInput - 1)
        case .down: selectedInput = min(input.count - 1, selectedInput + 1)
        case .left, .character("-"): move(by: -Self.nudge)
        case .right, .character("+"), .character("="): move(by: Self.nudge)
        default: return false
        }
        return true
    }

    mutating func tick() {
        guard isPlaying else { return }
        if ticksUntilStage > 0 {
            ticksUntilStage -= 1
            return
        }
        stage = min(lastStage, stage + 1)
        ticksUntilStage = Self.ticksPerStage - 1
        if stage == lastStage { isPlaying = false }
    }

    mutating func reset() {
        input = startInput
        selectedInput = 0
        stage = 0
        isPlaying = false
    }

    private mutating func move(by amount: Float) {
        input[selectedInput] = min(5, max(-5, ((input[selectedInput] + amount) * 10).rounded() / 10))
    }
}

extension ForwardWidget {
    /// The network is made from the sizes, the activations and the written weights or a fixed seed, so
    /// those stand for it.
    static func == (lhs: ForwardWidget, rhs: ForwardWidget) -> Bool {
        lhs.sizes == rhs.sizes && lhs.hiddenActivation == rhs.hiddenActivation && lhs.outputActivation == rhs.outputActivation
            && lhs.parameters == rhs.parameters && lhs.input == rhs.input
            && lhs.selectedInput == rhs.selectedInput && lhs.stage == rhs.stage && lhs.isPlaying == rhs.isPlaying
            && lhs.ticksUntilStage == rhs.ticksUntilStage
    }
}
