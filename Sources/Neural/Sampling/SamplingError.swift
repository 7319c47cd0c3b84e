/// Why the next token could not be sampled. Every message says what to do about it.
public enum SamplingError: Error, Equatable, CustomStringConvertible {
    /// The temperature is negative, NaN or infinite.
    case invalidTemperature(Double)
    /// Top-k was asked for with k below 1.
    case invalidTopK(Int)
    /// There are no logits to sample from.
    case noLogits
    /// A logit is NaN or +∞ (−∞ is allowed: it rules a token out), or every logit is −∞.
    case notFiniteLogits(index: Int, value: Float)
    /// A model produced a different number of logits than the vocabulary has tokens.
    case logitCountMismatch(expected: Int, found: Int)
    /// Generation was asked for with a maximum length below 1 or an empty prompt.
    case invalidLength(Int)

    public var description: String {
        switch self {
        case .invalidTemperature(let temperature):
            return "a temperature of \(temperature) is not possible: give 0 (always the likeliest token), a value below 1 (safer choices), 1 (the model's own odds) or above 1 (more surprises)"
        case .invalidTopK(let k):
            return "top-k of \(k) is not possible: give a k of 1 or more (1 always takes the likeliest token), or leave top-k out to consider every token"
        case .noLogits:
            return "there are no scores to sample from: the model must give one score (logit) per token of its vocabulary"
        case .notFiniteLogits(let index, let value):
            return value.isNaN || value == .infinity
                ? "the model's score for token \(index) is \(value): the model has diverged; train it again with a smaller learning rate"
                : "every token's score is −∞, so no token can be sampled: the model has diverged; train it again with a smaller learning rate"
        case .logitCountMismatch(let expected, let found):
            return "the model gives \(found) scores but the vocabulary has \(expected) tokens: use the vocabulary the model was trained with"
        case .invalidLength(let length):
            return "cannot generate with a length of \(length) from this prompt: give a maximum length of 1 or more and a prompt of at least one token"
        }
    }
}
