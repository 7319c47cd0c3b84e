extension Dataset {
    /// Splits the examples into training, validation and test sets.
    ///
    /// The test set gets `round(count × testFraction)` examples and the validation set
    /// `round(count × validationFraction)`; the rest are for training. Fractions are clamped into [0, 1]
    /// (the validation fraction to what the test set leaves), so a fraction of 0 gives an empty set
    /// and nonsense such as a negative or NaN fraction counts as 0.
    ///
    /// With `shuffle` (the default) the split is random but fixed by `seed`, and for classification it
    /// is *stratified*: each class is spread over the three sets in the same proportions as the whole,
    /// so a small test set is not accidentally missing a class. Without `shuffle` the examples keep
    /// their order: the first ones train, the next validate and the last ones test — right for data
    /// ordered in time, where the future must not leak into training.
    public func split(
        validationFraction: Double,
        testFraction: Double,
        seed: UInt64,
        shuffle: Bool = true
    ) -> (train: Dataset, validation: Dataset, test: Dataset) {
        func clamped(_ fraction: Double, to upper: Double) -> Double {
            fraction.isNaN ? 0 : min(max(fraction, 0), upper)
        }
        let test = clamped(testFraction, to: 1)
        let validation = clamped(validationFraction, to: 1 - test)
        let testCount = min(count, Int((Double(count) * test).rounded()))
        let validationCount = min(count - testCount, Int((Double(count) * validation).rounded()))
        let trainCount = count - testCount - validationCount

        guard shuffle else {
            return (subset(Array(0..<trainCount)),
                    subset(Array(trainCount..<(trainCount + validationCount))),
                    subset(Array((trainCount + validationCount)..<count)))
        }

        var random = RandomSource(seed: seed)
        let order = stratifiedOrder(using: &random)
        var testIndices = Array(order[0..<testCount])
        var validationIndices = Array(order[testCount..<(testCount + validationCount)])
        var trainIndices = Array(order[(testCount + validationCount)...])
        random.shuffle(&trainIndices)
        random.shuffle(&validationIndices)
        random.shuffle(&testIndices)
        return (subset(trainIndices), subset(validationIndices), subset(testIndices))
    }

    /// All example indices in an order where every prefix holds the classes in about their overall
    /// proportions.
    ///
    /// Each class is shuffled on its own; the k-th of a class's n examples is given the position
    /// (k + ½) / n, and sorting every example by position interleaves the classes evenly. Taking the
    /// first m examples of this order then takes about m × n / count of each class.
    private func stratifiedOrder(using random: inout RandomSource) -> [Int] {
        var groups: [[Int]]
        if problem.isClassification {
            groups = [[Int]](repeating: [], count: problem.classCount)
            for (index, label) in labels.enumerated() { groups[min(label, groups.count - 1)].append(index) }
        } else {
            groups = [Array(0..<count)]
        }
        // Classes whose examples land on the same position are taken in a random order, so that no
        // class is always first when a set is too small to hold every class.
        var tieOrder = Array(0..<groups.count)
        random.shuffle(&tieOrder)
        var positioned: [(position: Double, tieRank: Int, index: Int)] = []
        positioned.reserveCapacity(count)
        for (groupNumber, var group) in groups.enumerated() {
            random.shuffle(&group)
            for (rank, index) in group.enumerated() {
                positioned.append(((Double(rank) + 0.5) / Double(group.count), tieOrder[groupNumber], index))
            }
        }
        positioned.sort { ($0.position, $0.tieRank) < ($1.position, $1.tieRank) }
        return positioned.map(\.index)
    }
}
