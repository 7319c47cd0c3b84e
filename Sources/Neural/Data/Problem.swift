/// What a dataset asks a network to predict, which decides the output layer and the loss.
///
/// - `regression`: one real number per example (mean squared error).
/// - `binaryClassification`: a 0/1 label per example, predicted as one probability (sigmoid + binary cross-entropy).
/// - `multiclassClassification`: one of `classCount` classes, predicted as a probability per class
///   (softmax + cross-entropy).
///
/// The playground calls this the "problem type".
public enum Problem: Sendable, Equatable {
    case regression
    case binaryClassification
    case multiclassClassification(classCount: Int)

    /// The number of classes: 2 for binary classification, 0 for regression.
    public var classCount: Int {
        switch self {
        case .regression: 0
        case .binaryClassification: 2
        case .multiclassClassification(let classCount): classCount
        }
    }

    /// Whether the targets are class labels rather than real numbers.
    public var isClassification: Bool { self != .regression }

    /// The number of target columns a dataset of this problem has: one-hot columns for multiclass, else one.
    public var targetColumns: Int {
        if case .multiclassClassification(let classCount) = self { return classCount }
        return 1
    }
}

extension Problem: CustomStringConvertible {
    public var description: String {
        switch self {
        case .regression: "regression"
        case .binaryClassification: "binary classification"
        case .multiclassClassification(let classCount): "classification into \(classCount) classes"
        }
    }
}
