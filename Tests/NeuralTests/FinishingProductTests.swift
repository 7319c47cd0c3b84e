import Testing
@testable import Neural

/// Products that finish each element as they store it (`MatrixProduct.multiply(…bias:relu:gate:)`): the
/// bias of a dense layer, the ReLU after it, or the gradient of the ReLU before it. Every kernel variant
/// the CPU can run, on every path (small Swift tiles, the small-inner path, narrow products, register tiles,
/// several blocks of k, the large path), against plain loops written from the formulas:
///
///     C = A·B + b        relu = C where C is not below 0, else 0        gated = C where gate > 0, else 0
///
/// The operands are multiples of 1/4 (`MatrixProductVariantTests.quarters`), so every sum is exact whatever
/// order a kernel adds in, and the results must match to the bit.
@Suite("Products that finish their elements")
struct FinishingProductTests {
    typealias Variant = MatrixProduct.Variant

    /// (rows, inner, columns): the Swift tiles (at most 4,096 multiply-adds), a layer of 2 inputs (the
    /// small-inner path), outputs 1–3 wide, a 32-wide layer with 128 and 256 rows (register tiles), ragged
    /// tiles, k in two blocks, and a product large enough for the copied-block path.
    static let shapes = [(5, 3, 4), (10, 8, 8), (128, 2, 32), (256, 1, 32), (128, 2, 2), (130, 32, 1), (128, 32, 2),
                         (128, 32, 32), (256, 32, 32), (37, 19, 45), (13, 300, 17), (301, 300, 301)]

    @Test(arguments: [Variant?.none] + Variant.supported.map(Optional.some))
    func biasAndReLUMatchThePlainLoops(variant: Variant?) {
        for (rows, inner, columns) in Self.shapes {
            let a = MatrixProductVariantTests.quarters(rows, inner, seed: 1)
            let b = MatrixProductVariantTests.quarters(inner, columns, seed: 2)
            let bias = (0..<columns).map { Float($0 % 5 - 2) / 2 }
            let expected = Self.reference(a, b, bias: bias)
            for withReLU in [false, true] {
                let (c, relu) = Self.run(a, b, bias: bias, beside: withReLU, gate: nil, variant: variant)
                let label = "\(variant.map { "\($0)" } ?? "engine's choice") \(rows)×\(inner)·\(inner)×\(columns)"
                #expect(c == expected, "Z = X·W + b, \(label)")
                if withReLU {
                    #expect(relu == expected.map { $0 < 0 ? 0 : $0 }, "relu(Z), \(label)")
                    #expect(relu.allSatisfy { $0 >= 0 }, "relu(Z) is never negative, \(label)")
                }
            }
        }
    }

    /// The backward pass of the ReLU before a dense layer: ∂L/∂z = ∂L/∂a where z > 0. The gate holds positive,
    /// negative, zero, −0 and NaN values; only the positive ones let the gradient through.
    @Test(arguments: [Variant?.none] + Variant.supported.map(Optional.some))
    func gatedGradientMatchesThePlainLoops(variant: Variant?) {
        let specials: [Float] = [1, -1, 0, -0.0, .nan, 0.25, -.infinity, .infinity]
        for (rows, inner, columns) in Self.shapes {
            let g = MatrixProductVariantTests.quarters(rows, inner, seed: 3)
            let w = MatrixProductVariantTests.quarters(inner, columns, seed: 4)
            let gate = (0..<rows * columns).map { specials[($0 * 7 + $0 / columns) % specials.count] }
            let expected = MatrixProduct.reference(g, w).elements
            let (c, gated) = Self.run(g, w, bias: nil, beside: true, gate: gate, variant: variant)
            let label = "\(variant.map { "\($0)" } ?? "engine's choice") \(rows)×\(inner)·\(inner)×\(columns)"
            #expect(c == expected, "∂L/∂a = G·W, \(label)")
            let passed = zip(expected, gate).map { value, z in z > 0 ? value : 0 }
            #expect(gated == passed, "∂L/∂z = ∂L/∂a where z > 0, \(label)")
        }
    }

    /// A product shared among threads finishes each thread's block with that block's bias and rows.
    @Test func sharedAmongThreadsMatchesOneThread() {
        let (rows, inner, columns) = (300, 200, 96)
        let a = MatrixProductVariantTests.quarters(rows, inner, seed: 5)
        let b = MatrixProductVariantTests.quarters(inner, columns, seed: 6)
        let bias = (0..<columns).map { Float($0 % 7 - 3) / 4 }
        let expected = Self.reference(a, b, bias: bias)
        for threads in [2, 3] {
            let (c, relu) = MatrixProduct.$threads.withValue(threads) {
                Self.run(a, b, bias: bias, beside: true, gate: nil, variant: nil)
            }
            #expect(c == expected, "\(threads) threads")
            #expect(relu == expected.map { $0 < 0 ? 0 : $0 }, "\(threads) threads")
        }
    }

    /// A dense layer's forward pass adds its bias as the product finishes each sum, and can write relu(Z)
    /// beside Z in the same pass: both exactly what the layer and a ReLU layer after it give one at a time,
    /// for a batch the Swift tiles take (5) and batches the C kernels take (128, 256).
    @Test(arguments: [5, 128, 256])
    func denseWritesReLUBesideItsOutput(batch: Int) {
        var random = RandomSource(seed: 11)
        let weights = Matrix(rows: 32, columns: 32, elements: (0..<1024).map { _ in random.normal(standardDeviation: 0.3) })
        let bias = (0..<32).map { _ in random.normal(standardDeviation: 0.1) }
        let x = Matrix(rows: batch, columns: 32, elements: (0..<batch * 32).map { _ in random.normal() })
        var plain = Dense(weights: weights, bias: bias)
        plain.forward(x, mode: .training)
        var relu = ActivationLayer(.relu, size: 32)
        relu.forward(plain.output, mode: .training)
        var fused = Dense(weights: weights, bias: bias)
        var beside = [Float](repeating: .nan, count: batch * 32)
        beside.withUnsafeMutableBufferPointer { fused.forward(x, rectifiedInto: $0.baseAddress!) }
        #expect(fused.output.elements == plain.output.elements, "Z, batch \(batch)")
        #expect(beside == relu.output.elements, "relu(Z), batch \(batch)")
        #expect(beside.contains(0) && beside.contains { $0 > 0 }, "the ReLU both passes and stops numbers, batch \(batch)")
        let expected = Dense.referenceForward(input: x, weights: weights, bias: bias)
        #expect(zip(plain.output.elements, expected.elements).allSatisfy { abs($0 - $1) <= 1e-4 }, "Z against the plain loops, batch \(batch)")
    }

    /// A network runs a dense layer and the ReLU after it as one forward pass, and a dense layer and the ReLU
    /// before it as one backward pass. Every layer's output, input gradient and parameter gradients must be
    /// exactly those of the layers run one at a time, in each of the three backward passes: for a batch the
    /// Swift tiles take (5) and batches the C kernels take (128, and 256 through a 2-wide first layer).
    @Test(arguments: [5, 128, 256])
    func networkPassesMatchLayerByLayer(batch: Int) {
        var random = RandomSource(seed: 11)
        let network = Network(sizes: [2, 32, 32, 3], activation: .relu, outputActivation: .identity, seed: 7)
        let x = Matrix(rows: batch, columns: 2, elements: (0..<batch * 2).map { _ in random.normal() })
        let g = Matrix(rows: batch, columns: 3, elements: (0..<batch * 3).map { _ in random.normal() })
        let last = network.layers.count - 1
        for pass in ["backward", "backwardToInput", "backwardToInputOnly"] {
            var fused = network.detachedCopy()
            var layers = network.layers.map { $0.detachedCopy() }
            fused.forward(x, mode: .training)
            for index in layers.indices { layers[index].forward(index == 0 ? x : layers[index - 1].output, mode: .training) }
            switch pass {
            case "backward": fused.backward(input: x, outputGradient: g, fromLayer: last)
            case "backwardToInput": fused.backwardToInput(input: x, outputGradient: g, fromLayer: last)
            default: fused.backwardToInputOnly(input: x, outputGradient: g, fromLayer: last)
            }
            for index in layers.indices.reversed() {
                let input = index == 0 ? x : layers[index - 1].output
                let gradient = index == last ? g : layers[index + 1].inputGradient
                switch pass {
                case "backward": layers[index].backward(input: input, outputGradient: gradient, computeInputGradient: index > 0)
                case "backwardToInput": layers[index].backward(input: input, outputGradient: gradient, computeInputGradient: true)
                default: layers[index].backwardToInputOnly(input: input, outputGradient: gradient)
                }
            }
            for index in layers.indices {
                let label = "batch \(batch), \(pass), layer \(index) \(layers[index].summary)"
                #expect(fused.layers[index].output.elements == layers[index].output.elements, "output, \(label)")
                if index > 0 || pass != "backward" {
                    #expect(fused.layers[index].inputGradient.elements == layers[index].inputGradient.elements, "∂L/∂input, \(label)")
                }
                for (mine, theirs) in zip(fused.layers[index].parameters, layers[index].parameters) {
                    #expect(mine.gradient.elements == theirs.gradient.elements, "∂L/∂\(mine.name), \(label)")
                }
            }
            #expect(fused.layers[1].output.elements.contains(0) && fused.layers[1].output.elements.contains { $0 > 0 },
                    "the ReLU both passes and stops numbers, batch \(batch)")
        }
    }

    /// Σₖ A[i, k]·B[k, j] + bias[j], with plain loops.
    static func reference(_ a: Matrix, _ b: Matrix, bias: [Float]) -> [Float] {
        var out: [Float] = []
        for i in 0..<a.rows {
            for j in 0..<b.columns {
                var sum: Float = 0
                for k in 0..<a.columns { sum += a[i, k] * b[k, j] }
                out.append(sum + bias[j])
            }
        }
        return out
    }

    /// C and, when asked for, the output beside it, through the engine's entry point (nil) or the C kernels
    /// of one variant whatever the size. Both start as NaN, so an element left unwritten shows.
    static func run(_ a: Matrix, _ b: Matrix, bias: [Float]?, beside: Bool, gate: [Float]?,
                    variant: Variant?) -> (c: [Float], beside: [Float]) {
        let (rows, inner, columns) = (a.rows, a.columns, b.columns)
        var c = [Float](repeating: .nan, count: rows * columns)
        var other = [Float](repeating: .nan, count: rows * columns)
        let biasValues = bias ?? [0], gateValues = gate ?? [0]
        a.storage.withUnsafeBufferPointer { a in
            b.storage.withUnsafeBufferPointer { b in
                biasValues.withUnsafeBufferPointer { biasBuffer in
                    gateValues.withUnsafeBufferPointer { gateBuffer in
                        c.withUnsafeMutableBufferPointer { c in
                            other.withUnsafeMutableBufferPointer { otherBuffer in
                                let biasPointer = bias == nil ? nil : biasBuffer.baseAddress
                                let gatePointer = gate == nil ? nil : gateBuffer.baseAddress
                                let besidePointer = beside ? otherBuffer.baseAddress : nil
                                if let variant {
                                    MatrixProduct.multiply(a.baseAddress!, b.baseAddress!, c.baseAddress!, rows: rows, inner: inner,
                                                           columns: columns, rowStride: inner, innerStride: 1, bias: biasPointer,
                                                           relu: besidePointer, gate: gatePointer, inKernel: variant)
                                } else {
                                    MatrixProduct.multiply(a.baseAddress!, b.baseAddress!, c.baseAddress!, rows: rows, inner: inner,
                                                           columns: columns, rowStride: inner, innerStride: 1, bias: biasPointer,
                                                           relu: besidePointer, gate: gatePointer)
                                }
                            }
                        }
                    }
                }
            }
        }
        return (c, other)
    }
}
