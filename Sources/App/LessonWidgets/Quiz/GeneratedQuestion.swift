import Canvas
import Curriculum
import Foundation
import Neural
import PredictionService

/// A numeric question drawn from a template: its text, the right answer the engine computed for the
/// drawn numbers, how close an answer must be, and a worked explanation with the same numbers.
struct GeneratedQuestion: Equatable, Sendable {
    var question: String
    var answer: Double
    var tolerance: Double
    var explanation: String

    /// The question `template` asks for the numbers drawn from `seed` within what `parameters` allow;
    /// the same seed gives the same question.
    init(template: QuizTemplate, parameters: TemplateParameters = TemplateParameters(), seed: UInt64) {
        var draw = NumberDraw(seed: seed, parameters: parameters)
        switch template {
        case .weightedSum: self = Self.weightedSum(&draw)
        case .neuronOutput: self = Self.neuronOutput(&draw)
        case .sigmoidValue: self = Self.sigmoidValue(&draw)
        case .activationSlope: self = Self.activationSlope(&draw)
        case .softmaxProbability: self = Self.softmaxProbability(&draw)
        case .squaredError: self = Self.squaredError(&draw)
        case .weightGradient: self = Self.weightGradient(&draw)
        case .perceptronUpdate: self = Self.perceptronUpdate(&draw)
        case .descentStep: self = Self.descentStep(&draw)
        case .largestLearningRate: self = Self.largestLearningRate(&draw)
        case .confusionScores: self = Self.confusionScores(&draw)
        case .falsePositiveRate: self = Self.falsePositiveRate(&draw)
        case .standardizedValue: self = Self.standardizedValue(&draw)
        case .stratifiedSplit: self = Self.stratifiedSplit(&draw)
        case .gridCost: self = Self.gridCost(&draw)
        case .classRecall: self = Self.classRecall(&draw)
        case .majorityAccuracy: self = Self.majorityAccuracy(&draw)
        case .splitSizes: self = Self.splitSizes(&draw)
        case .logUniformShare: self = Self.logUniformShare(&draw)
        case .huberLoss: self = Self.huberLoss(&draw)
        case .crossEntropyAdvantage: self = Self.crossEntropyAdvantage(&draw)
        case .earlyStoppingEpoch: self = Self.earlyStoppingEpoch(&draw)
        case .l2Step: self = Self.l2Step(&draw)
        case .dropoutValue: self = Self.dropoutValue(&draw)
        case .parameterCount: self = Self.parameterCount(&draw)
        case .convOutputSize: self = Self.convOutputSize(&draw)
        case .convParameterCount: self = Self.convParameterCount(&draw)
        case .maxPool: self = Self.maxPool(&draw)
        case .trainableParameters: self = Self.trainableParameters(&draw)
        case .ganDiscriminatorLoss: self = Self.ganDiscriminatorLoss(&draw)
        case .ganOptimalDiscriminator: self = Self.ganOptimalDiscriminator(&draw)
        case .ganGeneratorSlope: self = Self.ganGeneratorSlope(&draw)
        case .inputDrift: self = Self.inputDrift(&draw)
        case .rnnStep: self = Self.rnnStep(&draw)
        case .lstmCell: self = Self.lstmCell(&draw)
        case .attentionWeight: self = Self.attentionWeight(&draw)
        }
    }

    init(question: String, answer: Double, tolerance: Double = 0.01, explanation: String) {
        self.question = question
        self.answer = answer
        self.tolerance = tolerance
        self.explanation = explanation
    }
}

/// Round numbers for questions: multiples of a step within a range, so they can be worked by hand.
struct NumberDraw {
    var random: RandomSource

    /// What the author set for this question; the templates' own ranges where nothing is set.
    var parameters = TemplateParameters()

    init(seed: UInt64, parameters: TemplateParameters = TemplateParameters()) {
        random = RandomSource(seed: seed)
        self.parameters = parameters
    }

    /// The template's main number: from the author's `range` and `step` when given, else from its own.
    mutating func main(_ range: ClosedRange<Float>, step: Float, excluding excluded: Set<Float> = []) -> Float {
        let chosen = parameters.range.map { Float($0.lowerBound)...Float($0.upperBound) } ?? range
        return value(chosen, step: parameters.step.map(Float.init) ?? step, excluding: excluded)
    }

    /// A learning rate: one of the author's, else one of `defaults`.
    mutating func learningRate(_ defaults: [Float]) -> Float {
        pick(parameters.learningRates.map { $0.map(Float.init) } ?? defaults)
    }

    /// An activation function: one the author named, else one of `defaults`.
    mutating func activation(_ defaults: [Activation]) -> Activation {
        let named = parameters.activations?.compactMap { name -> Activation? in
            switch name {
            case "sigmoid": .sigmoid
            case "tanh": .tanh
            case "relu": .relu
            default: nil
            }
        }
        return pick(named.flatMap { $0.isEmpty ? nil : $0 } ?? defaults)
    }

    /// A multiple of `step` in `range`, never `excluded`.
    mutating func value(_ range: ClosedRange<Float>, step: Float, excluding excluded: Set<Float> = []) -> Float {
        let count = Int(((range.upperBound - range.lowerBound) / step).rounded()) + 1
        for _ in 0..<64 {
            let value = ((range.lowerBound + Float(random.nextIndex(below: count)) * step) * 1000).rounded() / 1000
            if !excluded.contains(value) { return value }
        }
        return range.upperBound
    }

    mutating func pick<T>(_ options: [T]) -> T { options[random.nextIndex(below: options.count)] }
}

// MARK: - Templates
//
// Every answer below comes from the engine: a network's forward or backward pass, an activation, the
// perceptron rule or an optimizer step. The explanations write the same arithmetic out by hand.

extension GeneratedQuestion {
    /// Text for a number in a question: `0.5`, `−1.5` (at most `decimals` decimals, no trailing zeros).
    static func show(_ value: Float, decimals: Int = 2) -> String {
        NumberText.trimmed(Double(value), decimals: decimals)
    }

    /// A number as a term of a sum: negative ones in brackets.
    static func term(_ value: Float, decimals: Int = 2) -> String {
        value < 0 ? "(" + show(value, decimals: decimals) + ")" : show(value, decimals: decimals)
    }

    /// A neuron with two inputs as a one-layer network, optionally followed by an activation.
    static func neuron(weights: [Float], bias: Float, activation: Activation?) -> Network {
        var layers: [any Layer] = [Dense(weights: Matrix([weights]), bias: [bias])]
        if let activation { layers.append(ActivationLayer(activation, size: 1)) }
        return Network(layers: layers)
    }

    static func weightedSum(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let inputs = [draw.main(-2...2, step: 0.5), draw.main(-2...2, step: 0.5)]
        let weights = [draw.value(-1.5...1.5, step: 0.5, excluding: [0]), draw.value(-1.5...1.5, step: 0.5, excluding: [0])]
        let bias = draw.value(-1...1, step: 0.5)
        let z = neuron(weights: weights, bias: bias, activation: nil).predict(Matrix([inputs]))[0, 0]
        return GeneratedQuestion(
            question: "A neuron has inputs x₁ = \(show(inputs[0])), x₂ = \(show(inputs[1])), weights w₁ = \(show(weights[0])), w₂ = \(show(weights[1])) and bias b = \(show(bias)). What is its weighted sum z?",
            answer: Double(z),
            explanation: "z = w₁·x₁ + w₂·x₂ + b = \(show(weights[0]))·\(term(inputs[0])) + \(term(weights[1]))·\(term(inputs[1])) + \(term(bias)) = \(show(z, decimals: 3)).")
    }

    static func neuronOutput(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let inputs = [draw.main(0...2, step: 0.5), draw.main(-2...2, step: 0.5)]
        let weights = [draw.value(-1.5...1.5, step: 0.5, excluding: [0]), draw.value(-1.5...1.5, step: 0.5, excluding: [0])]
        let bias = draw.value(-1...1, step: 0.5)
        var network = neuron(weights: weights, bias: bias, activation: .sigmoid)
        network.forward(Matrix([inputs]), mode: .evaluation)
        let z = network.layers[0].output[0, 0], a = network.output[0, 0]
        return GeneratedQuestion(
            question: "A sigmoid neuron has inputs x₁ = \(show(inputs[0])), x₂ = \(show(inputs[1])), weights w₁ = \(show(weights[0])), w₂ = \(show(weights[1])) and bias b = \(show(bias)). What is its output a = σ(z)? (Two decimals are enough.)",
            answer: Double(a),
            explanation: "First the weighted sum: z = \(show(weights[0]))·\(term(inputs[0])) + \(term(weights[1]))·\(term(inputs[1])) + \(term(bias)) = \(show(z, decimals: 3)). Then a = σ(z) = 1 / (1 + e^(−z)) = \(show(a, decimals: 3)).")
    }

    static func sigmoidValue(_ draw: inout NumberDraw) -> GeneratedQuestion {
        // 80 values of z, every tenth from −4 to 4.
        let z = draw.main(-4...4, step: 0.1, excluding: [0])
        let a = Activation.sigmoid.value(at: z)
        let exponential = Float(Foundation.exp(Double(-z)))
        return GeneratedQuestion(
            question: "What is σ(z), the sigmoid of z = \(show(z))? (Two decimals are enough.)",
            answer: Double(a),
            explanation: "σ(z) = 1 / (1 + e^(−z)) = 1 / (1 + e^(\(show(-z)))) = 1 / (1 + \(term(exponential, decimals: 3))) = \(show(a, decimals: 3)).")
    }

    static func activationSlope(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let function = draw.activation([Activation.sigmoid, .tanh, .relu])
        let z = draw.main(-3...3, step: 0.25, excluding: [0])
        let slope = function.derivative(at: z)
        let value = function.value(at: z)
        let explanation: String
        switch function {
        case .sigmoid:
            explanation = "σ′(z) = σ(z)·(1 − σ(z)). Here σ(\(show(z))) = \(show(value, decimals: 3)), so σ′ = \(show(value, decimals: 3))·\(show(1 - value, decimals: 3)) = \(show(slope, decimals: 3))."
        case .tanh:
            explanation = "tanh′(z) = 1 − tanh(z)². Here tanh(\(show(z))) = \(show(value, decimals: 3)), so tanh′ = 1 − \(term(value * value, decimals: 3)) = \(show(slope, decimals: 3))."
        default:
            explanation = "ReLU is max(0, z): a line of slope 1 for z > 0 and flat (slope 0) for z < 0. At z = \(show(z)) the slope is \(show(slope))."
        }
        let name = function == .relu ? "ReLU" : function.name
        return GeneratedQuestion(
            question: "What is the slope (derivative) of \(name) at z = \(show(z))? (Two decimals are enough.)",
            answer: Double(slope), explanation: explanation)
    }

    static func softmaxProbability(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let scores = (0..<3).map { _ in draw.main(-1...2, step: 0.5) }
        let chosen = draw.random.nextIndex(below: 3)
        let probabilities = Activation.softmax(scores)
        let exponentials = scores.map { Float(Foundation.exp(Double($0))) }
        let total = exponentials.reduce(0, +)
        let list = scores.map { show($0) }.joined(separator: ", ")
        return GeneratedQuestion(
            question: "A network's three output scores are [\(list)]. After softmax, what probability does class \(chosen + 1) get? (Two decimals are enough.)",
            answer: Double(probabilities[chosen]),
            explanation: "Softmax divides e^(score) by the sum of all three: e^(\(show(scores[chosen]))) / (\(exponentials.map { show($0, decimals: 3) }.joined(separator: " + "))) = \(show(exponentials[chosen], decimals: 3)) / \(show(total, decimals: 3)) = \(show(probabilities[chosen], decimals: 3)).")
    }

    /// The drift a prediction service reports for one feature, computed by the service's own `InputDrift`
    /// from recent rows whose mean is the drawn one.
    static func inputDrift(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let mean = draw.value(1...8, step: 0.1)
        let deviation = draw.value(0.2...2, step: 0.1)
        let shift = draw.value(-2...2, step: 0.1, excluding: [0])
        let served = ((mean + shift * deviation) * 10).rounded() / 10
        var drift = InputDrift(trainingMeans: [mean], trainingStandardDeviations: [deviation], featureNames: ["x"], window: 1)
        drift.record([[served]])
        let value = drift.features[0].shift ?? 0
        return GeneratedQuestion(
            question: "A feature was trained with mean \(show(mean)) and standard deviation \(show(deviation)). The recent requests "
                + "to the served model have a mean of \(show(served)) for it. What is its drift, in training standard deviations?",
            answer: Double(value), tolerance: 0.01,
            explanation: "drift = (recent mean − training mean) / training sd = (\(show(served)) − \(term(mean))) / \(show(deviation)) "
                + "= \(show(served - mean)) / \(show(deviation)) = \(show(value, decimals: 3))"
                + (abs(value) > InputDrift.threshold ? ", past the 0.5 at which the service calls it drifted." : ", within the 0.5 at which the service calls it drifted."))
    }

    static func squaredError(_ draw: inout NumberDraw) -> GeneratedQuestion {
        // Half the questions are a probability against a yes/no target, half an amount against an amount.
        let output: Float, target: Float
        if draw.pick([true, false]) {
            output = draw.value(0.01...0.99, step: 0.01)
            target = draw.pick([0, 1])
        } else {
            output = draw.value(-2...3, step: 0.1)
            target = draw.value(-1...2, step: 0.5, excluding: [output])
        }
        let loss = Loss.meanSquaredError.value(output: Matrix([[output]]), targets: Matrix([[target]]))
        return GeneratedQuestion(
            question: "A network outputs a = \(show(output)) for an example whose target is y = \(show(target)). What is the squared-error loss (a − y)²?",
            answer: Double(loss), tolerance: max(0.005, Double(loss) * 0.01),
            explanation: "(a − y)² = (\(show(output)) − \(term(target)))² = \(term(output - target))² = \(show(loss, decimals: 3)).")
    }

    /// A gradient question whose answer can be written by hand: at least 0.001 in size (a few draws at most).
    static func weightGradient(_ draw: inout NumberDraw) -> GeneratedQuestion {
        var question = weightGradientDraw(&draw)
        for _ in 0..<32 where abs(question.answer) < 0.001 { question = weightGradientDraw(&draw) }
        return question
    }

    static func weightGradientDraw(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let inputs = [draw.value(0.5...3, step: 0.5), draw.value(-2...2, step: 0.5)]
        let weights = [draw.value(-1.5...1.5, step: 0.5, excluding: [0]), draw.value(-1.5...1.5, step: 0.5, excluding: [0])]
        let bias: Float = 0
        let target: Float = draw.pick([0, 1])
        var network = neuron(weights: weights, bias: bias, activation: .sigmoid)
        let input = Matrix([inputs]), targets = Matrix([[target]])
        network.forward(input, mode: .training)
        var outputGradient = Matrix(rows: 1, columns: 1)
        _ = Loss.meanSquaredError.evaluate(output: network.output, targets: targets, gradient: &outputGradient)
        network.backward(input: input, outputGradient: outputGradient, fromLayer: network.layers.count - 1)
        let gradient = network.layers[0].weightGradient[0, 0]
        let z = network.layers[0].output[0, 0], a = network.output[0, 0]
        let slope = Activation.sigmoid.derivative(at: z)
        return GeneratedQuestion(
            question: "A sigmoid neuron with weights w₁ = \(show(weights[0])), w₂ = \(show(weights[1])) and bias 0 sees inputs x₁ = \(show(inputs[0])), x₂ = \(show(inputs[1])); the target is y = \(show(target)) and the loss is L = (a − y)². What is ∂L/∂w₁? (Within a twentieth of it counts, with the right sign.)",
            answer: Double(gradient), tolerance: Self.relativeTolerance(gradient),
            explanation: "Forward: z = \(show(z, decimals: 3)), a = σ(z) = \(show(a, decimals: 4)). Backward, by the chain rule: ∂L/∂w₁ = ∂L/∂a · σ′(z) · x₁ = 2(a − y) · a(1 − a) · x₁ = \(term(outputGradient[0, 0], decimals: 4)) · \(show(slope, decimals: 4)) · \(show(inputs[0])) = \(significant(gradient)). A small gradient is judged by its relative error: an answer counts when it is within 5 % of this, so its sign must be right too.")
    }

    /// A tolerance of a twentieth of `value`: an answer within it has the same sign, however small the value.
    static func relativeTolerance(_ value: Float) -> Double {
        max(Double(abs(value)) * 0.05, 1e-9)
    }

    /// `value` with three significant digits (at least three decimals), so a small gradient keeps its digits.
    static func significant(_ value: Float) -> String {
        let magnitude = value == 0 ? 0 : Int(Foundation.log10(Double(abs(value))).rounded(.down))
        return show(value, decimals: max(3, 2 - magnitude))
    }

    static func perceptronUpdate(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let learningRate = draw.learningRate([0.1, 0.2, 0.5, 1])
        var perceptron = Perceptron(weights: [draw.value(-1...1, step: 0.5), draw.value(-1...1, step: 0.5)],
                                    bias: draw.value(-1...1, step: 0.5), learningRate: learningRate)
        // Either input may be 0: then its weight played no part and stays where it was.
        let input: [Float] = [draw.pick([0, 1]), draw.pick([0, 1])]
        let asked = draw.random.nextIndex(below: 2)
        // Half the questions are about a mistake, where the rule moves the weight.
        let prediction = perceptron.predict(input)
        let target = draw.pick([true, false]) ? 1 - prediction : prediction
        let before = perceptron
        let update = perceptron.learn(input, target: target)
        let z = before.weightedSum(input)
        let error = Float(target - update.prediction)
        let list = "w₁ = \(show(before.weights[0])), w₂ = \(show(before.weights[1])), b = \(show(before.bias))"
        let name = asked == 0 ? "w₁" : "w₂", inputName = asked == 0 ? "x₁" : "x₂"
        let note: String
        if error == 0 {
            note = " A right answer changes nothing."
        } else if input[asked] == 0 {
            note = " \(inputName) was 0, so it played no part in the mistake and \(name) stays where it was."
        } else {
            note = ""
        }
        return GeneratedQuestion(
            question: "A perceptron with \(list) and learning rate η = \(show(learningRate)) sees the example x = (\(show(input[0])), \(show(input[1]))) with target y = \(target). What is \(name) after this one update?",
            answer: Double(update.weightsAfter[asked]), tolerance: 0.001,
            explanation: "z = \(show(before.weights[0]))·\(show(input[0])) + \(term(before.weights[1]))·\(show(input[1])) + \(term(before.bias)) = \(show(z)), so ŷ = step(z) = \(update.prediction) and the error y − ŷ = \(show(error)). \(name) ← \(name) + η·(y − ŷ)·\(inputName) = \(show(before.weights[asked])) + \(term(learningRate))·\(term(error))·\(show(input[asked])) = \(show(update.weightsAfter[asked]))." + note)
    }

    static func descentStep(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let weight = draw.main(-1...1, step: 0.1)
        let gradient = draw.value(-3...3, step: 0.5, excluding: [0])
        let learningRate = draw.learningRate([0.01, 0.1, 0.5])
        var optimizer = Optimizer(.sgd, learningRate: learningRate)
        let stepped = oneStep(of: &optimizer, weight: weight, gradient: gradient, penalised: false)
        return GeneratedQuestion(
            question: "A weight w = \(show(weight)) has gradient ∂L/∂w = \(show(gradient)). With learning rate η = \(show(learningRate)), what is w after one step of gradient descent?",
            answer: Double(stepped), tolerance: 0.001,
            explanation: "Gradient descent steps against the gradient: w ← w − η·∂L/∂w = \(show(weight)) − \(term(learningRate))·\(term(gradient)) = \(show(stepped, decimals: 3)).")
    }

    /// The weight after one step of the engine's own `optimizer` on a single weight: the answer is what
    /// the engine computes, and the explanation writes out the formula the tests hold it to.
    static func oneStep(of optimizer: inout Optimizer, weight: Float, gradient: Float, penalised: Bool) -> Float {
        optimizer.prepare(tensorSizes: [1])
        optimizer.beginStep()
        var parameters = [weight]
        let gradients = [gradient]
        parameters.withUnsafeMutableBufferPointer { p in
            gradients.withUnsafeBufferPointer { g in
                optimizer.update(p.baseAddress!, gradient: g.baseAddress!, count: 1, slot: 0, penalised: penalised)
            }
        }
        return parameters[0]
    }

    static func largestLearningRate(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let steepness = draw.pick([Float(0.5), 1, 1.5, 2, 2.5, 3, 4, 5, 8, 10])
        // From the rule itself: w ← w − η·2k·w = (1 − 2kη)·w shrinks while |1 − 2kη| < 1, so η < 1/k.
        // (The tests check it with the engine's optimizer.)
        let limit = 1 / steepness
        let k = show(steepness)
        return GeneratedQuestion(
            question: "Plain gradient descent minimises L = \(k)·w². Below which learning rate η does it converge from any start? (Two decimals are enough.)",
            answer: Double(limit), tolerance: max(0.005, Double(limit) * 0.01),
            explanation: "The slope is ∂L/∂w = 2·\(k)·w, so one step gives w ← w − η·2·\(k)·w = (1 − \(show(2 * steepness))η)·w. The walk shrinks towards 0 only while that factor lies between −1 and 1, that is while η < 2 / \(show(2 * steepness)) = \(show(limit, decimals: 3)). At exactly that rate w flips sign forever; above it every step lands farther out.")
    }
}
