/// A stack of layers written the way it reads in PyTorch, one layer per comma:
///
///     conv 8 3 pad 1, relu, maxpool 2, conv 16 3 pad 1, relu, maxpool 2, flatten, dense 10
///
/// is `nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 16, 3,
/// padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(64, 10))` on 1 × 8 × 8 images: the
/// input sizes of each layer follow from the shapes, so only what PyTorch cannot infer is written.
///
/// | words | layer |
/// |---|---|
/// | `conv OUT K [stride S] [pad P]` (K may be `KHxKW`) | `nn.Conv2d(in, OUT, K, stride=S, padding=P)` |
/// | `maxpool K [stride S]`, `avgpool K [stride S]` | `nn.MaxPool2d(K, stride=S)`, `nn.AvgPool2d(…)` |
/// | `flatten` | `nn.Flatten()` |
/// | `unflatten CxHxW` | `nn.Unflatten(1, (C, H, W))` |
/// | `dense N` | `nn.Linear(in, N)` |
/// | `dropout P` | `nn.Dropout(p=P)` |
/// | `relu`, `tanh`, `sigmoid`, `leaky-relu`, `softmax` | `nn.ReLU()`, … |
/// | `embed D` (token ids in) | `nn.Embedding(vocabulary, D)` |
/// | `rnn H`, `lstm H`, `gru H` [`last`] | `nn.RNN(in, H, batch_first=True)`, … (every step's state, or the last) |
///
/// Sequences (`[time, features]` examples, or `[time]` token ids) add:
///
/// | words | layer |
/// |---|---|
/// | `posembed D vocab V` on token ids | token embedding `[V, D]` plus learned positions `[time, D]` |
/// | `posembed` on `[time, d]` | learned positions added to every step |
/// | `attention H heads` | causal multi-head self-attention (`nn.MultiheadAttention(d, H)`) |
/// | `transformer N blocks H heads` | N pre-LayerNorm blocks, each attention and an MLP d-4d-d |
/// | `layernorm` | `nn.LayerNorm(d)` over each step |
/// | `dense N` on `[time, d]` | `nn.Linear(d, N)` at every step |
public struct ArchitectureDescription: Sendable, Hashable {
    /// One layer of the description.
    public enum Word: Sendable, Hashable {
        case conv(outputChannels: Int, kernelHeight: Int, kernelWidth: Int, stride: Int, padding: Int)
        case maxPool(kernel: Int, stride: Int)
        case avgPool(kernel: Int, stride: Int)
        case flatten
        case unflatten(TensorShape)
        case dense(Int)
        case dropout(Float)
        case activation(Activation)
        case embed(Int)
        case recurrent(RecurrentKind, Int, RecurrentOutput)
        case positionEmbedding(dimension: Int?, vocabulary: Int?)
        case attention(heads: Int)
        case transformer(blocks: Int, heads: Int)
        case layerNorm
    }

    public var layers: [Word]

    public init(layers: [Word]) { self.layers = layers }

    static let layerNames = "conv, maxpool, avgpool, flatten, unflatten, dense, dropout, embed, rnn, lstm, gru, posembed, attention, transformer, layernorm, relu, tanh, sigmoid, leaky-relu, softmax"

    /// Reads a description; the first word that makes no sense is reported with its position.
    public init(parsing text: String) throws(ArchitectureError) {
        var layers: [Word] = []
        let characters = Array(text)
        var start = 0
        var layerNumber = 0
        while start <= characters.count {
            var end = start
            while end < characters.count && characters[end] != "," { end += 1 }
            layerNumber += 1
            // The words of this layer with their offsets.
            var words: [(String, Int)] = []
            var index = start
            while index < end {
                while index < end && characters[index].isWhitespace { index += 1 }
                let wordStart = index
                while index < end && !characters[index].isWhitespace { index += 1 }
                if index > wordStart { words.append((String(characters[wordStart..<index]), wordStart)) }
            }
            func fail(_ word: (String, Int), _ problem: String) -> ArchitectureError {
                ArchitectureError(text: text, layer: layerNumber, word: word.0, offset: word.1, problem: problem)
            }
            guard let head = words.first else {
                throw ArchitectureError(text: text, layer: layerNumber, word: ",", offset: min(start, max(characters.count - 1, 0)),
                                        problem: "there is no layer between two commas (or at an end): write a layer such as relu, or remove the comma")
            }
            func number(_ position: Int, _ meaning: String, range: ClosedRange<Int> = 1...4096) throws(ArchitectureError) -> Int {
                guard position < words.count else {
                    throw fail(head, "\(head.0) needs \(meaning) after it, such as \(head.0 == "conv" ? "conv 8 3" : "\(head.0) 2")")
                }
                guard let value = Int(words[position].0), range.contains(value) else {
                    throw fail(words[position], "\(meaning) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
                }
                return value
            }
            func options(from position: Int, allowed: [String]) throws(ArchitectureError) -> [String: Int] {
                var result: [String: Int] = [:]
                var index = position
                while index < words.count {
                    let key = words[index].0.lowercased()
                    guard allowed.contains(key) else {
                        throw fail(words[index], "\(head.0) takes \(allowed.map { "\($0) N" }.joined(separator: " and ")) after its numbers, not \"\(words[index].0)\"")
                    }
                    result[key] = try number(index + 1, "the \(key)", range: key == "pad" ? 0...1024 : 1...1024)
                    index += 2
                }
                return result
            }
            func noMore(after count: Int) throws(ArchitectureError) {
                if words.count > count { throw fail(words[count], "\(head.0) takes \(count == 1 ? "nothing" : "one value") after it; put a comma between layers") }
            }
            switch head.0.lowercased() {
            case "conv":
                let filters = try number(1, "the number of filters")
                guard words.count > 2 else { throw fail(head, "conv needs the number of filters and the kernel size, such as conv 8 3") }
                let kernelWord = words[2]
                let parts = kernelWord.0.lowercased().split(separator: "x", omittingEmptySubsequences: false)
                guard (1...2).contains(parts.count), let kh = Int(parts[0]), let kw = Int(parts.last!), kh >= 1, kw >= 1, kh <= 64, kw <= 64 else {
                    throw fail(kernelWord, "the kernel size must be a whole number from 1 to 64, or HxW such as 3x5")
                }
                let extra = try options(from: 3, allowed: ["stride", "pad"])
                layers.append(.conv(outputChannels: filters, kernelHeight: kh, kernelWidth: kw,
                                    stride: extra["stride"] ?? 1, padding: extra["pad"] ?? 0))
            case "maxpool", "avgpool":
                let kernel = try number(1, "the window size", range: 1...64)
                let extra = try options(from: 2, allowed: ["stride"])
                let stride = extra["stride"] ?? kernel
                layers.append(head.0.lowercased() == "maxpool" ? .maxPool(kernel: kernel, stride: stride) : .avgPool(kernel: kernel, stride: stride))
            case "flatten":
                try noMore(after: 1)
                layers.append(.flatten)
            case "unflatten":
                guard words.count > 1 else { throw fail(head, "unflatten needs the shape to read each example as, such as unflatten 1x8x8") }
                let parts = words[1].0.lowercased().split(separator: "x").compactMap { Int($0) }
                guard parts.count == 3, parts.allSatisfy({ $0 >= 1 }) else {
                    throw fail(words[1], "the shape must be channels x height x width, such as 1x8x8")
                }
                try noMore(after: 2)
                layers.append(.unflatten(TensorShape(parts)))
            case "dense", "linear":
                let size = try number(1, "the number of neurons", range: 1...65_536)
                try noMore(after: 2)
                layers.append(.dense(size))
            case "dropout":
                guard words.count > 1 else { throw fail(head, "dropout needs a probability, such as dropout 0.2") }
                guard let p = Float(words[1].0), p >= 0, p < 1 else {
                    throw fail(words[1], "the dropout probability must be at least 0 and below 1, such as 0.2")
                }
                try noMore(after: 2)
                layers.append(.dropout(p))
            case "embed", "embedding":
                layers.append(.embed(try number(1, "the size of each token's vector", range: 1...4096)))
                try noMore(after: 2)
            case "rnn", "lstm", "gru":
                let size = try number(1, "the number of hidden units", range: 1...4096)
                if words.count > 2, words[2].0.lowercased() != "last" {
                    throw fail(words[2], "\(head.0) takes only \"last\" after its size (to pass on only the last step's state)")
                }
                try noMore(after: 3)
                layers.append(.recurrent(RecurrentKind(rawValue: head.0.lowercased())!, size, words.count > 2 ? .lastStep : .everyStep))
            case "layernorm":
                try noMore(after: 1)
                layers.append(.layerNorm)
            case "posembed":
                if words.count == 1 {
                    layers.append(.positionEmbedding(dimension: nil, vocabulary: nil))
                } else {
                    let dimension = try number(1, "the size of each token's vector", range: 1...4096)
                    guard words.count == 4, words[2].0.lowercased() == "vocab" else {
                        throw fail(words.count > 2 ? words[2] : head, "posembed on token ids needs the vocabulary size too, such as posembed 32 vocab 28")
                    }
                    let vocabulary = try number(3, "the vocabulary size", range: 1...1_000_000)
                    layers.append(.positionEmbedding(dimension: dimension, vocabulary: vocabulary))
                }
            case "attention":
                let heads = try number(1, "the number of heads", range: 1...256)
                if words.count > 2 && !["head", "heads"].contains(words[2].0.lowercased()) { try noMore(after: 2) }
                try noMore(after: 3)
                layers.append(.attention(heads: heads))
            case "transformer":
                guard words.count == 5, ["block", "blocks"].contains(words[2].0.lowercased()), ["head", "heads"].contains(words[4].0.lowercased()) else {
                    throw fail(words.count > 1 ? words[min(words.count - 1, 4)] : head, "write transformer N blocks H heads, such as transformer 2 blocks 4 heads")
                }
                let blocks = try number(1, "the number of blocks", range: 1...64)
                let heads = try number(3, "the number of heads", range: 1...256)
                layers.append(.transformer(blocks: blocks, heads: heads))
            default:
                guard let activation = Activation(modelFileName: head.0.lowercased()), activation != .step else {
                    throw fail(head, "\"\(head.0)\" is not a layer: use one of \(Self.layerNames)")
                }
                try noMore(after: 1)
                layers.append(.activation(activation))
            }
            start = end + 1
        }
        self.layers = layers
    }

    /// The description as text, in the form `init(parsing:)` reads.
    public var text: String {
        layers.map { word in
            switch word {
            case .conv(let out, let kh, let kw, let stride, let padding):
                "conv \(out) " + (kh == kw ? "\(kh)" : "\(kh)x\(kw)") + (stride == 1 ? "" : " stride \(stride)") + (padding == 0 ? "" : " pad \(padding)")
            case .maxPool(let kernel, let stride): "maxpool \(kernel)" + (stride == kernel ? "" : " stride \(stride)")
            case .avgPool(let kernel, let stride): "avgpool \(kernel)" + (stride == kernel ? "" : " stride \(stride)")
            case .flatten: "flatten"
            case .unflatten(let shape): "unflatten \(shape.asciiDescription)"
            case .dense(let size): "dense \(size)"
            case .dropout(let p): "dropout \(p)"
            case .activation(let activation): activation.modelFileName
            case .embed(let size): "embed \(size)"
            case .recurrent(let kind, let size, let returns): "\(kind.rawValue) \(size)" + (returns == .lastStep ? " last" : "")
            case .positionEmbedding(let dimension?, let vocabulary?): "posembed \(dimension) vocab \(vocabulary)"
            case .positionEmbedding: "posembed"
            case .attention(let heads): "attention \(heads) head\(heads == 1 ? "" : "s")"
            case .transformer(let blocks, let heads): "transformer \(blocks) block\(blocks == 1 ? "" : "s") \(heads) head\(heads == 1 ? "" : "s")"
            case .layerNorm: "layernorm"
            }
        }.joined(separator: ", ")
    }

    /// Whether the first layer reads images (a convolution or pooling), so the input must have a
    /// channels × height × width shape.
    public var startsWithImages: Bool {
        switch layers.first {
        case .conv?, .maxPool?, .avgPool?: true
        default: false
        }
    }

    /// Builds the layers on examples of `inputShape`, drawing weights from `seed`. Each shape is checked as
    /// it goes, and a layer that cannot take the shape before it is reported at its word.
    /// `vocabularySize` is the number of token ids an `embed` layer reads (needed only with one).
    public func network(inputShape: TensorShape, seed: UInt64, vocabularySize: Int? = nil) throws(ArchitectureError) -> Network {
        var random = RandomSource(seed: seed)
        var shape = inputShape
        var built: [any Layer] = []
        let text = self.text
        // Offsets of each layer's first word in `text`, for the pointer.
        var offsets: [Int] = []
        var running = 0
        for word in text.components(separatedBy: ", ") {
            offsets.append(running)
            running += word.count + 2
        }
        func fail(_ index: Int, _ problem: String) -> ArchitectureError {
            let word = text.components(separatedBy: ", ")[index].split(separator: " ").first.map(String.init) ?? ""
            return ArchitectureError(text: text, layer: index + 1, word: word, offset: offsets[index], problem: problem)
        }
        for (index, word) in layers.enumerated() {
            let nextActivation: Activation = {
                if index + 1 < layers.count, case .activation(let activation) = layers[index + 1] { return activation }
                return .identity
            }()
            switch word {
            case .conv(let out, let kh, let kw, let stride, let padding):
                guard shape.isImage else {
                    throw fail(index, "a convolution needs channels × height × width images, but gets \(shape) features: "
                               + "train on image data or put unflatten CxHxW before it")
                }
                let (channels, height, width) = shape.image
                guard Conv2D.outputSize(height: height, width: width, kernelHeight: kh, kernelWidth: kw, stride: stride, padding: padding) != nil else {
                    throw fail(index, "a \(kh)×\(kw) kernel with padding \(padding) does not fit in \(shape) images: use a smaller kernel or more padding")
                }
                let fanIn = channels * kh * kw
                let weights = Initializer.recommended(for: nextActivation).weights(inputSize: fanIn, outputSize: out, random: &random)
                built.append(Conv2D(inputShape: shape, weights: weights, bias: [Float](repeating: 0, count: out),
                                    kernelHeight: kh, kernelWidth: kw, stride: stride, padding: padding))
            case .maxPool(let kernel, let stride), .avgPool(let kernel, let stride):
                guard PoolingWindow(shape: shape, kernel: kernel, stride: stride) != nil else {
                    throw fail(index, shape.isImage ? "a \(kernel)×\(kernel) window does not fit in \(shape) images: use a smaller window"
                                                    : "pooling needs channels × height × width images, but gets \(shape) features")
                }
                if case .maxPool = word {
                    built.append(MaxPool2D(inputShape: shape, kernel: kernel, stride: stride))
                } else {
                    built.append(AvgPool2D(inputShape: shape, kernel: kernel, stride: stride))
                }
            case .flatten:
                built.append(Flatten(inputShape: shape))
            case .unflatten(let target):
                guard target.count == shape.count else {
                    throw fail(index, "examples of \(shape) hold \(shape.count) numbers, but \(target) needs \(target.count)")
                }
                built.append(Reshape(from: shape, to: target))
            case .dense(let size) where shape.dimensions.count == 2 && !shape.isImage:
                built.append(StepwiseDense(steps: shape.dimensions[0], inputSize: shape.dimensions[1], outputSize: size,
                                           initializer: .recommended(for: nextActivation), random: &random))
            case .embed(let size):
                guard shape.dimensions.count == 1, let vocabularySize else {
                    throw fail(index, "an embedding reads token ids, one per step: put it first, on text or a symbol task")
                }
                built.append(Embedding(steps: shape.dimensions[0], vocabularySize: vocabularySize, dimension: size, random: &random))
            case .recurrent(let kind, let size, let returns):
                guard shape.dimensions.count == 2 else {
                    throw fail(index, "a recurrent layer reads a sequence of vectors (time × features), but gets \(shape): put embed N before it")
                }
                let (steps, features) = (shape.dimensions[0], shape.dimensions[1])
                switch kind {
                case .rnn: built.append(RNN(steps: steps, inputFeatures: features, hiddenSize: size, returns: returns, random: &random))
                case .lstm: built.append(LSTM(steps: steps, inputFeatures: features, hiddenSize: size, returns: returns, random: &random))
                case .gru: built.append(GRU(steps: steps, inputFeatures: features, hiddenSize: size, returns: returns, random: &random))
                }
            case .dense(let size):
                guard shape.dimensions.count == 1 else {
                    throw fail(index, "a dense layer takes a flat list of features, but gets \(shape) images: put flatten before it")
                }
                built.append(Dense(inputSize: shape.count, outputSize: size,
                                   initializer: .recommended(for: nextActivation), random: &random))
            case .dropout(let p):
                built.append(Dropout(probability: p, shape: shape, seed: random.next()))
            case .activation(let activation):
                built.append(ActivationLayer(activation, shape: shape))
            case .positionEmbedding(let dimension, let vocabulary):
                if let dimension, let vocabulary {
                    guard shape.dimensions.count == 1 else {
                        throw fail(index, "posembed \(dimension) vocab \(vocabulary) reads token ids, one number per step, but gets \(shape): drop the numbers to add positions to vectors")
                    }
                    built.append(PositionEmbedding(steps: shape.count, dimension: dimension, vocabulary: vocabulary, scale: 0.1, random: &random))
                } else {
                    guard shape.dimensions.count == 2 else {
                        throw fail(index, "posembed adds a vector to every step of [time, features] examples, but gets \(shape): on token ids write posembed D vocab V")
                    }
                    built.append(PositionEmbedding(steps: shape.dimensions[0], dimension: shape.dimensions[1], scale: 0.1, random: &random))
                }
            case .attention(let heads), .transformer(_, let heads):
                guard shape.dimensions.count == 2, shape.dimensions[1] % heads == 0 else {
                    throw fail(index, shape.dimensions.count == 2 ? "\(heads) heads must divide the \(shape.dimensions[1]) features of each step: choose a divisor"
                                                                  : "attention reads [time, features] sequences, but gets \(shape): put posembed before it")
                }
                if case .transformer(let blocks, _) = word {
                    for _ in 0..<blocks { built.append(TransformerBlock(steps: shape.dimensions[0], dimension: shape.dimensions[1], heads: heads, random: &random)) }
                } else {
                    built.append(CausalSelfAttention(steps: shape.dimensions[0], dimension: shape.dimensions[1], heads: heads, random: &random))
                }
            case .layerNorm:
                built.append(LayerNorm(shape: shape))
            }
            shape = built[built.count - 1].outputShape
        }
        guard !built.isEmpty else {
            throw ArchitectureError(text: text, layer: 1, word: "", offset: 0, problem: "the model has no layers: write at least one, such as dense 10")
        }
        return Network(layers: built)
    }
}

extension Network {
    /// The description `ArchitectureDescription` reads back into the same stack of layers, or `nil` when a
    /// layer has no word.
    public var architectureDescription: ArchitectureDescription? {
        var words: [ArchitectureDescription.Word] = []
        for spec in specs {
            switch spec {
            case .dense(_, let outputSize): words.append(.dense(outputSize))
            case .activation(let activation, _):
                if activation == .step { return nil }
                words.append(.activation(activation))
            case .dropout(let p, _): words.append(.dropout(p))
            case .conv2D(_, let out, let kh, let kw, let stride, let padding):
                words.append(.conv(outputChannels: out, kernelHeight: kh, kernelWidth: kw, stride: stride, padding: padding))
            case .maxPool2D(_, let kernel, let stride): words.append(.maxPool(kernel: kernel, stride: stride))
            case .avgPool2D(_, let kernel, let stride): words.append(.avgPool(kernel: kernel, stride: stride))
            case .flatten: words.append(.flatten)
            case .reshape(_, let target): words.append(.unflatten(target))
            case .embedding(_, _, let dimension): words.append(.embed(dimension))
            case .recurrent(let kind, _, _, let size, let returns): words.append(.recurrent(kind, size, returns))
            case .layerNorm: words.append(.layerNorm)
            case .positionEmbedding(_, let dimension, let vocabulary):
                words.append(.positionEmbedding(dimension: vocabulary == nil ? nil : dimension, vocabulary: vocabulary))
            case .selfAttention(_, _, let heads, let isCausal):
                guard isCausal else { return nil }
                words.append(.attention(heads: heads))
            case .transformerBlock(_, _, let heads):
                // Consecutive blocks of the same heads are one word.
                if case .transformer(let blocks, heads)? = words.last {
                    words[words.count - 1] = .transformer(blocks: blocks + 1, heads: heads)
                } else {
                    words.append(.transformer(blocks: 1, heads: heads))
                }
            case .stepwiseDense(_, _, let outputSize): words.append(.dense(outputSize))
            }
        }
        return ArchitectureDescription(layers: words)
    }

    /// The network as PyTorch code that builds the same modules with the same `state_dict` keys and shapes,
    /// such as `nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), …)`; `nil` when a layer has no module.
    public var pytorchDescription: String? {
        var modules: [String] = []
        for spec in specs {
            switch spec {
            case .dense(let inputs, let outputs): modules.append("nn.Linear(\(inputs), \(outputs))")
            case .activation(let activation, _):
                switch activation {
                case .identity: modules.append("nn.Identity()")
                case .sigmoid: modules.append("nn.Sigmoid()")
                case .tanh: modules.append("nn.Tanh()")
                case .relu: modules.append("nn.ReLU()")
                case .leakyReLU(let slope): modules.append("nn.LeakyReLU(\(slope))")
                case .softmax: modules.append("nn.Softmax(dim=1)")
                case .step: return nil
                }
            case .dropout(let p, _): modules.append("nn.Dropout(p=\(p))")
            case .conv2D(let shape, let out, let kh, let kw, let stride, let padding):
                let kernel = kh == kw ? "\(kh)" : "(\(kh), \(kw))"
                modules.append("nn.Conv2d(\(shape.dimensions[0]), \(out), \(kernel)" + (stride == 1 ? "" : ", stride=\(stride)")
                               + (padding == 0 ? "" : ", padding=\(padding)") + ")")
            case .maxPool2D(_, let kernel, let stride): modules.append("nn.MaxPool2d(\(kernel)" + (stride == kernel ? ")" : ", stride=\(stride))"))
            case .avgPool2D(_, let kernel, let stride): modules.append("nn.AvgPool2d(\(kernel)" + (stride == kernel ? ")" : ", stride=\(stride))"))
            case .flatten: modules.append("nn.Flatten()")
            case .reshape(_, let target): modules.append("nn.Unflatten(1, (\(target.dimensions.map(String.init).joined(separator: ", "))))")
            case .embedding(_, let vocabulary, let dimension): modules.append("nn.Embedding(\(vocabulary), \(dimension))")
            case .recurrent(let kind, _, let inputs, let size, _): modules.append("\(kind.pytorchModule)(\(inputs), \(size), batch_first=True)")
            case .stepwiseDense(_, let inputs, let outputs): modules.append("nn.Linear(\(inputs), \(outputs))")
            case .layerNorm(let shape): modules.append("nn.LayerNorm(\(shape.dimensions.last ?? 1))")
            case .positionEmbedding(let steps, let dimension, let vocabulary):
                modules.append(vocabulary.map { "TokenAndPosition(\($0), \(steps), \(dimension))" } ?? "Position(\(steps), \(dimension))")
            case .selfAttention(_, let dimension, let heads, _): modules.append("CausalSelfAttention(\(dimension), \(heads))")
            case .transformerBlock(_, let dimension, let heads): modules.append("Block(\(dimension), \(heads))")
            }
        }
        return "nn.Sequential(" + modules.joined(separator: ", ") + ")"
    }
}
