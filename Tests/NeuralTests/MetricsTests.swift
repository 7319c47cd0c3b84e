import Testing
@testable import Neural

@Suite("Metrics")
struct MetricsTests {
    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) < tolerance }

    @Test func accuracyCountsMatches() {
        #expect(Metrics.accuracy(predicted: [0, 1, 1, 2], actual: [0, 1, 2, 2]) == 0.75)
        #expect(Metrics.accuracy(predicted: [], actual: []) == 0)
        #expect(Metrics.binaryLabels(probabilities: [0.2, 0.5, 0.9]) == [0, 1, 1])
    }

    @Test func confusionMatrixAndPerClassScoresByHand() {
        // actual:    0 0 1 1 2 2
        // predicted: 0 1 1 1 2 0
        let confusion = ConfusionMatrix(predicted: [0, 1, 1, 1, 2, 0], actual: [0, 0, 1, 1, 2, 2], classCount: 3)
        #expect(confusion.counts == [1, 1, 0,
                                     0, 2, 0,
                                     1, 0, 1])
        #expect(confusion[actual: 2, predicted: 0] == 1)
        #expect(confusion.total == 6 && close(confusion.accuracy, 4.0 / 6))
        // Class 0: TP 1, FP 1, FN 1. Class 1: TP 2, FP 1, FN 0. Class 2: TP 1, FP 0, FN 1.
        #expect(close(confusion.precision(of: 0), 0.5) && close(confusion.recall(of: 0), 0.5) && close(confusion.f1(of: 0), 0.5))
        #expect(close(confusion.precision(of: 1), 2.0 / 3) && close(confusion.recall(of: 1), 1) && close(confusion.f1(of: 1), 0.8))
        #expect(close(confusion.precision(of: 2), 1) && close(confusion.recall(of: 2), 0.5) && close(confusion.f1(of: 2), 2.0 / 3))
        #expect(close(confusion.macroPrecision, (0.5 + 2.0 / 3 + 1) / 3))
        #expect(close(confusion.macroRecall, 2.0 / 3))
        #expect(close(confusion.macroF1, (0.5 + 0.8 + 2.0 / 3) / 3))
        #expect(confusion.scores(of: 1).support == 2)
    }

    @Test func zeroOverZeroIsZero() {
        // Class 2 never occurs and is never predicted; class 1 occurs but is never predicted.
        let confusion = ConfusionMatrix(predicted: [0, 0, 0], actual: [0, 1, 0], classCount: 3)
        #expect(confusion.precision(of: 2) == 0 && confusion.recall(of: 2) == 0 && confusion.f1(of: 2) == 0)
        #expect(confusion.precision(of: 1) == 0 && confusion.recall(of: 1) == 0)
        #expect(close(confusion.precision(of: 0), 2.0 / 3) && confusion.recall(of: 0) == 1)
        #expect(close(confusion.macroRecall, 1.0 / 3))
        #expect(ConfusionMatrix(predicted: [], actual: [], classCount: 2).accuracy == 0)
    }

    @Test func rocCurveByHand() throws {
        // Positives score 0.9, 0.8, 0.6; negatives 0.7, 0.55, 0.4.
        let curve = ROCCurve(scores: [0.9, 0.8, 0.7, 0.6, 0.55, 0.4], labels: [1, 1, 0, 1, 0, 0])
        let rates = curve.points.map { [$0.falsePositiveRate, $0.truePositiveRate] }
        let third = 1.0 / 3, twoThirds = 2.0 / 3
        let expected: [[Double]] = [[0, 0], [0, third], [0, twoThirds], [third, twoThirds], [third, 1], [twoThirds, 1], [1, 1]]
        #expect(rates.count == expected.count)
        #expect(zip(rates, expected).allSatisfy { close($0[0], $1[0]) && close($0[1], $1[1]) })
        #expect(curve.points[0].threshold == .infinity && curve.points[3].threshold == 0.7)
        // Of the 9 positive–negative pairs, the positive scores higher in 3 + 3 + 2 = 8.
        #expect(close(try #require(curve.areaUnderCurve), 8.0 / 9))
    }

    @Test func tiedScoresCountHalf() throws {
        // The positive and negative at 0.5 are tied: pairs won 2 + 1 + ½ of 4 → 0.875.
        let curve = ROCCurve(scores: [0.8, 0.5, 0.5, 0.2], labels: [1, 1, 0, 0])
        #expect(curve.points.count == 4)  // one point per distinct score plus the start
        #expect(close(try #require(curve.areaUnderCurve), 0.875))
        #expect(Metrics.areaUnderROC(scores: [0.3, 0.3, 0.3, 0.3], labels: [1, 0, 1, 0]) == 0.5)
        #expect(Metrics.areaUnderROC(scores: [0.1, 0.9], labels: [1, 0]) == 0)
    }

    @Test func areaMatchesCountingPairs() throws {
        var random = RandomSource(seed: 5)
        for _ in 0..<20 {
            // Scores on a coarse grid so ties are common.
            let count = 5 + random.nextIndex(below: 40)
            let scores = (0..<count).map { _ in Float(random.nextIndex(below: 6)) / 5 }
            let labels = (0..<count).map { _ in random.nextIndex(below: 2) }
            guard labels.contains(0) && labels.contains(1) else { continue }
            var wins = 0.0
            var pairs = 0.0
            for i in 0..<count where labels[i] == 1 {
                for j in 0..<count where labels[j] == 0 {
                    pairs += 1
                    wins += scores[i] > scores[j] ? 1 : (scores[i] == scores[j] ? 0.5 : 0)
                }
            }
            #expect(close(try #require(Metrics.areaUnderROC(scores: scores, labels: labels)), wins / pairs, 1e-12))
        }
    }

    @Test func areaIsUndefinedWithOneClass() {
        #expect(Metrics.areaUnderROC(scores: [0.1, 0.4], labels: [0, 0]) == nil)
        #expect(Metrics.areaUnderROC(scores: [0.1, 0.4], labels: [1, 1]) == nil)
        let curve = ROCCurve(scores: [0.1, 0.4], labels: [0, 0])
        #expect(curve.points.allSatisfy { $0.truePositiveRate == 0 })
    }

    @Test func regressionErrorsByHand() {
        let predicted: [Float] = [2.5, 0, 2, 8]
        let actual: [Float] = [3, -0.5, 2, 7]
        // Misses −0.5, 0.5, 0, 1.
        #expect(close(Metrics.meanSquaredError(predicted: predicted, actual: actual), (0.25 + 0.25 + 0 + 1) / 4))
        #expect(close(Metrics.meanAbsoluteError(predicted: predicted, actual: actual), 0.5))
        // Mean of actual 2.875; total sum of squares 29.1875; residual sum 1.5.
        #expect(close(Metrics.rSquared(predicted: predicted, actual: actual), 1 - 1.5 / 29.1875))
        #expect(close(Metrics.meanSquaredError(predicted: Matrix([[2.5], [0]]), actual: Matrix([[3], [-0.5]])), 0.25))
        #expect(Metrics.rSquared(predicted: [2.875, 2.875, 2.875, 2.875], actual: actual) == 0)
    }

    @Test func rSquaredWithAConstantTarget() {
        #expect(Metrics.rSquared(predicted: [2, 2, 2], actual: [2, 2, 2]) == 1)
        #expect(Metrics.rSquared(predicted: [2, 2, 3], actual: [2, 2, 2]) == 0)
        #expect(Metrics.rSquared(predicted: [], actual: []) == 0)
        #expect(Metrics.meanSquaredError(predicted: [], actual: []) == 0)
    }
}
