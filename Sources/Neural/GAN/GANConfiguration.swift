/// How a GAN trains: the loss, the batch, how many discriminator steps per generator step, and each
/// player's optimizer (each keeps its own running averages).
public struct GANConfiguration: Sendable, Hashable {
    public var loss: GANLoss
    /// Real points per discriminator step, and generated points per step of either player.
    public var batchSize: Int
    /// k: discriminator steps taken before each generator step.
    public var discriminatorSteps: Int
    public var generatorOptimizer: OptimizerKind
    public var generatorLearningRate: Float
    public var discriminatorOptimizer: OptimizerKind
    public var discriminatorLearningRate: Float
    /// Fixes the noise, the real batches and the points a snapshot draws.
    public var seed: UInt64

    public init(loss: GANLoss = .standard, batchSize: Int = 128, discriminatorSteps: Int = 1,
                generatorOptimizer: OptimizerKind = .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
                generatorLearningRate: Float = 0.001,
                discriminatorOptimizer: OptimizerKind = .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
                discriminatorLearningRate: Float = 0.001, seed: UInt64 = 1) {
        self.loss = loss
        self.batchSize = batchSize
        self.discriminatorSteps = discriminatorSteps
        self.generatorOptimizer = generatorOptimizer
        self.generatorLearningRate = generatorLearningRate
        self.discriminatorOptimizer = discriminatorOptimizer
        self.discriminatorLearningRate = discriminatorLearningRate
        self.seed = seed
    }
}
