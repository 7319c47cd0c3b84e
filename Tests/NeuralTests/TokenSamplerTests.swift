import Foundation
import Testing
@testable import Neural

@Suite("Sampling the next token")
struct TokenSamplerTests {
    static let logits: [Float] = [1.5, -0.5, 2.0, 0.0, -1.0, 0.7]

    /// A plain softmax of logits / T, written from the formula.
    static func softmax(_ logits: [Float], temperature: Double) -> [Double] {
        let scaled = logits.map { Double($0) / temperature }
        let largest = scaled.max()!
        let weights = scaled.map { exp($0 - largest) }
        let total = weights.reduce(0, +)
        return weights.map { $0 / total }
    }

    @Test func probabilitiesAreTheSoftmaxOfLogitsOverTemperature() throws {
        for temperature in [0.5, 1.0, 2.0] {
            var sampler = try TokenSampler(temperature: temperature)
            let probabilities = try sampler.probabilities(logits: Self.logits)
            for (mine, reference) in zip(probabilities, Self.softmax(Self.logits, temperature: temperature)) {
                #expect(abs(mine - reference) < 1e-12)
            }
        }
    }

    /// 200,000 draws: a frequency p has standard error √(p(1 − p)/n) ≤ 0.0011, so 0.005 is more than
    /// four standard errors.
    @Test(arguments: [0.7, 1.0, 1.6])
    func frequenciesMatchTheSoftmaxWithinAStatedTolerance(temperature: Double) throws {
        var sampler = try TokenSampler(temperature: temperature)
        var random = RandomSource(seed: 11)
        let draws = 200_000
        var counts = [Int](repeating: 0, count: Self.logits.count)
        for _ in 0..<draws { counts[try sampler.sample(logits: Self.logits, using: &random)] += 1 }
        for (count, expected) in zip(counts, Self.softmax(Self.logits, temperature: temperature)) {
            #expect(abs(Double(count) / Double(draws) - expected) < 0.005, "temperature \(temperature)")
        }
    }

    @Test func topKNeverSamplesOutsideTheKLargestAndRenormalises() throws {
        var sampler = try TokenSampler(temperature: 1, topK: 3)
        var random = RandomSource(seed: 3)
        // The three largest logits are those of tokens 2, 0 and 5.
        var counts = [Int](repeating: 0, count: Self.logits.count)
        let draws = 100_000
        for _ in 0..<draws { counts[try sampler.sample(logits: Self.logits, using: &random)] += 1 }
        #expect(counts[1] == 0 && counts[3] == 0 && counts[4] == 0)
        let reference = Self.softmax([Self.logits[0], Self.logits[2], Self.logits[5]], temperature: 1)
        for (token, expected) in zip([0, 2, 5], reference) {
            #expect(abs(Double(counts[token]) / Double(draws) - expected) < 0.006)
        }
        // Ties at the edge of the top k go to the lowest ids.
        var two = try TokenSampler(temperature: 1, topK: 2)
        #expect(try two.probabilities(logits: [1, 1, 1, 0]) == [0.5, 0.5, 0, 0])
    }

    @Test func temperatureZeroAndTinyTemperaturesTakeTheLargestLogit() throws {
        var random = RandomSource(seed: 5)
        for temperature in [0.0, 1e-4] {
            var sampler = try TokenSampler(temperature: temperature)
            for _ in 0..<1_000 { #expect(try sampler.sample(logits: Self.logits, using: &random) == 2) }
        }
        var greedy = try TokenSampler(temperature: 0)
        #expect(try greedy.probabilities(logits: [3, 1, 3]) == [1, 0, 0])
        var topOne = try TokenSampler(temperature: 5, topK: 1)
        #expect(try topOne.sample(logits: Self.logits, using: &random) == 2)
    }

    @Test func sameSeedSameTokensDifferentSeedDifferentTokens() throws {
        func draws(_ seed: UInt64) throws -> [Int] {
            var sampler = try TokenSampler(temperature: 0.9, topK: 4)
            var random = RandomSource(seed: seed)
            return try (0..<200).map { _ in try sampler.sample(logits: Self.logits, using: &random) }
        }
        #expect(try draws(1) == draws(1))
        #expect(try draws(1) != draws(2))
    }

    @Test func badSettingsAndBadLogitsGetASentence() throws {
        #expect(throws: SamplingError.invalidTemperature(-1)) { try TokenSampler(temperature: -1) }
        #expect(throws: SamplingError.self) { try TokenSampler(temperature: .nan) }
        #expect(throws: SamplingError.invalidTopK(0)) { try TokenSampler(topK: 0) }
        var sampler = try TokenSampler()
        var random = RandomSource(seed: 1)
        #expect(throws: SamplingError.noLogits) { try sampler.sample(logits: [], using: &random) }
        #expect(throws: SamplingError.self) { try sampler.sample(logits: [0, .nan], using: &random) }
        #expect(throws: SamplingError.self) { try sampler.sample(logits: [-.infinity, -.infinity], using: &random) }
        // −∞ only rules a token out.
        for _ in 0..<100 { #expect(try sampler.sample(logits: [-.infinity, 0, -.infinity], using: &random) == 1) }
        #expect(SamplingError.invalidTopK(0).description.contains("1 or more"))
    }
}

@Suite("Generating sequences")
struct SequenceGeneratorTests {
    @Test func anyModelPlugsInAndSeesOnlyItsContext() throws {
        // A model that always scores "the last token + 1" far above the rest, and records its contexts.
        final class Contexts { var seen: [[Int]] = [] }
        let contexts = Contexts()
        var model = NextTokenFunction(vocabularySize: 10, contextLength: 3) { context, logits in
            contexts.seen.append(Array(context))
            for index in logits.indices { logits[index] = index == (context.last! + 1) % 10 ? 50 : 0 }
        }
        var generator = SequenceGenerator(sampler: try TokenSampler(temperature: 1), maximumLength: 5, stopToken: nil)
        var random = RandomSource(seed: 1)
        let tokens = try generator.generate(from: [2, 3], model: &model, random: &random)
        #expect(tokens == [4, 5, 6, 7, 8])
        #expect(contexts.seen == [[2, 3], [2, 3, 4], [3, 4, 5], [4, 5, 6], [5, 6, 7]])
    }

    @Test func generationStopsAtTheStopToken() throws {
        var model = NextTokenFunction(vocabularySize: 4) { context, logits in
            for index in logits.indices { logits[index] = index == (context.count < 3 ? 2 : 1) ? 30 : 0 }
        }
        var generator = SequenceGenerator(sampler: try TokenSampler(temperature: 0), maximumLength: 20)
        var random = RandomSource(seed: 1)
        #expect(try generator.generate(from: [1], model: &model, random: &random) == [2, 2, 1])
    }

    @Test func namesFromTheLetterPairTableAreLettersAndRepeatWithTheirSeed() throws {
        let corpus = try TextCorpus.names()
        let vocabulary = corpus.lineVocabulary
        var model = BigramModel(counting: try SequenceExamples.lines(of: corpus, steps: 16, vocabulary: vocabulary))
        var generator = SequenceGenerator(sampler: try TokenSampler(temperature: 1), maximumLength: 30)
        let names = try generator.lines(count: 50, model: &model, vocabulary: vocabulary, seed: 4)
        #expect(names.count == 50)
        #expect(names.allSatisfy { $0.allSatisfy { "abcdefghijklmnopqrstuvwxyz".contains($0) } && $0.count < 30 })
        #expect(try generator.lines(count: 50, model: &model, vocabulary: vocabulary, seed: 4) == names)
        #expect(try generator.lines(count: 50, model: &model, vocabulary: vocabulary, seed: 5) != names)
        // A model whose vocabulary is another size is refused with a sentence.
        let other = CharacterVocabulary(lines: ["abc"])
        #expect(throws: SamplingError.logitCountMismatch(expected: 5, found: 28)) {
            try generator.lines(count: 1, model: &model, vocabulary: other, seed: 4)
        }
    }

    @Test func greedyGenerationFollowsTheTablesLikeliestPairs() throws {
        // Greedy decoding from the table: after ".", the likeliest first letter, and so on — checked
        // against the counts of the training pairs themselves.
        let corpus = try TextCorpus(text: "ab\nab\nab\nb\n", file: "t")
        let examples = try SequenceExamples.lines(of: corpus, steps: 4)
        var model = BigramModel(counting: examples)
        var generator = SequenceGenerator(sampler: try TokenSampler(temperature: 0), maximumLength: 10)
        #expect(try generator.lines(count: 1, model: &model, vocabulary: corpus.lineVocabulary, seed: 0) == ["ab"])
    }
}
