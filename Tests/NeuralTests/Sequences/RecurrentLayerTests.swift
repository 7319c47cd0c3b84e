import Testing
@testable import Neural

@Suite("Recurrent layers")
struct RecurrentLayerTests {
    static let (batch, steps, features, hidden) = (3, 6, 4, 5)

    static func layers(returns: RecurrentOutput = .everyStep, seed: UInt64 = 11) -> [any Layer] {
        var random = RandomSource(seed: seed)
        return [RNN(steps: steps, inputFeatures: features, hiddenSize: hidden, returns: returns, random: &random),
                LSTM(steps: steps, inputFeatures: features, hiddenSize: hidden, returns: returns, random: &random),
                GRU(steps: steps, inputFeatures: features, hiddenSize: hidden, returns: returns, random: &random)]
    }

    static func reference(_ layer: any Layer, _ input: Matrix) -> Matrix {
        let p = layer.parameters.map(\.values)
        let (wih, whh, bih, bhh) = (p[0], p[1], p[2].elements, p[3].elements)
        switch layer {
        case is RNN: return RNN.reference(input: input, steps: steps, inputWeights: wih, hiddenWeights: whh, inputBias: bih, hiddenBias: bhh)
        case is LSTM: return LSTM.reference(input: input, steps: steps, inputWeights: wih, hiddenWeights: whh, inputBias: bih, hiddenBias: bhh)
        default: return GRU.reference(input: input, steps: steps, inputWeights: wih, hiddenWeights: whh, inputBias: bih, hiddenBias: bhh)
        }
    }

    @Test func tensorsHavePyTorchNamesAndShapes() {
        let layers = Self.layers()
        for (layer, gates) in zip(layers, [1, 4, 3]) {
            #expect(layer.parameters.map(\.name) == ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"])
            #expect(layer.parameters.map(\.shape) == [[gates * Self.hidden, Self.features], [gates * Self.hidden, Self.hidden],
                                                      [gates * Self.hidden], [gates * Self.hidden]])
            // PyTorch draws every number from U(−1/√h, 1/√h).
            let limit = 1 / Float(Self.hidden).squareRoot()
            #expect(layer.parameters.allSatisfy { $0.values.elements.allSatisfy { abs($0) <= limit } })
        }
    }

    @Test func theFastForwardPassMatchesThePlainLoops() {
        let input = LayerGradientChecking.randomSequences(rows: Self.batch, steps: Self.steps, features: Self.features, seed: 5)
        for var layer in Self.layers() {
            layer.forward(input, mode: .training)
            let expected = Self.reference(layer, input)
            for index in 0..<expected.count {
                #expect(abs(layer.output.storage[index] - expected.storage[index]) < 2e-5, "\(layer.summary) element \(index)")
            }
        }
    }

    @Test func theLastStepOutputIsTheLastHiddenState() {
        let input = LayerGradientChecking.randomSequences(rows: Self.batch, steps: Self.steps, features: Self.features, seed: 6)
        for var layer in Self.layers(returns: .lastStep) {
            layer.forward(input, mode: .evaluation)
            let all = Self.reference(layer, input)
            #expect(layer.output.shape == [Self.batch, Self.hidden])
            for b in 0..<Self.batch {
                for j in 0..<Self.hidden {
                    #expect(abs(layer.output[b, j] - all[b, (Self.steps - 1) * Self.hidden + j]) < 2e-5)
                }
            }
        }
    }

    @Test(arguments: [RecurrentOutput.everyStep, .lastStep])
    func backpropagationThroughTimeMatchesFiniteDifferences(returns: RecurrentOutput) {
        let input = LayerGradientChecking.randomSequences(rows: Self.batch, steps: Self.steps, features: Self.features, seed: 7)
        for layer in Self.layers(returns: returns) {
            let result = LayerGradientChecking.check(layer, input: input, checkInput: true)
            #expect(result.checked > 100)
            #expect(result.worstParameterError < 2e-2, "\(layer.summary): parameters off by \(result.worstParameterError)")
            #expect(result.worstInputError < 2e-2, "\(layer.summary): inputs off by \(result.worstInputError)")
        }
    }

    @Test func aLaterInputNeverChangesAnEarlierOutput() {
        let input = LayerGradientChecking.randomSequences(rows: 2, steps: Self.steps, features: Self.features, seed: 8)
        for var layer in Self.layers() {
            layer.forward(input, mode: .evaluation)
            let before = layer.output
            for t in 0..<(Self.steps - 1) {
                var changed = input
                for k in 0..<Self.features { changed[1, (t + 1) * Self.features + k] += 0.5 }
                var other = layer
                other.forward(changed, mode: .evaluation)
                for j in 0..<((t + 1) * Self.hidden) {
                    #expect(other.output[1, j] == before[1, j], "\(layer.summary): step \(t) changed by step \(t + 1)")
                }
                #expect(other.output[1, (t + 1) * Self.hidden] != before[1, (t + 1) * Self.hidden])
            }
        }
    }

    @Test func theGradientReachingEarlierStepsIsMeasured() {
        // A long RNN with small weights: the gradient of a loss on the last step shrinks step by step.
        var random = RandomSource(seed: 2)
        var rnn = RNN(steps: 12, inputFeatures: 2, hiddenSize: 8, returns: .lastStep, random: &random)
        let input = LayerGradientChecking.randomSequences(rows: 4, steps: 12, features: 2, seed: 3)
        rnn.forward(input, mode: .training)
        rnn.backward(input: input, outputGradient: Matrix(rows: 4, columns: 8, repeating: 1), computeInputGradient: false)
        let sizes = rnn.hiddenGradientSizes
        #expect(sizes.count == 12)
        // At the last step the gradient is the loss's own: a vector of eight ones, length √8.
        #expect(abs(sizes[11] - Float(8).squareRoot()) < 1e-5)
        #expect(sizes[0] < sizes[11] / 10, "\(sizes)")
    }

    @Test func lstmGatesAreReadable() {
        var random = RandomSource(seed: 4)
        var lstm = LSTM(steps: 3, inputFeatures: 2, hiddenSize: 3, random: &random)
        let input = LayerGradientChecking.randomSequences(rows: 2, steps: 3, features: 2, seed: 1)
        lstm.forward(input, mode: .evaluation)
        let gates = lstm.gates(example: 1, step: 2)
        for value in gates.input + gates.forget + gates.output { #expect(value > 0 && value < 1) }
        for value in gates.candidate { #expect(value > -1 && value < 1) }
        // h = o ⊙ tanh(c), recomputed from what the inspection hands out.
        let cells = Array(lstm.cellStates.storage[(1 * 3 + 2) * 3 ..< (1 * 3 + 2) * 3 + 3])
        let hidden = Array(lstm.hiddenState(example: 1, step: 2))
        for j in 0..<3 {
            #expect(abs(hidden[j] - Array(gates.output)[j] * Foundation.tanh(cells[j])) < 1e-5)
        }
    }
}
import Foundation
