import Foundation

/// Every dataset the tutor offers, looked up by a short lowercase name such as `spiral` or `iris`.
///
/// Generated datasets take a number of samples, a noise level and a seed; truth tables and the
/// shipped real datasets ignore all three.
public enum DatasetCatalog {
    /// Where a dataset comes from.
    public enum Origin: String, Sendable {
        /// Drawn at random from a formula, like the Neural Network Playground's shapes.
        case generated
        /// A logic gate's four rows.
        case truthTable
        /// Real measurements shipped with the program.
        case real
    }

    /// One dataset in the catalog.
    public struct Entry: Sendable, Equatable {
        /// The lookup name, lowercase.
        public let name: String
        /// One line describing the dataset to a learner.
        public let summary: String
        /// What the dataset asks a network to predict.
        public let problem: Problem
        /// Where the dataset comes from.
        public let origin: Origin
    }

    /// All entries, in the order a learner meets them.
    public static let entries: [Entry] = [
        Entry(name: "and", summary: "AND truth table: 4 rows, output 1 only when both inputs are 1", problem: .binaryClassification, origin: .truthTable),
        Entry(name: "or", summary: "OR truth table: 4 rows, output 1 when either input is 1", problem: .binaryClassification, origin: .truthTable),
        Entry(name: "nand", summary: "NAND truth table: 4 rows, output 0 only when both inputs are 1", problem: .binaryClassification, origin: .truthTable),
        Entry(name: "xor-table", summary: "XOR truth table: 4 rows, output 1 when the inputs differ; no single neuron can learn it", problem: .binaryClassification, origin: .truthTable),
        Entry(name: "gaussian", summary: "two round clouds of points, separable by a straight line", problem: .binaryClassification, origin: .generated),
        Entry(name: "circle", summary: "a disc of one class inside a ring of the other", problem: .binaryClassification, origin: .generated),
        Entry(name: "xor", summary: "four quadrants, the class given by whether x1 and x2 share a sign", problem: .binaryClassification, origin: .generated),
        Entry(name: "moons", summary: "two interleaving half circles", problem: .binaryClassification, origin: .generated),
        Entry(name: "spiral", summary: "two interleaved spiral arms, the hardest 2-D shape", problem: .binaryClassification, origin: .generated),
        Entry(name: "sine", summary: "regression of sin x on [-π, π] from one input", problem: .regression, origin: .generated),
        Entry(name: "plane", summary: "regression of a tilted plane, (x1 + x2) / 10", problem: .regression, origin: .generated),
        Entry(name: "multi-gaussian", summary: "regression of six alternating bumps in a 3 × 2 grid", problem: .regression, origin: .generated),
        Entry(name: "iris", summary: "150 iris flowers: 4 measurements in cm, 3 species", problem: .multiclassClassification(classCount: 3), origin: .real),
        Entry(name: "digits", summary: "1,797 handwritten digits as 8 × 8 images, 10 classes", problem: .multiclassClassification(classCount: 10), origin: .real),
    ]

    /// The lookup names of all entries.
    public static var names: [String] { entries.map(\.name) }

    /// The entry called `name` (case and surrounding spaces ignored), or an error listing the valid names.
    public static func entry(named name: String) throws(DatasetCatalogError) -> Entry {
        let key = normalized(name)
        guard let entry = entries.first(where: { $0.name == key }) else {
            throw .unknownName(name, validNames: names)
        }
        return entry
    }

    /// The dataset called `name`; generated ones are drawn with the given samples, noise and seed.
    ///
    /// Defaults match the playground's: 200 points (it draws 500 and trains on half) with no noise.
    public static func dataset(
        named name: String, samples: Int = 200, noise: Double = 0, seed: UInt64 = 1
    ) throws(DatasetCatalogError) -> Dataset {
        let entry = try entry(named: name)
        switch entry.name {
        case "and": return .truthTable(.and)
        case "or": return .truthTable(.or)
        case "nand": return .truthTable(.nand)
        case "xor-table": return .truthTable(.xor)
        case "gaussian": return .gaussian(samples: samples, noise: noise, seed: seed)
        case "circle": return .circle(samples: samples, noise: noise, seed: seed)
        case "xor": return .xor(samples: samples, noise: noise, seed: seed)
        case "moons": return .moons(samples: samples, noise: noise, seed: seed)
        case "spiral": return .spiral(samples: samples, noise: noise, seed: seed)
        case "sine": return .sine(samples: samples, noise: noise, seed: seed)
        case "plane": return .plane(samples: samples, noise: noise, seed: seed)
        case "multi-gaussian": return .multiGaussian(samples: samples, noise: noise, seed: seed)
        case "iris":
            do { return try .iris() } catch { throw .couldNotLoad(name: entry.name, reason: error) }
        case "digits":
            do { return try .digits() } catch { throw .couldNotLoad(name: entry.name, reason: error) }
        default:
            throw .unknownName(name, validNames: names)
        }
    }

    /// Lowercase without surrounding spaces; "multi gaussian" and "multi_gaussian" also find "multi-gaussian".
    private static func normalized(_ name: String) -> String {
        String(name.lowercased().drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
            .replacingOccurrences(of: "_", with: "-")
            .replacingOccurrences(of: " ", with: "-")
    }
}
