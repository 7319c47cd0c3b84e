/// The receiver operating characteristic of a binary classifier's scores: how the true-positive rate
/// and false-positive rate trade off as the decision threshold slides from strict to lenient.
///
/// For a threshold τ every example with score ≥ τ is called positive. Then
/// TPR = TP / (all positives) and FPR = FP / (all negatives). The curve starts at (0, 0) (threshold
/// +∞, nothing called positive) and adds one point per distinct score, from the highest down, ending
/// at (1, 1). Examples with *tied* scores cross the threshold together, so ties give one diagonal
/// step rather than an arbitrary staircase — which is what gives a tie half credit in the area.
///
/// The area under the curve (AUC) is the probability that a randomly chosen positive scores higher
/// than a randomly chosen negative (ties count ½): 1 is a perfect ranking, 0.5 is guessing. It is
/// computed with the trapezoid rule, which is exact for this piecewise-linear curve.
public struct ROCCurve: Sendable, Equatable {
    /// One threshold's rates.
    public struct Point: Sendable, Equatable {
        public let falsePositiveRate: Double
        public let truePositiveRate: Double
        /// Examples scoring at least this are called positive (+∞ for the first point).
        public let threshold: Float
    }

    /// The points from (0, 0) to (1, 1), one per distinct score plus the start.
    public let points: [Point]
    /// The number of examples with label 1.
    public let positiveCount: Int
    /// The number of examples with any other label.
    public let negativeCount: Int

    /// Builds the curve from a score per example (higher meaning "more likely positive") and labels
    /// where 1 is positive and anything else negative. A NaN score counts as the lowest possible.
    /// When there are no positives (or no negatives) that rate is 0/0, defined here as 0.
    public init(scores: [Float], labels: [Int]) {
        precondition(scores.count == labels.count, "ROC curve: \(scores.count) scores for \(labels.count) labels")
        let cleanedScores = scores.map { $0.isNaN ? -Float.infinity : $0 }
        let order = cleanedScores.indices.sorted { cleanedScores[$0] > cleanedScores[$1] }
        let positives = labels.filter { $0 == 1 }.count
        let negatives = labels.count - positives
        func rate(_ count: Int, of total: Int) -> Double { total == 0 ? 0 : Double(count) / Double(total) }

        var points = [Point(falsePositiveRate: 0, truePositiveRate: 0, threshold: .infinity)]
        var truePositives = 0
        var falsePositives = 0
        var position = 0
        while position < order.count {
            let threshold = cleanedScores[order[position]]
            // Every example sharing this score crosses the threshold at once.
            while position < order.count && cleanedScores[order[position]] == threshold {
                if labels[order[position]] == 1 { truePositives += 1 } else { falsePositives += 1 }
                position += 1
            }
            points.append(Point(falsePositiveRate: rate(falsePositives, of: negatives),
                                truePositiveRate: rate(truePositives, of: positives), threshold: threshold))
        }
        self.points = points
        self.positiveCount = positives
        self.negativeCount = negatives
    }

    /// The area under the curve, or `nil` when there are no positives or no negatives (the rates are
    /// then undefined and no ranking can be judged).
    public var areaUnderCurve: Double? {
        guard positiveCount > 0 && negativeCount > 0 else { return nil }
        var area = 0.0
        for (left, right) in zip(points, points.dropFirst()) {
            area += (right.falsePositiveRate - left.falsePositiveRate) * (left.truePositiveRate + right.truePositiveRate) / 2
        }
        return area
    }
}
