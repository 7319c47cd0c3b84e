import Foundation

/// The letter-pair model: the chance of each next token depends only on the token before it, read
/// from a table of how often each pair occurs — the baseline every character model has to beat.
///
/// With N(a, b) the number of times token b follows token a in the training targets, and add-α
/// smoothing (α = 1 is Laplace's "add one", so a pair never seen still has a small chance),
///
///     P(b | a) = (N(a, b) + α) / (Σ_c N(a, c) + α · V′)
///
/// where b and c range over the V′ tokens that can be targets: every token but padding (the boundary
/// counts, as the end of a line). The loss of a text is the mean negative log-likelihood per predicted
/// token, −(1/n) Σ log P(xₜ₊₁ | xₜ), in nats; guessing uniformly among the 27 tokens of the names
/// scores ln 27 ≈ 3.30.
public struct BigramModel: Sendable, Equatable {
    /// The number of token ids, padding included.
    public let vocabularySize: Int
    /// The pair counts: `counts[a * vocabularySize + b]` is N(a, b).
    public private(set) var counts: [Int]
    /// The smoothing count α added to every pair.
    public let smoothing: Double

    /// Counts the pairs (input, target) at the masked steps of `examples`: for windows of lines, the
    /// boundary and each letter followed by the next letter or the boundary.
    public init(counting examples: SequenceExamples, smoothing: Double = 1) {
        let size = examples.vocabularySize ?? 0
        precondition(size > CharacterVocabulary.firstCharacter - 1, "a letter-pair model needs token examples")
        vocabularySize = size
        self.smoothing = smoothing
        counts = [Int](repeating: 0, count: size * size)
        for row in 0..<examples.count {
            for step in 0..<examples.steps where examples.mask[row, step] != 0 {
                counts[Int(examples.inputs[row, step]) * size + Int(examples.targets[row, step])] += 1
            }
        }
    }

    /// The number of tokens that can be targets: all but padding.
    public var outcomeCount: Int { vocabularySize - 1 }

    /// P(next | previous), with smoothing; 0 for padding, which is never a target.
    public func probability(of next: Int, after previous: Int) -> Double {
        guard next != CharacterVocabulary.padding else { return 0 }
        let row = counts[(previous * vocabularySize)..<((previous + 1) * vocabularySize)]
        let total = Double(row.reduce(0, +) - row[row.startIndex + CharacterVocabulary.padding])
        return (Double(counts[previous * vocabularySize + next]) + smoothing) / (total + smoothing * Double(outcomeCount))
    }

    /// The mean negative log-likelihood per masked step of `examples`, in nats per token.
    public func meanNegativeLogLikelihood(on examples: SequenceExamples) -> Double {
        precondition(examples.vocabularySize == vocabularySize, "the examples use another vocabulary")
        var total = 0.0
        var steps = 0
        for row in 0..<examples.count {
            for step in 0..<examples.steps where examples.mask[row, step] != 0 {
                total -= log(probability(of: Int(examples.targets[row, step]), after: Int(examples.inputs[row, step])))
                steps += 1
            }
        }
        return steps == 0 ? 0 : total / Double(steps)
    }
}
