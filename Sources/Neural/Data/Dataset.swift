/// A table of examples: the inputs a network sees (`features`) and the answers it should give (`targets`).
///
/// Row `i` of `features` and row `i` of `targets` belong to the same example. For regression the target
/// is the value itself; for binary classification it is 0 or 1; for multiclass classification it is a
/// one-hot row (1 in the column of the true class, 0 elsewhere), which is what softmax cross-entropy
/// compares its probabilities against.
public struct Dataset: Sendable {
    /// A short name shown to the learner, such as `circle` or `iris`.
    public var name: String
    /// The inputs, one example per row.
    public var features: Matrix
    /// The answers, one row per example: one column, or `classCount` one-hot columns for multiclass.
    public var targets: Matrix
    /// What is predicted: a value, a yes/no label or one of several classes.
    public var problem: Problem
    /// One name per feature column.
    public var featureNames: [String]
    /// One name per class; empty for regression.
    public var classNames: [String]

    /// Makes a dataset from matrices whose rows line up.
    ///
    /// The shapes must agree (same number of rows; as many target columns as `problem.targetColumns`); a
    /// mismatch is a mistake in the calling code, not in a user's file, so it stops the program with a
    /// message. Missing names are filled in as `x1, x2, …` and `class 0, class 1, …`.
    public init(
        name: String,
        features: Matrix,
        targets: Matrix,
        problem: Problem,
        featureNames: [String] = [],
        classNames: [String] = []
    ) {
        precondition(features.rows == targets.rows,
                     "dataset \(name): \(features.rows) rows of features but \(targets.rows) rows of targets")
        precondition(targets.columns == problem.targetColumns,
                     "dataset \(name): \(problem) needs \(problem.targetColumns) target columns, got \(targets.columns)")
        self.name = name
        self.features = features
        self.targets = targets
        self.problem = problem
        self.featureNames = featureNames.count == features.columns
            ? featureNames : (0..<features.columns).map { "x\($0 + 1)" }
        self.classNames = classNames.count == problem.classCount
            ? classNames : (0..<problem.classCount).map { "class \($0)" }
    }

    /// Makes a classification dataset from a class index per example.
    ///
    /// Two classes give a binary dataset with one 0/1 target column; more give one-hot targets.
    /// Every label must lie in `0..<classCount`.
    public static func classification(
        name: String,
        features: Matrix,
        labels: [Int],
        classCount: Int,
        featureNames: [String] = [],
        classNames: [String] = []
    ) -> Dataset {
        precondition(classCount >= 2, "a classification needs at least two classes, got \(classCount)")
        precondition(labels.allSatisfy { (0..<classCount).contains($0) }, "dataset \(name): a label lies outside 0..<\(classCount)")
        if classCount == 2 {
            let targets = Matrix(rows: labels.count, columns: 1, elements: labels.map { Float($0) })
            return Dataset(name: name, features: features, targets: targets, problem: .binaryClassification,
                           featureNames: featureNames, classNames: classNames)
        }
        return Dataset(name: name, features: features, targets: OneHot.encode(labels, classCount: classCount),
                       problem: .multiclassClassification(classCount: classCount),
                       featureNames: featureNames, classNames: classNames)
    }

    /// The number of examples.
    public var count: Int { features.rows }

    /// The class index of every example: the 0/1 label for binary classification, the column of the
    /// largest target for multiclass; empty for regression.
    public var labels: [Int] {
        switch problem {
        case .regression:
            return []
        case .binaryClassification:
            return (0..<count).map { targets[$0, 0] >= 0.5 ? 1 : 0 }
        case .multiclassClassification:
            return OneHot.decode(targets)
        }
    }

    /// How many examples each class has, indexed by class; empty for regression.
    public var classCounts: [Int] {
        guard problem.isClassification else { return [] }
        var counts = [Int](repeating: 0, count: problem.classCount)
        for label in labels where label < counts.count { counts[label] += 1 }
        return counts
    }

    /// The examples at `indices`, in that order (an index may repeat, as in a bootstrap sample).
    public func subset(_ indices: [Int]) -> Dataset {
        var pickedFeatures = Matrix(rows: indices.count, columns: features.columns)
        var pickedTargets = Matrix(rows: indices.count, columns: targets.columns)
        for (newRow, oldRow) in indices.enumerated() {
            precondition(oldRow >= 0 && oldRow < count, "dataset \(name): example \(oldRow) outside 0..<\(count)")
            for column in 0..<features.columns {
                pickedFeatures.storage[newRow * features.columns + column] = features.storage[oldRow * features.columns + column]
            }
            for column in 0..<targets.columns {
                pickedTargets.storage[newRow * targets.columns + column] = targets.storage[oldRow * targets.columns + column]
            }
        }
        return Dataset(name: name, features: pickedFeatures, targets: pickedTargets, problem: problem,
                       featureNames: featureNames, classNames: classNames)
    }
}

extension Dataset: Equatable {
    /// Two datasets are equal when their names, problem, column names and numbers are all equal.
    public static func == (lhs: Dataset, rhs: Dataset) -> Bool {
        lhs.name == rhs.name && lhs.problem == rhs.problem && lhs.featureNames == rhs.featureNames
            && lhs.classNames == rhs.classNames && lhs.features == rhs.features && lhs.targets == rhs.targets
    }
}
