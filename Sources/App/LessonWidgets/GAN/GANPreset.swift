import Neural

/// The two starting points of the `gan` widget: a balanced pair that spreads over the target, and a pair
/// set up to collapse onto a few of its modes.
///
/// Both use a generator 2-32-32-2 and a discriminator 2-32-32-1 with ReLU and Adam (β₁ 0.5). Balanced: both
/// learn at 0.002, k discriminator steps per generator step as the lesson sets (1 unless given). Collapse:
/// the discriminator learns ten times faster than the generator (0.01 against 0.001) and takes 5 steps for
/// each of the generator's. Its map then rises sharply round the one or two modes nearest the generator's
/// points, every generated point is pushed to them, and the generator stays on them: 2 of the ring's 8
/// modes covered, with seed 1, from the first few hundred iterations on.
enum GANPreset: String, CaseIterable, Sendable {
    case balanced
    case collapse

    /// How the preset is named on screen.
    var label: String {
        switch self {
        case .balanced: "balanced"
        case .collapse: "collapse"
        }
    }

    func configuration(loss: GANLoss, discriminatorSteps: Int) -> GANConfiguration {
        let adam = OptimizerKind.adam(beta1: 0.5, beta2: 0.999, epsilon: 1e-8)
        switch self {
        case .balanced:
            return GANConfiguration(loss: loss, batchSize: 128, discriminatorSteps: discriminatorSteps,
                                    generatorOptimizer: adam, generatorLearningRate: 0.002,
                                    discriminatorOptimizer: adam, discriminatorLearningRate: 0.002, seed: 1)
        case .collapse:
            return GANConfiguration(loss: loss, batchSize: 128, discriminatorSteps: 5,
                                    generatorOptimizer: adam, generatorLearningRate: 0.001,
                                    discriminatorOptimizer: adam, discriminatorLearningRate: 0.01, seed: 1)
        }
    }

    /// A trainer for `target` set up as this preset says.
    func trainer(target: TargetDistribution, loss: GANLoss, discriminatorSteps: Int) -> GANTrainer {
        let (generator, discriminator) = GANTrainer.networks(noiseSize: 2, generatorHidden: [32, 32], discriminatorHidden: [32, 32], seed: 1)
        // The networks and configuration are fixed here and always valid.
        return try! GANTrainer(generator: generator, discriminator: discriminator, target: target,
                               configuration: configuration(loss: loss, discriminatorSteps: discriminatorSteps))
    }
}
