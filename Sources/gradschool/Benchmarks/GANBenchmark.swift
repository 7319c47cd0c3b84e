import Neural

/// G1: a 2-D GAN on the ring of 8 Gaussians. Generator 2-32-32-2 and discriminator 2-32-32-1, ReLU
/// between layers, standard loss (binary cross-entropy on logits, non-saturating generator loss), Adam
/// lr 0.001 for each, batch 128, one discriminator step and one generator step per iteration.
/// Target: at least 20,000 iterations a second on one thread of a release build.
enum GANBenchmark {
    /// Iterations a second in the best and the median of several windows that together last `seconds`.
    static func ring(seconds: Double, windows: Int = 7, clock: BenchClock) throws -> TrainingBenchmark.Throughput {
        let (generator, discriminator) = GANTrainer.networks(noiseSize: 2, generatorHidden: [32, 32], discriminatorHidden: [32, 32], seed: 1)
        var trainer = try GANTrainer(generator: generator, discriminator: discriminator, target: .ring(),
                                     configuration: GANConfiguration(loss: .standard, batchSize: 128, discriminatorSteps: 1,
                                                                     generatorLearningRate: 0.001, discriminatorLearningRate: 0.001, seed: 1))
        for _ in 0..<200 { trainer.step() }
        var rates: [Double] = []
        for _ in 0..<windows {
            let start = clock.now()
            var iterations = 0, elapsed = 0.0
            repeat {
                for _ in 0..<100 { trainer.step() }
                iterations += 100
                elapsed = clock.now() - start
            } while elapsed < seconds / Double(windows)
            rates.append(Double(iterations) / elapsed)
        }
        rates.sort()
        return TrainingBenchmark.Throughput(best: rates[rates.count - 1], median: rates[rates.count / 2])
    }

    /// The report line `gradschool bench` prints.
    static func report(seconds: Double, clock: BenchClock) throws {
        let g1 = try ring(seconds: seconds, clock: clock)
        print(String(format: "G1     GAN ring of 8, G 2-32-32-2, D 2-32-32-1, batch 128 %9.0f iterations/s   (target ≥ 20,000; median window %.0f)", g1.best, g1.median))
    }
}
