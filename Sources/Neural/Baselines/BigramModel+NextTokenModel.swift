import Foundation

extension BigramModel: NextTokenModel {
    /// A letter-pair model reads only the last token.
    public var contextLength: Int? { 1 }

    /// The logits log P(b | a) for the last token a of the context (padding gets −∞, as it is never a
    /// target); their softmax is the table's row.
    public func nextTokenLogits(after context: ArraySlice<Int>, into logits: inout [Float]) {
        let previous = context.last ?? CharacterVocabulary.start
        for next in 0..<vocabularySize {
            let probability = probability(of: next, after: previous)
            logits[next] = probability > 0 ? Float(log(probability)) : -.infinity
        }
    }
}
