/// A trained sequence network as a `NextTokenModel`, so `SequenceGenerator` samples from it.
///
/// The network reads a window of `steps` token ids and gives V logits at every step. To score what follows
/// a context of n ≤ `steps` tokens, the context fills the start of the window (padding after it) and the
/// logits are read at step n − 1. A recurrent network (or a causal transformer) never lets a later step
/// change an earlier output, so the padding after the context changes nothing. Longer contexts are cut to
/// their last `steps` tokens by the generator (`contextLength`).
public struct NetworkTokenModel: NextTokenModel {
    public private(set) var network: Network
    public let vocabularySize: Int
    /// The window the network reads.
    public let steps: Int
    private var window: Matrix

    /// A model of `network`, which must read `steps` token ids and give `steps × V` logits.
    public init(network: Network) {
        let steps = network.inputSize
        var network = network.detachedCopy()
        network.reserve(batchCapacity: 1)
        self.network = network
        self.steps = steps
        vocabularySize = network.outputSize / max(steps, 1)
        window = Matrix(rows: 1, columns: steps)
    }

    public var contextLength: Int? { steps }

    public mutating func nextTokenLogits(after context: ArraySlice<Int>, into logits: inout [Float]) {
        let used = min(context.count, steps)
        for step in 0..<steps { window.storage[step] = Float(CharacterVocabulary.padding) }
        for (step, token) in context.suffix(used).enumerated() { window.storage[step] = Float(token) }
        network.forward(window, mode: .evaluation)
        let start = max(used - 1, 0) * vocabularySize
        let output = network.output
        for token in 0..<vocabularySize { logits[token] = output.storage[start + token] }
    }
}
