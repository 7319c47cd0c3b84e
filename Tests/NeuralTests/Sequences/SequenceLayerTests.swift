import Testing
@testable import Neural

@Suite("Embedding, per-step dense and sequence losses")
struct SequenceLayerTests {
    @Test func anEmbeddingLooksUpRowsAndSumsGradientsPerToken() {
        var random = RandomSource(seed: 1)
        var embedding = Embedding(steps: 3, vocabularySize: 4, dimension: 2, random: &random)
        #expect(embedding.parameters.map(\.name) == ["weight"])
        #expect(embedding.parameters[0].shape == [4, 2])
        let table = embedding.parameters[0].values
        let ids = Matrix([[1, 3, 1], [0, 0, 2]])
        embedding.forward(ids, mode: .training)
        #expect(embedding.output == Embedding.reference(input: ids, weights: table))
        #expect(embedding.output[0, 2] == table[3, 0] && embedding.output[0, 3] == table[3, 1])
        let upstream = Matrix(rows: 2, columns: 6, elements: (1...12).map(Float.init))
        embedding.backward(input: ids, outputGradient: upstream, computeInputGradient: true)
        // Token 1 appears at steps 0 and 2 of example 0: (1, 2) + (5, 6); token 0 at steps 0, 1 of example 1.
        #expect(embedding.parameters[0].gradient == Matrix([[7 + 9, 8 + 10], [1 + 5, 2 + 6], [11, 12], [3, 4]]))
        #expect(embedding.inputGradient == Matrix(rows: 2, columns: 3))
    }

    @Test func aStepwiseDenseMatchesPlainLoopsAndFiniteDifferences() {
        var random = RandomSource(seed: 2)
        var layer = StepwiseDense(steps: 5, inputSize: 3, outputSize: 4, initializer: .xavier, random: &random)
        let input = LayerGradientChecking.randomSequences(rows: 2, steps: 5, features: 3, seed: 3)
        layer.forward(input, mode: .training)
        let expected = StepwiseDense.reference(input: input, steps: 5, weights: layer.parameters[0].values,
                                               bias: layer.parameters[1].values.elements)
        for index in 0..<expected.count { #expect(abs(layer.output.storage[index] - expected.storage[index]) < 1e-5) }
        let result = LayerGradientChecking.check(layer, input: input, checkInput: true)
        #expect(result.worstParameterError < 1e-2 && result.worstInputError < 1e-2)
    }

    static func maskedBatch() -> (logits: Matrix, targets: Matrix, mask: Matrix) {
        var random = RandomSource(seed: 9)
        let logits = Matrix(rows: 2, columns: 5 * 4, elements: (0..<40).map { _ in random.uniform(-3...3) })
        let targets = Matrix([[1, 2, 3, 0, 0], [3, 3, 1, 2, 0]])
        let mask = Matrix([[1, 1, 1, 0, 0], [1, 1, 1, 1, 0]])
        return (logits, targets, mask)
    }

    @Test func crossEntropyAtEveryStepLeavesPaddingOut() {
        let (logits, targets, mask) = Self.maskedBatch()
        var gradient = Matrix(rows: 0, columns: 20, capacity: 2)
        let loss = SequenceCrossEntropy.evaluate(logits: logits, targets: targets, mask: mask, gradient: &gradient)
        #expect(abs(Double(loss) - SequenceCrossEntropy.reference(logits: logits, targets: targets, mask: mask)) < 1e-5)
        // By hand for one step: −log softmax(z)_y, averaged over the 7 masked steps.
        var byHand = 0.0
        for (b, t) in [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2), (1, 3)] {
            let row = (0..<4).map { Double(logits[b, t * 4 + $0]) }
            byHand += log(row.map { exp($0) }.reduce(0, +)) - row[Int(targets[b, t])]
        }
        #expect(abs(Double(loss) - byHand / 7) < 1e-5)
        // Padded steps: zero gradient, and their logits change nothing.
        for v in 0..<4 {
            #expect(gradient[0, 3 * 4 + v] == 0 && gradient[1, 4 * 4 + v] == 0)
        }
        var changed = logits
        changed[0, 3 * 4 + 1] += 5
        var scratch = gradient
        #expect(SequenceCrossEntropy.evaluate(logits: changed, targets: targets, mask: mask, gradient: &scratch) == loss)
        // Finite differences on every logit.
        for index in 0..<logits.count {
            func lossWith(_ shift: Float) -> Double {
                var shifted = logits
                shifted.storage[index] += shift
                return SequenceCrossEntropy.reference(logits: shifted, targets: targets, mask: mask)
            }
            let numerical = (lossWith(1e-2) - lossWith(-1e-2)) / 2e-2
            #expect(abs(Double(gradient.storage[index]) - numerical) < 1e-4)
        }
    }

    @Test func meanSquaredErrorOverStepsLeavesPaddingOut() {
        let outputs = Matrix([[0.5, 1, -1], [2, 0, 0]])
        let targets = Matrix([[1, 1, 3], [0, 9, 9]])
        let mask = Matrix([[1, 1, 0], [1, 0, 0]])
        var gradient = Matrix(rows: 2, columns: 3)
        let loss = SequenceMeanSquaredError.evaluate(outputs: outputs, targets: targets, mask: mask, gradient: &gradient)
        // ((0.5 − 1)² + 0² + 2²) / 3
        #expect(abs(loss - 4.25 / 3) < 1e-6)
        #expect(gradient == Matrix([[2 * -0.5 / 3, 0, 0], [2 * 2 / 3, 0, 0]]))
    }

    /// A whole character model — embedding, LSTM, per-step dense — against finite differences through
    /// the masked cross-entropy, over 6 steps with padding at the end of one example.
    @Test func aCharacterModelsGradientsMatchFiniteDifferences() throws {
        let network = try ArchitectureDescription(parsing: "embed 3, lstm 4, dense 5").network(inputShape: [6], seed: 3, vocabularySize: 5)
        #expect(network.layers.map(\.summary) == ["Embedding(5 → 3)", "LSTM(3 → 4)", "Dense(4 → 5) per step"])
        let inputs = Matrix([[1, 2, 3, 4, 2, 1], [1, 4, 4, 0, 0, 0]])
        let targets = Matrix([[2, 3, 4, 2, 1, 3], [4, 4, 1, 0, 0, 0]])
        let mask = Matrix([[1, 1, 1, 1, 1, 1], [1, 1, 1, 0, 0, 0]])
        func loss(_ network: Network) -> Double {
            var copy = network
            copy.forward(inputs, mode: .training)
            var scratch = Matrix(rows: 2, columns: 30)
            _ = scratch
            var total = 0.0
            total = SequenceCrossEntropy.reference(logits: copy.output, targets: targets, mask: mask)
            return total
        }
        var analytic = network
        analytic.forward(inputs, mode: .training)
        var gradient = Matrix(rows: 2, columns: 30)
        _ = SequenceCrossEntropy.evaluate(logits: analytic.output, targets: targets, mask: mask, gradient: &gradient)
        analytic.backward(input: inputs, outputGradient: gradient, fromLayer: 2)
        var worst: Float = 0
        for layer in network.layers.indices {
            for (position, parameter) in network.layers[layer].parameters.enumerated() {
                for element in 0..<parameter.count {
                    func lossWith(_ shift: Float) -> Double {
                        var values = parameter.values.elements
                        values[element] += shift
                        var shifted = network
                        shifted.setParameter(parameter.name, ofLayer: layer, values: values)
                        return loss(shifted)
                    }
                    let numerical = Float((lossWith(1e-2) - lossWith(-1e-2)) / 2e-2)
                    let error = LayerGradientChecking.relativeError(analytic.layers[layer].parameters[position].gradient.storage[element], numerical)
                    worst = max(worst, error)
                }
            }
        }
        #expect(worst < 2e-2)
    }
}
import Foundation
