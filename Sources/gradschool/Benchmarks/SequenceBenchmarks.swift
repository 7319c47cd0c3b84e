import Foundation
import Neural

/// The sequence workloads of `gradschool bench`.
///
/// R1: the first 8,192 names, each a 16-step window of the start token and its letters, padded
/// (vocabulary 28); `Embedding(28, 16)`, `LSTM(16, 64)`, `Linear(64, 28)` at every step; cross-entropy at
/// every step with the padding left out; Adam, learning rate 0.001, batch 32. Measured in sequences
/// trained per second, in several windows of whole steps after one warm-up epoch.
enum SequenceBenchmarks {
    /// Prints the R1 line.
    static func report(seconds: Double, clock: BenchClock) throws {
        let r1 = try namesLSTM(seconds: seconds, clock: clock)
        print(String(format: "R1     names, embed 16, LSTM 64, dense 28, Adam, batch 32 %9.0f sequences/s   (target ≥ 20,000; median window %.0f)",
                     r1.best, r1.median))
    }

    static func namesTrainer() throws -> SequenceTrainer {
        let names = try SequenceExamples.lines(of: TextCorpus.names(), steps: 16)
        let training = names.subset(Array(0..<8192))
        let network = try ArchitectureDescription(parsing: "embed 16, lstm 64, dense 28")
            .network(inputShape: [16], seed: 1, vocabularySize: names.vocabularySize)
        return SequenceTrainer(network: network, training: training,
                               configuration: TrainingConfiguration(epochs: Int.max, batchSize: 32,
                                                                    optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
                                                                    learningRate: 0.001, seed: 1))
    }

    static func namesLSTM(seconds: Double, windows: Int = 7, clock: BenchClock) throws -> TrainingBenchmark.Throughput {
        var trainer = try namesTrainer()
        trainer.trainEpoch()
        var rates: [Double] = []
        for _ in 0..<windows {
            let start = clock.now()
            var sequences = 0, elapsed = 0.0
            repeat {
                for _ in 0..<16 { trainer.step() }
                sequences += 16 * 32
                elapsed = clock.now() - start
            } while elapsed < seconds / Double(windows)
            rates.append(Double(sequences) / elapsed)
        }
        rates.sort()
        return TrainingBenchmark.Throughput(best: rates[rates.count - 1], median: rates[rates.count / 2])
    }
}
