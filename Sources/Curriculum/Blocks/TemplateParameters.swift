/// What a teacher may vary in a generated question without writing Swift: the range and step the
/// template draws its numbers from, which activation functions it asks about, and which learning rates.
///
/// ```quiz
/// id: sigmoid-far-out
/// template: sigmoid-value
/// range: [-6, 6]
/// step: 1
/// ```
///
/// Each template takes only the parameters that mean something to it (`QuizTemplate.parameters`);
/// `gradschool check` names any other, and any value out of range, with its line.
public struct TemplateParameters: Equatable, Sendable {
    /// The range the template's main numbers are drawn from (the inputs, z, the scores, the weight).
    public var range: ClosedRange<Double>?
    /// The spacing of the drawn numbers.
    public var step: Double?
    /// The activation functions asked about, by name (`sigmoid`, `tanh`, `relu`).
    public var activations: [String]?
    /// The learning rates drawn from.
    public var learningRates: [Double]?

    public init(range: ClosedRange<Double>? = nil, step: Double? = nil, activations: [String]? = nil, learningRates: [Double]? = nil) {
        self.range = range
        self.step = step
        self.activations = activations
        self.learningRates = learningRates
    }

    /// The keys of a quiz block that set parameters.
    public static let keys = ["range", "step", "activation", "learning-rate"]
    /// The activation functions a template can ask about.
    public static let activationNames = ["sigmoid", "tanh", "relu"]
    /// The largest magnitude a drawn number may have, so questions stay workable by hand.
    public static let largestValue = 100.0
    /// The most distinct numbers a range and step may give.
    public static let mostValues = 1_000
}

extension QuizTemplate {
    /// The parameter keys this template takes.
    public var parameters: [String] {
        switch self {
        case .weightedSum, .neuronOutput, .sigmoidValue, .softmaxProbability: ["range", "step"]
        case .activationSlope: ["range", "step", "activation"]
        case .squaredError, .weightGradient, .largestLearningRate, .crossEntropyAdvantage, .earlyStoppingEpoch, .dropoutValue, .parameterCount,
             .convOutputSize, .convParameterCount, .maxPool, .trainableParameters, .inputDrift: []
        case .huberLoss: ["range", "step"]
        case .l2Step: ["range", "step", "learning-rate"]
        case .ganDiscriminatorLoss, .ganOptimalDiscriminator, .ganGeneratorSlope: []
        case .attentionWeight: []
        case .perceptronUpdate: ["learning-rate"]
        case .descentStep: ["range", "step", "learning-rate"]
        case .confusionScores, .falsePositiveRate, .standardizedValue, .stratifiedSplit, .gridCost, .classRecall, .majorityAccuracy,
             .splitSizes, .logUniformShare: []
        case .rnnStep, .lstmCell: []
        }
    }
}
