import _AllocationCounter
import Foundation
import Testing
@testable import Neural

@Suite("Training sequence models")
struct SequenceTrainingTests {
    static let adam = OptimizerKind.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)

    static func names(count: Int) throws -> SequenceExamples {
        try SequenceExamples.lines(of: TextCorpus.names(), steps: 16).subset(Array(0..<count))
    }

    static func charModel(_ words: String = "embed 8, lstm 16, dense 28", seed: UInt64 = 1) throws -> Network {
        try ArchitectureDescription(parsing: words).network(inputShape: [16], seed: seed, vocabularySize: 28)
    }

    @Test(.enabled(if: gs_thread_allocation_count() >= 0,
                   "allocation counting is unavailable: it needs glibc, and a sanitizer build replaces malloc itself"))
    func aSequenceTrainingStepAllocatesNothing() throws {
        for words in ["embed 8, lstm 16, dense 28", "embed 8, gru 16, dense 28", "embed 8, rnn 16, dense 28"] {
            let data = try Self.names(count: 100)
            var trainer = SequenceTrainer(network: try Self.charModel(words), training: data.subset(Array(0..<80)),
                                          validation: data.subset(Array(80..<100)),
                                          configuration: TrainingConfiguration(epochs: 100, batchSize: 16, optimizer: Self.adam, learningRate: 0.01))
            trainer.trainEpoch()
            let before = gs_thread_allocation_count()
            for _ in 0..<7 { trainer.step() }  // 5 steps an epoch: crosses an epoch's end and its validation
            let allocations = gs_thread_allocation_count() - before
            #expect(allocations == 0, "\(allocations) allocations in 7 steps of \(words)")
        }
    }

    @Test func theSameSeedGivesTheSameBits() throws {
        let data = try Self.names(count: 64)
        func run(seed: UInt64) throws -> [Float] {
            var trainer = SequenceTrainer(network: try Self.charModel("embed 8, gru 8, lstm 8, rnn 8, dense 28", seed: seed), training: data,
                                          configuration: TrainingConfiguration(epochs: 2, batchSize: 16, optimizer: Self.adam, learningRate: 0.01, seed: seed))
            trainer.train()
            return trainer.network.stateTensors.flatMap(\.values)
        }
        let first = try run(seed: 3), second = try run(seed: 3), other = try run(seed: 4)
        #expect(first.map(\.bitPattern) == second.map(\.bitPattern))
        #expect(first != other)
    }

    @Test func aModelFileHasPyTorchsNamesAndReadsBackToTheSameOutputs() throws {
        let network = try Self.charModel("embed 8, lstm 16, gru 12 last, dense 28", seed: 2)
        let vocabulary = try TextCorpus.names().lineVocabulary
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sequence-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("names.safetensors")
        try SequenceModel(network: network, loss: .crossEntropy, vocabulary: vocabulary, dataName: "names").write(to: url)
        let read = try SequenceModel.read(from: url)
        #expect(read.vocabulary == vocabulary)
        #expect(read.vocabularySize == 28)
        #expect(read.network.specs == network.specs)
        #expect(read.network.stateTensors.map(\.name) == ["0.weight", "1.weight_ih_l0", "1.weight_hh_l0", "1.bias_ih_l0", "1.bias_hh_l0",
                                                           "2.weight_ih_l0", "2.weight_hh_l0", "2.bias_ih_l0", "2.bias_hh_l0",
                                                           "3.weight", "3.bias"])
        let input = try Self.names(count: 3).inputs
        #expect(read.network.predict(input) == network.predict(input))
        #expect(network.pytorchDescription == "nn.Sequential(nn.Embedding(28, 8), nn.LSTM(8, 16, batch_first=True), nn.GRU(16, 12, batch_first=True), nn.Linear(12, 28))")
    }

    /// The file's keys and shapes are exactly those of the same modules' `state_dict()` (PyTorch's naming
    /// rules written out: `nn.Embedding` owns `weight [V, D]`, `nn.LSTM(in, h)` owns `weight_ih_l0 [4h, in]`,
    /// `weight_hh_l0 [4h, h]`, `bias_ih_l0 [4h]`, `bias_hh_l0 [4h]`, `nn.GRU` the same with 3h, `nn.Linear`
    /// `weight [out, in]`, `bias [out]`), so `load_state_dict(strict=True)` accepts it.
    @Test(.enabled(if: PythonRunner.hasSafetensors, "python3 with safetensors and numpy is not installed"))
    func pythonSeesTheStateDictOfTheSameModules() throws {
        let network = try Self.charModel("embed 8, lstm 16, gru 12, dense 28", seed: 2)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sequence-python-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("model.safetensors")
        try SequenceModel(network: network, loss: .crossEntropy, vocabulary: nil, dataName: "test").write(to: url)
        let script = """
        import json, sys, types
        from safetensors import safe_open
        from safetensors.numpy import load_file
        class Embedding:
            def __init__(self, v, d): self.p = {"weight": [v, d]}
        def recurrent(gates):
            class R:
                def __init__(self, i, h, batch_first=False):
                    self.p = {"weight_ih_l0": [gates * h, i], "weight_hh_l0": [gates * h, h], "bias_ih_l0": [gates * h], "bias_hh_l0": [gates * h]}
            return R
        class Linear:
            def __init__(self, i, o): self.p = {"weight": [o, i], "bias": [o]}
        class Sequential:
            def __init__(self, *m): self.m = m
            def shapes(self): return {f"{k}.{n}": s for k, m in enumerate(self.m) for n, s in m.p.items()}
        nn = types.SimpleNamespace(Embedding=Embedding, RNN=recurrent(1), LSTM=recurrent(4), GRU=recurrent(3), Linear=Linear, Sequential=Sequential)
        tensors = load_file(sys.argv[1])
        with safe_open(sys.argv[1], framework="np") as f: meta = f.metadata()
        by_hand = nn.Sequential(nn.Embedding(28, 8), nn.LSTM(8, 16), nn.GRU(16, 12), nn.Linear(12, 28)).shapes()
        from_meta = eval(meta["pytorch"], {"nn": nn}).shapes()
        in_file = {k: list(v.shape) for k, v in tensors.items()}
        print(json.dumps({"by_hand": by_hand == in_file, "from_meta": from_meta == in_file}))
        """
        let result = PythonRunner.run(script, arguments: [url.path])
        #expect(result.status == 0)
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == #"{"by_hand": true, "from_meta": true}"#)
    }

    @Test func aNetworkSamplesTheLogitsOfItsLastContextStep() throws {
        let network = try Self.charModel(seed: 5)
        var model = NetworkTokenModel(network: network)
        #expect(model.vocabularySize == 28 && model.contextLength == 16)
        let context = [1, 5, 9, 2]
        var logits = [Float](repeating: 0, count: 28)
        model.nextTokenLogits(after: context[...], into: &logits)
        // The same logits from the whole network on a window whose later steps hold other tokens.
        var window = Matrix(rows: 1, columns: 16, repeating: 7)
        for (step, token) in context.enumerated() { window[0, step] = Float(token) }
        let output = network.predict(window)
        #expect(logits == Array(output.storage[(3 * 28)..<(4 * 28)]))
        // Same seed, same lines; another seed, other lines.
        let vocabulary = try TextCorpus.names().lineVocabulary
        func lines(_ seed: UInt64) throws -> [String] {
            var generator = SequenceGenerator(sampler: try TokenSampler(temperature: 0.8, topK: 10), maximumLength: 16)
            var copy = NetworkTokenModel(network: network)
            return try generator.lines(count: 5, model: &copy, vocabulary: vocabulary, seed: seed)
        }
        #expect(try lines(1) == lines(1))
        #expect(try lines(1) != lines(2))
    }

    /// An LSTM on 8,192 names, two epochs: held-out names cost at most 2.25 nats per character (a
    /// letter-pair table measures 2.43).
    @Test func anLSTMLearnsNamesBetterThanALetterPairTable() throws {
        let all = try SequenceExamples.lines(of: TextCorpus.names(), steps: 16)
        let (train, validation) = all.split(validationFraction: 0.1, seed: 1)
        var trainer = SequenceTrainer(network: try Self.charModel("embed 16, lstm 64, dense 28"),
                                      training: train.subset(Array(0..<8192)), validation: validation.subset(Array(0..<1000)),
                                      configuration: TrainingConfiguration(epochs: 2, batchSize: 32, optimizer: Self.adam, learningRate: 0.01))
        trainer.train()
        let heldOut = try #require(trainer.history.last?.validationLoss)
        #expect(heldOut <= 2.25, "held-out loss \(heldOut) nats per character")
        // The same number from the metric written separately (double precision, per masked step).
        var copy = trainer.network
        copy.forward(validation.subset(Array(0..<1000)).inputs, mode: .evaluation)
        let logits = Matrix(rows: 1000 * 16, columns: 28, elements: copy.output.elements)
        let metric = Metrics.natsPerToken(logits: logits, examples: validation.subset(Array(0..<1000)))
        #expect(abs(metric - Double(heldOut)) < 1e-3)
        let bigram = BigramModel(counting: train).meanNegativeLogLikelihood(on: validation)
        #expect(Double(heldOut) < bigram)
    }
}
