import Testing
@testable import Neural

/// Halves a number where the compiler cannot see it, so the division happens at run time on this thread.
@inline(never)
private func halved(_ values: [Float], _ index: Int) -> Float { values[index] / 2 }

/// An identity layer that notes whether subnormals were being flushed while it ran forward and backward.
private struct ModeProbe: Layer {
    let inputShape: TensorShape
    var outputShape: TensorShape { inputShape }
    var summary: String { "probe" }
    var spec: LayerSpec { .activation(.identity, size: inputShape.count) }
    var parameters: [Parameter] { get { [] } set {} }
    func detachedCopy() -> any Layer { self }
    var output: Matrix
    var inputGradient: Matrix
    var flushedForward: Bool?
    var flushedBackward: Bool?

    init(size: Int) {
        inputShape = [size]
        output = Matrix(rows: 0, columns: size)
        inputGradient = Matrix(rows: 0, columns: size)
    }

    mutating func reserve(batchCapacity: Int) {}

    mutating func forward(_ input: Matrix, mode: Mode) {
        flushedForward = Subnormals.areFlushedOnThisThread
        output.copy(from: input)
    }

    mutating func backward(input: Matrix, outputGradient: Matrix, computeInputGradient: Bool) {
        flushedBackward = Subnormals.areFlushedOnThisThread
        inputGradient.copy(from: outputGradient)
    }
}

#if arch(x86_64) || arch(arm64)
@Suite("Subnormal numbers")
struct SubnormalsTests {
    let smallestNormal: [Float] = [Float.leastNormalMagnitude]

    @Test func halvingTheSmallestNormalFloatGivesASubnormalOutsideAndZeroInside() {
        let outside = halved(smallestNormal, 0)
        #expect(outside > 0 && outside.isSubnormal)
        let inside = Subnormals.flushedToZero { halved(smallestNormal, 0) }
        #expect(inside == 0)
        #expect(halved(smallestNormal, 0) == outside, "the thread's mode is back once the block ends")
    }

    @Test func theModeIsRestoredAfterNestedBlocksAndAfterAThrow() {
        struct Failure: Error {}
        #expect(!Subnormals.areFlushedOnThisThread)
        Subnormals.flushedToZero {
            #expect(Subnormals.areFlushedOnThisThread)
            Subnormals.flushedToZero { #expect(Subnormals.areFlushedOnThisThread) }
            #expect(Subnormals.areFlushedOnThisThread, "an inner block puts back the outer block's mode")
        }
        #expect(!Subnormals.areFlushedOnThisThread)
        #expect(throws: Failure.self) { try Subnormals.flushedToZero { throw Failure() } }
        #expect(!Subnormals.areFlushedOnThisThread)
    }

    @Test func aTrainingStepRunsFlushedAndLeavesTheThreadAsItWas() {
        let network = Network(layers: [Dense(weights: Matrix([[0.5, -0.25]]), bias: [0.1]), ModeProbe(size: 1)])
        let examples = Examples(features: Matrix([[1, 2], [3, 4]]), targets: Matrix([[0], [1]]))
        var trainer = Trainer(network: network, training: examples,
                              configuration: TrainingConfiguration(epochs: 1, batchSize: 2, loss: .meanSquaredError,
                                                                   optimizer: .sgd, learningRate: 0.1))
        #expect(!Subnormals.areFlushedOnThisThread)
        trainer.step()
        let probe = trainer.network.layers[1] as! ModeProbe
        #expect(probe.flushedForward == true)
        #expect(probe.flushedBackward == true)
        #expect(!Subnormals.areFlushedOnThisThread)

        _ = trainer.evaluate(examples)
        #expect((trainer.network.layers[1] as! ModeProbe).flushedForward == true)
        #expect(!Subnormals.areFlushedOnThisThread)
    }

    @Test func adamsRunningMeansReachZeroInsteadOfLingeringAsSubnormals() {
        // A weight whose gradient is zero after a first step (as for a pixel that is blank in every digit):
        // m shrinks by 0.9 and v by 0.999 each step. With flushing both land on exactly 0, m after about 800
        // steps and v after about 80,000. Without it neither ever does: m sticks at 4 times the smallest
        // subnormal (0.9 × 4 rounds back to 4) and v near 7e-43.
        var optimizer = Optimizer(.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), learningRate: 0.001)
        optimizer.prepare(tensorSizes: [16])
        var weights = [Float](repeating: 0.5, count: 16)
        var gradient = [Float](repeating: 1, count: 16)
        func step() {
            optimizer.beginStep()
            weights.withUnsafeMutableBufferPointer { w in
                gradient.withUnsafeBufferPointer { g in
                    optimizer.update(w.baseAddress!, gradient: g.baseAddress!, count: 16, slot: 0, penalised: true)
                }
            }
        }
        Subnormals.flushedToZero { step() }
        gradient = [Float](repeating: 0, count: 16)
        let settled = weights
        var sawSubnormal = false
        Subnormals.flushedToZero {
            for _ in 0..<90_000 {
                step()
                optimizer.withState(0) { m, v in
                    for lane in 0..<16 where m[lane].isSubnormal || v[lane].isSubnormal { sawSubnormal = true }
                }
            }
        }
        #expect(!sawSubnormal)
        optimizer.withState(0) { m, v in
            #expect(m[0] == 0)
            #expect(v[0] == 0)
        }
        #expect(weights.allSatisfy { $0 < settled[0] }, "the weights kept moving while the means decayed")
    }
}
#endif
