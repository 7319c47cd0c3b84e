import Neural

/// How well the trained network does on one held-out set, in the metrics that fit the problem.
struct SetEvaluation: Equatable {
    /// The metrics of a classification or of a regression.
    enum Scores: Equatable {
        /// Counts of true (rows) against predicted (columns) classes, from which accuracy, precision,
        /// recall and F1 follow.
        case classification(ConfusionMatrix)
        /// Mean squared error, mean absolute error and R² of the predicted numbers.
        case regression(meanSquaredError: Double, meanAbsoluteError: Double, rSquared: Double)
    }

    /// `validation` or `test`.
    var name: String
    var count: Int
    /// The mean loss the network was trained to lower, on this set.
    var loss: Float
    var scores: Scores

    /// The predicted class of every row of `outputs`: a single output is a probability of class 1 (or a
    /// number thresholded at 0.5), several outputs are one score per class and the largest wins.
    static func predictedLabels(_ outputs: Matrix) -> [Int] {
        outputs.columns == 1 ? Metrics.binaryLabels(probabilities: outputs.elements) : OneHot.decode(outputs)
    }

    /// The scores of `network` on `set`, whose features are already scaled; `loss` is measured by the caller.
    static func scores(of network: Network, on set: Dataset) -> Scores {
        let outputs = network.predict(set.features)
        if set.problem.isClassification {
            return .classification(ConfusionMatrix(predicted: predictedLabels(outputs), actual: set.labels,
                                                   classCount: set.problem.classCount))
        }
        return .regression(meanSquaredError: Metrics.meanSquaredError(predicted: outputs, actual: set.targets),
                           meanAbsoluteError: Metrics.meanAbsoluteError(predicted: outputs, actual: set.targets),
                           rSquared: Metrics.rSquared(predicted: outputs, actual: set.targets))
    }

    /// The evaluation of the trainer's network on `set`, or `nil` when the set is empty.
    static func evaluate(_ set: Dataset, name: String, trainer: inout Trainer) -> SetEvaluation? {
        guard set.count > 0 else { return nil }
        let loss = trainer.evaluate(Examples(features: set.features, targets: set.targets)).loss
        return SetEvaluation(name: name, count: set.count, loss: loss, scores: scores(of: trainer.network, on: set))
    }
}
