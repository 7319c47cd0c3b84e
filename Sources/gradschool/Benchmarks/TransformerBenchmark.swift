import Foundation
import Neural

/// T1: a small transformer on names. The first 8,192 names of `names.txt`, each a 16-step window of the
/// start token and its letters, padded; vocabulary 28. Token and position embeddings of d = 32, two
/// pre-LayerNorm blocks (4 heads, causal, MLP 32-128-32 ReLU), a final LayerNorm and `Linear(32, 28)` at
/// every step; cross-entropy at every step, padding left out of the mean; Adam lr 0.001, batch 32, the
/// names in file order. Reports sequences per second.
enum TransformerBenchmark {
    static let architecture = "posembed 32 vocab 28, transformer 2 blocks 4 heads, layernorm, dense 28"

    static func names(seconds: Double, clock: BenchClock, windows: Int = 7) throws -> TrainingBenchmark.Throughput {
        let all = try SequenceExamples.lines(of: TextCorpus.names(), steps: 16)
        let data = all.subset(Array(0..<min(8192, all.count)))
        var network = try ArchitectureDescription(parsing: architecture).network(inputShape: [16], seed: 1)
        var optimizer = Optimizer(.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), learningRate: 0.001)
        optimizer.prepare(tensorSizes: network.parameterTensorSizes)
        network.reserve(batchCapacity: 32)
        var batch = data.emptyBatch(capacity: 32)
        var gradient = Matrix(rows: 32, columns: network.outputSize)
        let order = Array(0..<data.count)
        let last = network.layers.count - 1
        func epoch() {
            var start = 0
            while start < data.count {
                let end = min(start + 32, data.count)
                data.fillBatch(&batch, indices: order[start..<end])
                network.forward(batch.inputs, mode: .training)
                _ = SequenceCrossEntropy.evaluate(logits: network.output, targets: batch.targets, mask: batch.mask, gradient: &gradient)
                network.backward(input: batch.inputs, outputGradient: gradient, fromLayer: last)
                network.update(with: &optimizer)
                start = end
            }
        }
        epoch()
        var rates: [Double] = []
        for _ in 0..<windows {
            let begin = clock.now()
            var sequences = 0, elapsed = 0.0
            repeat {
                epoch()
                sequences += data.count
                elapsed = clock.now() - begin
            } while elapsed < seconds / Double(windows)
            rates.append(Double(sequences) / elapsed)
        }
        rates.sort()
        return TrainingBenchmark.Throughput(best: rates[rates.count - 1], median: rates[rates.count / 2])
    }
}
