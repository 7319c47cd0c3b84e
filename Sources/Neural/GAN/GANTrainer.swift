import Foundation

/// Trains a generative adversarial network in the plane: a generator G turns noise z into points G(z), a
/// discriminator D scores points, and the two take turns.
///
/// One *iteration* (`step()`) is k discriminator steps and then one generator step:
///
///     discriminator step   draw n real points x and n noise vectors z;  score D(x) and D(G(z));
///                          lower L_D (see `GANLoss`) by moving D's weights only
///     generator step       draw n noise vectors z;  score D(G(z));
///                          lower L_G by moving G's weights only, through D:
///                          ∂L_G/∂θ_G = Σ ∂L_G/∂d · ∂d/∂x · ∂G(z)/∂θ_G,  with x = G(z)
///
/// ∂d/∂x, how D's score changes as a generated point moves, is the gradient that pulls the generator's
/// points towards places D finds real; a snapshot carries it for every drawn point.
///
/// Each player has its own optimizer, so Adam's running averages of one never see the other's gradients.
/// The noise is standard normal with as many numbers as G takes, drawn in pairs (`fillNormal`). All buffers are sized when the trainer is
/// made, so a step allocates nothing; the same networks, target and configuration give the same weights
/// bit for bit.
public struct GANTrainer: Sendable {
    public private(set) var generator: Network
    public private(set) var discriminator: Network
    public var generatorOptimizer: Optimizer
    public var discriminatorOptimizer: Optimizer
    public let configuration: GANConfiguration
    /// The distribution the generator learns to imitate.
    public let target: TargetDistribution
    /// Generator steps taken since the start.
    public private(set) var generatorSteps = 0
    /// Discriminator steps taken since the start.
    public private(set) var discriminatorSteps = 0
    /// L_D of the last discriminator step (NaN before the first).
    public private(set) var lastDiscriminatorLoss: Float = .nan
    /// L_G of the last generator step (NaN before the first).
    public private(set) var lastGeneratorLoss: Float = .nan
    /// Whether a loss stopped being a number; no step is taken after that.
    public private(set) var hasDiverged = false

    private let initialGenerator: Network
    private let initialDiscriminator: Network
    private var random: RandomSource
    /// The noise of the last step: `batchSize × noiseSize`.
    private(set) var noise: Matrix
    /// The discriminator's batch: n real points, then n generated ones.
    private(set) var discriminatorInput: Matrix
    /// The generator step's points G(z).
    private(set) var generatedPoints: Matrix
    private var scoreGradient: Matrix
    /// ∂L_G/∂G(z), handed from the discriminator back to the generator.
    private var pointGradient: Matrix

    /// A trainer for `generator` (noise → 2 numbers) and `discriminator` (2 numbers → 1 raw score) on `target`.
    public init(generator: Network, discriminator: Network, target: TargetDistribution,
                configuration: GANConfiguration = GANConfiguration()) throws(GANTrainerError) {
        guard generator.outputSize == 2 else { throw .generatorOutput(size: generator.outputSize) }
        guard discriminator.inputSize == 2 else { throw .discriminatorInput(size: discriminator.inputSize) }
        guard discriminator.outputSize == 1, discriminator.outputActivation == .identity else {
            throw .discriminatorOutput(size: discriminator.outputSize, activation: discriminator.outputActivation)
        }
        guard configuration.batchSize >= 1 else { throw .batchSize(configuration.batchSize) }
        guard configuration.discriminatorSteps >= 1 else { throw .discriminatorSteps(configuration.discriminatorSteps) }
        for rate in [configuration.generatorLearningRate, configuration.discriminatorLearningRate] where !(rate > 0 && rate.isFinite) {
            throw .learningRate(rate)
        }
        let batch = configuration.batchSize
        self.configuration = configuration
        self.target = target
        var generator = generator.detachedCopy()
        generator.reserve(batchCapacity: batch)
        var discriminator = discriminator.detachedCopy()
        discriminator.reserve(batchCapacity: 2 * batch)
        self.generator = generator
        self.discriminator = discriminator
        initialGenerator = generator.detachedCopy()
        initialDiscriminator = discriminator.detachedCopy()
        generatorOptimizer = Optimizer(configuration.generatorOptimizer, learningRate: configuration.generatorLearningRate)
        generatorOptimizer.prepare(tensorSizes: generator.parameterTensorSizes)
        discriminatorOptimizer = Optimizer(configuration.discriminatorOptimizer, learningRate: configuration.discriminatorLearningRate)
        discriminatorOptimizer.prepare(tensorSizes: discriminator.parameterTensorSizes)
        random = RandomSource(seed: configuration.seed)
        noise = Matrix(rows: batch, columns: generator.inputSize)
        discriminatorInput = Matrix(rows: 2 * batch, columns: 2)
        generatedPoints = Matrix(rows: batch, columns: 2)
        scoreGradient = Matrix(rows: 2 * batch, columns: 1)
        pointGradient = Matrix(rows: batch, columns: 2)
    }

    /// A generator `noiseSize`-hidden…-2 and a discriminator 2-hidden…-1, both with ReLU between layers and
    /// no activation at the end, weights drawn from `seed`.
    public static func networks(noiseSize: Int = 2, generatorHidden: [Int] = [32, 32], discriminatorHidden: [Int] = [32, 32],
                                seed: UInt64) -> (generator: Network, discriminator: Network) {
        let generator = Network(sizes: [max(noiseSize, 1)] + generatorHidden.map { max($0, 1) } + [2],
                                activation: .relu, outputActivation: .identity, seed: seed)
        let discriminator = Network(sizes: [2] + discriminatorHidden.map { max($0, 1) } + [1],
                                    activation: .relu, outputActivation: .identity, seed: seed &+ 1)
        return (generator, discriminator)
    }

    /// How many numbers of noise the generator takes per point.
    public var noiseSize: Int { generator.inputSize }
    /// Iterations completed: generator steps, since each iteration ends with one.
    public var iterations: Int { generatorSteps }

    /// One iteration: k discriminator steps, then one generator step.
    public mutating func step() {
        Subnormals.flushedToZero {
            for _ in 0..<configuration.discriminatorSteps { trainDiscriminator() }
            trainGenerator()
        }
    }

    /// One discriminator step alone (the generator stands still).
    public mutating func stepDiscriminator() {
        Subnormals.flushedToZero { trainDiscriminator() }
    }

    /// One generator step alone (the discriminator stands still).
    public mutating func stepGenerator() {
        Subnormals.flushedToZero { trainGenerator() }
    }

    /// Back to the first weights, the first noise and fresh optimizers.
    public mutating func reset() {
        generator.copyParameters(from: initialGenerator)
        discriminator.copyParameters(from: initialDiscriminator)
        generatorOptimizer.prepare(tensorSizes: generator.parameterTensorSizes)
        discriminatorOptimizer.prepare(tensorSizes: discriminator.parameterTensorSizes)
        random = RandomSource(seed: configuration.seed)
        generatorSteps = 0
        discriminatorSteps = 0
        lastDiscriminatorLoss = .nan
        lastGeneratorLoss = .nan
        hasDiverged = false
    }

    /// Changes both learning rates without touching anything else.
    public mutating func setLearningRates(generator: Float, discriminator: Float) {
        if generator > 0, generator.isFinite { generatorOptimizer.learningRate = generator }
        if discriminator > 0, discriminator.isFinite { discriminatorOptimizer.learningRate = discriminator }
    }

    // MARK: - The two steps

    private mutating func trainDiscriminator() {
        guard !hasDiverged else { return }
        let loss = computeDiscriminatorGradients()
        lastDiscriminatorLoss = loss
        guard loss.isFinite else { hasDiverged = true; return }
        discriminator.update(with: &discriminatorOptimizer)
        discriminatorSteps += 1
    }

    private mutating func trainGenerator() {
        guard !hasDiverged else { return }
        let loss = computeGeneratorGradients()
        lastGeneratorLoss = loss
        guard loss.isFinite else { hasDiverged = true; return }
        generator.update(with: &generatorOptimizer)
        generatorSteps += 1
    }

    /// Draws a batch and fills the discriminator's gradients of L_D, moving no weight; returns L_D.
    mutating func computeDiscriminatorGradients() -> Float {
        let batch = configuration.batchSize
        target.sample(into: &discriminatorInput, rows: 0..<batch, using: &random)
        drawNoise()
        generator.forward(noise, mode: .training)
        Self.copyOutput(of: generator, into: &discriminatorInput, firstRow: batch)
        let last = discriminator.layers.count - 1
        discriminator.forward(discriminatorInput, mode: .training)
        let loss = scoreDiscriminator(realCount: batch)
        discriminator.backward(input: discriminatorInput, outputGradient: scoreGradient, fromLayer: last)
        return loss
    }

    /// Draws noise and fills the generator's gradients of L_G through the discriminator, moving no weight;
    /// returns L_G. Only the discriminator's input gradient is computed on the way: its weight gradients,
    /// which this step has no use for, keep the numbers of its last step.
    mutating func computeGeneratorGradients() -> Float {
        drawNoise()
        generator.forward(noise, mode: .training)
        Self.copyOutput(of: generator, into: &generatedPoints, firstRow: 0)
        let last = discriminator.layers.count - 1
        discriminator.forward(generatedPoints, mode: .training)
        let loss = scoreGenerator()
        discriminator.backwardToInputOnly(input: generatedPoints, outputGradient: scoreGradient, fromLayer: last)
        copyDiscriminatorInputGradient()
        generator.backward(input: noise, outputGradient: pointGradient, fromLayer: generator.layers.count - 1)
        return loss
    }

    // MARK: - Buffers

    private mutating func drawNoise() {
        let count = noise.count
        var random = self.random
        noise.storage.withUnsafeMutableBufferPointer { buffer in
            random.fillNormal(buffer.baseAddress!, count: count)
        }
        self.random = random
    }

    // Each function below holds a layer's buffer only until it returns, so the layer's next write never has
    // to copy it.

    private static func copyOutput(of generator: Network, into points: inout Matrix, firstRow: Int) {
        let output = generator.output
        let count = output.count
        output.storage.withUnsafeBufferPointer { source in
            points.storage.withUnsafeMutableBufferPointer { target in
                (target.baseAddress! + firstRow * 2).update(from: source.baseAddress!, count: count)
            }
        }
    }

    private mutating func scoreDiscriminator(realCount: Int) -> Float {
        let scores = discriminator.output
        return configuration.loss.discriminator(scores: scores, realCount: realCount, gradient: &scoreGradient)
    }

    private mutating func scoreGenerator() -> Float {
        let scores = discriminator.output
        return configuration.loss.generator(scores: scores, gradient: &scoreGradient)
    }

    private mutating func copyDiscriminatorInputGradient() {
        let gradient = discriminator.inputGradient
        pointGradient.copy(from: gradient)
    }
}
