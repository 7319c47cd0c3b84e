import Neural

/// The `classloss` widget's state: one sigmoid output neuron whose pre-activation z the learner moves,
/// a target of 0 or 1, and what squared error and binary cross-entropy each make of it.
///
/// Both losses and their gradients come from the engine (`Loss`, `Activation.sigmoid`): squared error on
/// the output a = σ(z), its gradient carried back through the sigmoid's slope; cross-entropy on the logit.
struct ClassLossWidget: InstantWidget, Equatable {
    /// How far one arrow press moves z, and the most it reaches either way.
    static let zStep: Float = 0.5
    static let zLimit: Float = 8

    let initialZ: Float
    let initialTarget: Float
    private(set) var z: Float
    private(set) var target: Float

    init(settings: WidgetSettings) {
        initialZ = Float(settings.number("z", default: -4))
        initialTarget = Float(settings.number("target", default: 1))
        z = initialZ
        target = initialTarget
    }

    /// The output a = σ(z).
    var output: Float { Activation.sigmoid.value(at: z) }

    /// One loss's value and its gradient at the logit, ∂L/∂z.
    struct Reading: Equatable {
        var loss: Float
        var gradient: Float
    }

    /// Squared error (a − y)², with ∂L/∂z = 2(a − y)·σ′(z).
    var squaredError: Reading {
        var gradient = Matrix(rows: 1, columns: 1)
        let loss = Loss.meanSquaredError.evaluate(output: Matrix([[output]]), targets: Matrix([[target]]), gradient: &gradient)
        return Reading(loss: loss, gradient: gradient[0, 0] * Activation.sigmoid.derivative(at: z))
    }

    /// Binary cross-entropy −[y·log a + (1 − y)·log(1 − a)], with ∂L/∂z = a − y.
    var crossEntropy: Reading {
        var gradient = Matrix(rows: 1, columns: 1)
        let loss = Loss.binaryCrossEntropy.evaluate(logits: Matrix([[z]]), targets: Matrix([[target]]), gradient: &gradient)
        return Reading(loss: loss, gradient: gradient[0, 0])
    }

    /// The same question put to a softmax head of two outputs with scores (z, 0): the share of the first.
    /// It equals σ(z), since e^z / (e^z + e^0) = 1 / (1 + e^−z): a sigmoid is a softmax over two classes.
    var softmaxShare: Float { Activation.softmax([z, 0])[0] }

    /// Whether the output is on the wrong side of 0.5 for its target.
    var isMistake: Bool { (output >= 0.5) != (target == 1) }

    var title: String { "squared error and cross-entropy on one sigmoid output" }

    var keyHints: [KeyHint] { [KeyHint("←→", "move z"), KeyHint("t", "target \(target == 1 ? "0" : "1")")] }

    var isAnimating: Bool { false }

    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .left, .character("-"): z = max(-Self.zLimit, z - Self.zStep)
        case .right, .character("+"), .character("="): z = min(Self.zLimit, z + Self.zStep)
        case .character("t"): target = 1 - target
        default: return false
        }
        return true
    }

    mutating func tick() {}

    mutating func reset() {
        z = initialZ
        target = initialTarget
    }
}
