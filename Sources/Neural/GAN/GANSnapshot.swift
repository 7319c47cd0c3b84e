/// What a screen draws of a GAN at one moment, safe to hand to another thread (it shares no buffer with
/// the trainer).
///
/// - `realness`: the discriminator's verdict on a `gridSize × gridSize` grid of cell centres covering the
///   square [−extent, extent]², row 0 at the top (largest y), each in [0, 1] (see `GANLoss.realness`).
/// - `generated`: G(z) for a fixed set of noise vectors, the same every snapshot, so each point can be
///   followed as it moves.
/// - `pushes`: for each generated point x, −∂ℓ_G/∂x, where ℓ_G is that point's own term of the generator's
///   loss: the direction (and strength) in which the generator's gradient pushes it. It is
///   −(σ(d) − 1)·∂d/∂x for the standard loss and −(d − 1)·∂d/∂x for least squares, with d = D(x).
/// - `coverage`: how many of the target's modes the generated points reach (see `ModeCoverage`).
public struct GANSnapshot: Sendable {
    public var generatorSteps: Int
    public var discriminatorSteps: Int
    public var discriminatorLoss: Float
    public var generatorLoss: Float
    public var hasDiverged: Bool
    public var loss: GANLoss
    public var target: TargetDistribution
    /// Half the side of the square drawn.
    public var extent: Float
    public var gridSize: Int
    public var realness: [Float]
    /// Real points drawn from the target with a fixed seed, for the picture.
    public var real: Matrix
    public var generated: Matrix
    public var pushes: Matrix
    public var coverage: ModeCoverage

    /// The grid cell (column, row from the top) that holds `point`, or nil outside the square.
    public func cell(of point: SIMD2<Float>) -> (column: Int, row: Int)? {
        let size = Float(gridSize)
        let column = ((point.x + extent) / (2 * extent) * size).rounded(.down)
        let row = ((extent - point.y) / (2 * extent) * size).rounded(.down)
        guard column >= 0, column < size, row >= 0, row < size else { return nil }
        return (Int(column), Int(row))
    }
}

extension GANTrainer {
    /// The seed of the fixed noise a snapshot draws its generated points from.
    static func snapshotSeed(_ seed: UInt64) -> UInt64 { seed ^ 0x6A09_E667_F3BC_C908 }

    /// The picture now: the discriminator's map on a `gridSize × gridSize` grid over [−extent, extent]²,
    /// `pointCount` generated points with their pushes, as many real points, and the modes covered.
    /// Allocates (it works on copies); call it between steps, not inside them.
    public func snapshot(gridSize: Int = 32, extent: Float = 3, pointCount: Int = 256) -> GANSnapshot {
        let size = max(gridSize, 1), count = max(pointCount, 1)
        let extent = extent > 0 && extent.isFinite ? extent : 3
        var discriminator = self.discriminator.detachedCopy()
        discriminator.reserve(batchCapacity: max(size * size, count))
        let last = discriminator.layers.count - 1

        var grid = Matrix(rows: size * size, columns: 2)
        let cellWidth = 2 * extent / Float(size)
        for row in 0..<size {
            for column in 0..<size {
                grid[row * size + column, 0] = -extent + (Float(column) + 0.5) * cellWidth
                grid[row * size + column, 1] = extent - (Float(row) + 0.5) * cellWidth
            }
        }
        discriminator.forward(grid, mode: .evaluation)
        let loss = configuration.loss
        let realness = discriminator.output.elements.map { loss.realness(score: $0) }

        var random = RandomSource(seed: Self.snapshotSeed(configuration.seed))
        var noise = Matrix(rows: count, columns: noiseSize)
        let noiseCount = noise.count
        noise.storage.withUnsafeMutableBufferPointer { random.fillNormal($0.baseAddress!, count: noiseCount) }
        let generated = generator.predict(noise)
        let real = target.sample(count: count, using: &random)

        discriminator.forward(generated, mode: .evaluation)
        var scoreGradient = Matrix(rows: count, columns: 1)
        let scores = discriminator.output
        for row in 0..<count {
            scoreGradient[row, 0] = GANLoss.term(loss, score: scores[row, 0], target: 1).slope
        }
        discriminator.backwardToInputOnly(input: generated, outputGradient: scoreGradient, fromLayer: last)
        let pushes = discriminator.inputGradient.map { -$0 }

        return GANSnapshot(generatorSteps: generatorSteps, discriminatorSteps: discriminatorSteps,
                           discriminatorLoss: lastDiscriminatorLoss, generatorLoss: lastGeneratorLoss, hasDiverged: hasDiverged,
                           loss: loss, target: target, extent: extent, gridSize: size, realness: realness,
                           real: real, generated: generated, pushes: pushes,
                           coverage: ModeCoverage(points: generated, target: target))
    }
}
