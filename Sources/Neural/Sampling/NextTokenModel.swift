/// Anything that scores the next token of a sequence: a letter-pair table, an LSTM, a transformer.
///
/// A generator asks it, again and again, for one logit per token of its vocabulary given the tokens so
/// far, and samples the next token from those logits. A model that reads at most a fixed number of
/// tokens (a transformer's block size, a fixed window) says so in `contextLength`, and is then given
/// only the last that many.
public protocol NextTokenModel {
    /// The number of logits the model gives: its vocabulary's size.
    var vocabularySize: Int { get }
    /// The longest context the model reads, or nil when it reads any length.
    var contextLength: Int? { get }
    /// Writes the logits of the token that follows `context` into `logits`, which holds
    /// `vocabularySize` elements.
    mutating func nextTokenLogits(after context: ArraySlice<Int>, into logits: inout [Float])
}

/// A next-token model made of a closure, for models that are not types of their own (or tests).
public struct NextTokenFunction: NextTokenModel {
    public let vocabularySize: Int
    public let contextLength: Int?
    private let logitsAfter: (ArraySlice<Int>, inout [Float]) -> Void

    /// A model whose logits after a context are written by `logitsAfter`.
    public init(vocabularySize: Int, contextLength: Int? = nil, logitsAfter: @escaping (ArraySlice<Int>, inout [Float]) -> Void) {
        self.vocabularySize = vocabularySize
        self.contextLength = contextLength
        self.logitsAfter = logitsAfter
    }

    public func nextTokenLogits(after context: ArraySlice<Int>, into logits: inout [Float]) {
        logitsAfter(context, &logits)
    }
}
