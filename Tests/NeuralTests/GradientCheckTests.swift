import Testing
@testable import Neural

@Suite("Backpropagation equals finite differences")
struct GradientCheckTests {
    static func batch(rows: Int, inputs: Int, seed: UInt64) -> Matrix {
        var random = RandomSource(seed: seed)
        return Matrix(rows: rows, columns: inputs, elements: (0..<rows * inputs).map { _ in random.uniform(-1.5...1.5) })
    }

    static func targets(for loss: Loss, rows: Int, outputs: Int, seed: UInt64) -> Matrix {
        var random = RandomSource(seed: seed)
        var targets = Matrix(rows: rows, columns: outputs)
        for row in 0..<rows {
            switch loss {
            case .meanSquaredError:
                for column in 0..<outputs { targets[row, column] = random.uniform(-1...1) }
            case .binaryCrossEntropy:
                for column in 0..<outputs { targets[row, column] = random.nextIndex(below: 2) == 0 ? 0 : 1 }
            case .crossEntropy:
                targets[row, random.nextIndex(below: outputs)] = 1
            }
        }
        return targets
    }

    /// How close any pre-activation feeding a ReLU-family activation comes to the kink at 0.
    static func distanceToKink(_ network: Network, _ input: Matrix) -> Float {
        var copy = network
        copy.forward(input, mode: .evaluation)
        var distance = Float.infinity
        for index in copy.layers.indices.dropFirst() {
            guard let activation = copy.layers[index] as? ActivationLayer else { continue }
            switch activation.function {
            case .relu, .leakyReLU: distance = min(distance, copy.layers[index - 1].output.elements.map(abs).min() ?? .infinity)
            default: continue
            }
        }
        return distance
    }

    /// A batch whose pre-activations all stay well clear of ReLU's kink, where the derivative is undefined
    /// and a central difference straddling it measures neither side's slope.
    static func batchAwayFromKinks(_ network: Network, rows: Int, inputs: Int) -> Matrix {
        for seed in UInt64(5)..<200 {
            let input = batch(rows: rows, inputs: inputs, seed: seed)
            if distanceToKink(network, input) > 0.05 { return input }
        }
        preconditionFailure("no batch clear of the kink")
    }

    /// Every comparison within tolerance, reporting the worst one otherwise. Gradients far smaller than the
    /// largest one are compared against a floor of 1 % of it: there, float rounding in the loss is as large
    /// as the gradient itself, while a wrong sign or factor shows up in the large gradients.
    static func expectAgreement(_ comparisons: [GradientCheck.Comparison], tolerance: Float = 2e-2,
                                sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!comparisons.isEmpty, sourceLocation: sourceLocation)
        let floor = 0.01 * (comparisons.map { abs($0.analytic) }.max() ?? 0) + 1e-5
        let worst = comparisons.max { $0.relativeError(floor: floor) < $1.relativeError(floor: floor) }!
        #expect(worst.relativeError(floor: floor) < tolerance,
                "layer \(worst.layer) \(worst.tensor)[\(worst.element)]: backprop \(worst.analytic), numerical \(worst.numerical)",
                sourceLocation: sourceLocation)
    }

    // Every hidden activation × every loss with its natural output, through two hidden layers.
    @Test(arguments: [Activation.sigmoid, .tanh, .relu, .leakyReLU(slope: 0.1), .identity],
          [(Loss.meanSquaredError, Activation.identity, 2), (.binaryCrossEntropy, .sigmoid, 1), (.crossEntropy, .softmax, 3)])
    func denseNetworks(hidden: Activation, lossAndOutput: (Loss, Activation, Int)) {
        let (loss, output, outputs) = lossAndOutput
        let network = Network(sizes: [3, 5, 4, outputs], activation: hidden, outputActivation: output, seed: 11)
        let input = Self.batchAwayFromKinks(network, rows: 6, inputs: 3)
        let targets = Self.targets(for: loss, rows: 6, outputs: outputs, seed: 6)
        Self.expectAgreement(GradientCheck.compare(network: network, loss: loss, input: input, targets: targets, epsilon: 5e-3))
    }

    // The unfused paths: the output activation's own backward pass, and losses given probabilities.
    @Test(arguments: [(Loss.meanSquaredError, Activation.sigmoid, 2), (.meanSquaredError, .softmax, 3), (.meanSquaredError, .tanh, 2),
                      (.binaryCrossEntropy, .sigmoid, 2), (.crossEntropy, .softmax, 4)])
    func outputActivationsWithoutFusion(lossAndOutput: (Loss, Activation, Int)) {
        let (loss, output, outputs) = lossAndOutput
        let network = Network(sizes: [2, 4, outputs], activation: .tanh, outputActivation: output, seed: 3)
        let input = Self.batch(rows: 5, inputs: 2, seed: 7)
        let targets = Self.targets(for: loss, rows: 5, outputs: outputs, seed: 8)
        Self.expectAgreement(GradientCheck.compare(network: network, loss: loss, input: input, targets: targets, epsilon: 5e-3, fusedOutput: false))
    }

    @Test func dropoutUsesTheSameMaskForwardAndBackward() {
        let network = Network(sizes: [4, 8, 8, 2], activation: .tanh, outputActivation: .identity, dropout: 0.3, seed: 21)
        let input = Self.batch(rows: 7, inputs: 4, seed: 9)
        let targets = Self.targets(for: .meanSquaredError, rows: 7, outputs: 2, seed: 10)
        Self.expectAgreement(GradientCheck.compare(network: network, loss: .meanSquaredError, input: input, targets: targets, epsilon: 5e-3))
    }

    @Test func aWrongGradientIsCaught() {
        // The checker itself must fail on a broken gradient: halve one analytic value and compare.
        let network = Network(sizes: [2, 3, 1], activation: .tanh, outputActivation: .sigmoid, seed: 1)
        var comparisons = GradientCheck.compare(network: network, loss: .binaryCrossEntropy,
                                                input: Self.batch(rows: 4, inputs: 2, seed: 2),
                                                targets: Self.targets(for: .binaryCrossEntropy, rows: 4, outputs: 1, seed: 3))
        let index = comparisons.firstIndex { abs($0.analytic) > 1e-2 }!
        comparisons[index].analytic *= 0.5
        #expect(comparisons[index].relativeError() > 0.3)
        comparisons[index].analytic *= -2
        #expect(comparisons[index].relativeError() > 1.5)
    }

    @Test func lossesHaveKnownValues() {
        // MSE of [1, 2] against [0, 0] is (1 + 4) / 2.
        #expect(Loss.meanSquaredError.value(output: Matrix([[1, 2]]), targets: Matrix([[0, 0]])) == 2.5)
        // BCE of p = 0.8 for y = 1 is −ln 0.8.
        #expect(abs(Loss.binaryCrossEntropy.value(output: Matrix([[0.8]]), targets: Matrix([[1]])) - 0.2231436) < 1e-6)
        // CE of softmax([0, 1, 2]) against class 2 is −ln 0.6652409.
        var gradient = Matrix(rows: 1, columns: 3)
        let fromLogits = Loss.crossEntropy.evaluate(logits: Matrix([[0, 1, 2]]), targets: Matrix([[0, 0, 1]]), gradient: &gradient)
        #expect(abs(fromLogits - 0.4076060) < 1e-6)
        #expect(abs(gradient[0, 2] - (0.6652409 - 1)) < 1e-6)
        // Huge logits neither overflow nor produce log(0).
        var bceGradient = Matrix(rows: 2, columns: 1)
        let extreme = Loss.binaryCrossEntropy.evaluate(logits: Matrix([[-500], [500]]), targets: Matrix([[1], [0]]), gradient: &bceGradient)
        #expect(abs(extreme - 500) < 1e-3)
        #expect(bceGradient.elements == [-0.5, 0.5])
        let clamped = Loss.binaryCrossEntropy.value(output: Matrix([[0], [1]]), targets: Matrix([[1], [0]]))
        #expect(clamped.isFinite && clamped > 15)
    }
}
