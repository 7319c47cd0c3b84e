import Foundation

/// Points in the plane with a label or value each, collected by a generator and turned into a `Dataset`.
///
/// The generators follow TensorFlow's Neural Network Playground (`src/dataset.ts`): points lie in the
/// square [−6, 6] × [−6, 6] that the playground draws, and `noise` means what the playground's slider
/// means (0 to 0.5 there, 0 % to 50 %). Labels are 0/1 here where the playground uses −1/+1.
struct PointCloud {
    var features: [Float] = []
    var targets: [Float] = []
    var random: RandomSource

    /// Half the width of the square every generated point lies in.
    static let extent = 6.0

    init(seed: UInt64, expectedCount: Int) {
        random = RandomSource(seed: seed)
        features.reserveCapacity(expectedCount * 2)
        targets.reserveCapacity(expectedCount)
    }

    /// A number of examples that is never negative.
    static func usableCount(_ samples: Int) -> Int { max(samples, 0) }

    /// The noise level kept within [0, 1]; NaN counts as no noise. The playground's slider stops at 0.5.
    static func usableNoise(_ noise: Double) -> Double { noise.isNaN ? 0 : min(max(noise, 0), 1) }

    /// A number drawn uniformly from [low, high), like the playground's `randUniform`.
    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * Double(random.nextUnitFloat())
    }

    /// A number from the normal distribution, redrawn until it lies in [−6, 6] (a truncated normal),
    /// so that every point stays on the plotted square. After many misses it is clamped, which only
    /// happens when the spread dwarfs the square.
    mutating func normalInsideSquare(mean: Double, standardDeviation: Double) -> Double {
        var value = mean
        for _ in 0..<64 {
            value = mean + standardDeviation * Double(random.normal())
            if abs(value) <= Self.extent { return value }
        }
        return min(max(value, -Self.extent), Self.extent)
    }

    mutating func append(x: Double, y: Double, target: Double) {
        features.append(Float(x))
        features.append(Float(y))
        targets.append(Float(target))
    }

    /// The points as a dataset, in a shuffled order so that any prefix mixes the classes.
    mutating func dataset(name: String, problem: Problem, featureNames: [String] = ["x1", "x2"], classNames: [String] = []) -> Dataset {
        let columns = featureNames.count
        let count = targets.count
        var order = Array(0..<count)
        random.shuffle(&order)
        var shuffledFeatures = [Float](repeating: 0, count: count * columns)
        var shuffledTargets = [Float](repeating: 0, count: count)
        for (newRow, oldRow) in order.enumerated() {
            for column in 0..<columns {
                shuffledFeatures[newRow * columns + column] = features[oldRow * columns + column]
            }
            shuffledTargets[newRow] = targets[oldRow]
        }
        return Dataset(
            name: name,
            features: Matrix(rows: count, columns: columns, elements: shuffledFeatures),
            targets: Matrix(rows: count, columns: 1, elements: shuffledTargets),
            problem: problem, featureNames: featureNames, classNames: classNames)
    }
}
