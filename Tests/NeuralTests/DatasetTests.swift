import Testing
@testable import Neural

@Suite("Dataset, subsets and splits")
struct DatasetTests {
    /// A classification dataset whose single feature is the example's own index, so every example can
    /// be traced through a split.
    static func traceable(labels: [Int], classCount: Int) -> Dataset {
        Dataset.classification(
            name: "traceable",
            features: Matrix(rows: labels.count, columns: 1, elements: labels.indices.map { Float($0) }),
            labels: labels, classCount: classCount)
    }

    static func ids(_ dataset: Dataset) -> [Int] { dataset.features.elements.map { Int($0) } }

    @Test func labelsComeFromBinaryTargetsAndOneHotRows() {
        let binary = Dataset(name: "b", features: Matrix(rows: 3, columns: 1), targets: Matrix([[0], [1], [1]]),
                             problem: .binaryClassification)
        #expect(binary.labels == [0, 1, 1])
        #expect(binary.classCounts == [1, 2])
        let multiclass = Dataset(name: "m", features: Matrix(rows: 2, columns: 1),
                                 targets: Matrix([[0, 0, 1], [0, 1, 0]]), problem: .multiclassClassification(classCount: 3))
        #expect(multiclass.labels == [2, 1])
        let regression = Dataset(name: "r", features: Matrix(rows: 2, columns: 1), targets: Matrix([[0.3], [2]]), problem: .regression)
        #expect(regression.labels.isEmpty)
        #expect(regression.classNames.isEmpty)
    }

    @Test func missingNamesAreFilledIn() {
        let dataset = Dataset.classification(name: "d", features: Matrix(rows: 1, columns: 2), labels: [2], classCount: 3)
        #expect(dataset.featureNames == ["x1", "x2"])
        #expect(dataset.classNames == ["class 0", "class 1", "class 2"])
        #expect(dataset.targets == Matrix([[0, 0, 1]]))
        #expect(dataset.problem == .multiclassClassification(classCount: 3))
    }

    @Test func subsetKeepsTheGivenOrderAndAllowsRepeats() {
        let dataset = Self.traceable(labels: [0, 1, 2, 0], classCount: 3)
        let picked = dataset.subset([3, 1, 1])
        #expect(Self.ids(picked) == [3, 1, 1])
        #expect(picked.labels == [0, 1, 1])
        #expect(picked.problem == dataset.problem)
        #expect(dataset.subset([]).count == 0)
    }

    @Test func splitSizesFollowTheFractionsAndCoverEveryExampleOnce() {
        let dataset = Self.traceable(labels: (0..<100).map { $0 % 2 }, classCount: 2)
        let (train, validation, test) = dataset.split(validationFraction: 0.2, testFraction: 0.1, seed: 7)
        #expect(train.count == 70)
        #expect(validation.count == 20)
        #expect(test.count == 10)
        let all = Self.ids(train) + Self.ids(validation) + Self.ids(test)
        #expect(all.sorted() == Array(0..<100))
    }

    @Test func splitIsStratifiedByClass() {
        // 60 / 30 / 10 examples of classes 0, 1, 2, in blocks.
        let labels = [Int](repeating: 0, count: 60) + [Int](repeating: 1, count: 30) + [Int](repeating: 2, count: 10)
        let dataset = Self.traceable(labels: labels, classCount: 3)
        for seed: UInt64 in [1, 2, 3] {
            let (train, validation, test) = dataset.split(validationFraction: 0.2, testFraction: 0.1, seed: seed)
            #expect(test.classCounts == [6, 3, 1])
            #expect(validation.classCounts == [12, 6, 2])
            #expect(train.classCounts == [42, 21, 7])
        }
    }

    @Test func splitIsFixedBySeedAndChangesWithIt() {
        let dataset = Self.traceable(labels: (0..<50).map { $0 % 3 }, classCount: 3)
        let first = dataset.split(validationFraction: 0.2, testFraction: 0.2, seed: 11)
        let again = dataset.split(validationFraction: 0.2, testFraction: 0.2, seed: 11)
        let other = dataset.split(validationFraction: 0.2, testFraction: 0.2, seed: 12)
        #expect(first.train == again.train && first.validation == again.validation && first.test == again.test)
        #expect(Self.ids(first.test) != Self.ids(other.test))
    }

    @Test func splitWithoutShufflingKeepsFileOrder() {
        let dataset = Self.traceable(labels: (0..<10).map { $0 % 2 }, classCount: 2)
        let (train, validation, test) = dataset.split(validationFraction: 0.2, testFraction: 0.3, seed: 0, shuffle: false)
        #expect(Self.ids(train) == [0, 1, 2, 3, 4])
        #expect(Self.ids(validation) == [5, 6])
        #expect(Self.ids(test) == [7, 8, 9])
    }

    @Test func zeroAndNonsenseFractionsGiveEmptyOrClampedSets() {
        let dataset = Self.traceable(labels: (0..<10).map { $0 % 2 }, classCount: 2)
        let none = dataset.split(validationFraction: 0, testFraction: 0, seed: 1)
        #expect(none.train.count == 10 && none.validation.count == 0 && none.test.count == 0)
        let nonsense = dataset.split(validationFraction: .nan, testFraction: -3, seed: 1)
        #expect(nonsense.train.count == 10)
        let greedy = dataset.split(validationFraction: 0.9, testFraction: 1.5, seed: 1)
        #expect(greedy.test.count == 10 && greedy.validation.count == 0 && greedy.train.count == 0)
        let empty = dataset.subset([]).split(validationFraction: 0.5, testFraction: 0.5, seed: 1)
        #expect(empty.train.count == 0 && empty.validation.count == 0 && empty.test.count == 0)
    }

    @Test func regressionSplitsToo() {
        let dataset = Dataset.sine(samples: 40, noise: 0, seed: 3)
        let (train, validation, test) = dataset.split(validationFraction: 0.25, testFraction: 0.25, seed: 3)
        #expect([train.count, validation.count, test.count] == [20, 10, 10])
        let inputs = (train.features.elements + validation.features.elements + test.features.elements).sorted()
        #expect(inputs == dataset.features.elements.sorted())
    }
}
