import Neural

/// The activation names lessons write (`leakyRelu`) and how widgets show them (`leaky ReLU`).
enum ActivationNames {
    /// The activation a lesson's setting names; nil for an unknown name.
    static func activation(_ name: String) -> Activation? {
        switch name {
        case "leakyRelu": .leakyReLU
        case "softmax": .softmax
        default: Activation(name: name)
        }
    }

    /// The name a learner reads: `step`, `sigmoid`, `tanh`, `ReLU`, `leaky ReLU`, `identity`.
    static func display(_ activation: Activation) -> String {
        switch activation {
        case .relu: "ReLU"
        case .leakyReLU: "leaky ReLU"
        default: activation.name
        }
    }

    /// The symbol in formulas: `σ` for sigmoid, the name otherwise.
    static func symbol(_ activation: Activation, unicode: Bool) -> String {
        switch activation {
        case .sigmoid: unicode ? "σ" : "sigmoid"
        case .relu: "ReLU"
        case .leakyReLU: "leaky"
        default: activation.name
        }
    }
}
