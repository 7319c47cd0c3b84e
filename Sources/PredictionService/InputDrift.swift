/// How far the inputs a service has been sent lately sit from the data the model was trained on.
///
/// For each feature j the drift is the shift of the recent mean in training standard deviations:
///
///     drift_j = (mean of the last n served values of feature j − μ_j) / σ_j
///
/// where μ_j and σ_j are the training mean and standard deviation the model file stores as its standard
/// scaler (`feature_offsets`, `feature_scales`). A drift near 0 means the inputs look like the training
/// data; past `threshold` (half a standard deviation) the model is answering questions it was not trained
/// on, and it is time to look at the new data and perhaps retrain. n is at most `window` rows, the most
/// recent ones, so an old shift fades once the inputs come back.
public struct InputDrift: Sendable, Equatable {
    /// One feature's drift.
    public struct Feature: Sendable, Equatable {
        public var name: String
        public var trainingMean: Float
        public var trainingStandardDeviation: Float
        /// The mean of the recent served values; nil before any row came.
        public var servedMean: Float?
        /// (servedMean − trainingMean) / trainingStandardDeviation; nil before any row came.
        public var shift: Float? {
            servedMean.map { ($0 - trainingMean) / trainingStandardDeviation }
        }
    }

    /// The shift, in training standard deviations, past which a feature counts as drifted.
    public static let threshold: Float = 0.5
    /// The fewest recent rows whose mean is judged: one odd flower is not a drift.
    public static let minimumRows = 20

    public let trainingMeans: [Float]
    public let trainingStandardDeviations: [Float]
    public let featureNames: [String]
    /// How many recent rows the means cover.
    public let window: Int
    /// The last `window` rows, oldest overwritten first, flattened.
    private var recent: [Float]
    private var nextRow = 0
    /// How many rows `recent` holds.
    public private(set) var rowCount = 0

    /// Drift against training means and standard deviations (every deviation must be positive).
    public init(trainingMeans: [Float], trainingStandardDeviations: [Float], featureNames: [String], window: Int = 200) {
        precondition(trainingMeans.count == trainingStandardDeviations.count && window > 0)
        self.trainingMeans = trainingMeans
        self.trainingStandardDeviations = trainingStandardDeviations
        self.featureNames = featureNames.count == trainingMeans.count
            ? featureNames : (0..<trainingMeans.count).map { "feature \($0 + 1)" }
        self.window = window
        recent = [Float](repeating: 0, count: window * trainingMeans.count)
    }

    /// Adds served rows (raw features, one list per row, each as long as the training means).
    public mutating func record(_ rows: [[Float]]) {
        let width = trainingMeans.count
        for row in rows where row.count == width {
            for column in 0..<width { recent[nextRow * width + column] = row[column] }
            nextRow = (nextRow + 1) % window
            rowCount = min(rowCount + 1, window)
        }
    }

    /// The features whose recent mean has moved past `threshold`, once at least `minimumRows` rows came.
    public var drifted: [Feature] {
        guard rowCount >= Self.minimumRows else { return [] }
        return features.filter { abs($0.shift ?? 0) > Self.threshold }
    }

    /// Every feature's training statistics and recent mean.
    public var features: [Feature] {
        let width = trainingMeans.count
        return (0..<width).map { column in
            var served: Float?
            if rowCount > 0 {
                var sum: Float = 0
                for row in 0..<rowCount { sum += recent[row * width + column] }
                served = sum / Float(rowCount)
            }
            return Feature(name: featureNames[column], trainingMean: trainingMeans[column],
                           trainingStandardDeviation: trainingStandardDeviations[column], servedMean: served)
        }
    }
}
