import Foundation
import Testing
@testable import Neural

/// Runs Python scripts that import PyTorch itself.
enum TorchRunner {
    /// Whether `python3` can import PyTorch and the safetensors reader for it (`make test-pytorch` installs both).
    static let hasTorch: Bool = PythonRunner.run("import torch, numpy, safetensors.torch").status == 0

    /// Runs `python3 -c script arguments…` in `directory` and returns its exit status, standard output and
    /// standard error (kept, so a failing script says why in the test's message).
    static func run(_ script: String, arguments: [String] = [], in directory: URL? = nil) -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return (-1, "", "\(error)")
        }
        // Standard error is read on another thread, so neither pipe can fill while the other is drained.
        let errorText = ErrorText()
        let reader = Thread { errorText.value = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }
        reader.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorText.isSet { Thread.sleep(forTimeInterval: 0.005) }
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), errorText.value)
    }

    /// Standard error of a script, written once by the thread that reads it.
    private final class ErrorText: @unchecked Sendable {
        private let lock = NSLock()
        private var text: String?
        var value: String {
            get { lock.withLock { text ?? "" } }
            set { lock.withLock { text = newValue } }
        }
        var isSet: Bool { lock.withLock { text != nil } }
    }

    /// What every script starts with: PyTorch on one thread, and the three modules the engine's `pytorch`
    /// metadata line names beyond `torch.nn`, written from the doc comments of `PositionEmbedding`,
    /// `CausalSelfAttention` and `TransformerBlock`.
    static let prelude = """
    import json, sys
    import torch, torch.nn as nn
    from safetensors import safe_open
    from safetensors.torch import load_file
    torch.set_num_threads(1)
    torch.manual_seed(0)

    def causal(steps):
        return torch.triu(torch.ones(steps, steps, dtype=torch.bool), 1)

    class TokenAndPosition(nn.Module):
        def __init__(self, vocabulary, steps, d):
            super().__init__()
            self.token = nn.Embedding(vocabulary, d)
            self.position = nn.Embedding(steps, d)
        def forward(self, ids):
            return self.token(ids) + self.position(torch.arange(ids.shape[1]))

    class Block(nn.Module):
        def __init__(self, d, heads):
            super().__init__()
            self.ln_1 = nn.LayerNorm(d)
            self.attn = nn.MultiheadAttention(d, heads, batch_first=True)
            self.ln_2 = nn.LayerNorm(d)
            self.mlp = nn.Sequential(nn.Linear(d, 4 * d), nn.ReLU(), nn.Linear(4 * d, d))
        def forward(self, x):
            h = self.ln_1(x)
            x = x + self.attn(h, h, h, attn_mask=causal(x.shape[1]), need_weights=False)[0]
            return x + self.mlp(self.ln_2(x))

    def run(model, x):
        # nn.RNN, nn.LSTM and nn.GRU return (every step's output, final state): the next module reads the first.
        for module in model:
            x = module(x)
            if isinstance(x, tuple):
                x = x[0]
        return x

    def build(path):
        with safe_open(path, "pt") as handle:
            meta = handle.metadata()
        model = eval(meta["pytorch"], {"nn": nn, "TokenAndPosition": TokenAndPosition, "Block": Block})
        result = model.load_state_dict(load_file(path), strict=True)
        assert not result.missing_keys and not result.unexpected_keys
        return model.eval(), meta

    def rows(text):
        return torch.tensor([[float(v) for v in row.split(",")] for row in text.split(";")], dtype=torch.float32)

    """
}

/// Model files loaded by PyTorch itself with `load_state_dict(strict=True)` into the modules their `pytorch`
/// metadata line builds, run on the same inputs as the engine, and trained for an epoch by `torch.optim`
/// beside the engine's optimizers. PyTorch is large, so `make test` does not install it: `make test-pytorch`
/// does, and runs these. Without it this suite is reported as not run; the NumPy suites check the same files.
@Suite("Model files in PyTorch", .enabled(if: TorchRunner.hasTorch, "PyTorch is not installed: run `make test-pytorch`"))
struct PyTorchTests {
    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pytorch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func text(_ matrix: Matrix) -> String {
        (0..<matrix.rows).map { matrix.row($0).map { "\($0)" }.joined(separator: ",") }.joined(separator: ";")
    }

    static func randomMatrix(rows: Int, columns: Int, in range: ClosedRange<Float>, seed: UInt64) -> Matrix {
        var random = RandomSource(seed: seed)
        return Matrix(rows: rows, columns: columns, elements: (0..<(rows * columns)).map { _ in random.uniform(range) })
    }

    /// The numbers of a script's JSON list printed on its last line.
    static func numbers(_ output: String) throws -> [Double] {
        let line = output.split(separator: "\n").last.map(String.init) ?? ""
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Double], "not a list of numbers: \(line)")
    }

    static func largestDifference(_ theirs: [Double], _ mine: [Float]) -> Double {
        guard theirs.count == mine.count else { return .infinity }
        return zip(theirs, mine).map { abs($0 - Double($1)) }.max() ?? 0
    }

    /// Runs `script` after the prelude, requiring it to succeed, and returns its last line's numbers.
    func torch(_ script: String, _ arguments: [String]) throws -> [Double] {
        let result = TorchRunner.run(TorchRunner.prelude + script, arguments: arguments)
        try #require(result.status == 0, "PyTorch failed: \(result.errors.suffix(1500))")
        return try Self.numbers(result.output)
    }

    @Test(arguments: [("tanh", Activation.tanh, Activation.softmax), ("relu", Activation.relu, Activation.sigmoid), ("leaky", Activation.leakyReLU(slope: 0.01), Activation.identity)])
    func aDenseNetworkLoadsStrictlyAndGivesTheSameOutputs(name: String, hidden: Activation, output: Activation) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("\(name).safetensors")
        let network = Network(sizes: [4, 8, 6, 3], activation: hidden, outputActivation: output, seed: 3)
        try SavedModel(network: network).write(to: url)
        let input = Self.randomMatrix(rows: 5, columns: 4, in: -2...2, seed: 4)
        let theirs = try torch("""
        model, meta = build(sys.argv[1])
        with torch.no_grad():
            print(json.dumps(model(rows(sys.argv[2])).reshape(-1).tolist()))
        """, [url.path, Self.text(input)])
        let mine = network.predict(input)
        #expect(theirs.count == 15)
        #expect(Self.largestDifference(theirs, mine.elements) < 1e-6)
    }

    @Test func aConvolutionalNetworkLoadsStrictlyAndGivesTheSameOutputs() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("cnn.safetensors")
        // Every image layer: padding, a stride of 2, a kernel that is not square-friendly (2), max and average pooling.
        let network = try ArchitectureDescription(parsing: "conv 6 3 pad 1, relu, maxpool 2, conv 5 2 stride 2, tanh, avgpool 2 stride 1, flatten, dense 10, softmax")
            .network(inputShape: [1, 8, 8], seed: 11)
        try SavedModel(network: network, loss: .crossEntropy).write(to: url)
        let input = Self.randomMatrix(rows: 4, columns: 64, in: 0...1, seed: 12)
        let theirs = try torch("""
        model, meta = build(sys.argv[1])
        with torch.no_grad():
            print(json.dumps(model(rows(sys.argv[2]).reshape(-1, 1, 8, 8)).reshape(-1).tolist()))
        """, [url.path, Self.text(input)])
        #expect(theirs.count == 40)
        #expect(Self.largestDifference(theirs, network.predict(input).elements) < 1e-6)
    }

    @Test(arguments: ["embed 8, lstm 16, gru 12, rnn 10, dense 28", "embed 6, gru 9, lstm 7, dense 28"])
    func aRecurrentNetworkLoadsStrictlyAndGivesTheSameScoresAtEveryStep(words: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("names.safetensors")
        var network = try ArchitectureDescription(parsing: words).network(inputShape: [16], seed: 21, vocabularySize: 28)
        // A few Adam steps, so that no bias keeps its starting zero.
        let examples = try SequenceExamples.lines(of: TextCorpus.names(), steps: 16).subset(Array(0..<32))
        var trainer = SequenceTrainer(network: network, training: examples,
                                      configuration: TrainingConfiguration(epochs: 1, batchSize: 8, optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
                                                                           learningRate: 0.01, seed: 22))
        trainer.trainEpoch()
        network = trainer.network
        try SequenceModel(network: network, loss: .crossEntropy, vocabulary: nil, dataName: "test").write(to: url)
        let ids = Matrix(rows: 3, columns: 16, elements: (0..<48).map { Float(($0 * 7 + 3) % 28) })
        let theirs = try torch("""
        model, meta = build(sys.argv[1])
        ids = rows(sys.argv[2]).long()
        with torch.no_grad():
            print(json.dumps(run(model, ids).reshape(-1).tolist()))
        """, [url.path, Self.text(ids)])
        #expect(theirs.count == 3 * 16 * 28)
        #expect(Self.largestDifference(theirs, network.predict(ids).elements) < 1e-5)
    }

    @Test func aTransformerLoadsStrictlyAndGivesTheSameScores() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("reverse.safetensors")
        let (vocabulary, steps) = (13, 12)
        var network = try ArchitectureDescription(parsing: "posembed 16 vocab \(vocabulary), transformer 2 blocks 4 heads, layernorm, dense \(vocabulary)")
            .network(inputShape: [steps], seed: 31)
        // A few Adam steps, so the LayerNorms leave γ = 1, β = 0 and the biases leave zero.
        let task = SequenceTask.reverse(digits: 6)
        var batch = task.examples(count: 8, seed: 32)
        var optimizer = Optimizer(.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), learningRate: 0.01)
        optimizer.prepare(tensorSizes: network.parameterTensorSizes)
        var gradient = Matrix(rows: 8, columns: network.outputSize)
        var random = RandomSource(seed: 33)
        for _ in 0..<5 {
            task.refill(&batch, using: &random)
            network.forward(batch.inputs, mode: .training)
            _ = SequenceCrossEntropy.evaluate(logits: network.output, targets: batch.targets, mask: batch.mask, gradient: &gradient)
            network.backward(input: batch.inputs, outputGradient: gradient, fromLayer: network.layers.count - 1)
            network.update(with: &optimizer)
        }
        try SavedModel(network: network).write(to: url)
        let ids = Matrix(rows: 3, columns: steps, elements: (0..<(3 * steps)).map { Float(($0 * 5 + 1) % vocabulary) })
        let theirs = try torch("""
        model, meta = build(sys.argv[1])
        with torch.no_grad():
            print(json.dumps(run(model, rows(sys.argv[2]).long()).reshape(-1).tolist()))
        """, [url.path, Self.text(ids)])
        #expect(theirs.count == 3 * steps * vocabulary)
        #expect(Self.largestDifference(theirs, network.predict(ids).elements) < 1e-4)
    }

    /// One epoch of each of the engine's optimizers against `torch.optim` with the same rule: the same start,
    /// batches of 4 in order, mean cross-entropy, and an L2 penalty of 0.01 on weights only (PyTorch's
    /// `weight_decay` in a parameter group of the weights; the biases in a group without it).
    @Test(arguments: [
        (OptimizerKind.sgd, "torch.optim.SGD(groups, lr=0.1)", Float(0.1)),
        (.momentum(0.9), "torch.optim.SGD(groups, lr=0.1, momentum=0.9)", 0.1),
        (.nesterov(0.9), "torch.optim.SGD(groups, lr=0.1, momentum=0.9, nesterov=True)", 0.1),
        (.rmsprop(alpha: 0.99, epsilon: 1e-8), "torch.optim.RMSprop(groups, lr=0.01, alpha=0.99, eps=1e-8)", 0.01),
        (.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), "torch.optim.Adam(groups, lr=0.01, betas=(0.9, 0.999), eps=1e-8)", 0.01),
    ])
    func oneEpochOfEachOptimizerMatchesTorchOptim(kind: OptimizerKind, pytorch: String, learningRate: Float) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let network = Network(sizes: [4, 8, 3], activation: .tanh, outputActivation: .softmax, seed: 41)
        let features = Self.randomMatrix(rows: 12, columns: 4, in: -1...1, seed: 42)
        let labels = (0..<12).map { ($0 * 5) % 3 }
        var trainer = Trainer(network: network, training: Examples(features: features, targets: OneHot.encode(labels, classCount: 3)),
                              configuration: TrainingConfiguration(epochs: 1, batchSize: 4, loss: .crossEntropy, optimizer: kind,
                                                                   learningRate: learningRate, l2: 0.01, shuffle: false))
        trainer.train()
        let before = folder.appendingPathComponent("before.safetensors")
        try SavedModel(network: network).write(to: before)
        let theirs = try torch("""
        model, meta = build(sys.argv[1])
        logits = model[:-1]  # nn.CrossEntropyLoss takes the scores before the softmax
        weights = [p for n, p in logits.named_parameters() if n.endswith("weight")]
        biases = [p for n, p in logits.named_parameters() if n.endswith("bias")]
        groups = [{"params": weights, "weight_decay": 0.01}, {"params": biases, "weight_decay": 0.0}]
        optimizer = \(pytorch)
        x, y = rows(sys.argv[2]), torch.tensor(json.loads(sys.argv[3]))
        for start in range(0, 12, 4):
            optimizer.zero_grad()
            nn.functional.cross_entropy(logits(x[start:start + 4]), y[start:start + 4]).backward()
            optimizer.step()
        print(json.dumps(torch.cat([p.detach().reshape(-1) for p in logits.parameters()]).tolist()))
        """, [before.path, Self.text(features), "\(labels)"])
        let mine = trainer.network.stateTensors.flatMap(\.values)
        #expect(trainer.network.stateTensors.map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias"])
        #expect(theirs.count == mine.count)
        #expect(Self.largestDifference(theirs, mine) < 1e-6, "\(kind.name)")
        // The epoch moved the weights, so agreement is not agreement on doing nothing.
        #expect(!trainer.network.hasSameParameters(as: network))
    }

    /// The deploy lesson's "Loading it in PyTorch" code, run as printed, next to a model file of the network
    /// the lesson trains (4-8-3, tanh, softmax, standardised features): PyTorch's probabilities for the
    /// three flowers are the engine's.
    @Test func theDeployLessonsPyTorchCodeRunsAsPrintedAndAgreesWithTheEngine() throws {
        let lesson = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("lessons/17-deploy.md"), encoding: .utf8)
        let section = try #require(lesson.range(of: "## Loading it in PyTorch"))
        let start = try #require(lesson.range(of: "```python\n", range: section.upperBound..<lesson.endIndex))
        let end = try #require(lesson.range(of: "```", range: start.upperBound..<lesson.endIndex))
        let code = String(lesson[start.upperBound..<end.lowerBound])
        #expect(code.contains("strict=True"))

        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let iris = try Dataset.iris()
        let scaler = Scaler.fit(.standardization, to: iris.features)
        var trainer = Trainer(network: Network(sizes: [4, 8, 3], activation: .tanh, outputActivation: .softmax, seed: 1),
                              training: Examples(features: try scaler.apply(iris.features), targets: OneHot.encode(iris.labels, classCount: 3)),
                              configuration: TrainingConfiguration(epochs: 50, batchSize: 10, loss: .crossEntropy,
                                                                   optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), learningRate: 0.01))
        trainer.train()
        let model = SavedModel(network: trainer.network, loss: .crossEntropy, scaler: scaler, classNames: iris.classNames)
        try model.write(to: folder.appendingPathComponent("iris.safetensors"))
        let flowers = Matrix([[5.1, 3.5, 1.4, 0.2], [6.4, 3.2, 4.5, 1.5], [6.3, 3.3, 6.0, 2.5]])
        let mine = try model.predict(rawFeatures: flowers)

        let result = TorchRunner.run(code, in: folder)
        try #require(result.status == 0, "the lesson's code failed: \(result.errors.suffix(1500))")
        // PyTorch prints `tensor([[a, b, c], …], grad_fn=<SoftmaxBackward0>)`: the nine probabilities in order.
        let printed = result.output.replacingOccurrences(of: "grad_fn=<SoftmaxBackward0>", with: "")
        let theirs = printed.split(whereSeparator: { !"0123456789.e-+".contains($0) }).compactMap { Double($0) }
        #expect(theirs.count == 9, "printed: \(result.output)")
        #expect(Self.largestDifference(theirs, mine.elements) < 1e-5)
        // The three flowers are told apart: setosa, versicolor, virginica.
        #expect((0..<3).map { row in (0..<3).max { mine[row, $0] < mine[row, $1] }! } == [0, 1, 2])
    }
}
