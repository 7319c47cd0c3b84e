import Foundation
import Testing
@testable import Neural

@Suite("Sequence metrics")
struct SequenceMetricsTests {
    @Test func sequenceAccuracyNeedsEveryMaskedTargetRight() {
        let examples = SequenceTask.reverse(digits: 2).examples(count: 3, seed: 1)
        // Steps: d1 d2 = | targets d2 = r1 r2, mask 0 1 1 → only the last two steps count.
        var predicted = examples.targets
        #expect(Metrics.sequenceAccuracy(predicted: predicted, examples: examples) == (1, 1))
        // A wrong prediction where the mask is 0 changes nothing.
        predicted[0, 0] = 99
        #expect(Metrics.sequenceAccuracy(predicted: predicted, examples: examples) == (1, 1))
        // One wrong answer digit: 5 of 6 tokens, 2 of 3 sequences.
        predicted[1, 2] = 99
        let (tokens, sequences) = Metrics.sequenceAccuracy(predicted: predicted, examples: examples)
        #expect(tokens == 5.0 / 6 && sequences == 2.0 / 3)
    }

    @Test func natsPerTokenOfUniformLogitsIsLogOfTheVocabulary() {
        let examples = SequenceTask.copy(delay: 3).examples(count: 4, seed: 2)
        let logits = Matrix(rows: 4 * examples.steps, columns: 13, repeating: 0.25)
        #expect(abs(Metrics.natsPerToken(logits: logits, examples: examples) - log(13.0)) < 1e-12)
    }

    @Test func natsPerTokenAgreesWithTheLetterPairTable() throws {
        // The table's log-probabilities as logits: the metric's softmax must give back the table's own loss.
        let corpus = try TextCorpus(text: "anna\nbob\nabba\nnan\n", file: "t")
        let examples = try SequenceExamples.lines(of: corpus, steps: 6)
        let model = BigramModel(counting: examples)
        var logits = Matrix(rows: examples.count * examples.steps, columns: model.vocabularySize)
        var row = [Float](repeating: 0, count: model.vocabularySize)
        for example in 0..<examples.count {
            for step in 0..<examples.steps {
                model.nextTokenLogits(after: [Int(examples.inputs[example, step])], into: &row)
                // Padding is never a target: a very low logit stands in for −∞.
                for token in 0..<row.count { logits[example * examples.steps + step, token] = row[token].isFinite ? row[token] : -1e30 }
            }
        }
        #expect(abs(Metrics.natsPerToken(logits: logits, examples: examples) - model.meanNegativeLogLikelihood(on: examples)) < 1e-6)
    }
}
