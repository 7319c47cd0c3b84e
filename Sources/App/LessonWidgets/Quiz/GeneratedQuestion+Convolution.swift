import Neural

// MARK: - Convolutional templates
//
// The answers come from the engine's own layers: `Conv2D.outputSize`, a `Conv2D`'s parameter list and a
// `MaxPool2D` forward pass. The explanations write the same arithmetic out by hand.

extension GeneratedQuestion {
    static func convOutputSize(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let n = draw.pick([6, 7, 8, 9, 10, 12, 14, 16, 20, 28, 32])
        let k = draw.pick([1, 2, 3, 3, 5, 7])
        let p = draw.pick([0, 0, 1, 1, 2, 3])
        let s = draw.pick([1, 1, 2, 2, 3])
        guard let side = Conv2D.outputSize(height: n, width: n, kernelHeight: k, kernelWidth: k, stride: s, padding: p)?.height else {
            return convOutputSize(&draw)
        }
        let reach = n - k + 2 * p
        let rounding = reach % s == 0 ? "" : " \(reach) / \(s) is not whole: the window stops before the last \(reach % s) pixel\(reach % s == 1 ? "" : "s"), so round down (⌊\(reach) / \(s)⌋ = \(reach / s))."
        return GeneratedQuestion(
            question: "A \(n)×\(n) image goes through a convolution with a \(k)×\(k) kernel, padding \(p) and stride \(s). How many pixels wide is its output?",
            answer: Double(side), tolerance: 0.1,
            explanation: "Output size = ⌊(n − k + 2p) / s⌋ + 1 = ⌊(\(n) − \(k) + 2·\(p)) / \(s)⌋ + 1 = ⌊\(reach) / \(s)⌋ + 1 = \(side).\(rounding) The + 1 counts the window's first position; each further step of \(s) pixel\(s == 1 ? "" : "s") adds one.")
    }

    static func convParameterCount(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let channels = draw.pick([1, 3, 8, 16])
        let filters = draw.pick([4, 8, 16, 32])
        let k = draw.pick([1, 3, 3, 5])
        let n = draw.pick([8, 16, 28, 32])
        var random = RandomSource(seed: 1)
        let layer = Conv2D(inputShape: [channels, n, n], outputChannels: filters, kernelSize: k, padding: k / 2, random: &random)
        let count = layer.parameterCount
        let inputs = channels * n * n, outputs = filters * n * n
        let dense = inputs * outputs + outputs
        return GeneratedQuestion(
            question: "A convolutional layer reads \(channels)-channel \(n)×\(n) images with \(filters) filters of \(k)×\(k) (padding keeps the output \(n)×\(n)). How many numbers does it learn, weights and biases together?",
            answer: Double(count), tolerance: 0.1,
            explanation: "Each filter has one \(k)×\(k) kernel per input channel, \(channels)·\(k)·\(k) = \(channels * k * k) weights, and one bias: \(filters)·(\(channels * k * k) + 1) = \(count). The image size does not enter: the same filter slides everywhere. A dense layer from all \(inputs) inputs to the same \(outputs) outputs would learn \(inputs)·\(outputs) + \(outputs) = \(dense).")
    }

    static func maxPool(_ draw: inout NumberDraw) -> GeneratedQuestion {
        var values: [Float] = []
        for _ in 0..<16 { values.append(draw.value(0...9, step: 1)) }
        let row = draw.random.nextIndex(below: 2), column = draw.random.nextIndex(below: 2)
        var layer = MaxPool2D(inputShape: [1, 4, 4], kernel: 2)
        layer.reserve(batchCapacity: 1)
        layer.forward(Matrix(rows: 1, columns: 16, elements: values), mode: .evaluation)
        let answer = layer.output[0, row * 2 + column]
        let rows = (0..<4).map { r in "(" + (0..<4).map { show(values[r * 4 + $0]) }.joined(separator: ", ") + ")" }
        let window = [values[(2 * row) * 4 + 2 * column], values[(2 * row) * 4 + 2 * column + 1],
                      values[(2 * row + 1) * 4 + 2 * column], values[(2 * row + 1) * 4 + 2 * column + 1]]
        let place = ["top", "bottom"][row] + "-" + ["left", "right"][column]
        return GeneratedQuestion(
            question: "A 4×4 feature map has rows \(rows.joined(separator: ", ")). A 2×2 max-pool with stride 2 turns it into 2×2. What is the \(place) output?",
            answer: Double(answer), tolerance: 0.1,
            explanation: "The \(place) output looks at rows \(2 * row + 1)–\(2 * row + 2) and columns \(2 * column + 1)–\(2 * column + 2): \(window.map { show($0) }.joined(separator: ", ")). Max-pooling keeps the largest, \(show(answer)); the windows do not overlap, so each pixel is read once.")
    }

    static func trainableParameters(_ draw: inout NumberDraw) -> GeneratedQuestion {
        let first = draw.pick([4, 8, 16]), second = draw.pick([8, 16, 32]), classes = draw.pick([2, 3, 4, 5, 10])
        let locks: [(name: String, layers: [Int])] = [("the first convolution", [0]), ("both convolutions", [0, 3]),
                                                      ("the second convolution", [3])]
        let lock = draw.pick(locks)
        let description = "conv \(first) 3 pad 1, relu, maxpool 2, conv \(second) 3 pad 1, relu, maxpool 2, flatten, dense \(classes)"
        guard var network = try? ArchitectureDescription(parsing: description).network(inputShape: [1, 8, 8], seed: 1) else {
            return trainableParameters(&draw)
        }
        for layer in lock.layers { network.setTrainable(false, layer: layer) }
        let counts = [0, 3, 7].map { network.layers[$0].parameterCount }
        let features = second * 4
        let trains = network.trainableParameterCount
        let kept = [0, 3, 7].filter { !lock.layers.contains($0) }.map { String(counts[[0, 3, 7].firstIndex(of: $0)!]) }
        return GeneratedQuestion(
            question: "A CNN reads 1×8×8 digits: a 3×3 convolution with \(first) filters, pooling, a 3×3 convolution with \(second) filters, pooling, then a dense head from \(features) features to \(classes) classes. With \(lock.name) locked, how many numbers train?",
            answer: Double(trains), tolerance: 0.1,
            explanation: "The first convolution has \(first)·(1·9 + 1) = \(counts[0]) numbers, the second \(second)·(\(first)·9 + 1) = \(counts[1]), the head \(features)·\(classes) + \(classes) = \(counts[2]). Locked layers learn nothing, so only \(kept.joined(separator: " + ")) = \(trains) train. Pooling, ReLU and flatten have no numbers at all.")
    }
}
