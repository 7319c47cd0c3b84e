import Foundation

/// Picks the next token from a model's scores (logits), with a temperature and top-k.
///
/// With logits zᵢ, temperature T > 0 and K the set of the k largest logits (all tokens without top-k),
///
///     P(i) = exp(zᵢ / T) / Σ_{j ∈ K} exp(z_j / T)   for i ∈ K,   P(i) = 0 otherwise.
///
/// T = 1 samples from the model's own softmax; T < 1 sharpens it toward the likeliest token, T > 1
/// flattens it toward uniform; T = 0 is the limit, always the largest logit (greedy decoding). Ties in
/// the top k and in the greedy choice go to the lowest token id. A logit of −∞ rules its token out.
///
/// A draw takes exactly one 53-bit uniform number u from the `RandomSource` and returns the first
/// token, in id order, whose cumulative probability exceeds u, so the same seed gives the same tokens.
public struct TokenSampler: Sendable {
    /// The temperature T ≥ 0.
    public let temperature: Double
    /// How many of the largest logits may be sampled; nil for all.
    public let topK: Int?

    private var probabilityBuffer: [Double] = []
    private var rankBuffer: [Int] = []

    /// A sampler with temperature `temperature` (0 for greedy) and, optionally, top-k.
    ///
    /// - Throws: `.invalidTemperature` for a negative or non-finite temperature, `.invalidTopK` for k < 1.
    public init(temperature: Double = 1, topK: Int? = nil) throws(SamplingError) {
        guard temperature.isFinite, temperature >= 0 else { throw .invalidTemperature(temperature) }
        if let topK, topK < 1 { throw .invalidTopK(topK) }
        self.temperature = temperature
        self.topK = topK
    }

    /// The probability of each token under this temperature and top-k (the distribution `sample` draws from).
    public mutating func probabilities(logits: [Float]) throws(SamplingError) -> [Double] {
        try fillProbabilities(logits)
        return probabilityBuffer
    }

    /// One token id drawn from `probabilities(logits:)`.
    public mutating func sample(logits: [Float], using random: inout RandomSource) throws(SamplingError) -> Int {
        try fillProbabilities(logits)
        let u = Double(random.next() >> 11) * 0x1p-53
        var cumulative = 0.0
        var lastPossible = 0
        for (index, probability) in probabilityBuffer.enumerated() where probability > 0 {
            cumulative += probability
            lastPossible = index
            if u < cumulative { return index }
        }
        // Rounding can leave the total a hair below 1 and u above it.
        return lastPossible
    }

    private mutating func fillProbabilities(_ logits: [Float]) throws(SamplingError) {
        let count = logits.count
        guard count > 0 else { throw .noLogits }
        var largest = -Float.infinity
        var largestIndex = -1
        for (index, logit) in logits.enumerated() {
            if logit.isNaN || logit == .infinity { throw .notFiniteLogits(index: index, value: logit) }
            if logit > largest { largest = logit; largestIndex = index }
        }
        guard largestIndex >= 0 else { throw .notFiniteLogits(index: 0, value: -.infinity) }

        if probabilityBuffer.count != count {
            probabilityBuffer = [Double](repeating: 0, count: count)
            rankBuffer = Array(0..<count)
        }
        // Which tokens may be drawn: all, or the k largest logits (ties to the lowest id).
        var allowedFloor = -Float.infinity
        var allowedFloorIndex = count
        if let topK, topK < count {
            for index in 0..<count { rankBuffer[index] = index }
            rankBuffer.withUnsafeMutableBufferPointer { ranks in
                ranks.sort { logits[$0] != logits[$1] ? logits[$0] > logits[$1] : $0 < $1 }
            }
            allowedFloor = logits[rankBuffer[topK - 1]]
            allowedFloorIndex = rankBuffer[topK - 1]
        }
        func allowed(_ index: Int) -> Bool {
            logits[index] > allowedFloor || (logits[index] == allowedFloor && index <= allowedFloorIndex)
        }

        if temperature == 0 {
            for index in 0..<count { probabilityBuffer[index] = index == largestIndex ? 1 : 0 }
            return
        }
        var total = 0.0
        for index in 0..<count {
            let weight = allowed(index) ? exp((Double(logits[index]) - Double(largest)) / temperature) : 0
            probabilityBuffer[index] = weight
            total += weight
        }
        for index in 0..<count { probabilityBuffer[index] /= total }
    }
}
