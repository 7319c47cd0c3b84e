import Testing
@testable import Neural

/// Each rule's first steps, worked out by hand from PyTorch's update rules and defaults, on one weight
/// p = 1 (and a bias where penalties are tested) whose gradient is 0.5 every step.
@Suite("Optimizers follow PyTorch's rules")
struct OptimizerTests {
    /// Runs `steps` updates of one weight and one bias, both starting at 1 with gradient 0.5.
    static func run(_ optimizer: Optimizer, steps: Int) -> (weight: [Float], bias: [Float]) {
        var optimizer = optimizer
        optimizer.prepare(tensorSizes: [1, 1])
        var weight: [Float] = [1], bias: [Float] = [1]
        let gradient: [Float] = [0.5]
        var weights: [Float] = [], biases: [Float] = []
        for _ in 0..<steps {
            optimizer.beginStep()
            weight.withUnsafeMutableBufferPointer { w in
                gradient.withUnsafeBufferPointer { g in optimizer.update(w.baseAddress!, gradient: g.baseAddress!, count: 1, slot: 0, penalised: true) }
            }
            bias.withUnsafeMutableBufferPointer { b in
                gradient.withUnsafeBufferPointer { g in optimizer.update(b.baseAddress!, gradient: g.baseAddress!, count: 1, slot: 1, penalised: false) }
            }
            weights.append(weight[0])
            biases.append(bias[0])
        }
        return (weights, biases)
    }

    static func close(_ a: [Float], _ b: [Float], _ tolerance: Float = 1e-6) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
    }

    @Test func sgd() {
        // p ← p − 0.1·0.5 each step.
        #expect(Self.close(Self.run(Optimizer(.sgd, learningRate: 0.1), steps: 3).weight, [0.95, 0.90, 0.85]))
    }

    @Test func momentum() {
        // v₁ = 0.5, p₁ = 0.95; v₂ = 0.9·0.5 + 0.5 = 0.95, p₂ = 0.855; v₃ = 1.355, p₃ = 0.7195.
        #expect(Self.close(Self.run(Optimizer(.momentum(0.9), learningRate: 0.1), steps: 3).weight, [0.95, 0.855, 0.7195]))
    }

    @Test func nesterov() {
        // v₁ = 0.5, p₁ = 1 − 0.1·(0.5 + 0.45) = 0.905; v₂ = 0.95, p₂ = 0.905 − 0.1·(0.5 + 0.855) = 0.7695.
        #expect(Self.close(Self.run(Optimizer(.nesterov(0.9), learningRate: 0.1), steps: 2).weight, [0.905, 0.7695]))
    }

    @Test func rmsprop() {
        // s₁ = 0.01·0.25 = 0.0025, √s₁ = 0.05, p₁ = 1 − 0.01·0.5/0.05 = 0.9.
        // s₂ = 0.99·0.0025 + 0.0025 = 0.004975, p₂ = 0.9 − 0.005/0.0705337 = 0.8291119.
        let kind = OptimizerKind(name: "rmsprop")!
        #expect(Self.close(Self.run(Optimizer(kind), steps: 2).weight, [0.9, 0.8291119], 2e-6))
    }

    @Test func adam() {
        // With a constant gradient the bias-corrected m̂ = 0.5 and √v̂ = 0.5, so each step moves p by lr.
        // Without bias correction the first step would be 0.001·0.05/√0.00025 ≈ 0.00316 instead.
        let kind = OptimizerKind(name: "adam")!
        #expect(Self.close(Self.run(Optimizer(kind), steps: 3).weight, [0.999, 0.998, 0.997]))
    }

    @Test func adamWithAChangingGradient() {
        // g₁ = 0.5, g₂ = −1: m₂ = 0.9·0.05 − 0.1 = −0.055, v₂ = 0.999·0.00025 + 0.001 = 0.00124975,
        // m̂₂ = −0.055/0.19 = −0.2894737, √v̂₂ = √(0.00124975/0.001999) = 0.7906929,
        // p₂ = 0.999 + 0.001·0.2894737/0.7906929 = 0.9993661.
        var optimizer = Optimizer(.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8))
        optimizer.prepare(tensorSizes: [1])
        var weight: [Float] = [1]
        for gradient in [Float(0.5), -1] {
            optimizer.beginStep()
            let g = [gradient]
            weight.withUnsafeMutableBufferPointer { w in
                g.withUnsafeBufferPointer { optimizer.update(w.baseAddress!, gradient: $0.baseAddress!, count: 1, slot: 0, penalised: true) }
            }
        }
        #expect(abs(weight[0] - 0.9993661) < 1e-6)
    }

    @Test func penaltiesApplyToWeightsOnly() {
        // L2 0.1: g = 0.5 + 0.1·1 = 0.6, p₁ = 0.94. L1 0.2: g = 0.5 + 0.2 = 0.7, p₁ = 0.93. Biases: 0.95.
        let l2 = Self.run(Optimizer(.sgd, learningRate: 0.1, l2: 0.1), steps: 1)
        #expect(Self.close(l2.weight, [0.94]) && Self.close(l2.bias, [0.95]))
        let l1 = Self.run(Optimizer(.sgd, learningRate: 0.1, l1: 0.2), steps: 1)
        #expect(Self.close(l1.weight, [0.93]) && Self.close(l1.bias, [0.95]))
    }

    @Test func namesAndDefaults() {
        #expect(OptimizerKind.all.map(\.name) == ["sgd", "momentum", "nesterov", "rmsprop", "adam"])
        #expect(OptimizerKind(name: "adam")?.defaultLearningRate == 0.001)
        #expect(OptimizerKind(name: "lbfgs") == nil)
    }
}
