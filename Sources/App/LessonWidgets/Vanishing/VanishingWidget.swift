import Neural

/// The `vanishing` widget: the size of the gradient reaching each earlier step, for a plain RNN and an
/// LSTM side by side, on the copy task after a delay N the learner sets (`+` `-`), with the LSTM's
/// forget-gate bias under the learner's control (`f`). Every bar is one engine backward pass
/// (`GradientReach`), drawn on a log scale relative to the last step.
struct VanishingWidget: InstantWidget, Equatable {
    /// The delays `+` and `-` move between.
    static let delays = 1...30
    /// The forget-gate biases `f` cycles through.
    static let forgetBiases: [Float] = [0, 1, 3]
    /// Decades the bars span: a bar of full height is the last step's gradient, an empty one 10⁻¹⁰ of it.
    static let decades = 10
    /// Rows of each network's bars.
    static let barRows = 4

    let caption: String?
    private let initialDelay: Int
    private let initialBias: Int
    private(set) var reach: GradientReach
    private(set) var biasIndex: Int

    init(settings: WidgetSettings) {
        caption = settings.caption
        initialDelay = min(Self.delays.upperBound, max(Self.delays.lowerBound, settings.integer("delay", default: 10)))
        let bias = Float(settings.number("forgetBias", default: 0))
        // The nearest of the biases `f` offers.
        initialBias = Self.forgetBiases.indices.min { abs(Self.forgetBiases[$0] - bias) < abs(Self.forgetBiases[$1] - bias) } ?? 0
        biasIndex = initialBias
        reach = GradientReach(delay: initialDelay, forgetBias: Self.forgetBiases[initialBias])
    }

    var delay: Int { reach.delay }
    var forgetBias: Float { reach.forgetBias }

    var title: String { "the gradient reaching each step: copy after N = \(delay)" }
    var keyHints: [KeyHint] { [KeyHint("+ -", "delay N"), KeyHint("f", "forget bias")] }
    var isAnimating: Bool { false }

    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character("+"), .character("="), .right, .up:
            guard delay < Self.delays.upperBound else { return true }
            reach = GradientReach(delay: delay + 1, forgetBias: forgetBias)
        case .character("-"), .left, .down:
            guard delay > Self.delays.lowerBound else { return true }
            reach = GradientReach(delay: delay - 1, forgetBias: forgetBias)
        case .character("f"):
            biasIndex = (biasIndex + 1) % Self.forgetBiases.count
            reach = GradientReach(delay: delay, forgetBias: Self.forgetBiases[biasIndex])
        default: return false
        }
        return true
    }

    mutating func tick() {}

    mutating func reset() {
        biasIndex = initialBias
        reach = GradientReach(delay: initialDelay, forgetBias: Self.forgetBiases[initialBias])
    }
}
