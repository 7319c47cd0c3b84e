import Neural

/// The `threshold` widget's state: a classifier's scores on two overlapping clouds of points, a
/// threshold the learner slides, and a control for how rare the positive class is.
///
/// An example is called positive when its score is at least the threshold τ. Counting the four
/// outcomes gives the confusion matrix, and from it
/// precision = TP / (TP + FP), recall = TP / (TP + FN), F1 = 2·P·R / (P + R) and accuracy
/// = (TP + TN) / all. The ROC curve plots the true-positive rate (recall) against the false-positive
/// rate FP / (FP + TN) for every threshold at once; τ picks one point on it. Every number comes from
/// the engine: the scores from a sigmoid neuron's forward pass, the counts from `ConfusionMatrix`, the
/// curve and its area from `ROCCurve`.
struct ThresholdWidget: InstantWidget, Equatable {
    /// The shares of positive examples `↑` and `↓` step through, from balanced to rare.
    static let positiveShares: [Double] = [0.5, 0.3, 0.2, 0.1, 0.05, 0.02]
    /// How far one arrow press moves the threshold.
    static let thresholdStep: Float = 0.05
    /// The classifier: one sigmoid neuron, score = σ(0.6·x₁ + 0.6·x₂), fixed so the page can name it.
    static let neuronWeights: [Double] = [0.6, 0.6, 0]
    /// The two clouds: 1,000 points, half around (2, 2) (the positives) and half around (−2, −2).
    static let sampleCount = 1000
    static let noise = 0.4
    static let seed: UInt64 = 3

    /// Every example's score and label (1 positive, 0 negative), before any positives are left out.
    let allScores: [Float]
    let allLabels: [Int]
    let initialThreshold: Float
    let initialShareIndex: Int
    private(set) var threshold: Float
    private(set) var shareIndex: Int
    /// The examples in play at this share of positives.
    private(set) var scores: [Float] = []
    private(set) var labels: [Int] = []
    private(set) var curve = ROCCurve(scores: [], labels: [])

    init(settings: WidgetSettings) {
        let data = Dataset.gaussian(samples: Self.sampleCount, noise: Self.noise, seed: Self.seed)
        let neuron = LessonNetwork.network(sizes: [2, 1], parameters: Self.neuronWeights, hidden: .identity, output: .sigmoid)
        let output = neuron?.predict(data.features)
        allScores = (0..<data.count).map { output?[$0, 0] ?? 0.5 }
        allLabels = data.labels
        initialThreshold = Self.snapped(Float(settings.number("threshold", default: 0.5)))
        let share = settings.number("positives", default: 0.5)
        initialShareIndex = Self.positiveShares.enumerated().min { abs($0.element - share) < abs($1.element - share) }?.offset ?? 0
        threshold = initialThreshold
        shareIndex = initialShareIndex
        selectExamples()
    }

    /// The share of positive examples in play.
    var positiveShare: Double { Self.positiveShares[shareIndex] }

    /// How many positives stay at `share`, every negative kept: n₊ = n₋ · s / (1 − s), rounded.
    static func positivesKept(negatives: Int, share: Double) -> Int {
        Int((Double(negatives) * share / (1 - share)).rounded())
    }

    /// Keeps every negative and the first positives, as many as the share asks for.
    private mutating func selectExamples() {
        let negatives = allLabels.filter { $0 != 1 }.count
        var positivesLeft = Self.positivesKept(negatives: negatives, share: positiveShare)
        scores = []
        labels = []
        for (score, label) in zip(allScores, allLabels) {
            if label == 1 {
                guard positivesLeft > 0 else { continue }
                positivesLeft -= 1
            }
            scores.append(score)
            labels.append(label)
        }
        curve = ROCCurve(scores: scores, labels: labels)
    }

    /// The counts at the current threshold: class 1 is "said yes" when the score is at least τ.
    var matrix: ConfusionMatrix {
        ConfusionMatrix(predicted: Metrics.binaryLabels(probabilities: scores, threshold: threshold), actual: labels, classCount: 2)
    }

    /// What accuracy the lazy rule "say no to everyone" scores: the share of negatives.
    var sayNoAccuracy: Double {
        ConfusionMatrix(predicted: Array(repeating: 0, count: labels.count), actual: labels, classCount: 2).accuracy
    }

    /// The ROC point of the current threshold: (false-positive rate, true-positive rate).
    var operatingPoint: (falsePositiveRate: Double, truePositiveRate: Double) {
        let counts = matrix
        let negatives = counts[actual: 0, predicted: 0] + counts[actual: 0, predicted: 1]
        let positives = counts[actual: 1, predicted: 0] + counts[actual: 1, predicted: 1]
        return (negatives == 0 ? 0 : Double(counts[actual: 0, predicted: 1]) / Double(negatives),
                positives == 0 ? 0 : Double(counts[actual: 1, predicted: 1]) / Double(positives))
    }

    /// Whether accuracy flatters the classifier: saying no to everyone scores at least as well.
    var accuracyLies: Bool { sayNoAccuracy >= matrix.accuracy }

    /// τ on the widget's grid of 0.05, kept inside [0, 1].
    static func snapped(_ value: Float) -> Float {
        min(1, max(0, (value / thresholdStep).rounded() * thresholdStep))
    }

    // MARK: Keys

    var title: String { "a threshold on a classifier's scores" }

    var keyHints: [KeyHint] { [KeyHint("←→", "threshold"), KeyHint("↑↓", "share of positives")] }

    var isAnimating: Bool { false }

    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .left: threshold = Self.snapped(threshold - Self.thresholdStep)
        case .right: threshold = Self.snapped(threshold + Self.thresholdStep)
        case .up:
            guard shareIndex > 0 else { return true }
            shareIndex -= 1
            selectExamples()
        case .down:
            guard shareIndex < Self.positiveShares.count - 1 else { return true }
            shareIndex += 1
            selectExamples()
        default: return false
        }
        return true
    }

    mutating func tick() {}

    mutating func reset() {
        threshold = initialThreshold
        shareIndex = initialShareIndex
        selectExamples()
    }

    static func == (lhs: ThresholdWidget, rhs: ThresholdWidget) -> Bool {
        lhs.threshold == rhs.threshold && lhs.shareIndex == rhs.shareIndex
    }
}
