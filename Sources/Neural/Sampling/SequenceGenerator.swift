/// Writes sequences one token at a time: ask the model for the next token's logits, sample one with a
/// `TokenSampler`, append it, repeat — until the stop token or the maximum length.
///
/// Any `NextTokenModel` plugs in. Each generated token takes exactly one draw from the random source,
/// so a seed fixes every sequence bit for bit.
public struct SequenceGenerator {
    /// How each token is chosen.
    public var sampler: TokenSampler
    /// The most tokens to generate per sequence (the stop token included).
    public var maximumLength: Int
    /// The token that ends a sequence, or nil to always generate `maximumLength` tokens.
    public var stopToken: Int?

    /// A generator that samples with `sampler`, stops at `stopToken` (by default the end of a line)
    /// and writes at most `maximumLength` tokens.
    public init(sampler: TokenSampler, maximumLength: Int, stopToken: Int? = CharacterVocabulary.end) {
        self.sampler = sampler
        self.maximumLength = maximumLength
        self.stopToken = stopToken
    }

    /// The tokens that follow `prompt`, the stop token included when it was drawn.
    ///
    /// - Throws: `.invalidLength` for an empty prompt or a maximum length below 1, `.logitCountMismatch`
    ///   when the model's vocabulary size is not what it writes, and the sampler's errors for logits
    ///   that are not numbers.
    public mutating func generate<Model: NextTokenModel>(
        from prompt: [Int], model: inout Model, random: inout RandomSource
    ) throws(SamplingError) -> [Int] {
        guard maximumLength >= 1, !prompt.isEmpty else { throw .invalidLength(maximumLength) }
        var sequence = prompt
        sequence.reserveCapacity(prompt.count + maximumLength)
        var logits = [Float](repeating: 0, count: model.vocabularySize)
        for _ in 0..<maximumLength {
            let contextStart = model.contextLength.map { max(0, sequence.count - $0) } ?? 0
            model.nextTokenLogits(after: sequence[contextStart...], into: &logits)
            guard logits.count == model.vocabularySize else {
                throw .logitCountMismatch(expected: model.vocabularySize, found: logits.count)
            }
            let token = try sampler.sample(logits: logits, using: &random)
            sequence.append(token)
            if token == stopToken { break }
        }
        return Array(sequence[prompt.count...])
    }

    /// `count` lines of text, each generated from the start token and decoded with `vocabulary` — new
    /// names, for a model trained on names. The random source is seeded once with `seed`.
    ///
    /// - Throws: `.logitCountMismatch` when the model's vocabulary is not the size of `vocabulary`,
    ///   and the errors of `generate`.
    public mutating func lines<Model: NextTokenModel>(
        count: Int, model: inout Model, vocabulary: CharacterVocabulary, seed: UInt64
    ) throws(SamplingError) -> [String] {
        guard model.vocabularySize == vocabulary.count else {
            throw .logitCountMismatch(expected: vocabulary.count, found: model.vocabularySize)
        }
        var random = RandomSource(seed: seed)
        var result: [String] = []
        for _ in 0..<max(count, 0) {
            let tokens = try generate(from: [CharacterVocabulary.start], model: &model, random: &random)
            result.append(vocabulary.decode(tokens))
        }
        return result
    }
}
