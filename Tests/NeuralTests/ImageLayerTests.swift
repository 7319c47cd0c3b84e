import Testing
@testable import Neural

@Suite("Image layers: convolution, pooling, flattening")
struct ImageLayerTests {
    static func random(_ count: Int, seed: UInt64, range: ClosedRange<Float> = -1...1) -> [Float] {
        var random = RandomSource(seed: seed)
        return (0..<count).map { _ in random.uniform(range) }
    }

    static func conv(_ shape: TensorShape, filters: Int, kernel: (Int, Int), stride: Int, padding: Int, seed: UInt64) -> Conv2D {
        let fanIn = shape.dimensions[0] * kernel.0 * kernel.1
        return Conv2D(inputShape: shape, weights: Matrix(rows: filters, columns: fanIn, elements: random(filters * fanIn, seed: seed)),
                      bias: random(filters, seed: seed + 1), kernelHeight: kernel.0, kernelWidth: kernel.1, stride: stride, padding: padding)
    }

    /// One channel, 3×3 image, 2×2 kernel, worked out by hand.
    @Test func aConvolutionWorkedOutByHand() {
        // X = 1 2 3 / 4 5 6 / 7 8 9, W = 1 0 / 0 −1, b = 0.5: each output is top-left − bottom-right + 0.5.
        var layer = Conv2D(inputShape: [1, 3, 3], weights: Matrix([[1, 0, 0, -1]]), bias: [0.5], kernelHeight: 2, kernelWidth: 2)
        layer.forward(Matrix([[1, 2, 3, 4, 5, 6, 7, 8, 9]]), mode: .training)
        #expect(layer.outputShape == [1, 2, 2])
        let expected: [Float] = [1 - 5 + 0.5, 2 - 6 + 0.5, 4 - 8 + 0.5, 5 - 9 + 0.5]
        #expect(layer.output.elements == expected)
        // With padding 1 the kernel also overhangs the edges: the first output sees only X[0, 0] under W[1, 1].
        var padded = Conv2D(inputShape: [1, 3, 3], weights: Matrix([[1, 0, 0, -1]]), bias: [0], kernelHeight: 2, kernelWidth: 2, padding: 1)
        padded.forward(Matrix([[1, 2, 3, 4, 5, 6, 7, 8, 9]]), mode: .training)
        #expect(padded.outputShape == [1, 4, 4])
        #expect(padded.output.row(0)[0] == -1)
        #expect(padded.output.row(0)[15] == 9)
    }

    /// Odd sizes, stride 1 and 2, padding 0 and 1, several channels, square and oblong kernels.
    @Test(arguments: [
        ([1, 5, 5], 2, (3, 3), 1, 0), ([3, 7, 6], 4, (3, 3), 2, 1), ([2, 8, 8], 8, (3, 3), 1, 1),
        ([8, 4, 4], 16, (3, 3), 1, 1), ([2, 9, 7], 3, (2, 4), 2, 0), ([3, 5, 5], 5, (5, 5), 1, 2), ([1, 6, 6], 1, (1, 1), 3, 0),
    ] as [([Int], Int, (Int, Int), Int, Int)])
    func theConvolutionEqualsItsSixLoopReference(shape: [Int], filters: Int, kernel: (Int, Int), stride: Int, padding: Int) {
        let inputShape = TensorShape(shape)
        var layer = Self.conv(inputShape, filters: filters, kernel: kernel, stride: stride, padding: padding, seed: 3)
        let input = Matrix(rows: 5, columns: inputShape.count, elements: Self.random(5 * inputShape.count, seed: 9))
        layer.forward(input, mode: .training)
        let reference = Conv2D.reference(input: input, inputShape: inputShape, weights: layer.weights.elements, bias: layer.bias,
                                         kernelHeight: kernel.0, kernelWidth: kernel.1, stride: stride, padding: padding)
        #expect(layer.output.columns == reference.columns)
        let worst = zip(layer.output.elements, reference.elements).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst < 1e-5)
    }

    /// The lowering keeps the batch innermost, so batches that are not whole multiples of the 8×8 transpose
    /// blocks (1, 9, 29: the last batch of a digits epoch) and one larger than the first are held to the plain
    /// loops too, forward and backward, on the C1 shapes and on strided, padded and oblong ones.
    @Test(arguments: [
        ([1, 8, 8], 8, (3, 3), 1, 1), ([8, 4, 4], 16, (3, 3), 1, 1), ([3, 7, 6], 4, (3, 3), 2, 1),
        ([2, 9, 7], 3, (2, 4), 2, 0), ([3, 5, 5], 5, (5, 5), 1, 2), ([2, 3, 3], 3, (3, 3), 3, 2),
    ] as [([Int], Int, (Int, Int), Int, Int)])
    func everyBatchSizeEqualsThePlainLoopsForwardAndBackward(shape: [Int], filters: Int, kernel: (Int, Int), stride: Int, padding: Int) {
        let inputShape = TensorShape(shape)
        var layer = Self.conv(inputShape, filters: filters, kernel: kernel, stride: stride, padding: padding, seed: 31)
        layer.reserve(batchCapacity: 16)
        for (index, batch) in [16, 1, 9, 29, 3].enumerated() {
            let input = Matrix(rows: batch, columns: inputShape.count, elements: Self.random(batch * inputShape.count, seed: 40 + UInt64(index)))
            let gradient = Matrix(rows: batch, columns: layer.outputSize, elements: Self.random(batch * layer.outputSize, seed: 60 + UInt64(index)))
            layer.forward(input, mode: .training)
            layer.backward(input: input, outputGradient: gradient, computeInputGradient: true)
            let forward = Conv2D.reference(input: input, inputShape: inputShape, weights: layer.weights.elements, bias: layer.bias,
                                           kernelHeight: kernel.0, kernelWidth: kernel.1, stride: stride, padding: padding)
            let backward = Conv2D.referenceBackward(input: input, inputShape: inputShape, weights: layer.weights.elements,
                                                    outputGradient: gradient, outputChannels: filters, kernelHeight: kernel.0,
                                                    kernelWidth: kernel.1, stride: stride, padding: padding)
            func worst(_ a: [Float], _ b: [Float]) -> Float {
                a.count == b.count ? zip(a, b).map { abs($0 - $1) }.max() ?? 0 : .infinity
            }
            #expect(worst(layer.output.elements, forward.elements) < 1e-5, "forward, batch \(batch)")
            #expect(worst(layer.parameters[0].gradient.elements, backward.weightGradient) < 1e-4, "weight gradient, batch \(batch)")
            #expect(worst(layer.parameters[1].gradient.elements, backward.biasGradient) < 1e-4, "bias gradient, batch \(batch)")
            #expect(worst(layer.inputGradient.elements, backward.inputGradient.elements) < 1e-5, "input gradient, batch \(batch)")
        }
    }

    /// The plain backward loops themselves, on a case small enough to work out by hand: one channel, a 2×2
    /// image, a 2×2 kernel, no padding, so the single output is Σ W·X and every gradient is one product.
    @Test func thePlainBackwardLoopsWorkedOutByHand() {
        let input = Matrix([[1, 2, 3, 4]]), weights: [Float] = [5, 6, 7, 8], gradient = Matrix([[2]])
        let (dW, db, dX) = Conv2D.referenceBackward(input: input, inputShape: [1, 2, 2], weights: weights, outputGradient: gradient,
                                                    outputChannels: 1, kernelHeight: 2, kernelWidth: 2, stride: 1, padding: 0)
        #expect(dW == [2, 4, 6, 8])
        #expect(db == [2])
        #expect(dX.elements == [10, 12, 14, 16])
    }

    @Test(arguments: [
        ([1, 5, 5], 2, (3, 3), 1, 0), ([3, 7, 6], 4, (3, 3), 2, 1), ([2, 5, 5], 3, (3, 3), 2, 0),
        ([2, 6, 5], 3, (2, 3), 1, 1), ([4, 3, 3], 2, (3, 3), 1, 1),
    ] as [([Int], Int, (Int, Int), Int, Int)])
    func convolutionGradientsEqualFiniteDifferences(shape: [Int], filters: Int, kernel: (Int, Int), stride: Int, padding: Int) {
        let inputShape = TensorShape(shape)
        var random = RandomSource(seed: 4)
        let conv = Self.conv(inputShape, filters: filters, kernel: kernel, stride: stride, padding: padding, seed: 5)
        let flatten = Flatten(inputShape: conv.outputShape)
        let dense = Dense(inputSize: flatten.outputSize, outputSize: 2, initializer: .xavier, random: &random)
        let network = Network(layers: [conv, ActivationLayer(.tanh, shape: conv.outputShape), flatten, dense])
        let input = Matrix(rows: 3, columns: inputShape.count, elements: Self.random(3 * inputShape.count, seed: 6))
        let targets = GradientCheckTests.targets(for: .meanSquaredError, rows: 3, outputs: 2, seed: 7)
        let comparisons = GradientCheck.compare(network: network, loss: .meanSquaredError, input: input, targets: targets, epsilon: 5e-3)
        #expect(comparisons.contains { $0.layer == 0 && $0.tensor == "weight" })
        #expect(comparisons.contains { $0.layer == 0 && $0.tensor == "bias" })
        GradientCheckTests.expectAgreement(comparisons)
        // The input gradient too: a first layer that sees the convolution's ∂L/∂X.
        let lead = Dense(inputSize: 4, outputSize: inputShape.count, initializer: .xavier, random: &random)
        let reshape = Reshape(from: [inputShape.count], to: inputShape)
        let deeper = Network(layers: [lead, ActivationLayer(.tanh, size: inputShape.count), reshape] + network.layers)
        let deeperInput = Matrix(rows: 3, columns: 4, elements: Self.random(12, seed: 8))
        GradientCheckTests.expectAgreement(GradientCheck.compare(network: deeper, loss: .meanSquaredError, input: deeperInput,
                                                                 targets: targets, epsilon: 5e-3).filter { $0.layer == 0 })
    }

    @Test(arguments: [(false, 2, 2), (true, 2, 2), (false, 3, 2), (true, 3, 1)])
    func poolingGradientsEqualFiniteDifferences(average: Bool, kernel: Int, stride: Int) {
        var random = RandomSource(seed: 11)
        let shape: TensorShape = [2, 7, 7]
        let lead = Dense(inputSize: 3, outputSize: shape.count, initializer: .xavier, random: &random)
        let pool: any Layer = average ? AvgPool2D(inputShape: shape, kernel: kernel, stride: stride)
                                      : MaxPool2D(inputShape: shape, kernel: kernel, stride: stride)
        let flatten = Flatten(inputShape: pool.outputShape)
        let head = Dense(inputSize: flatten.outputSize, outputSize: 2, initializer: .xavier, random: &random)
        let network = Network(layers: [lead, Reshape(from: [shape.count], to: shape), pool, flatten, head])
        // Everything but the maximum is linear and the loss quadratic, so the central difference is exact up to
        // rounding whatever ε; a larger ε keeps rounding small. Max pooling needs each window's winner ahead of
        // the runner-up by more than ε, or the shifted loss measures another winner.
        let epsilon: Float = average ? 1e-2 : 1e-3
        let input = Self.inputClearOfTies(network, rows: 4, columns: 3, margin: 4 * epsilon)
        let targets = GradientCheckTests.targets(for: .meanSquaredError, rows: 4, outputs: 2, seed: 13)
        GradientCheckTests.expectAgreement(GradientCheck.compare(network: network, loss: .meanSquaredError, input: input,
                                                                 targets: targets, epsilon: epsilon))
    }

    /// The whole stack of the C1 workload, small: two convolutions, ReLU, max pooling, a dense head, softmax
    /// cross-entropy.
    @Test func aSmallConvolutionalNetworkPassesTheGradientCheck() {
        var random = RandomSource(seed: 21)
        let network = ConvolutionalNetworks.digits(random: &random, first: 3, second: 4)
        let epsilon: Float = 2e-3
        let input = Self.inputClearOfTies(network, rows: 2, columns: 64, margin: 2.5 * epsilon, range: 0...1)
        let targets = GradientCheckTests.targets(for: .crossEntropy, rows: 2, outputs: 10, seed: 3)
        let comparisons = GradientCheck.compare(network: network, loss: .crossEntropy, input: input, targets: targets, epsilon: epsilon)
        #expect(Set(comparisons.map(\.layer)) == [0, 3, 7])
        GradientCheckTests.expectAgreement(comparisons, tolerance: 3e-2)
    }

    /// An input whose every ReLU input stays `margin` away from 0 and whose every max-pooling winner leads its
    /// window by `margin`, so finite differences never straddle a kink.
    static func inputClearOfTies(_ network: Network, rows: Int, columns: Int, margin: Float,
                                 range: ClosedRange<Float> = -1...1) -> Matrix {
        for seed in UInt64(100)..<2000 {
            let input = Matrix(rows: rows, columns: columns, elements: random(rows * columns, seed: seed, range: range))
            guard GradientCheckTests.distanceToKink(network, input) > margin else { continue }
            var copy = network
            copy.forward(input, mode: .evaluation)
            var smallestLead = Float.infinity
            for index in copy.layers.indices {
                guard let pool = copy.layers[index] as? MaxPool2D, index > 0 else { continue }
                let w = pool.window, pixels = copy.layers[index - 1].output
                for n in 0..<rows {
                    let image = pixels.row(n)
                    for c in 0..<w.channels {
                        for y in 0..<w.outputHeight {
                            for x in 0..<w.outputWidth {
                                var values: [Float] = []
                                for i in 0..<w.kernel {
                                    for j in 0..<w.kernel {
                                        values.append(image[(c * w.height + y * w.stride + i) * w.width + x * w.stride + j])
                                    }
                                }
                                values.sort(by: >)
                                // A window of ReLU zeros stays all zeros under a shift smaller than the margin.
                                if values[0] == 0 && copy.layers[index - 1] is ActivationLayer { continue }
                                smallestLead = min(smallestLead, values[0] - values[1])
                            }
                        }
                    }
                }
            }
            if smallestLead > margin { return input }
        }
        fatalError("no input clear of ties")
    }

    /// 2×2 windows with stride 2 are compared four at a time; rows 12 wide give one group of four windows and
    /// two left over. Pixels drawn from {0, 1, 2} make many ties, where the first in reading order must win.
    @Test func twoByTwoPoolingFindsTheFirstLargestInEveryWindow() {
        let shape: TensorShape = [2, 6, 12], batch = 3
        var random = RandomSource(seed: 17)
        let pixels = (0..<(batch * shape.count)).map { _ in Float(Int(random.uniform(0...2.999))) }
        let input = Matrix(rows: batch, columns: shape.count, elements: pixels)
        var pool = MaxPool2D(inputShape: shape, kernel: 2)
        pool.forward(input, mode: .training)
        let gradient = Matrix(rows: batch, columns: pool.outputSize, elements: (0..<(batch * pool.outputSize)).map { Float($0 + 1) })
        pool.backward(input: input, outputGradient: gradient, computeInputGradient: true)
        var expectedOutput: [Float] = [], expectedGradient = [Float](repeating: 0, count: batch * shape.count)
        for n in 0..<batch {
            for c in 0..<2 {
                for y in 0..<3 {
                    for x in 0..<6 {
                        var best = -1, value = -Float.infinity
                        for (i, j) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
                            let index = n * shape.count + (c * 6 + 2 * y + i) * 12 + 2 * x + j
                            if pixels[index] > value { best = index; value = pixels[index] }
                        }
                        expectedGradient[best] += gradient.storage[expectedOutput.count]
                        expectedOutput.append(value)
                    }
                }
            }
        }
        #expect(pool.output.elements == expectedOutput)
        #expect(pool.inputGradient.elements == expectedGradient)
    }

    @Test func maxPoolingSendsTheGradientToTheWinner() {
        var pool = MaxPool2D(inputShape: [1, 2, 4], kernel: 2)
        pool.forward(Matrix([[1, 5, 0, 2, 3, 4, 7, 6]]), mode: .training)
        #expect(pool.output.elements == [5, 7])
        pool.backward(input: Matrix([[1, 5, 0, 2, 3, 4, 7, 6]]), outputGradient: Matrix([[10, 20]]), computeInputGradient: true)
        #expect(pool.inputGradient.elements == [0, 10, 0, 0, 0, 0, 20, 0])
        var average = AvgPool2D(inputShape: [1, 2, 4], kernel: 2)
        average.forward(Matrix([[1, 5, 0, 2, 3, 4, 7, 6]]), mode: .training)
        let averages: [Float] = [13 / 4, 15 / 4]
        #expect(average.output.elements == averages)
    }

    @Test func featureMapsAndFiltersAreReadablePerExample() {
        var random = RandomSource(seed: 1)
        var network = ConvolutionalNetworks.digits(random: &random, first: 8, second: 16)
        #expect(network.shapes.map(\.description) == ["1×8×8", "8×8×8", "8×8×8", "8×4×4", "16×4×4", "16×4×4", "16×2×2", "64", "10", "10"])
        let input = Matrix(rows: 2, columns: 64, elements: Self.random(128, seed: 2, range: 0...1))
        network.forward(input, mode: .evaluation)
        let maps = network.featureMaps(ofLayer: 0, example: 1)
        #expect(maps.count == 8 && maps.allSatisfy { $0.rows == 8 && $0.columns == 8 })
        #expect(maps[3].elements == Array(network.layers[0].output.row(1)[3 * 64 ..< 4 * 64]))
        let filters = network.filters(ofLayer: 3)
        #expect(filters.count == 16 && filters[0].count == 8 && filters[15][7].rows == 3)
        #expect(filters[2][5].elements == Array(network.layers[3].weights.row(2)[5 * 9 ..< 6 * 9]))
        #expect(network.featureMaps(ofLayer: 8, example: 0).map(\.columns) == [10])
    }
}

/// The digits network of the C1 workload with chosen widths: conv k3 pad 1, ReLU, max pool 2, twice, then a
/// dense head on the flattened 2 × 2 maps.
enum ConvolutionalNetworks {
    static func digits(random: inout RandomSource, first: Int, second: Int) -> Network {
        let conv1 = Conv2D(inputShape: [1, 8, 8], outputChannels: first, kernelSize: 3, padding: 1, random: &random)
        let pool1 = MaxPool2D(inputShape: conv1.outputShape, kernel: 2)
        let conv2 = Conv2D(inputShape: pool1.outputShape, outputChannels: second, kernelSize: 3, padding: 1, random: &random)
        let pool2 = MaxPool2D(inputShape: conv2.outputShape, kernel: 2)
        let flatten = Flatten(inputShape: pool2.outputShape)
        return Network(layers: [conv1, ActivationLayer(.relu, shape: conv1.outputShape), pool1,
                                conv2, ActivationLayer(.relu, shape: conv2.outputShape), pool2, flatten,
                                Dense(inputSize: flatten.outputSize, outputSize: 10, initializer: .xavier, random: &random),
                                ActivationLayer(.softmax, size: 10)])
    }
}
