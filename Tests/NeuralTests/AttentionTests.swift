import Foundation
import Testing
import _AllocationCounter
@testable import Neural

@Suite("Attention and transformer layers")
struct AttentionTests {
    // Six steps of eight numbers, two heads, three examples; the last two steps of example 0 and the last
    // step of example 2 are padding, left out of the loss.
    static let (steps, dimension, heads, batch) = (6, 8, 2, 3)
    static let paddingMask: [Float] = [1, 1, 1, 1, 0, 0,  1, 1, 1, 1, 1, 1,  1, 1, 1, 1, 1, 0]
    static func loss(width: Int, seed: UInt64) -> AttentionTesting.MaskedLoss {
        AttentionTesting.MaskedLoss(mask: paddingMask, coefficients: AttentionTesting.randomMatrix(rows: batch, columns: steps * width, seed: seed),
                                    width: width)
    }
    static func sequences(seed: UInt64) -> Matrix { AttentionTesting.randomMatrix(rows: batch, columns: steps * dimension, seed: seed) }

    static func attention(seed: UInt64, isCausal: Bool = true) -> CausalSelfAttention {
        var random = RandomSource(seed: seed)
        var layer = CausalSelfAttention(steps: steps, dimension: dimension, heads: heads, isCausal: isCausal, random: &random)
        // Non-zero biases, so their gradients and their place in the formulas are tested too.
        var tensors = layer.parameters
        tensors[1].values = AttentionTesting.randomMatrix(rows: 1, columns: 3 * dimension, seed: seed + 1, scale: 0.3)
        tensors[3].values = AttentionTesting.randomMatrix(rows: 1, columns: dimension, seed: seed + 2, scale: 0.3)
        layer.parameters = tensors
        return layer
    }

    static func block(seed: UInt64) -> TransformerBlock {
        var random = RandomSource(seed: seed)
        var block = TransformerBlock(steps: steps, dimension: dimension, heads: heads, random: &random)
        // γ, β and the biases away from 1 and 0.
        var tensors = block.parameters
        for index in [0, 1, 3, 5, 6, 7, 9, 11] {
            let count = tensors[index].count
            let noise = AttentionTesting.randomMatrix(rows: 1, columns: count, seed: seed + UInt64(index), scale: 0.3)
            let base: Float = tensors[index].name.hasSuffix("ln_1.weight") || tensors[index].name.hasSuffix("ln_2.weight") ? 1 : 0
            tensors[index].values = Matrix(rows: tensors[index].values.rows, columns: tensors[index].values.columns,
                                           elements: noise.elements.map { $0 + base })
        }
        block.parameters = tensors
        return block
    }

    // MARK: - The fast paths against the plain references

    @Test func layerNormMatchesTheFormulasForwardAndBackward() {
        var layer = LayerNorm(shape: [Self.steps, Self.dimension],
                              weight: (0..<Self.dimension).map { 1 + 0.1 * Float($0) }, bias: (0..<Self.dimension).map { 0.05 * Float($0) - 0.2 })
        let x = Self.sequences(seed: 3)
        layer.forward(x, mode: .training)
        let expected = LayerNorm.referenceForward(input: x, features: Self.dimension, weight: layer.parameters[0].values.elements,
                                                  bias: layer.parameters[1].values.elements)
        for index in 0..<x.count { #expect(abs(layer.output.storage[index] - expected.storage[index]) < 1e-5) }
        // Every normalised vector of γ = 1, β = 0 has mean 0 and variance 1 (up to ε).
        var plain = LayerNorm(shape: [Self.steps, Self.dimension])
        plain.forward(x, mode: .training)
        let first = Array(plain.output.storage[0..<Self.dimension])
        #expect(abs(first.reduce(0, +) / Float(Self.dimension)) < 1e-5)
        #expect(abs(first.map { $0 * $0 }.reduce(0, +) / Float(Self.dimension) - 1) < 1e-3)

        let g = AttentionTesting.randomMatrix(rows: x.rows, columns: x.columns, seed: 4)
        layer.backward(input: x, outputGradient: g, computeInputGradient: true)
        let reference = LayerNorm.referenceBackward(input: x, features: Self.dimension, weight: layer.parameters[0].values.elements, outputGradient: g)
        for i in 0..<Self.dimension {
            #expect(abs(layer.parameters[0].gradient.storage[i] - reference.weightGradient[i]) < 1e-4)
            #expect(abs(layer.parameters[1].gradient.storage[i] - reference.biasGradient[i]) < 1e-4)
        }
        for index in 0..<x.count { #expect(abs(layer.inputGradient.storage[index] - reference.inputGradient.storage[index]) < 1e-4) }
    }

    @Test(arguments: [true, false])
    func attentionMatchesTheFormulasHeadByHead(isCausal: Bool) {
        var layer = Self.attention(seed: 5, isCausal: isCausal)
        let x = Self.sequences(seed: 6)
        layer.forward(x, mode: .evaluation)
        let tensors = layer.parameters
        let reference = CausalSelfAttention.referenceForward(
            input: x, steps: Self.steps, heads: Self.heads, isCausal: isCausal,
            inProjectionWeight: tensors[0].values, inProjectionBias: tensors[1].values.elements,
            outProjectionWeight: tensors[2].values, outProjectionBias: tensors[3].values.elements)
        for index in 0..<x.count { #expect(abs(layer.output.storage[index] - reference.output.storage[index]) < 1e-5) }
        for example in 0..<Self.batch {
            for head in 0..<Self.heads {
                let weights = layer.attentionWeights(example: example, head: head)
                for t in 0..<Self.steps {
                    var rowSum: Float = 0
                    for s in 0..<Self.steps {
                        #expect(abs(Double(weights[t, s]) - reference.weights[example][head][t][s]) < 1e-6)
                        rowSum += weights[t, s]
                        if isCausal && s > t { #expect(weights[t, s] == 0, "step \(t) looks ahead at step \(s)") }
                    }
                    #expect(abs(rowSum - 1) < 1e-5)
                }
            }
        }
        // With the mask off, the first step looks at every step.
        if !isCausal { #expect(layer.attentionWeights(example: 0, head: 0)[0, Self.steps - 1] > 0) }
    }

    @Test func positionEmbeddingsAddTheirRowsAndLookUpTokens() {
        var random = RandomSource(seed: 8)
        var layer = PositionEmbedding(steps: 4, dimension: 3, vocabulary: 5, random: &random)
        let ids = Matrix([[0, 4, 4, 2], [1, 1, 3, 0]])
        layer.forward(ids, mode: .training)
        let expected = PositionEmbedding.referenceForward(input: ids, positions: layer.parameters[1].values, tokens: layer.parameters[0].values)
        #expect(layer.output == expected)
        // Steps 1 and 2 of example 0 hold the same token: they differ by exactly the two position rows.
        for j in 0..<3 {
            let positions = layer.parameters[1].values
            #expect(layer.output[0, 3 + j] - layer.output[0, 6 + j] == positions[1, j] - positions[2, j])
        }
    }

    // MARK: - Finite differences, through six steps, with padding left out of the loss

    @Test func layerNormGradientsMatchFiniteDifferences() {
        var layer = LayerNorm(shape: [Self.steps, Self.dimension])
        var tensors = layer.parameters
        tensors[0].values = Matrix(rows: 1, columns: Self.dimension, elements: AttentionTesting.randomMatrix(rows: 1, columns: Self.dimension, seed: 9).elements.map { 1 + $0 / 2 })
        tensors[1].values = AttentionTesting.randomMatrix(rows: 1, columns: Self.dimension, seed: 10, scale: 0.5)
        layer.parameters = tensors
        let result = AttentionTesting.worstGradientError(of: layer, input: Self.sequences(seed: 11), loss: Self.loss(width: Self.dimension, seed: 12), checkInput: true)
        #expect(result.checked == 2 * Self.dimension + Self.batch * Self.steps * Self.dimension)
        #expect(result.error < 1e-2, "\(result.where)")
    }

    @Test(arguments: [true, false])
    func attentionGradientsMatchFiniteDifferences(isCausal: Bool) {
        let result = AttentionTesting.worstGradientError(of: Self.attention(seed: 13, isCausal: isCausal), input: Self.sequences(seed: 14),
                                                         loss: Self.loss(width: Self.dimension, seed: 15), checkInput: true)
        #expect(result.checked == 4 * Self.dimension * Self.dimension + 4 * Self.dimension + Self.batch * Self.steps * Self.dimension)
        #expect(result.error < 1e-2, "\(result.where)")
    }

    @Test func positionEmbeddingGradientsMatchFiniteDifferences() {
        var random = RandomSource(seed: 16)
        let vectors = PositionEmbedding(steps: Self.steps, dimension: Self.dimension, random: &random)
        let onVectors = AttentionTesting.worstGradientError(of: vectors, input: Self.sequences(seed: 17), loss: Self.loss(width: Self.dimension, seed: 18), checkInput: true)
        #expect(onVectors.error < 1e-2, "\(onVectors.where)")
        let tokens = PositionEmbedding(steps: Self.steps, dimension: Self.dimension, vocabulary: 5, random: &random)
        let ids = Matrix([[0, 1, 2, 3, 4, 4], [4, 4, 4, 4, 1, 1], [2, 0, 2, 0, 2, 0]])
        let onTokens = AttentionTesting.worstGradientError(of: tokens, input: ids, loss: Self.loss(width: Self.dimension, seed: 19), checkInput: false)
        #expect(onTokens.checked == (5 + Self.steps) * Self.dimension)
        #expect(onTokens.error < 1e-2, "\(onTokens.where)")
    }

    @Test func transformerBlockGradientsMatchFiniteDifferences() {
        let result = AttentionTesting.worstGradientError(of: Self.block(seed: 20), input: Self.sequences(seed: 21),
                                                         loss: Self.loss(width: Self.dimension, seed: 22), checkInput: true,
                                                         kinks: { ($0 as! TransformerBlock).hidden.map { $0 > 0 } })
        let d = Self.dimension
        let total = 4 * d + (3 * d * d + 3 * d + d * d + d) + (4 * d * d + 4 * d + 4 * d * d + d) + Self.batch * Self.steps * d
        #expect(result.checked + result.skipped == total)
        #expect(result.skipped * 10 < total, "\(result.skipped) of \(total) steps crossed a ReLU kink")
        #expect(result.error < 1e-2, "\(result.where)")
    }

    @Test func stepwiseDenseGradientsMatchFiniteDifferences() {
        var random = RandomSource(seed: 23)
        let layer = StepwiseDense(steps: Self.steps, inputSize: Self.dimension, outputSize: 5, initializer: .xavier, random: &random)
        let result = AttentionTesting.worstGradientError(of: layer, input: Self.sequences(seed: 24), loss: Self.loss(width: 5, seed: 25), checkInput: true)
        #expect(result.error < 1e-2, "\(result.where)")
    }

    /// Padding steps are left out of the loss: their gradient is exactly zero for every tensor they alone reach.
    @Test func paddedStepsSendNoGradient() {
        var block = Self.block(seed: 26)
        let x = Self.sequences(seed: 27)
        block.forward(x, mode: .training)
        let g = Self.loss(width: Self.dimension, seed: 28).gradient(block.output)
        block.backward(input: x, outputGradient: g, computeInputGradient: true)
        // Example 0's steps 4 and 5 are padding; under the causal mask no kept step reads them.
        for column in (4 * Self.dimension)..<(6 * Self.dimension) { #expect(block.inputGradient[0, column] == 0) }
        #expect(block.inputGradient[0, 3 * Self.dimension] != 0)
    }

    // MARK: - Causality

    static func model(seed: UInt64, vocabulary: Int = 13, steps: Int = 12) throws -> Network {
        try ArchitectureDescription(parsing: "posembed 16 vocab \(vocabulary), transformer 2 blocks 4 heads, layernorm, dense \(vocabulary)")
            .network(inputShape: [steps], seed: seed)
    }

    @Test func changingTokenTPlusOneNeverChangesAnOutputAtStepT() throws {
        var network = try Self.model(seed: 29)
        var random = RandomSource(seed: 30)
        let tokens = (0..<12).map { _ in Float(random.nextIndex(below: 13)) }
        network.forward(Matrix(rows: 1, columns: 12, elements: tokens), mode: .evaluation)
        let before = network.output
        for changed in 1..<12 {
            var altered = tokens
            altered[changed] = Float((Int(altered[changed]) + 5) % 13)
            network.forward(Matrix(rows: 1, columns: 12, elements: altered), mode: .evaluation)
            let after = network.output
            for column in 0..<(changed * 13) {
                #expect(after[0, column] == before[0, column], "step \(column / 13) changed when token \(changed) did")
            }
            // The changed step itself does change.
            #expect((changed * 13..<(changed + 1) * 13).contains { after[0, $0] != before[0, $0] })
        }
    }

    // MARK: - Parameters, copies, words

    @Test func blockTensorsCarryPyTorchNamesAndShapes() {
        let block = Self.block(seed: 31)
        let d = Self.dimension
        let names = block.parameters.map(\.name), shapes = block.parameters.map(\.shape)
        #expect(names == ["ln_1.weight", "ln_1.bias", "attn.in_proj_weight", "attn.in_proj_bias", "attn.out_proj.weight", "attn.out_proj.bias",
                          "ln_2.weight", "ln_2.bias", "mlp.0.weight", "mlp.0.bias", "mlp.2.weight", "mlp.2.bias"])
        #expect(shapes == [[d], [d], [3 * d, d], [3 * d], [d, d], [d], [d], [d], [4 * d, d], [4 * d], [d, 4 * d], [d]])
    }

    @Test func theDescriptionReadsBackAndSaysWhatIsWrong() throws {
        let text = "posembed 32 vocab 28, transformer 2 blocks 4 heads, layernorm, dense 28"
        let network = try ArchitectureDescription(parsing: text).network(inputShape: [16], seed: 1)
        #expect(network.layers.count == 5)
        #expect(network.architectureDescription?.text == text)
        #expect(network.shapes == [[16], [16, 32], [16, 32], [16, 32], [16, 32], [16, 28]])
        #expect(throws: ArchitectureError.self) { try ArchitectureDescription(parsing: "transformer 2 blocks").network(inputShape: [4, 8], seed: 1) }
        do {
            _ = try ArchitectureDescription(parsing: "posembed, attention 3 heads").network(inputShape: [4, 8], seed: 1)
            Issue.record("3 heads cannot divide 8 features")
        } catch {
            #expect(error.description.contains("3 heads must divide the 8 features"))
        }
    }

    @Test func sameSeedSameBits() throws {
        let a = try Self.model(seed: 32), b = try Self.model(seed: 32)
        #expect(a.stateTensors.map(\.values) == b.stateTensors.map(\.values))
        var first = a, second = b
        let tokens = Matrix(rows: 2, columns: 12, elements: (0..<24).map { Float($0 % 13) })
        first.forward(tokens, mode: .training)
        second.forward(tokens, mode: .training)
        #expect(first.output == second.output)
    }

    /// A whole training step of the transformer — forward, loss, backward, Adam — allocates nothing once
    /// the buffers exist.
    @Test(.enabled(if: gs_thread_allocation_count() >= 0,
                   "allocation counting is unavailable: it needs glibc, and a sanitizer build replaces malloc itself"))
    func aTransformerTrainingStepAllocatesNothing() throws {
        var network = try Self.model(seed: 33)
        let task = SequenceTask.reverse(digits: 6)
        var batch = task.examples(count: 16, seed: 34)
        var random = RandomSource(seed: 35)
        var optimizer = Optimizer(.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), learningRate: 0.001)
        optimizer.prepare(tensorSizes: network.parameterTensorSizes)
        network.reserve(batchCapacity: 16)
        var gradient = Matrix(rows: 16, columns: network.outputSize)
        func step() {
            task.refill(&batch, using: &random)
            network.forward(batch.inputs, mode: .training)
            _ = SequenceCrossEntropy.evaluate(logits: network.output, targets: batch.targets, mask: batch.mask, gradient: &gradient)
            network.backward(input: batch.inputs, outputGradient: gradient, fromLayer: network.layers.count - 1)
            network.update(with: &optimizer)
        }
        step()
        step()
        let before = gs_thread_allocation_count()
        for _ in 0..<3 { step() }
        let allocations = gs_thread_allocation_count() - before
        #expect(allocations == 0, "\(allocations) allocations in 3 transformer training steps")
    }
}
