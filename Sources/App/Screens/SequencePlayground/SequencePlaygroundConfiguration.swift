import Neural

/// The settings of the playground's sequence mode: which character model learns the bundled names, how
/// big it is, and how it trains and writes.
///
/// A recurrent model reads each letter's embedding (16 numbers) through `layers` recurrent layers of
/// `hiddenSize` units and scores the next letter from the last one's state:
///
///     embed 16, lstm 32, dense 28
///
/// A transformer adds learned positions to embeddings of `hiddenSize` numbers, runs `layers` causal
/// blocks of `heads` heads, and scores the next letter from the normalised stream:
///
///     posembed 32 vocab 28, transformer 1 blocks 2 heads, layernorm, dense 28
public struct SequencePlaygroundConfiguration: Equatable, Sendable {
    public enum ModelKind: String, CaseIterable, Sendable {
        case rnn, lstm, gru, transformer

        var isRecurrent: Bool { self != .transformer }
    }

    public var model = ModelKind.lstm
    /// Units of each recurrent layer, or the transformer's width d.
    public var hiddenSize = 32
    /// Recurrent layers, or transformer blocks.
    public var layers = 1
    /// Attention heads of each block (transformer only); `hiddenSize` is a multiple of it.
    public var heads = 2
    public var learningRate: Float = 0.01
    public var batchSize = 32
    /// How boldly names are written: below 1 the likeliest letters, above 1 more surprises.
    public var temperature = 0.8
    public var seed: UInt64 = 1

    public init() {}

    static let hiddenSizes = [8, 16, 32, 64, 128]
    static let layerCounts = [1, 2, 3]
    static let headCounts = [1, 2, 4, 8]
    static let learningRates: [Float] = [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30]
    static let temperatures = [0.2, 0.5, 0.8, 1.0, 1.2, 1.5, 2.0]
    /// Tokens in a window: the start mark and up to 15 letters (every bundled name fits).
    static let steps = 16
    /// The width of a recurrent model's letter embeddings.
    static let embeddingSize = 16

    /// The layers, in the words of `gradschool train --model`, for a vocabulary of `vocabularySize` tokens.
    public func description(vocabularySize: Int) -> String {
        switch model {
        case .transformer:
            return "posembed \(hiddenSize) vocab \(vocabularySize), transformer \(layers) blocks \(heads) heads, layernorm, dense \(vocabularySize)"
        case .rnn, .lstm, .gru:
            let recurrent = Array(repeating: "\(model.rawValue) \(hiddenSize)", count: layers).joined(separator: ", ")
            return "embed \(Self.embeddingSize), \(recurrent), dense \(vocabularySize)"
        }
    }

    /// The settings a model file's layers stand for; nil when the playground cannot show them.
    init?(layers words: [ArchitectureDescription.Word]) {
        switch words.first {
        case .embed(Self.embeddingSize)?:
            let middle = words.dropFirst().dropLast()
            guard case .dense? = words.last, let first = middle.first,
                  case .recurrent(let kind, let size, .everyStep) = first,
                  middle.allSatisfy({ $0 == first }), Self.layerCounts.contains(middle.count),
                  Self.hiddenSizes.contains(size), let model = ModelKind(rawValue: kind.rawValue) else { return nil }
            self.model = model
            hiddenSize = size
            layers = middle.count
        case .positionEmbedding(let dimension?, _)?:
            guard words.count == 4, case .transformer(let blocks, let heads) = words[1], words[2] == .layerNorm, case .dense = words[3],
                  Self.hiddenSizes.contains(dimension), Self.layerCounts.contains(blocks), Self.headCounts.contains(heads),
                  dimension % heads == 0 else { return nil }
            model = .transformer
            hiddenSize = dimension
            layers = blocks
            self.heads = heads
        default:
            return nil
        }
    }

    /// The next value of `values` after `current` (`step` 1) or before it (−1), clamped at the ends.
    static func next<Value: Comparable>(_ values: [Value], after current: Value, step: Int) -> Value {
        let index = values.firstIndex { $0 >= current } ?? values.count - 1
        let nearest = values[index] == current ? index : (step > 0 ? index - 1 : index)
        return values[min(max(nearest + step, 0), values.count - 1)]
    }

    /// The largest head count up to `heads` that divides the width.
    mutating func fitHeads() {
        heads = Self.headCounts.last { $0 <= heads && hiddenSize % $0 == 0 } ?? 1
    }
}
