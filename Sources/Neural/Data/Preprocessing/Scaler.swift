/// Feature scaling fitted on a training set: every column becomes `(value − offset) / scale`.
///
/// Gradient descent takes one learning rate for all weights, so features measured on very different
/// scales (centimetres and kilometres) make some weights crawl and others overshoot. Scaling puts every
/// column on a similar footing. Two kinds:
///
/// - **standardisation**: offset = column mean μ, scale = column standard deviation σ, so each column
///   has mean 0 and standard deviation 1: `z = (x − μ) / σ`. (σ is the population one, dividing by n.)
/// - **min-max**: offset = column minimum, scale = maximum − minimum, so each column lies in [0, 1].
///
/// The values are fitted on the *training* set only and then applied unchanged to validation and test
/// data: fitting on all the data would leak facts about the test set into training. A column whose
/// values are all equal has no spread to divide by; its scale is stored as 1, so it becomes all zeros.
/// `offsets` and `scales` are plain `[Float]`, ready to be saved beside a model's weights.
public struct Scaler: Sendable, Equatable {
    /// How the offsets and scales were chosen.
    public enum Kind: String, Sendable, CaseIterable {
        case standardization
        case minMax
    }

    /// How the values were fitted.
    public let kind: Kind
    /// The value subtracted from each column: its mean or its minimum.
    public let offsets: [Float]
    /// The value each column is divided by after subtracting: its standard deviation or its range
    /// (never zero: 1 for a constant column).
    public let scales: [Float]

    /// The number of columns this scaler was fitted on.
    public var columnCount: Int { offsets.count }

    /// Restores a scaler from stored values, checking that they fit together.
    public init(kind: Kind, offsets: [Float], scales: [Float]) throws(ScalerError) {
        guard offsets.count == scales.count else {
            throw .storedValuesDisagree(offsets: offsets.count, scales: scales.count)
        }
        for (column, (offset, scale)) in zip(offsets, scales).enumerated()
        where !offset.isFinite || !scale.isFinite || scale <= 0 {
            throw .invalidStoredValue(column: column, offset: offset, scale: scale)
        }
        self.kind = kind
        self.offsets = offsets
        self.scales = scales
    }

    private init(checkedKind kind: Kind, offsets: [Float], scales: [Float]) {
        self.kind = kind
        self.offsets = offsets
        self.scales = scales
    }

    /// Fits offsets and scales of the given kind to every column of `features`.
    ///
    /// Sums run in `Double` so a large column does not lose precision. An empty matrix gives offset 0
    /// and scale 1 for every column, which leaves data unchanged.
    public static func fit(_ kind: Kind, to features: Matrix) -> Scaler {
        switch kind {
        case .standardization: return standardization(fittedTo: features)
        case .minMax: return minMax(fittedTo: features)
        }
    }

    /// Fits the mean μ and standard deviation σ = √(Σ(x − μ)² / n) of every column.
    public static func standardization(fittedTo features: Matrix) -> Scaler {
        let columns = features.columns
        let rows = features.rows
        var means = [Double](repeating: 0, count: columns)
        var squaredDeviations = [Double](repeating: 0, count: columns)
        if rows > 0 {
            for row in 0..<rows {
                for column in 0..<columns { means[column] += Double(features.storage[row * columns + column]) }
            }
            for column in 0..<columns { means[column] /= Double(rows) }
            // A second pass over the deviations is more accurate than E[x²] − E[x]².
            for row in 0..<rows {
                for column in 0..<columns {
                    let deviation = Double(features.storage[row * columns + column]) - means[column]
                    squaredDeviations[column] += deviation * deviation
                }
            }
        }
        let scales = squaredDeviations.map { sum -> Float in
            let deviation = Float((sum / Double(max(rows, 1))).squareRoot())
            return usableScale(deviation)
        }
        return Scaler(checkedKind: .standardization, offsets: means.map { Float($0) }, scales: scales)
    }

    /// Fits the minimum and range (maximum − minimum) of every column.
    public static func minMax(fittedTo features: Matrix) -> Scaler {
        let columns = features.columns
        guard features.rows > 0 else {
            return Scaler(checkedKind: .minMax, offsets: [Float](repeating: 0, count: columns),
                          scales: [Float](repeating: 1, count: columns))
        }
        var minima = features.row(0)
        var maxima = minima
        for row in 1..<features.rows {
            for column in 0..<columns {
                let value = features.storage[row * columns + column]
                minima[column] = min(minima[column], value)
                maxima[column] = max(maxima[column], value)
            }
        }
        let scales = zip(minima, maxima).map { usableScale($1 - $0) }
        return Scaler(checkedKind: .minMax, offsets: minima, scales: scales)
    }

    /// A spread that is safe to divide by: a spread that is zero, tiny or not finite becomes 1.
    private static func usableScale(_ spread: Float) -> Float {
        spread.isFinite && spread > Float.leastNormalMagnitude * 1e6 ? spread : 1
    }

    /// Scales every column of `features`: `(x − offset) / scale`.
    public func apply(_ features: Matrix) throws(ScalerError) -> Matrix {
        guard features.columns == columnCount else {
            throw .columnCountMismatch(fitted: columnCount, given: features.columns)
        }
        var scaled = Matrix(rows: features.rows, columns: features.columns)
        for row in 0..<features.rows {
            for column in 0..<columnCount {
                let index = row * columnCount + column
                scaled.storage[index] = (features.storage[index] - offsets[column]) / scales[column]
            }
        }
        return scaled
    }

    /// The dataset with its features scaled; targets are left as they are.
    public func apply(_ dataset: Dataset) throws(ScalerError) -> Dataset {
        var scaled = dataset
        scaled.features = try apply(dataset.features)
        return scaled
    }

    /// Undoes the scaling: `x = z × scale + offset`.
    public func invert(_ scaledFeatures: Matrix) throws(ScalerError) -> Matrix {
        guard scaledFeatures.columns == columnCount else {
            throw .columnCountMismatch(fitted: columnCount, given: scaledFeatures.columns)
        }
        var original = Matrix(rows: scaledFeatures.rows, columns: scaledFeatures.columns)
        for row in 0..<scaledFeatures.rows {
            for column in 0..<columnCount {
                let index = row * columnCount + column
                original.storage[index] = scaledFeatures.storage[index] * scales[column] + offsets[column]
            }
        }
        return original
    }
}
