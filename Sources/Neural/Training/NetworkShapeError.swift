/// Why a list of layers does not make a network: the layers do not chain.
public enum NetworkShapeError: Error, Equatable, CustomStringConvertible {
    /// A network needs at least one layer.
    case empty
    /// Layer `index` takes examples of one shape, but the layer before it gives another.
    case mismatch(index: Int, layer: String, takes: TensorShape, previous: String, gives: TensorShape)

    public var description: String {
        switch self {
        case .empty:
            return "a network needs at least one layer"
        case .mismatch(let index, let layer, let takes, let previous, let gives):
            return "layer \(index) (\(layer)) takes examples of \(takes), but layer \(index - 1) (\(previous)) gives \(gives): "
                + "change one of them so the shapes chain"
        }
    }
}
