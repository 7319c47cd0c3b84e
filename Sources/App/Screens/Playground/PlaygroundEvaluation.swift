import Neural

/// How the network does right now on the training and test sets: measured afresh each frame, so the
/// numbers move with every batch rather than once an epoch.
struct PlaygroundEvaluation {
    var trainingLoss: Float
    var testLoss: Float?
    /// Fractions right, for classification.
    var trainingAccuracy: Float?
    var testAccuracy: Float?
    /// R² of the test set, for regression.
    var testRSquared: Double?
    /// The test set's predicted and true classes (classification), for the confusion matrix.
    var testPredicted: [Int]
    var testActual: [Int]

    init(network: Network, data: PlaygroundData, loss: Loss) {
        let training = Self.measure(network, data.training, loss: loss)
        trainingLoss = training.loss
        trainingAccuracy = training.accuracy
        testPredicted = []
        testActual = []
        if data.test.count > 0 {
            let test = Self.measure(network, data.test, loss: loss)
            testLoss = test.loss
            testAccuracy = test.accuracy
            testPredicted = test.predicted
            testActual = data.test.labels
            if data.problem == .regression {
                testRSquared = Metrics.rSquared(predicted: test.output, actual: data.test.targets)
            }
        }
    }

    static func measure(_ network: Network, _ set: Dataset, loss: Loss)
        -> (loss: Float, accuracy: Float?, predicted: [Int], output: Matrix) {
        let output = network.predict(set.features)
        let value = loss.value(output: output, targets: set.targets)
        guard set.problem.isClassification else { return (value, nil, [], output) }
        let predicted: [Int]
        if output.columns == 1 {
            predicted = (0..<output.rows).map { output[$0, 0] >= 0.5 ? 1 : 0 }
        } else {
            predicted = (0..<output.rows).map { OneHot.argmax(of: output, row: $0) }
        }
        let actual = set.labels
        let right = zip(predicted, actual).filter { $0 == $1 }.count
        return (value, Float(right) / Float(max(actual.count, 1)), predicted, output)
    }
}
