/// Why a scaler could not be restored or applied.
public enum ScalerError: Error, Equatable, CustomStringConvertible {
    /// Stored offsets and scales have different lengths.
    case storedValuesDisagree(offsets: Int, scales: Int)
    /// A stored value is not finite, or a scale is not positive.
    case invalidStoredValue(column: Int, offset: Float, scale: Float)
    /// The data has a different number of columns than the data the scaler was fitted on.
    case columnCountMismatch(fitted: Int, given: Int)

    public var description: String {
        switch self {
        case .storedValuesDisagree(let offsets, let scales):
            "stored scaler has \(offsets) offsets but \(scales) scales: save both from the same fitted Scaler"
        case .invalidStoredValue(let column, let offset, let scale):
            "stored scaler column \(column + 1) has offset \(offset) and scale \(scale): a scale must be a positive finite number; refit the scaler on the training data"
        case .columnCountMismatch(let fitted, let given):
            "scaler was fitted on \(fitted) feature columns but the data has \(given): use the same columns as the training data, or fit a new scaler"
        }
    }
}
