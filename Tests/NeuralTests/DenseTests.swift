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

@Suite("Dense fast path against its plain reference")
struct DenseReferenceTests {
    static func random(_ rows: Int, _ columns: Int, seed: UInt64) -> Matrix {
        var random = RandomSource(seed: seed)
        return Matrix(rows: rows, columns: columns, elements: (0..<rows * columns).map { _ in random.uniform(-1...1) })
    }

    /// Shapes on both sides of the product kernel's tile widths (1, 7, 8, 17, 33, 40 columns).
    @Test(arguments: [(1, 1, 1), (3, 5, 7), (10, 8, 8), (13, 17, 9), (32, 64, 33), (5, 3, 40)])
    func forwardAndBackwardMatchThePlainLoops(shape: (batch: Int, inputs: Int, outputs: Int)) {
        let weights = Self.random(shape.outputs, shape.inputs, seed: 1)
        let bias = Self.random(1, shape.outputs, seed: 2).elements
        let input = Self.random(shape.batch, shape.inputs, seed: 3)
        let outputGradient = Self.random(shape.batch, shape.outputs, seed: 4)
        var layer = Dense(weights: weights, bias: bias)
        layer.forward(input, mode: .training)
        layer.backward(input: input, outputGradient: outputGradient, computeInputGradient: true)

        let z = Dense.referenceForward(input: input, weights: weights, bias: bias)
        let reference = Dense.referenceBackward(input: input, weights: weights, outputGradient: outputGradient)
        func close(_ a: [Float], _ b: [Float]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) }
        }
        #expect(close(layer.output.elements, z.elements))
        #expect(close(layer.weightGradient.elements, reference.weightGradient.elements))
        #expect(close(layer.biasGradient, reference.biasGradient))
        #expect(close(layer.inputGradient.elements, reference.inputGradient.elements))
    }

    /// The reference itself, on numbers worked out by hand: X = [[1, 2]], W = [[3, 4]], b = [5], G = [[2]].
    @Test func theReferenceIsTheFormula() {
        let z = Dense.referenceForward(input: Matrix([[1, 2]]), weights: Matrix([[3, 4]]), bias: [5])
        let expected: Float = 1 * 3 + 2 * 4 + 5
        #expect(z.elements == [expected])
        let back = Dense.referenceBackward(input: Matrix([[1, 2]]), weights: Matrix([[3, 4]]), outputGradient: Matrix([[2]]))
        #expect(back.weightGradient.elements == [2, 4])
        #expect(back.biasGradient == [2])
        #expect(back.inputGradient.elements == [6, 8])
    }
}
