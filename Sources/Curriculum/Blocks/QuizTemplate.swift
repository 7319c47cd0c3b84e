/// A kind of question whose numbers are drawn fresh each time it is asked, and whose right answer the
/// engine computes for those numbers.
///
/// A ```` ```quiz ```` block names one with `template: NAME`; `gradschool check` rejects unknown names.
/// The tutor draws the numbers and asks the engine (a neuron's forward pass, an activation, a backward
/// pass, the perceptron rule, an optimizer step) for the answer, so a question never disagrees with the
/// widgets beside it.
public enum QuizTemplate: String, CaseIterable, Sendable {
    /// z = w·x + b for two inputs.
    case weightedSum = "weighted-sum"
    /// a = σ(w·x + b) for a neuron with two inputs.
    case neuronOutput = "neuron-output"
    /// σ(z) for one z.
    case sigmoidValue = "sigmoid-value"
    /// The slope f′(z) of sigmoid, tanh or ReLU at one z.
    case activationSlope = "activation-slope"
    /// One probability of the softmax of three scores.
    case softmaxProbability = "softmax-probability"
    /// The squared error (a − y)² of one prediction.
    case squaredError = "squared-error"
    /// ∂L/∂w₁ for a sigmoid neuron, one example and a squared-error loss.
    case weightGradient = "weight-gradient"
    /// A perceptron weight after one application of the learning rule.
    case perceptronUpdate = "perceptron-update"
    /// A weight after one step of gradient descent.
    case descentStep = "descent-step"
    /// The learning rate above which gradient descent on L = k·w² no longer converges.
    case largestLearningRate = "largest-learning-rate"
    /// The drift of one served feature: (recent mean − training mean) / training standard deviation.
    case inputDrift = "input-drift"

    /// What the template asks, for authors and error messages.
    public var summary: String {
        switch self {
        case .weightedSum: "the weighted sum z of a neuron"
        case .neuronOutput: "the output of a sigmoid neuron"
        case .sigmoidValue: "σ(z) for one z"
        case .activationSlope: "the slope of an activation function at one z"
        case .softmaxProbability: "one probability of a softmax"
        case .squaredError: "the squared error of one prediction"
        case .weightGradient: "the gradient of one weight"
        case .perceptronUpdate: "a perceptron weight after one update"
        case .descentStep: "a weight after one step of gradient descent"
        case .largestLearningRate: "the largest learning rate that converges on L = k·w²"
        case .inputDrift: "the drift of a served feature in training standard deviations"
        }
    }
}
