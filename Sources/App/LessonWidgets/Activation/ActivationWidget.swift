import Neural

/// The `activation` widget's state: which activation function is shown, where the cursor stands on
/// the z axis, and, for softmax, the row of scores the learner edits.
///
/// Values and slopes come from the engine's `Activation.value(at:)` and `derivative(at:)`; softmax from
/// `Activation.softmax(_:)`.
struct ActivationWidget: InstantWidget, Equatable {
    /// One entry of the list: a function of one number, or softmax on a row.
    enum Entry: Equatable, Sendable {
        case function(Activation)
        case softmax

        var name: String {
            switch self {
            case .function(let activation): ActivationNames.display(activation)
            case .softmax: "softmax"
            }
        }
    }

    /// How far one arrow press moves the cursor.
    static let cursorStep: Float = 0.25
    /// The cursor stays within ±this.
    static let cursorLimit: Float = 6
    /// The slope below which a gradient has, for learning, all but vanished.
    static let vanishingSlope: Float = 0.05

    let entries: [Entry]
    let initialShowsDerivative: Bool
    private(set) var selected = 0
    private(set) var cursor: Float = 1
    private(set) var showsDerivative: Bool
    /// The scores softmax turns into probabilities.
    private(set) var scores: [Float] = ActivationWidget.initialScores
    /// The score the arrows move in the softmax view.
    private(set) var selectedScore = 0

    static let initialScores: [Float] = [2, 1, 0.1]

    init(settings: WidgetSettings) {
        let names = settings.texts("functions", default: ["step", "sigmoid", "tanh", "relu", "leakyRelu"])
        var entries: [Entry] = []
        for name in names {
            let entry: Entry? = name == "softmax" ? .softmax : ActivationNames.activation(name).map(Entry.function)
            if let entry, !entries.contains(entry) { entries.append(entry) }
        }
        self.entries = entries.isEmpty ? [.function(.sigmoid)] : entries
        initialShowsDerivative = settings.flag("showDerivative", default: true)
        showsDerivative = initialShowsDerivative
    }

    var entry: Entry { entries[selected] }

    /// f(cursor) and f′(cursor) for the selected function (nil for softmax).
    var reading: (value: Float, slope: Float)? {
        guard case .function(let activation) = entry else { return nil }
        return (activation.value(at: cursor), activation.derivative(at: cursor))
    }

    /// The probabilities softmax gives the scores.
    var probabilities: [Float] { Activation.softmax(scores) }

    /// What the slope at the cursor means for learning, in one sentence.
    var slopeNote: String? {
        guard case .function(let activation) = entry, let reading else { return nil }
        switch activation {
        case .step:
            return "The slope is 0 everywhere (and undefined at 0): no gradient to learn from."
        case .identity:
            return "The slope is always 1: a straight line, so layers of it stay a straight line."
        case .relu where cursor <= 0:
            return "Slope 0: for z < 0 ReLU passes no gradient back (a 'dead' neuron)."
        case .leakyReLU where cursor <= 0:
            return "A small slope for z < 0, so some gradient always flows back."
        case .relu, .leakyReLU:
            return "Slope 1: the gradient passes through unchanged."
        default:
            return abs(reading.slope) < Self.vanishingSlope
                ? "Saturated: the curve is flat here, so almost no gradient flows back."
                : "The curve is steep enough here for gradients to flow."
        }
    }

    // MARK: Keys

    var title: String { "activation functions" + (showsDerivative ? " and their slopes" : "") }

    var keyHints: [KeyHint] {
        if entry == .softmax {
            return [KeyHint("↑↓", "function"), KeyHint("1-\(scores.count)", "score"), KeyHint("←→", "change it")]
        }
        return [KeyHint("↑↓", "function"), KeyHint("←→", "move z"), KeyHint("d", showsDerivative ? "hide slope" : "show slope")]
    }

    var isAnimating: Bool { false }

    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .up: selected = max(0, selected - 1)
        case .down: selected = min(entries.count - 1, selected + 1)
        case .left, .character("-"), .right, .character("+"), .character("="):
            let direction: Float = key == .left || key == .character("-") ? -1 : 1
            if entry == .softmax {
                scores[selectedScore] = min(6, max(-6, ((scores[selectedScore] + direction * 0.5) * 10).rounded() / 10))
            } else {
                cursor = min(Self.cursorLimit, max(-Self.cursorLimit, cursor + direction * Self.cursorStep))
            }
        case .character("d"): showsDerivative.toggle()
        case .character(let digit) where digit.isWholeNumber && entry == .softmax:
            guard let number = digit.wholeNumberValue, number >= 1, number <= scores.count else { return true }
            selectedScore = number - 1
        default: return false
        }
        return true
    }

    mutating func tick() {}

    mutating func reset() {
        selected = 0
        cursor = 1
        showsDerivative = initialShowsDerivative
        scores = Self.initialScores
        selectedScore = 0
    }
}
