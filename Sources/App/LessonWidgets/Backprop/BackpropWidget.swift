import Neural

/// The `backprop` widget's state: a tiny network, one training example, and how far the walk backward
/// through it has got.
///
/// The walk visits each neuron from the output back to the first hidden layer, twice: first ∂L/∂a, what
/// the loss says about the neuron's output, then ∂L/∂z = ∂L/∂a · f′(z) together with the gradients of the
/// weights that feed it. Every number comes from one engine forward and backward pass (`BackpropPass`);
/// `c` sets each of them beside the engine's finite-difference estimate (`GradientCheck`).
struct BackpropWidget: InstantWidget, Equatable {
    /// One stop of the walk: a neuron's ∂L/∂a or its ∂L/∂z (with its weights' gradients).
    struct Step: Equatable, Sendable {
        enum Kind: Equatable, Sendable { case activation, preActivation }
        /// 1-based layer of weights, `layerCount` being the output.
        var layer: Int
        var neuron: Int
        var kind: Kind
    }

    /// Ticks between two steps while playing (a second: each step has a product to read).
    static let ticksPerStep = WidgetClock.ticks(1)
    /// The step size of `u`, one update by gradient descent.
    static let learningRate: Float = 0.5
    static let seed: UInt64 = 3

    let sizes: [Int]
    let hiddenActivation: Activation
    let lossName: String
    let loss: Loss
    let input: [Float]
    let target: [Float]
    /// The weights and biases the lesson wrote out (see `LessonNetwork`), or nil for a seeded random network.
    let parameters: [Double]?
    /// The network the walk starts from and `r` returns to.
    private let startNetwork: Network
    private(set) var network: Network
    /// Updates applied with `u` since the start.
    private(set) var updates = 0
    /// The walk: steps[0..<position] are shown.
    let steps: [Step]
    private(set) var position = 0
    private(set) var isChecking = false
    private(set) var isPlaying = false
    private var ticksUntilStep = 0
    private(set) var pass: BackpropPass

    init(settings: WidgetSettings) {
        sizes = settings.integers("layers", default: [2, 2, 1])
        hiddenActivation = ActivationNames.activation(settings.text("activation", default: "sigmoid")) ?? .sigmoid
        lossName = settings.text("loss", default: "mse")
        let outputs = sizes.last ?? 1
        let crossEntropy = lossName == "crossEntropy"
        loss = crossEntropy ? (outputs == 1 ? .binaryCrossEntropy : .crossEntropy) : .meanSquaredError
        let outputActivation: Activation = crossEntropy && outputs > 1 ? .softmax : .sigmoid
        let written = LessonNetwork.network(sizes: sizes, parameters: settings.optionalNumbers("weights") ?? [],
                                            hidden: hiddenActivation, output: outputActivation)
        parameters = written == nil ? nil : settings.optionalNumbers("weights")
        startNetwork = written ?? Network(sizes: sizes, activation: hiddenActivation, outputActivation: outputActivation, seed: Self.seed)
        network = startNetwork.detachedCopy()
        let givenInput = (settings.optionalNumbers("input") ?? []).map(Float.init)
        input = givenInput.count == sizes[0] ? givenInput : (0..<sizes[0]).map { [1, 0.5, -1][$0 % 3] }
        let givenTarget = (settings.optionalNumbers("target") ?? []).map(Float.init)
        target = givenTarget.count == outputs ? givenTarget : (0..<outputs).map { $0 == 0 ? 1 : 0 }
        var steps: [Step] = []
        for layer in stride(from: sizes.count - 1, through: 1, by: -1) {
            for neuron in 0..<sizes[layer] {
                steps.append(Step(layer: layer, neuron: neuron, kind: .activation))
                steps.append(Step(layer: layer, neuron: neuron, kind: .preActivation))
            }
        }
        self.steps = steps
        pass = BackpropPass(network: network, loss: loss, input: input, target: target)
    }

    var layerCount: Int { sizes.count - 1 }
    var outputActivation: Activation { network.outputActivation }

    /// The activation of layer `layer` (1-based).
    func activation(ofLayer layer: Int) -> Activation { layer == layerCount ? outputActivation : hiddenActivation }

    /// Whether the walk has reached `step`.
    func isRevealed(layer: Int, neuron: Int, kind: Step.Kind) -> Bool {
        steps.prefix(position).contains(Step(layer: layer, neuron: neuron, kind: kind))
    }

    /// The engine's comparison of every backprop gradient with its finite-difference estimate.
    var check: [GradientCheck.Comparison] {
        GradientCheck.compare(network: network, loss: loss, input: Matrix([input]), targets: Matrix([target]), fusedOutput: false)
    }

    // MARK: Keys and time

    var title: String {
        "backpropagation through a " + sizes.map(String.init).joined(separator: "-") + " network"
    }

    var keyHints: [KeyHint] {
        [KeyHint("Enter", "next step"), KeyHint("Bksp", "undo"), KeyHint("Space", isPlaying ? "pause" : "play"),
         KeyHint("c", isChecking ? "hide check" : "check"), KeyHint("u", "update")]
    }

    var isAnimating: Bool { isPlaying }

    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .enter, .character("s"):
            isPlaying = false
            position = min(steps.count, position + 1)
        case .backspace, .delete:
            isPlaying = false
            position = max(0, position - 1)
        case .character(" "):
            isPlaying.toggle()
            if isPlaying && position == steps.count { position = 0 }
            ticksUntilStep = 0
        case .character("c"):
            isChecking.toggle()
        case .character("u"):
            applyUpdate()
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
        position = min(steps.count, position + 1)
        ticksUntilStep = Self.ticksPerStep - 1
        if position == steps.count { isPlaying = false }
    }

    mutating func reset() {
        network = startNetwork.detachedCopy()
        updates = 0
        position = 0
        isChecking = false
        isPlaying = false
        pass = BackpropPass(network: network, loss: loss, input: input, target: target)
    }

    /// One step of gradient descent with the gradients just computed: w ← w − η·∂L/∂w for every weight
    /// and bias, through the engine's SGD optimizer. The walk starts again on the new weights.
    private mutating func applyUpdate() {
        var trained = network
        // The optimizer reads each layer's gradients, so they must come from this example's backward pass.
        let inputMatrix = Matrix([input]), targets = Matrix([target])
        trained.forward(inputMatrix, mode: .training)
        var gradient = Matrix(rows: 1, columns: trained.outputSize)
        _ = loss.evaluate(output: trained.output, targets: targets, gradient: &gradient)
        trained.backward(input: inputMatrix, outputGradient: gradient, fromLayer: trained.layers.count - 1)
        var optimizer = Optimizer(.sgd, learningRate: Self.learningRate)
        optimizer.prepare(tensorSizes: trained.parameterTensorSizes)
        trained.update(with: &optimizer)
        network = trained.detachedCopy()
        updates += 1
        position = 0
        isPlaying = false
        pass = BackpropPass(network: network, loss: loss, input: input, target: target)
    }
}

extension BackpropWidget {
    /// The network follows from the settings, the seed and the number of updates, so those stand for it.
    static func == (lhs: BackpropWidget, rhs: BackpropWidget) -> Bool {
        lhs.sizes == rhs.sizes && lhs.hiddenActivation == rhs.hiddenActivation && lhs.lossName == rhs.lossName
            && lhs.parameters == rhs.parameters && lhs.input == rhs.input && lhs.target == rhs.target
            && lhs.updates == rhs.updates && lhs.position == rhs.position && lhs.isChecking == rhs.isChecking
            && lhs.isPlaying == rhs.isPlaying && lhs.ticksUntilStep == rhs.ticksUntilStep
    }
}
