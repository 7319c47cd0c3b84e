import Neural

/// A network held in the tutor's state, compared by its layers and numbers (the engine's `Network` is not
/// `Equatable`, since comparing weights is work the training loop never needs).
struct NetworkValue: Sendable, Equatable {
    var network: Network

    init(_ network: Network) { self.network = network }

    static func == (lhs: NetworkValue, rhs: NetworkValue) -> Bool {
        lhs.network.hasSameParameters(as: rhs.network)
    }
}
