import Testing
@testable import Neural

@Suite("Target standardisation")
struct TargetStandardizationTests {
    @Test func targetsGetMeanZeroAndSpreadOneFromTheTrainingSet() {
        // Prices 100, 200, 300, 400: μ = 250, σ = √((150² + 50² + 50² + 150²)/4) = √12500.
        let targets = Matrix([[100], [200], [300], [400]])
        let standardization = TargetStandardization(fittedTo: targets)
        let sigma = Float(12500.0.squareRoot())
        #expect(abs(standardization.means[0] - 250) < 1e-3)
        #expect(abs(standardization.standardDeviations[0] - sigma) < 1e-2)
        let z = standardization.standardized(targets)
        #expect(abs(z[0, 0] - (100 - 250) / sigma) < 1e-5 && abs(z[3, 0] - 150 / sigma) < 1e-5)
    }

    @Test func foldingMapsEveryPredictionBackToTheTargetsUnits() {
        let network = Network(sizes: [3, 5, 2], activation: .tanh, outputActivation: .identity, seed: 4)
        let targets = Matrix([[1000, -3], [3000, 5], [2000, 1]])
        let standardization = TargetStandardization(fittedTo: targets)
        #expect(TargetStandardization.applies(to: network, problem: .regression))
        let inputs = Matrix([[0.1, -0.4, 2], [1, 0, -1]])
        let standardPredictions = network.predict(inputs)
        let folded = standardization.folded(into: network).predict(inputs)
        for row in 0..<2 {
            for column in 0..<2 {
                // y = σ·z + μ, computed here by hand from the unfolded network's output.
                let expected = standardization.standardDeviations[column] * standardPredictions[row, column] + standardization.means[column]
                #expect(abs(folded[row, column] - expected) <= 1e-3 * max(1, abs(expected)))
            }
        }
        let back = standardization.unfolded(from: standardization.folded(into: network)).predict(inputs)
        for index in 0..<back.count { #expect(abs(back.storage[index] - standardPredictions.storage[index]) < 1e-4) }
    }

    @Test func onlyRegressionThroughAnIdentityOutputIsStandardised() {
        let sigmoid = Network(sizes: [2, 3, 1], activation: .tanh, outputActivation: .sigmoid, seed: 1)
        let identity = Network(sizes: [2, 3, 1], activation: .tanh, outputActivation: .identity, seed: 1)
        #expect(!TargetStandardization.applies(to: sigmoid, problem: .regression))
        #expect(!TargetStandardization.applies(to: identity, problem: .binaryClassification))
        #expect(TargetStandardization.applies(to: identity, problem: .regression))
    }
}
