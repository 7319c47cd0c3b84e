/// The loss a sequence model trains on: cross-entropy at every step for tokens (text, symbol tasks) or
/// mean squared error over the steps for real values (forecasting). Both leave out the steps whose mask
/// is 0. Each one's maths lives in its own file.
public enum SequenceLoss: Sendable, Hashable {
    case crossEntropy
    case meanSquaredError

    /// The loss that suits the examples: cross-entropy for token ids, mean squared error for real values.
    public init(for examples: SequenceExamples) {
        self = examples.vocabularySize == nil ? .meanSquaredError : .crossEntropy
    }

    /// The mean loss over the masked steps, writing ∂L/∂outputs into `gradient`.
    public func evaluate(outputs: Matrix, targets: Matrix, mask: Matrix, gradient: inout Matrix) -> Float {
        switch self {
        case .crossEntropy: SequenceCrossEntropy.evaluate(logits: outputs, targets: targets, mask: mask, gradient: &gradient)
        case .meanSquaredError: SequenceMeanSquaredError.evaluate(outputs: outputs, targets: targets, mask: mask, gradient: &gradient)
        }
    }

    /// The name used in saved models and reports.
    public var name: String {
        switch self {
        case .crossEntropy: "ce"
        case .meanSquaredError: "mse"
        }
    }
}
