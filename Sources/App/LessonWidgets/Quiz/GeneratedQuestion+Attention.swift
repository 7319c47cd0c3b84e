import Canvas
import Foundation
import Neural

// The attention lesson's template. The answer comes from the engine's attention layer
// (`CausalSelfAttention`); the explanation writes the same arithmetic out by hand.
extension GeneratedQuestion {
    /// The attention weights one query gives three keys, from the engine's attention layer: one head of
    /// size 2, no mask, the keys as the input (W_k = I) and every step's query fixed to `query` (W_q = 0,
    /// its bias the query).
    static func attentionWeights(query: [Float], keys: [[Float]]) -> [Float] {
        let d = query.count, steps = keys.count
        var projection = [[Float]](repeating: [Float](repeating: 0, count: d), count: 3 * d)
        for i in 0..<d {
            projection[d + i][i] = 1
            projection[2 * d + i][i] = 1
        }
        var identity = [[Float]](repeating: [Float](repeating: 0, count: d), count: d)
        for i in 0..<d { identity[i][i] = 1 }
        var layer = CausalSelfAttention(
            steps: steps, heads: 1, inProjectionWeight: Matrix(projection),
            inProjectionBias: query + [Float](repeating: 0, count: 2 * d),
            outProjectionWeight: Matrix(identity), outProjectionBias: [Float](repeating: 0, count: d), isCausal: false)
        layer.reserve(batchCapacity: 1)
        layer.forward(Matrix([keys.flatMap { $0 }]), mode: .evaluation)
        return layer.attentionWeights(example: 0, head: 0).row(0)
    }

    static func attentionWeight(_ draw: inout NumberDraw) -> GeneratedQuestion {
        var query: [Float] = [0, 0]
        while query == [0, 0] { query = [draw.value(-2...2, step: 1), draw.value(-2...2, step: 1)] }
        let keys = (0..<3).map { _ in [draw.value(-2...2, step: 1), draw.value(-2...2, step: 1)] }
        let chosen = draw.random.nextIndex(below: 3)
        let weights = attentionWeights(query: query, keys: keys)
        func vector(_ v: [Float]) -> String { "(" + v.map { show($0) }.joined(separator: ", ") + ")" }
        let scores = keys.map { key in Double(zip(query, key).reduce(0) { $0 + $1.0 * $1.1 }) / 2.0.squareRoot() }
        let exponentials = scores.map { Foundation.exp($0) }
        let total = exponentials.reduce(0, +)
        let keyList = keys.enumerated().map { "k\($0.offset + 1) = \(vector($0.element))" }.joined(separator: ", ")
        let scoreList = scores.map { NumberText.trimmed($0, decimals: 3) }.joined(separator: ", ")
        let exponentialList = exponentials.map { NumberText.trimmed($0, decimals: 3) }.joined(separator: " + ")
        return GeneratedQuestion(
            question: "A head of size d = 2 has the query q = \(vector(query)) and three keys \(keyList). The scores are q·kᵢ/√2. What attention weight does key \(chosen + 1) get after softmax? (Two decimals are enough.)",
            answer: Double(weights[chosen]), tolerance: 0.005,
            explanation: "The scores q·kᵢ/√2 are \(scoreList). Softmax divides e^(score) by the sum over the three keys: \(NumberText.trimmed(exponentials[chosen], decimals: 3)) / (\(exponentialList)) = \(NumberText.trimmed(exponentials[chosen], decimals: 3)) / \(NumberText.trimmed(total, decimals: 3)) = \(show(weights[chosen], decimals: 3)). The three weights add up to 1.")
    }
}
