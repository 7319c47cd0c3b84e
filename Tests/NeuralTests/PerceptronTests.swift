import Testing
@testable import Neural

@Suite("The perceptron learning rule")
struct PerceptronTests {
    static let inputs: [[Float]] = [[0, 0], [0, 1], [1, 0], [1, 1]]

    @Test(arguments: [("AND", [0, 0, 0, 1]), ("OR", [0, 1, 1, 1]), ("NAND", [1, 1, 1, 0])])
    func convergesOnSeparableGates(gate: (String, [Int])) {
        var perceptron = Perceptron(inputs: 2)
        let result = perceptron.train(inputs: Self.inputs, targets: gate.1, maxEpochs: 100)
        #expect(result.converged, "\(gate.0) should be learned")
        #expect(perceptron.accuracy(inputs: Self.inputs, targets: gate.1) == 1)
    }

    @Test func neverSettlesOnXOR() {
        var perceptron = Perceptron(inputs: 2)
        let xor = [0, 1, 1, 0]
        #expect(!perceptron.train(inputs: Self.inputs, targets: xor, maxEpochs: 1000).converged)
        // At best three of the four points lie on the right side of one line.
        #expect(perceptron.accuracy(inputs: Self.inputs, targets: xor) <= 0.75)
        // Every epoch still makes a mistake: the rule keeps moving the line.
        #expect(perceptron.trainEpoch(inputs: Self.inputs, targets: xor) > 0)
    }

    @Test func oneUpdateByHand() {
        // w = [0, 0], b = 0: z = 0, ŷ = 0. For x = [1, 1], y = 1 the rule adds η(y − ŷ)x = [0.5, 0.5] and b += 0.5.
        var perceptron = Perceptron(weights: [0, 0], bias: 0, learningRate: 0.5)
        let update = perceptron.learn([1, 1], target: 1)
        #expect(update.wasMistake && update.prediction == 0)
        #expect(perceptron.weights == [0.5, 0.5] && perceptron.bias == 0.5)
        // Now z = 1.5 > 0: right, so nothing changes.
        let second = perceptron.learn([1, 1], target: 1)
        #expect(!second.wasMistake && second.weightsAfter == second.weightsBefore)
        #expect(perceptron.weightedSum([1, 0]) == 1)
    }
}
