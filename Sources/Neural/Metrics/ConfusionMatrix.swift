/// A table counting, for every true class (row) and predicted class (column), how many examples
/// fell there: the diagonal holds the right answers, everything else shows which classes get confused.
///
/// Per-class scores treat one class as "positive" and the rest as "negative":
/// - precision = TP / (TP + FP): of the examples predicted as this class, the share that were;
/// - recall = TP / (TP + FN): of the examples of this class, the share that were found;
/// - F1 = 2 · precision · recall / (precision + recall), their harmonic mean.
///
/// When a denominator is 0 (a class never predicted, never present, or with precision and recall
/// both 0) the score is defined as **0**, as scikit-learn does by default. Macro averages are the plain
/// mean over all `classCount` classes, so every class counts equally however rare it is.
public struct ConfusionMatrix: Sendable, Equatable {
    /// The scores of one class.
    public struct ClassScores: Sendable, Equatable {
        /// TP / (TP + FP), 0 when the class is never predicted.
        public let precision: Double
        /// TP / (TP + FN), 0 when the class never occurs.
        public let recall: Double
        /// The harmonic mean of precision and recall, 0 when both are 0.
        public let f1: Double
        /// How many examples truly belong to the class.
        public let support: Int
    }

    /// The number of classes (rows and columns).
    public let classCount: Int
    /// The counts, row after row: `counts[actual * classCount + predicted]`.
    public let counts: [Int]

    /// Counts the pairs of predicted and true class indices, which must lie in `0..<classCount`.
    public init(predicted: [Int], actual: [Int], classCount: Int) {
        precondition(predicted.count == actual.count, "confusion matrix: \(predicted.count) predictions for \(actual.count) labels")
        precondition(classCount >= 0, "confusion matrix: negative class count")
        var counts = [Int](repeating: 0, count: classCount * classCount)
        for (prediction, truth) in zip(predicted, actual) {
            precondition((0..<classCount).contains(prediction) && (0..<classCount).contains(truth),
                         "confusion matrix: class \(max(prediction, truth)) outside 0..<\(classCount)")
            counts[truth * classCount + prediction] += 1
        }
        self.classCount = classCount
        self.counts = counts
    }

    /// How many examples of class `actual` were predicted as class `predicted`.
    public subscript(actual actual: Int, predicted predicted: Int) -> Int {
        counts[actual * classCount + predicted]
    }

    /// The number of examples counted.
    public var total: Int { counts.reduce(0, +) }

    /// The share of examples on the diagonal; 0 for no examples.
    public var accuracy: Double {
        let correct = (0..<classCount).reduce(0) { $0 + self[actual: $1, predicted: $1] }
        return Self.ratio(correct, total)
    }

    /// Examples of `classIndex` predicted as `classIndex`.
    public func truePositives(of classIndex: Int) -> Int { self[actual: classIndex, predicted: classIndex] }

    /// Examples of other classes predicted as `classIndex` (the rest of its column).
    public func falsePositives(of classIndex: Int) -> Int {
        (0..<classCount).reduce(0) { $0 + ($1 == classIndex ? 0 : self[actual: $1, predicted: classIndex]) }
    }

    /// Examples of `classIndex` predicted as another class (the rest of its row).
    public func falseNegatives(of classIndex: Int) -> Int {
        (0..<classCount).reduce(0) { $0 + ($1 == classIndex ? 0 : self[actual: classIndex, predicted: $1]) }
    }

    /// TP / (TP + FP), or 0 when the class is never predicted.
    public func precision(of classIndex: Int) -> Double {
        let truePositives = truePositives(of: classIndex)
        return Self.ratio(truePositives, truePositives + falsePositives(of: classIndex))
    }

    /// TP / (TP + FN), or 0 when the class never occurs.
    public func recall(of classIndex: Int) -> Double {
        let truePositives = truePositives(of: classIndex)
        return Self.ratio(truePositives, truePositives + falseNegatives(of: classIndex))
    }

    /// 2 · P · R / (P + R), or 0 when precision and recall are both 0.
    public func f1(of classIndex: Int) -> Double {
        let precision = precision(of: classIndex)
        let recall = recall(of: classIndex)
        return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
    }

    /// Precision, recall, F1 and support of one class.
    public func scores(of classIndex: Int) -> ClassScores {
        ClassScores(precision: precision(of: classIndex), recall: recall(of: classIndex), f1: f1(of: classIndex),
                    support: (0..<classCount).reduce(0) { $0 + self[actual: classIndex, predicted: $1] })
    }

    /// The mean precision over all classes.
    public var macroPrecision: Double { macroAverage(precision(of:)) }
    /// The mean recall over all classes.
    public var macroRecall: Double { macroAverage(recall(of:)) }
    /// The mean of the per-class F1 scores (not the F1 of the macro precision and recall).
    public var macroF1: Double { macroAverage(f1(of:)) }

    private func macroAverage(_ score: (Int) -> Double) -> Double {
        guard classCount > 0 else { return 0 }
        return (0..<classCount).reduce(0.0) { $0 + score($1) } / Double(classCount)
    }

    /// numerator / denominator, with 0/0 defined as 0.
    private static func ratio(_ numerator: Int, _ denominator: Int) -> Double {
        denominator == 0 ? 0 : Double(numerator) / Double(denominator)
    }
}
