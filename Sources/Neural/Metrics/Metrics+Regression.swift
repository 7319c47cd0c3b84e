extension Metrics {
    /// Mean squared error, (1/n) Σ (ŷᵢ − yᵢ)²: the average squared miss. 0 for no examples.
    public static func meanSquaredError(predicted: [Float], actual: [Float]) -> Double {
        checkLengths(predicted, actual, "meanSquaredError")
        guard !actual.isEmpty else { return 0 }
        var sum = 0.0
        for (prediction, truth) in zip(predicted, actual) {
            let miss = Double(prediction) - Double(truth)
            sum += miss * miss
        }
        return sum / Double(actual.count)
    }

    /// Mean absolute error, (1/n) Σ |ŷᵢ − yᵢ|: the average miss, in the target's own units. 0 for no examples.
    public static func meanAbsoluteError(predicted: [Float], actual: [Float]) -> Double {
        checkLengths(predicted, actual, "meanAbsoluteError")
        guard !actual.isEmpty else { return 0 }
        var sum = 0.0
        for (prediction, truth) in zip(predicted, actual) { sum += abs(Double(prediction) - Double(truth)) }
        return sum / Double(actual.count)
    }

    /// The coefficient of determination, R² = 1 − Σ(yᵢ − ŷᵢ)² / Σ(yᵢ − ȳ)²: the share of the target's
    /// variance the predictions explain. 1 is perfect, 0 is no better than always predicting the mean
    /// ȳ, and worse predictions go negative.
    ///
    /// When every target is the same the denominator is 0; then, as in scikit-learn, R² is 1 if the
    /// predictions are exactly right and 0 otherwise. No examples also gives 0.
    public static func rSquared(predicted: [Float], actual: [Float]) -> Double {
        checkLengths(predicted, actual, "rSquared")
        guard !actual.isEmpty else { return 0 }
        let mean = actual.reduce(0.0) { $0 + Double($1) } / Double(actual.count)
        var residualSum = 0.0
        var totalSum = 0.0
        for (prediction, truth) in zip(predicted, actual) {
            let residual = Double(truth) - Double(prediction)
            let deviation = Double(truth) - mean
            residualSum += residual * residual
            totalSum += deviation * deviation
        }
        guard totalSum > 0 else { return residualSum == 0 ? 1 : 0 }
        return 1 - residualSum / totalSum
    }

    /// Mean squared error over all elements of two matrices of the same shape.
    public static func meanSquaredError(predicted: Matrix, actual: Matrix) -> Double {
        meanSquaredError(predicted: predicted.elements, actual: actual.elements)
    }

    /// Mean absolute error over all elements of two matrices of the same shape.
    public static func meanAbsoluteError(predicted: Matrix, actual: Matrix) -> Double {
        meanAbsoluteError(predicted: predicted.elements, actual: actual.elements)
    }

    /// R² over all elements of two single-column matrices (one prediction per row).
    public static func rSquared(predicted: Matrix, actual: Matrix) -> Double {
        rSquared(predicted: predicted.elements, actual: actual.elements)
    }

    private static func checkLengths(_ predicted: [Float], _ actual: [Float], _ metric: String) {
        precondition(predicted.count == actual.count, "\(metric): \(predicted.count) predictions for \(actual.count) targets")
    }
}
