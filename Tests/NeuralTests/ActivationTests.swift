import Foundation
import Testing
@testable import Neural

@Suite("Activation functions")
struct ActivationTests {
    @Test func knownValues() {
        #expect(Activation.sigmoid.value(at: 0) == 0.5)
        #expect(abs(Activation.sigmoid.value(at: 2) - 0.880797) < 1e-6)
        #expect(abs(Activation.tanh.value(at: 1) - 0.761594) < 1e-6)
        #expect(Activation.relu.value(at: -3) == 0 && Activation.relu.value(at: 3) == 3)
        #expect(Activation.leakyReLU.value(at: -3) == -0.03)
        #expect(Activation.step.value(at: 0) == 0 && Activation.step.value(at: 0.001) == 1)
        // σ′(0) = ¼ and tanh′(0) = 1 are the largest slopes each function has.
        #expect(Activation.sigmoid.derivative(at: 0) == 0.25)
        #expect(Activation.tanh.derivative(at: 0) == 1)
        // Far out, the sigmoid saturates: its gradient all but vanishes.
        #expect(Activation.sigmoid.derivative(at: 10) < 5e-5)
        #expect(Activation.sigmoid.value(at: -100) > 0 && Activation.sigmoid.value(at: -100) < 1e-40)
    }

    @Test(arguments: [Activation.sigmoid, .tanh, .relu, .leakyReLU, .identity])
    func derivativesMatchFiniteDifferences(activation: Activation) {
        for z in stride(from: Float(-4.05), through: 4.05, by: 0.3) {
            let numerical = GradientCheck.numericalDerivative(of: { activation.value(at: $0) }, at: z, epsilon: 1e-3)
            #expect(abs(numerical - activation.derivative(at: z)) < 2e-3, "\(activation.name)′(\(z))")
        }
    }

    @Test func softmaxIsStableAndSumsToOne() {
        let probabilities = Activation.softmax([1000, 1001, 1002])
        #expect(probabilities.allSatisfy { $0.isFinite })
        #expect(abs(probabilities.reduce(0, +) - 1) < 1e-6)
        // Known values: softmax([0, 1, 2]) = [0.0900306, 0.2447285, 0.6652409].
        let known = Activation.softmax([0, 1, 2])
        for (value, expected) in zip(known, [Float(0.0900306), 0.2447285, 0.6652409]) { #expect(abs(value - expected) < 1e-6) }
        #expect(zip(probabilities, known).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func namesRoundTrip() {
        for activation in Activation.all { #expect(Activation(name: activation.name) == activation) }
        #expect(Activation(name: "swish") == nil)
    }
}
