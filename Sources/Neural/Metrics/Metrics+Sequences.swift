import Foundation

extension Metrics {
    /// How many masked targets of `examples` a model predicts, counted two ways: per token, and per
    /// example, where an example counts only when *every* masked target is right (reversing six digits
    /// with one wrong is a wrong answer). `predicted` holds the predicted token ids, `count × steps` like
    /// the targets. Both are 0 when nothing is masked; examples with no masked step are left out.
    public static func sequenceAccuracy(predicted: Matrix, examples: SequenceExamples) -> (tokens: Double, sequences: Double) {
        precondition(predicted.shape == examples.targets.shape,
                     "sequenceAccuracy: predictions \(predicted.shape) for targets \(examples.targets.shape)")
        var correctTokens = 0
        var maskedTokens = 0
        var correctSequences = 0
        var scoredSequences = 0
        for row in 0..<examples.count {
            var allRight = true
            var masked = 0
            for step in 0..<examples.steps where examples.mask[row, step] != 0 {
                masked += 1
                if predicted[row, step] == examples.targets[row, step] { correctTokens += 1 } else { allRight = false }
            }
            maskedTokens += masked
            if masked > 0 {
                scoredSequences += 1
                if allRight { correctSequences += 1 }
            }
        }
        return (maskedTokens == 0 ? 0 : Double(correctTokens) / Double(maskedTokens),
                scoredSequences == 0 ? 0 : Double(correctSequences) / Double(scoredSequences))
    }

    /// The mean cross-entropy per masked step, in nats: −(1/n) Σ log softmax(z)_target over the n steps
    /// whose mask is 1, computed in double precision as log Σ exp(z − max) − (z_target − max).
    ///
    /// `logits` has one row per step, example after example (row `example × steps + step`) and one
    /// column per token — what a character model reports as "loss per character". 0 when nothing is masked.
    public static func natsPerToken(logits: Matrix, examples: SequenceExamples) -> Double {
        precondition(logits.rows == examples.count * examples.steps,
                     "natsPerToken: \(logits.rows) rows of logits for \(examples.count) × \(examples.steps) steps")
        var total = 0.0
        var masked = 0
        for row in 0..<examples.count {
            for step in 0..<examples.steps where examples.mask[row, step] != 0 {
                let logitRow = row * examples.steps + step
                var largest = -Double.infinity
                for token in 0..<logits.columns { largest = max(largest, Double(logits[logitRow, token])) }
                var sum = 0.0
                for token in 0..<logits.columns { sum += exp(Double(logits[logitRow, token]) - largest) }
                let target = Int(examples.targets[row, step])
                total += log(sum) - (Double(logits[logitRow, target]) - largest)
                masked += 1
            }
        }
        return masked == 0 ? 0 : total / Double(masked)
    }
}
