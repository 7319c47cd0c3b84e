import Neural

/// The `attention` widget: one head of self-attention over the four words "the cat sat down", worked
/// with numbers. For the chosen query word it shows each score q·k/√d, the softmax that turns the scores
/// into weights, and the weighted sum of the values; `c` turns the causal mask on and off.
///
/// Every word is a 2-number vector x; the head's projections make its query q = W_q·x, key k = W_k·x
/// and value v = W_v·x. The weights and the output are the engine's `CausalSelfAttention` run on the
/// four words (one head, d = 2, the projections below, an output projection that passes C through).
struct AttentionWidget: InstantWidget, Equatable {
    /// The four words of the example sentence.
    static let words = ["the", "cat", "sat", "down"]
    /// Each word's vector x, one row per word.
    static let inputs: [[Float]] = [[1, 0], [0, 1], [1, 1], [1, -1]]
    /// W_q, W_k and W_v, each 2 × 2, row r giving number r of the query, key or value.
    static let queryWeights: [[Float]] = [[0, 2], [1, 0]]
    static let keyWeights: [[Float]] = [[1, 0], [0, 1]]
    static let valueWeights: [[Float]] = [[1, 0], [0, 1]]
    /// The size d of a query and a key.
    static let dimension = 2

    let caption: String?
    private let initialQuery: Int
    private let initialCausal: Bool
    /// The word whose query is worked out (0 = "the").
    private(set) var query: Int
    /// Whether each word may look only at itself and the words before it.
    private(set) var isCausal: Bool
    /// The attention weights P[t][s] the engine computed, for the mask as it is now.
    private(set) var weights: [[Float]]
    /// The head's output for each word: Σₛ P[t][s]·v[s], from the engine.
    private(set) var outputs: [[Float]]

    init(settings: WidgetSettings) {
        caption = settings.caption
        initialQuery = min(max(settings.integer("query", default: 3), 1), Self.words.count) - 1
        initialCausal = settings.flag("causal", default: true)
        query = initialQuery
        isCausal = initialCausal
        (weights, outputs) = Self.attend(isCausal: initialCausal)
    }

    /// Runs the engine's attention layer over the four words.
    static func attend(isCausal: Bool) -> (weights: [[Float]], outputs: [[Float]]) {
        let d = dimension, steps = words.count
        let projection = Matrix(queryWeights + keyWeights + valueWeights)
        let identity = Matrix([[1, 0], [0, 1]])
        var layer = CausalSelfAttention(
            steps: steps, heads: 1, inProjectionWeight: projection, inProjectionBias: [Float](repeating: 0, count: 3 * d),
            outProjectionWeight: identity, outProjectionBias: [Float](repeating: 0, count: d), isCausal: isCausal)
        layer.reserve(batchCapacity: 1)
        layer.forward(Matrix([inputs.flatMap { $0 }]), mode: .evaluation)
        let matrix = layer.attentionWeights(example: 0, head: 0)
        let weights = (0..<steps).map { matrix.row($0) }
        let outputs = (0..<steps).map { t in (0..<d).map { layer.output[0, t * d + $0] } }
        return (weights, outputs)
    }

    /// W·x for one word.
    static func project(_ weights: [[Float]], _ x: [Float]) -> [Float] {
        weights.map { row in zip(row, x).reduce(0) { $0 + $1.0 * $1.1 } }
    }

    static var queries: [[Float]] { inputs.map { project(queryWeights, $0) } }
    static var keys: [[Float]] { inputs.map { project(keyWeights, $0) } }
    static var values: [[Float]] { inputs.map { project(valueWeights, $0) } }

    /// The score q_t·k_s/√d of query word `t` for key word `s`, before any mask.
    static func score(query t: Int, key s: Int) -> Float {
        let q = queries[t], k = keys[s]
        return zip(q, k).reduce(0) { $0 + $1.0 * $1.1 } / Float(dimension).squareRoot()
    }

    /// Whether the mask hides word `s` from query word `t`.
    func isMasked(query t: Int, key s: Int) -> Bool { isCausal && s > t }

    // MARK: Keys

    var title: String { "attention: one head over \"\(Self.words.joined(separator: " "))\"" }

    var keyHints: [KeyHint] {
        [KeyHint("←→", "query word"), KeyHint("Enter", "next word"), KeyHint("c", isCausal ? "causal mask off" : "causal mask on")]
    }

    var isAnimating: Bool { false }

    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .left, .up: query = (query + Self.words.count - 1) % Self.words.count
        case .right, .down, .enter: query = (query + 1) % Self.words.count
        case .character("c"):
            isCausal.toggle()
            (weights, outputs) = Self.attend(isCausal: isCausal)
        default: return false
        }
        return true
    }

    mutating func tick() {}

    mutating func reset() {
        query = initialQuery
        isCausal = initialCausal
        (weights, outputs) = Self.attend(isCausal: isCausal)
    }
}
