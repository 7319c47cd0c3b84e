import Neural

/// A network held in the tutor's state, compared by its layers and numbers (the engine's `Network` is not
/// `Equatable`, since comparing weights is work the training loop never needs).
public struct NetworkValue: Sendable, Equatable {
    public var network: Network

    public init(_ network: Network) { self.network = network }

    public static func == (lhs: NetworkValue, rhs: NetworkValue) -> Bool {
        lhs.network.hasSameParameters(as: rhs.network)
    }
}
