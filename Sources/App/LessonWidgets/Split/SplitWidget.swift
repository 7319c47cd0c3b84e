import Neural

/// The `split` widget's state: a dataset with a rare class, split again and again into training and test
/// sets, at random and stratified, counting each time how many of the rare examples the test set got.
///
/// A random split shuffles every example together and cuts; a stratified one shuffles each class on its
/// own and cuts each in the same proportion, so the test set holds the rare class in the share the whole
/// dataset does. Both splits are the engine's (`Dataset.split`), fixed by their seed.
struct SplitWidget: InstantWidget, Equatable {
    /// The most splits remembered per kind.
    static let historyLimit = 30

    let exampleCount: Int
    let rareCount: Int
    let testFraction: Double
    let data: Dataset
    /// The seed of the next split.
    private(set) var seed: UInt64 = 1
    /// How many rare examples each test set held, one entry per split so far.
    private(set) var randomCounts: [Int] = []
    private(set) var stratifiedCounts: [Int] = []

    init(settings: WidgetSettings) {
        exampleCount = settings.integer("examples", default: 200)
        rareCount = min(exampleCount - 1, settings.integer("rare", default: 20))
        testFraction = settings.number("testFraction", default: 0.2)
        let labels = Array(repeating: 1, count: rareCount) + Array(repeating: 0, count: exampleCount - rareCount)
        let features = Matrix(rows: exampleCount, columns: 1, elements: (0..<exampleCount).map(Float.init))
        data = Dataset.classification(name: "patients", features: features, labels: labels, classCount: 2,
                                      classNames: ["healthy", "sick"])
        drawSplit()
    }

    /// The test set's size.
    var testCount: Int { Int((Double(exampleCount) * testFraction).rounded()) }

    /// The rare examples a test set of this size holds in proportion: rare × fraction.
    var proportionalCount: Double { Double(rareCount) * testFraction }

    /// The rare examples in the test set of a random split: every example shuffled together, then cut.
    static func randomSplitRareCount(_ data: Dataset, testFraction: Double, seed: UInt64) -> Int {
        var random = RandomSource(seed: seed)
        var order = Array(0..<data.count)
        random.shuffle(&order)
        return data.subset(order).split(validationFraction: 0, testFraction: testFraction, seed: seed, shuffle: false).test.labels
            .filter { $0 == 1 }.count
    }

    /// The rare examples in the test set of a stratified split.
    static func stratifiedSplitRareCount(_ data: Dataset, testFraction: Double, seed: UInt64) -> Int {
        data.split(validationFraction: 0, testFraction: testFraction, seed: seed).test.labels.filter { $0 == 1 }.count
    }

    /// Splits once more both ways with the next seed.
    mutating func drawSplit() {
        randomCounts.append(Self.randomSplitRareCount(data, testFraction: testFraction, seed: seed))
        stratifiedCounts.append(Self.stratifiedSplitRareCount(data, testFraction: testFraction, seed: seed))
        if randomCounts.count > Self.historyLimit {
            randomCounts.removeFirst()
            stratifiedCounts.removeFirst()
        }
        seed += 1
    }

    // MARK: Keys

    var title: String { "splitting \(exampleCount) examples, \(rareCount) of them rare" }

    var keyHints: [KeyHint] { [KeyHint("Enter", "split again"), KeyHint("Space", "ten more")] }

    var isAnimating: Bool { false }

    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .enter: drawSplit()
        case .character(" "): for _ in 0..<10 { drawSplit() }
        default: return false
        }
        return true
    }

    mutating func tick() {}

    mutating func reset() {
        seed = 1
        randomCounts = []
        stratifiedCounts = []
        drawSplit()
    }

    static func == (lhs: SplitWidget, rhs: SplitWidget) -> Bool {
        lhs.seed == rhs.seed && lhs.randomCounts == rhs.randomCounts && lhs.stratifiedCounts == rhs.stratifiedCounts
            && lhs.exampleCount == rhs.exampleCount && lhs.rareCount == rhs.rareCount && lhs.testFraction == rhs.testFraction
    }
}
