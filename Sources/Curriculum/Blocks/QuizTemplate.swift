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
    /// Precision, recall or F1 from the four counts of a confusion matrix.
    case confusionScores = "confusion-scores"
    /// The false-positive rate of one threshold, the x of its point on the ROC curve.
    case falsePositiveRate = "false-positive-rate"
    /// A value standardised with its column's mean and standard deviation: (x − μ)/σ.
    case standardizedValue = "standardized-value"
    /// How many examples of a class a stratified split puts in the test set.
    case stratifiedSplit = "stratified-split"
    /// How many trials a grid search costs.
    case gridCost = "grid-cost"
    /// The recall of one digit from its row of a confusion matrix.
    case classRecall = "class-recall"
    /// The accuracy of a model that always answers the common class.
    case majorityAccuracy = "majority-accuracy"
    /// The training examples left after a validation and a test share.
    case splitSizes = "split-sizes"
    /// The share of log-uniform draws below a value.
    case logUniformShare = "log-uniform-share"
    /// The Huber loss of one prediction, with threshold δ.
    case huberLoss = "huber-loss"
    /// How many times larger cross-entropy's gradient at the logit is than squared error's, for one output.
    case crossEntropyAdvantage = "cross-entropy-advantage"
    /// The epoch early stopping keeps, from a run of validation losses and a patience.
    case earlyStoppingEpoch = "early-stopping-epoch"
    /// A weight after one step of gradient descent with an L2 penalty.
    case l2Step = "l2-step"
    /// What inverted dropout passes on for a neuron it keeps.
    case dropoutValue = "dropout-value"
    /// How many parameters (weights and biases) a fully connected network of given layer sizes has.
    case parameterCount = "parameter-count"
    /// The output side ⌊(n − k + 2p) / s⌋ + 1 of a convolution.
    case convOutputSize = "conv-output-size"
    /// The weights and biases of a convolutional layer, beside a dense layer on the same image.
    case convParameterCount = "conv-parameter-count"
    /// One output of a 2 × 2 max-pool over a 4 × 4 feature map.
    case maxPool = "max-pool"
    /// The numbers that still train in a small CNN with some layers locked.
    case trainableParameters = "trainable-parameters"
    /// A GAN discriminator's loss on one real and one generated point.
    case ganDiscriminatorLoss = "gan-discriminator-loss"
    /// The best discriminator's answer p_data / (p_data + p_g) at one point.
    case ganOptimalDiscriminator = "gan-optimal-discriminator"
    /// The slope of the non-saturating generator loss by the discriminator's score.
    case ganGeneratorSlope = "gan-generator-slope"
    /// The drift of one served feature: (recent mean − training mean) / training standard deviation.
    case inputDrift = "input-drift"
    /// One step of a one-unit RNN, h = tanh(w·x + u·h + b).
    case rnnStep = "rnn-step"
    /// An LSTM's new cell value c' = f·c + i·g from its gates' pre-activations.
    case lstmCell = "lstm-cell"
    /// One attention weight: softmax over the scores q·kᵢ/√d of a query and three keys.
    case attentionWeight = "attention-weight"

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
        case .confusionScores: "precision, recall or F1 from a confusion matrix"
        case .falsePositiveRate: "the false-positive rate of a threshold"
        case .standardizedValue: "a value standardised as (x − μ)/σ"
        case .stratifiedSplit: "the examples of one class in a stratified test set"
        case .gridCost: "the number of trials a grid search costs"
        case .classRecall: "the recall of one class from its row of a confusion matrix"
        case .majorityAccuracy: "the accuracy of always answering the common class"
        case .splitSizes: "the training examples left after a validation and a test share"
        case .logUniformShare: "the share of log-uniform draws below a value"
        case .huberLoss: "the Huber loss of one prediction"
        case .crossEntropyAdvantage: "how many times cross-entropy's gradient exceeds squared error's on one output"
        case .earlyStoppingEpoch: "the epoch whose weights early stopping keeps"
        case .l2Step: "a weight after one step of gradient descent with an L2 penalty"
        case .dropoutValue: "the value inverted dropout passes on for a kept neuron"
        case .parameterCount: "the number of weights and biases of a small network"
        case .convOutputSize: "the output size of a convolution"
        case .convParameterCount: "the parameter count of a convolutional layer"
        case .maxPool: "one output of a max-pool"
        case .trainableParameters: "the numbers that train in a CNN with some layers locked"
        case .ganDiscriminatorLoss: "a GAN discriminator's loss on a real and a generated point"
        case .ganOptimalDiscriminator: "the best discriminator's answer at one point"
        case .ganGeneratorSlope: "the slope of the generator's loss by the discriminator's score"
        case .inputDrift: "the drift of a served feature in training standard deviations"
        case .rnnStep: "one step of a recurrent unit, h = tanh(w·x + u·h + b)"
        case .lstmCell: "an LSTM's new cell value c' = f·c + i·g"
        case .attentionWeight: "one attention weight from a query and three keys"
        }
    }
}
