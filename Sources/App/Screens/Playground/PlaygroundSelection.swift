/// What the learner picked in the network diagram: a neuron, and perhaps one of its incoming links.
public struct PlaygroundSelection: Equatable, Sendable {
    /// The layer in the diagram: 0 for the inputs, 1 for the first hidden layer, … the last for the outputs.
    public var layer: Int
    public var neuron: Int
    /// The input neuron (of layer `layer - 1`) whose link into the selected neuron is selected.
    public var link: Int?

    public init(layer: Int, neuron: Int, link: Int? = nil) {
        self.layer = layer
        self.neuron = neuron
        self.link = link
    }
}
