import Testing
@testable import Neural

@Suite("Dense layer")
struct DenseTests {
    /// Z = X·Wᵀ + b worked out by hand for a 2-input, 3-neuron layer.
    @Test func forwardComputesXTimesWTransposedPlusBias() {
        var layer = Dense(weights: Matrix([[1, 2], [0, -1], [0.5, 0.25]]), bias: [0.5, 0, -1])
        layer.forward(Matrix([[1, 1], [2, -4]]), mode: .training)
        #expect(layer.output.elements == [3.5, -1, -0.25, -5.5, 4, -1])
    }

    /// The layer keeps Wᵀ between passes; every way of changing the weights must be seen by the next pass.
    @Test func forwardSeesWeightsChangedInPlaceAndByTheOptimizer() {
        var layer = Dense(weights: Matrix([[1, 2]]), bias: [0])
        let input = Matrix([[1, 1]])
        layer.forward(input, mode: .evaluation)
        #expect(layer.output.elements == [3])

        layer.weights[0, 1] = 5
        layer.forward(input, mode: .evaluation)
        #expect(layer.output.elements == [6], "an edited weight is used at once")

        layer.backward(input: input, outputGradient: Matrix([[1]]), computeInputGradient: false)
        var optimizer = Optimizer(.sgd, learningRate: 0.5)
        optimizer.prepare(tensorSizes: [2, 1])
        optimizer.beginStep()
        layer.update(with: &optimizer, firstSlot: 0)
        #expect(layer.weights.elements == [0.5, 4.5])
        layer.forward(input, mode: .evaluation)
        #expect(layer.output.elements == [4.5], "weights moved by the optimizer are used at once (bias 0 − 0.5)")
    }
}
