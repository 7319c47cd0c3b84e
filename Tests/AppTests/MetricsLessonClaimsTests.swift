import Canvas
import Foundation
import Neural
import Testing
@testable import App

/// Every sentence of the metrics lesson that sends the learner to a widget, held by driving the widget as
/// the sentence says. Expected counts come from a plain count by hand over the same points, not from
/// `ConfusionMatrix` or `ROCCurve`.
@Suite("What the metrics lesson says of its widgets")
struct MetricsLessonClaimsTests {
    /// The page's widget: threshold 0.5, half the points positive.
    static func thresholdHost() -> WidgetHost {
        WidgetTesting.host("threshold", ["threshold": .number(0.5), "positives": .number(0.5)])
    }

    static func state(_ host: WidgetHost) throws -> ThresholdWidget {
        try #require(WidgetTesting.state(host, as: ThresholdWidget.self))
    }

    /// The points in play by hand: the same clouds, the score σ(0.6·x₁ + 0.6·x₂) written out, every
    /// negative and the first positives up to the share.
    static func reference(share: Double) -> (scores: [Double], labels: [Int]) {
        let data = Dataset.gaussian(samples: 1000, noise: 0.4, seed: 3)
        let negatives = data.labels.filter { $0 == 0 }.count
        var positivesLeft = Int((Double(negatives) * share / (1 - share)).rounded())
        var scores: [Double] = [], labels: [Int] = []
        for row in 0..<data.count {
            let label = data.labels[row]
            if label == 1 {
                if positivesLeft == 0 { continue }
                positivesLeft -= 1
            }
            let x1 = Double(data.features[row, 0]), x2 = Double(data.features[row, 1])
            let z: Double = 0.6 * x1 + 0.6 * x2
            scores.append(1 / (1 + exp(-z)))
            labels.append(label)
        }
        return (scores, labels)
    }

    /// TP, FN, FP, TN counted one example at a time.
    static func counts(_ points: (scores: [Double], labels: [Int]), threshold: Double) -> (tp: Int, fn: Int, fp: Int, tn: Int) {
        var tp = 0, fn = 0, fp = 0, tn = 0
        for (score, label) in zip(points.scores, points.labels) {
            let yes = score >= threshold - 1e-6
            switch (label == 1, yes) {
            case (true, true): tp += 1
            case (true, false): fn += 1
            case (false, true): fp += 1
            case (false, false): tn += 1
            }
        }
        return (tp, fn, fp, tn)
    }

    /// The AUC as the share of (positive, negative) pairs ranked right, ties counting a half.
    static func pairAUC(_ points: (scores: [Double], labels: [Int])) -> Double {
        let positives = zip(points.scores, points.labels).filter { $0.1 == 1 }.map(\.0)
        let negatives = zip(points.scores, points.labels).filter { $0.1 == 0 }.map(\.0)
        var right = 0.0
        for p in positives { for n in negatives { right += p > n ? 1 : (p == n ? 0.5 : 0) } }
        return right / Double(positives.count * negatives.count)
    }

    static func precision(_ c: (tp: Int, fn: Int, fp: Int, tn: Int)) -> Double { Double(c.tp) / Double(c.tp + c.fp) }
    static func recall(_ c: (tp: Int, fn: Int, fp: Int, tn: Int)) -> Double { Double(c.tp) / Double(c.tp + c.fn) }

    /// "It starts at τ = 0.5, where precision and recall are both about 0.94."
    @Test func theWidgetStartsAtTheExampleWithTheCountsOfAHandCount() throws {
        let widget = try Self.state(Self.thresholdHost())
        let hand = Self.counts(Self.reference(share: 0.5), threshold: 0.5)
        let matrix = widget.matrix
        #expect(widget.threshold == 0.5 && widget.positiveShare == 0.5)
        #expect(matrix[actual: 1, predicted: 1] == hand.tp && matrix[actual: 1, predicted: 0] == hand.fn)
        #expect(matrix[actual: 0, predicted: 1] == hand.fp && matrix[actual: 0, predicted: 0] == hand.tn)
        #expect(hand.tp + hand.fn == 500 && hand.fp + hand.tn == 500)
        #expect(abs(Self.precision(hand) - 0.94) < 0.01, "precision \(Self.precision(hand))")
        #expect(abs(Self.recall(hand) - 0.94) < 0.01, "recall \(Self.recall(hand))")
    }

    /// "→ raises the threshold in steps of 0.05: recall falls at every step and precision, with a wobble,
    /// climbs. At τ = 0.9 precision is above 0.99 and recall below 0.8."
    @Test func raisingTheThresholdTradesRecallForPrecision() throws {
        var host = Self.thresholdHost()
        let points = Self.reference(share: 0.5)
        var lastPrecision = 0.0, lastRecall = 1.0, firstPrecision = 0.0, falls = 0
        for step in 0...8 {
            let widget = try Self.state(host)
            let tau = 0.5 + 0.05 * Double(step)
            #expect(abs(Double(widget.threshold) - tau) < 1e-6)
            let hand = Self.counts(points, threshold: tau)
            #expect(widget.matrix.truePositives(of: 1) == hand.tp && widget.matrix.falsePositives(of: 1) == hand.fp)
            #expect(step == 0 || Self.recall(hand) < lastRecall, "recall falls at τ = \(tau)")
            if step == 0 { firstPrecision = Self.precision(hand) }
            if Self.precision(hand) < lastPrecision { falls += 1 }
            lastPrecision = Self.precision(hand)
            lastRecall = Self.recall(hand)
            host.press(.right)
        }
        #expect(lastPrecision > 0.99 && lastRecall < 0.8, "at 0.9: precision \(lastPrecision), recall \(lastRecall)")
        #expect(lastPrecision > firstPrecision && falls <= 2, "precision fell \(falls) times on the way")
    }

    /// "Press ← down to τ = 0: everything is called positive, recall is 1 and precision falls to 0.5."
    @Test func atThresholdZeroEverythingIsPositive() throws {
        var host = Self.thresholdHost()
        for _ in 0..<12 { host.press(.left) }
        let widget = try Self.state(host)
        #expect(widget.threshold == 0)
        #expect(widget.matrix.recall(of: 1) == 1)
        #expect(widget.matrix.precision(of: 1) == 0.5)
        #expect(widget.matrix[actual: 0, predicted: 0] == 0, "no example is called negative")
    }

    /// "The widget's classifier scores an AUC above 0.98. It does not change when you move τ."
    @Test func theAreaIsThePairRankingAndIgnoresTheThreshold() throws {
        var host = Self.thresholdHost()
        let expected = Self.pairAUC(Self.reference(share: 0.5))
        let auc = try #require(try Self.state(host).curve.areaUnderCurve)
        #expect(abs(auc - expected) < 1e-9)
        #expect(auc > 0.98)
        host.press(.right, .right, .right)
        #expect(try Self.state(host).curve.areaUnderCurve == auc)
        // The curve passes through the operating point of every threshold.
        let widget = try Self.state(host)
        let point = widget.operatingPoint
        let onCurve = widget.curve.points.contains { candidate in
            candidate.falsePositiveRate == point.falsePositiveRate && candidate.truePositiveRate == point.truePositiveRate
        }
        #expect(onCurve)
    }

    /// "↓ keeps fewer positive points: 30 %, 20 %, 10 %, 5 %, then 2 %. At 2 % there are 10 positives among 510
    /// points, and 'say no to all' reads 98.0 %. The neuron at τ = 0.5 scores less than that, and the widget says
    /// so. Yet it still finds 9 of the 10 positives, and its AUC hardly moves. What falls is precision."
    @Test func onRarePositivesAccuracyLies() throws {
        var host = Self.thresholdHost()
        let balanced = try Self.state(host)
        var shares: [Double] = []
        for _ in 0..<5 {
            host.press(.down)
            shares.append(try Self.state(host).positiveShare)
        }
        #expect(shares == [0.3, 0.2, 0.1, 0.05, 0.02])
        let rare = try Self.state(host)
        let points = Self.reference(share: 0.02)
        let hand = Self.counts(points, threshold: 0.5)
        #expect(points.labels.count == 510 && hand.tp + hand.fn == 10)
        #expect(hand.tp == 9, "finds \(hand.tp) of 10")
        let accuracy = Double(hand.tp + hand.tn) / 510
        #expect(accuracy < 500.0 / 510, "accuracy \(accuracy)")
        #expect(rare.accuracyLies && !balanced.accuracyLies)
        let rareAUC = try #require(rare.curve.areaUnderCurve), balancedAUC = try #require(balanced.curve.areaUnderCurve)
        #expect(abs(rareAUC - Self.pairAUC(points)) < 1e-9)
        #expect(abs(rareAUC - balancedAUC) < 0.02)
        #expect(Self.precision(hand) < Self.precision(Self.counts(Self.reference(share: 0.5), threshold: 0.5)) - 0.2)
        let lines = host.text(width: 96, available: 20)
        #expect(lines.contains { $0.contains("say no to all          98.0 %") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("Accuracy lies: saying no wins.") })
        #expect(lines.contains { $0.contains("positives 2 % (10 of 510)") })
        // At 80 columns every line of the panel fits whole.
        let narrow = host.text(width: 76, available: 17)
        #expect(narrow.contains { $0.contains("Accuracy lies: saying no wins.") }, "\(narrow.joined(separator: "\n"))")
        #expect(narrow.contains { $0.contains("positives 2 % (10 of 510)") })
    }

    /// The panel, line by line, against the hand count at the page's start.
    @Test func thePanelReadsTheHandCountLineByLine() throws {
        let host = Self.thresholdHost()
        let hand = Self.counts(Self.reference(share: 0.5), threshold: 0.5)
        let lines = host.text(width: 96, available: 20)
        func padded(_ value: Int) -> String { String(repeating: " ", count: 5 - String(value).count) + String(value) }
        let rows = lines.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(rows.contains { $0.contains("threshold 0.50 ") })
        #expect(rows.contains { $0.contains("positives 50 % (500 of 1000)") })
        #expect(lines.contains { $0.contains("actually yes  TP \(padded(hand.tp))   FN \(padded(hand.fn))") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("actually no   FP \(padded(hand.fp))   TN \(padded(hand.tn))") })
        let precision = String(format: "%.3f", Self.precision(hand)), recall = String(format: "%.3f", Self.recall(hand))
        #expect(lines.contains { $0.contains("precision  TP/(TP+FP)  " + precision) })
        #expect(lines.contains { $0.contains("recall     TP/(TP+FN)  " + recall) })
        #expect(lines.contains { $0.contains("AUC " + String(format: "%.3f", Self.pairAUC(Self.reference(share: 0.5)))) })
        #expect(!lines.contains { $0.contains("Accuracy lies") })
    }

    /// In ASCII the widget writes only ASCII, and without colour it still draws the curve and the panel.
    @Test func theWidgetReadsInASCIIAndWithoutColour() throws {
        let host = Self.thresholdHost()
        for width in [76, 116] {
            let ascii = host.text(width: width, available: 20, glyphs: .ascii, colors: .none)
            #expect(ascii.allSatisfy { $0.allSatisfy(\.isASCII) }, "\(ascii.joined(separator: "\n"))")
            #expect(ascii.contains { $0.contains("precision  TP/(TP+FP)") })
            #expect(ascii.contains { $0.contains("true-positive") || $0.contains("TPR") })
        }
    }
}
