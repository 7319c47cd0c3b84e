import Neural

/// What the model says about one row: its raw outputs and, for a classifier, the class it picks and the
/// probability of every class.
public struct Prediction: Sendable, Equatable {
    /// The network's outputs for the row.
    public var outputs: [Float]
    /// The chosen class's index and name, for a classifier.
    public var classIndex: Int?
    public var className: String?
    /// Each class's name and probability, in the model's class order, for a classifier.
    public var probabilities: [(name: String, probability: Float)]

    public static func == (lhs: Prediction, rhs: Prediction) -> Bool {
        lhs.outputs == rhs.outputs && lhs.classIndex == rhs.classIndex && lhs.className == rhs.className
            && lhs.probabilities.map(\.name) == rhs.probabilities.map(\.name)
            && lhs.probabilities.map(\.probability) == rhs.probabilities.map(\.probability)
    }

    /// The row as JSON: `outputs`, then `class`, `class_index` and `probabilities` for a classifier.
    public var json: String {
        var members: [(String, String)] = [("outputs", JSONText.numbers(outputs))]
        if let classIndex, let className {
            members.append(("class", JSONText.string(className)))
            members.append(("class_index", String(classIndex)))
            members.append(("probabilities", JSONText.object(probabilities.map { ($0.name, JSONText.number($0.probability)) })))
        }
        return JSONText.object(members)
    }
}

/// How a model's outputs are read: as class probabilities (softmax over several outputs, or one sigmoid
/// output for two classes) or as plain numbers.
public enum OutputReading: Sendable, Equatable {
    /// Softmax outputs: output k is the probability of class k.
    case classes([String])
    /// One sigmoid output p: the probability of the second class; the first has 1 − p.
    case twoClasses(negative: String, positive: String)
    /// Regression: the outputs are the answer.
    case numbers

    /// The reading that suits `model`: its loss when the file names one, else its last layer.
    public init(model: SavedModel) {
        let outputs = model.network.outputSize
        let last = model.network.layers.last?.spec
        let softmax: Bool
        let sigmoid: Bool
        if case .activation(.softmax, _)? = last { softmax = true } else { softmax = false }
        if case .activation(.sigmoid, _)? = last { sigmoid = true } else { sigmoid = false }
        if outputs > 1 && (model.loss == .crossEntropy || (model.loss == nil && softmax)) {
            let names = model.classNames.count == outputs ? model.classNames : (0..<outputs).map(String.init)
            self = .classes(names)
        } else if outputs == 1 && (model.loss == .binaryCrossEntropy || (model.loss == nil && sigmoid && model.classNames.count == 2)) {
            let names = model.classNames.count == 2 ? model.classNames : ["0", "1"]
            self = .twoClasses(negative: names[0], positive: names[1])
        } else {
            self = .numbers
        }
    }

    /// The prediction for one row of outputs.
    public func prediction(outputs: [Float]) -> Prediction {
        switch self {
        case .numbers:
            return Prediction(outputs: outputs, probabilities: [])
        case .classes(let names):
            // The first largest output wins, as argmax does in NumPy and PyTorch.
            var best = 0
            for index in outputs.indices where outputs[index] > outputs[best] { best = index }
            return Prediction(outputs: outputs, classIndex: best, className: names[best],
                              probabilities: zip(names, outputs).map { ($0, $1) })
        case .twoClasses(let negative, let positive):
            let probability = outputs[0]
            let index = probability >= 0.5 ? 1 : 0
            return Prediction(outputs: outputs, classIndex: index, className: index == 1 ? positive : negative,
                              probabilities: [(negative, 1 - probability), (positive, probability)])
        }
    }
}
