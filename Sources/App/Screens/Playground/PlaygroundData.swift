import Neural

/// The examples of a playground run: drawn (or loaded), split into training and test sets, turned into
/// the chosen inputs and scaled.
///
/// The raw points are kept beside the network's inputs, so the decision map can place them on the
/// plane and turn any point of the plane into the same inputs (`inputs(atPlanePoints:)`).
public struct PlaygroundData: Equatable, Sendable {
    /// The dataset's name, such as `spiral` or `houses`.
    public var name: String
    public var problem: Problem
    /// Raw coordinates before the input features: the points shown on the map.
    public var rawTraining: Dataset
    public var rawTest: Dataset
    /// What the network sees: the input features, scaled.
    public var training: Dataset
    public var test: Dataset
    /// The features made from raw coordinates (empty when the data has more than two columns and feeds them all).
    public var inputs: [InputFeature]
    public var scaler: Scaler?
    /// The region of the plane the map shows (for data of one or two raw columns).
    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>

    /// How many raw columns the data has: 1 (sine), 2 (the plane datasets) or more (iris, digits, most CSV files).
    public var rawDimensions: Int { rawTraining.features.columns }
    /// Whether the data lies in a plane (or on a line), so maps of the plane can be drawn.
    public var isPlanar: Bool { rawDimensions <= 2 }
    public var featureNames: [String] { training.featureNames }
    public var classNames: [String] { training.classNames }

    /// Draws or takes the data, then splits, transforms and scales it as `configuration` says.
    ///
    /// `file` is the loaded CSV when the configuration names one; without it a CSV configuration fails.
    public static func make(_ configuration: PlaygroundConfiguration, file: Dataset? = nil) throws(PlaygroundDataError) -> PlaygroundData {
        let raw: Dataset
        if configuration.dataset == PlaygroundConfiguration.csvDataset {
            guard let file else { throw .missingFile(configuration.dataFile ?? "the CSV file") }
            raw = file
        } else {
            do {
                raw = try DatasetCatalog.dataset(named: configuration.dataset, samples: configuration.points,
                                                 noise: configuration.noise, seed: configuration.seed)
            } catch {
                throw .unavailable(error.description)
            }
        }
        let testFraction = 1 - Double(configuration.trainPercent) / 100
        let sets = raw.split(validationFraction: 0, testFraction: testFraction, seed: configuration.seed)
        guard sets.train.count > 0 else { throw .tooFewExamples(name: raw.name, count: raw.count) }

        let planar = raw.features.columns <= 2
        let available = InputFeature.available(dimensions: raw.features.columns)
        var inputs = planar ? configuration.inputs.filter(available.contains) : []
        // Inputs chosen for data of another shape may all be missing here: fall back to the coordinates.
        if planar && inputs.isEmpty { inputs = Array(available.prefix(raw.features.columns)) }
        func transformed(_ set: Dataset) -> Dataset {
            guard planar else { return set }
            var copy = set
            copy.features = Self.features(inputs, of: set.features)
            copy.featureNames = inputs.map(\.label)
            return copy
        }
        var training = transformed(sets.train), test = transformed(sets.test)
        var scaler: Scaler?
        switch configuration.normalization {
        case .none: scaler = nil
        case .standard: scaler = Scaler.fit(.standardization, to: training.features)
        case .minmax: scaler = Scaler.fit(.minMax, to: training.features)
        }
        if let scaler {
            // The scaler was fitted to these very columns, so applying it cannot fail.
            training = (try? scaler.apply(training)) ?? training
            test = (try? scaler.apply(test)) ?? test
        }
        let ranges = Self.planeRanges(raw, generated: configuration.dataset != PlaygroundConfiguration.csvDataset)
        return PlaygroundData(name: raw.name, problem: raw.problem, rawTraining: sets.train, rawTest: sets.test,
                              training: training, test: test, inputs: inputs, scaler: scaler,
                              xRange: ranges.x, yRange: ranges.y)
    }

    /// The input features of raw points (one per row, one or two columns).
    static func features(_ inputs: [InputFeature], of raw: Matrix) -> Matrix {
        var result = Matrix(rows: raw.rows, columns: inputs.count)
        let twoColumns = raw.columns >= 2
        for row in 0..<raw.rows {
            let x1 = raw[row, 0], x2 = twoColumns ? raw[row, 1] : 0
            for (column, input) in inputs.enumerated() {
                result[row, column] = input.value(x1: x1, x2: x2)
            }
        }
        return result
    }

    /// The network's (scaled) inputs at raw plane points given as x, y pairs (x only for 1-D data).
    public func inputs(atPlanePoints points: [Double]) -> Matrix {
        let columns = rawDimensions
        let count = columns == 0 ? 0 : points.count / 2
        var raw = Matrix(rows: count, columns: columns)
        for index in 0..<count {
            raw[index, 0] = Float(points[2 * index])
            if columns >= 2 { raw[index, 1] = Float(points[2 * index + 1]) }
        }
        let features = Self.features(inputs, of: raw)
        return (try? scaler?.apply(features)) ?? features
    }

    /// The square the generators draw in, or the data's own bounds padded by a tenth.
    static func planeRanges(_ data: Dataset, generated: Bool) -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        if generated && data.features.columns == 2 { return (-6...6, -6...6) }
        func range(_ column: Int) -> ClosedRange<Double> {
            guard column < data.features.columns, data.count > 0 else { return -1...1 }
            var low = Double.infinity, high = -Double.infinity
            for row in 0..<data.count {
                let value = Double(data.features[row, column])
                if value.isFinite { low = min(low, value); high = max(high, value) }
            }
            guard low <= high else { return -1...1 }
            let pad = max((high - low) * 0.1, 1e-3)
            return (low - pad)...(high + pad)
        }
        return (range(0), data.features.columns >= 2 ? range(1) : -1.2...1.2)
    }
}

/// Why the playground's data could not be made.
public enum PlaygroundDataError: Error, Equatable, CustomStringConvertible {
    case missingFile(String)
    case unavailable(String)
    case tooFewExamples(name: String, count: Int)

    public var description: String {
        switch self {
        case .missingFile(let file): "\(file) is not loaded: start with 'gradschool play --data FILE.csv' or open a configuration that names it"
        case .unavailable(let reason): reason
        case .tooFewExamples(let name, let count):
            "\(name) has \(count) examples, too few to keep any for training: raise the train share or the number of points"
        }
    }
}
