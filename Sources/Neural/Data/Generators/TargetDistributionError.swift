/// Why a set of points given by the learner cannot be a target for a generator.
public enum TargetDistributionError: Error, Equatable, CustomStringConvertible {
    /// No points were given.
    case noPoints
    /// A point has a coordinate that is NaN or infinite; `index` counts from 1.
    case notFinitePoint(index: Int)
    /// The spread around each point is negative, NaN or infinite.
    case invalidSpread(Float)

    public var description: String {
        switch self {
        case .noPoints:
            return "there are no target points: place at least one point for the generator to learn to imitate"
        case .notFinitePoint(let index):
            return "target point \(index) has a coordinate that is not a finite number: move or remove that point"
        case .invalidSpread(let spread):
            return "a spread of \(spread) around each point is not possible: give 0 or a positive number (0.1 is a small cloud)"
        }
    }
}
