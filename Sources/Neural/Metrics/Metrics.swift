/// How well predictions match the truth: the numbers a learner reads after training.
///
/// Classification metrics take class indices (use `OneHot.decode` on a network's probabilities, or
/// threshold a binary output at 0.5); regression metrics take the predicted and true values. The two
/// lists must have the same length — a mismatch is a bug in the calling code and stops the program.
public enum Metrics {
    /// The fraction of examples whose predicted class is the true class; 0 for no examples.
    public static func accuracy(predicted: [Int], actual: [Int]) -> Double {
        precondition(predicted.count == actual.count, "accuracy: \(predicted.count) predictions for \(actual.count) labels")
        guard !actual.isEmpty else { return 0 }
        let correct = zip(predicted, actual).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
        return Double(correct) / Double(actual.count)
    }

    /// Class 1 where the probability is at least `threshold`, else class 0: the predictions of a
    /// binary classifier with one output.
    public static func binaryLabels(probabilities: [Float], threshold: Float = 0.5) -> [Int] {
        probabilities.map { $0 >= threshold ? 1 : 0 }
    }

    /// The area under the ROC curve of binary scores (label 1 positive), or `nil` without both classes.
    public static func areaUnderROC(scores: [Float], labels: [Int]) -> Double? {
        ROCCurve(scores: scores, labels: labels).areaUnderCurve
    }
}
