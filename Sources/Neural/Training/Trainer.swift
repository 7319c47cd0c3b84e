import Foundation

/// Trains a network on examples by mini-batch gradient descent.
///
/// Each step takes the next `batchSize` examples (in an order shuffled each epoch with the configuration's
/// seed), runs them forward, measures the loss, backpropagates, and lets the optimizer move every weight.
/// All buffers are sized when the trainer is made, so once the first epoch has run a step allocates nothing.
///
/// `step()` trains one batch and `trainEpoch()` the rest of an epoch, so a caller can pause, step and
/// resume; `reset()` goes back to the first weights. The same network seed, data and configuration give
/// the same weights bit for bit.
public struct Trainer: Sendable {
    public private(set) var network: Network
    public var optimizer: Optimizer
    public let configuration: TrainingConfiguration
    public let training: Examples
    public let validation: Examples?
    /// Epochs completed.
    public private(set) var epoch = 0
    /// Batches completed in the current epoch.
    public private(set) var batchInEpoch = 0
    /// Batches completed since the start.
    public private(set) var stepCount = 0
    public private(set) var history = EpochHistory()
    /// The most epoch records `history` keeps (older epochs are thinned past it); nil keeps them all.
    public var historyLimit: Int? {
        get { history.limit }
        set { history.limit = newValue }
    }
    public private(set) var status: TrainingStatus = .training
    /// The loss of the most recent batch.
    public private(set) var lastBatchLoss: Float = .nan

    private let initialNetwork: Network
    private let usesLogits: Bool
    private let isClassifier: Bool
    private var random: RandomSource
    private var order: [Int]
    private var batchFeatures: Matrix
    private var batchTargets: Matrix
    private var lossGradient: Matrix
    // Running sums for the epoch under way.
    private var epochLossSum: Double = 0
    private var epochCorrect = 0
    private var epochSeen = 0
    private var epochStart: UInt64 = 0
    // Early stopping.
    private var bestLoss: Float = .infinity
    private var bestEpoch = 0
    private var bestNetwork: Network?

    /// A trainer for `network` on `training` examples, measuring `validation` examples after each epoch.
    public init(network: Network, training: Examples, validation: Examples? = nil, configuration: TrainingConfiguration) {
        // Checked in every build: a mismatch here is a mistake in the calling code, and must stop with a
        // sentence rather than read past a buffer.
        guard configuration.batchSize > 0 else { fatalError("the batch size must be at least 1") }
        guard training.features.columns == network.inputSize else {
            fatalError("the network takes examples of \(network.inputShape) = \(network.inputSize) numbers, but the examples have \(training.features.columns) features")
        }
        guard training.targets.columns == network.outputSize else {
            fatalError("the network gives \(network.outputSize) outputs but the examples have \(training.targets.columns) target columns")
        }
        self.configuration = configuration
        self.training = training
        self.validation = (validation?.count ?? 0) > 0 ? validation : nil
        let batchCapacity = max(1, min(configuration.batchSize, training.count))
        var network = network.detachedCopy()
        network.reserve(batchCapacity: batchCapacity)
        self.network = network
        initialNetwork = network.detachedCopy()
        optimizer = Optimizer(configuration.optimizer, learningRate: configuration.learningRate,
                              l1: configuration.l1, l2: configuration.l2)
        optimizer.prepare(tensorSizes: network.parameterTensorSizes)
        usesLogits = configuration.loss.pairedActivation != nil
            && configuration.loss.pairedActivation == network.outputActivation && network.layers.count > 1
        isClassifier = configuration.loss != .meanSquaredError
        random = RandomSource(seed: configuration.seed)
        order = Array(0..<training.count)
        batchFeatures = Matrix(rows: 0, columns: training.features.columns, capacity: batchCapacity)
        batchTargets = Matrix(rows: 0, columns: training.targets.columns, capacity: batchCapacity)
        lossGradient = Matrix(rows: 0, columns: network.outputSize, capacity: batchCapacity)
    }

    /// The number of batches in one epoch.
    public var batchesPerEpoch: Int { (training.count + configuration.batchSize - 1) / configuration.batchSize }

    /// The learning rate, which may change between steps without touching anything else.
    public var learningRate: Float {
        get { optimizer.learningRate }
        set { optimizer.learningRate = newValue }
    }

    /// Trains one mini-batch. At the end of an epoch it also measures the validation set, records the epoch
    /// and applies early stopping; the record is returned then.
    ///
    /// The step runs with subnormal numbers flushed to zero (see `Subnormals`): they change nothing a
    /// network learns but can make the processor many times slower.
    @discardableResult
    public mutating func step() -> EpochRecord? {
        Subnormals.flushedToZero { trainBatch() }
    }

    private mutating func trainBatch() -> EpochRecord? {
        guard status == .training, training.count > 0 else { return nil }
        if batchInEpoch == 0 { beginEpoch() }
        let start = batchInEpoch * configuration.batchSize
        let end = min(start + configuration.batchSize, training.count)
        gatherBatch(from: start, to: end)

        // With a fused loss the output activation is never needed while training: the loss and its gradient
        // come from the logits, and so does the predicted class.
        let lastLayer = network.layers.count - 1
        let scoredLayer = usesLogits ? lastLayer - 1 : lastLayer
        network.forward(batchFeatures, mode: .training, throughLayer: scoredLayer)
        let scores = network.layers[scoredLayer].output
        let loss: Float
        if usesLogits {
            loss = configuration.loss.evaluate(logits: scores, targets: batchTargets, gradient: &lossGradient)
        } else {
            loss = configuration.loss.evaluate(output: scores, targets: batchTargets, gradient: &lossGradient)
        }
        network.backward(input: batchFeatures, outputGradient: lossGradient, fromLayer: scoredLayer)
        lastBatchLoss = loss
        guard loss.isFinite else {
            status = .diverged(Divergence(epoch: epoch + 1, batch: batchInEpoch + 1, loss: loss, learningRate: optimizer.learningRate))
            return nil
        }
        network.update(with: &optimizer)

        let count = end - start
        epochLossSum += Double(loss) * Double(count)
        if isClassifier { epochCorrect += Self.correctCount(scores, batchTargets, threshold: usesLogits ? 0 : 0.5) }
        epochSeen += count
        batchInEpoch += 1
        stepCount += 1
        return batchInEpoch == batchesPerEpoch ? finishEpoch() : nil
    }

    /// Trains the rest of the current epoch (a whole one when none is under way).
    @discardableResult
    public mutating func trainEpoch() -> EpochRecord? {
        while status == .training {
            if let record = step() { return record }
        }
        return nil
    }

    /// Trains until every epoch is done, early stopping triggers or the loss diverges, calling `observer`
    /// after each epoch.
    public mutating func train(observer: (EpochRecord) -> Void = { _ in }) {
        while status == .training {
            if let record = trainEpoch() { observer(record) }
        }
    }

    /// Back to the first weights, the first shuffle and a fresh optimizer.
    public mutating func reset() {
        network = initialNetwork.detachedCopy()
        network.reserve(batchCapacity: batchFeatures.capacity)
        optimizer.prepare(tensorSizes: network.parameterTensorSizes)
        random = RandomSource(seed: configuration.seed)
        order = Array(0..<training.count)
        epoch = 0
        batchInEpoch = 0
        stepCount = 0
        history.removeAll()
        status = .training
        lastBatchLoss = .nan
        bestLoss = .infinity
        bestEpoch = 0
        bestNetwork = nil
    }

    /// The mean loss and (for classification) accuracy of the network on `examples`, in evaluation mode.
    public mutating func evaluate(_ examples: Examples) -> (loss: Float, accuracy: Float?) {
        Subnormals.flushedToZero { measure(examples) }
    }

    private mutating func measure(_ examples: Examples) -> (loss: Float, accuracy: Float?) {
        guard examples.count > 0 else { return (.nan, nil) }
        let chunk = batchFeatures.capacity
        var lossSum: Double = 0, correct = 0
        var start = 0
        while start < examples.count {
            let end = min(start + chunk, examples.count)
            batchFeatures.resize(rows: end - start)
            batchTargets.resize(rows: end - start)
            copyRows(examples.features, start..<end, into: &batchFeatures)
            copyRows(examples.targets, start..<end, into: &batchTargets)
            network.forward(batchFeatures, mode: .evaluation)
            let loss: Float
            if usesLogits {
                loss = configuration.loss.evaluate(logits: network.layers[network.layers.count - 2].output, targets: batchTargets, gradient: &lossGradient)
            } else {
                loss = configuration.loss.evaluate(output: network.output, targets: batchTargets, gradient: &lossGradient)
            }
            lossSum += Double(loss) * Double(end - start)
            if isClassifier { correct += Self.correctCount(network.output, batchTargets, threshold: 0.5) }
            start = end
        }
        return (Float(lossSum / Double(examples.count)), isClassifier ? Float(correct) / Float(examples.count) : nil)
    }

    // MARK: - Inside an epoch

    private mutating func beginEpoch() {
        if configuration.shuffle { random.shuffle(&order) }
        epochLossSum = 0
        epochCorrect = 0
        epochSeen = 0
        epochStart = DispatchTime.now().uptimeNanoseconds
    }

    private mutating func gatherBatch(from start: Int, to end: Int) {
        let rows = end - start
        batchFeatures.resize(rows: rows)
        batchTargets.resize(rows: rows)
        let featureColumns = training.features.columns, targetColumns = training.targets.columns
        order.withUnsafeBufferPointer { order in
            training.features.storage.withUnsafeBufferPointer { source in
                batchFeatures.storage.withUnsafeMutableBufferPointer { target in
                    for row in 0..<rows {
                        (target.baseAddress! + row * featureColumns)
                            .update(from: source.baseAddress! + order[start + row] * featureColumns, count: featureColumns)
                    }
                }
            }
            training.targets.storage.withUnsafeBufferPointer { source in
                batchTargets.storage.withUnsafeMutableBufferPointer { target in
                    for row in 0..<rows {
                        (target.baseAddress! + row * targetColumns)
                            .update(from: source.baseAddress! + order[start + row] * targetColumns, count: targetColumns)
                    }
                }
            }
        }
    }

    private func copyRows(_ source: Matrix, _ range: Range<Int>, into target: inout Matrix) {
        let columns = source.columns
        source.storage.withUnsafeBufferPointer { s in
            target.storage.withUnsafeMutableBufferPointer { t in
                t.baseAddress!.update(from: s.baseAddress! + range.lowerBound * columns, count: range.count * columns)
            }
        }
    }

    private mutating func finishEpoch() -> EpochRecord {
        epoch += 1
        batchInEpoch = 0
        var record = EpochRecord(epoch: epoch, trainingLoss: Float(epochLossSum / Double(max(epochSeen, 1))),
                                 trainingAccuracy: isClassifier ? Float(epochCorrect) / Float(max(epochSeen, 1)) : nil,
                                 seconds: 0)
        if let validation {
            let measured = evaluate(validation)
            record.validationLoss = measured.loss
            record.validationAccuracy = measured.accuracy
        }
        record.seconds = Double(DispatchTime.now().uptimeNanoseconds - epochStart) / 1e9
        history.append(record)

        if let patience = configuration.patience {
            let watched = record.validationLoss ?? record.trainingLoss
            if watched < bestLoss {
                bestLoss = watched
                bestEpoch = epoch
                // The first best copy allocates; every later one reuses its buffers.
                if bestNetwork == nil {
                    bestNetwork = network.detachedCopy()
                } else {
                    bestNetwork!.copyParameters(from: network)
                }
            } else if epoch - bestEpoch >= patience, let best = bestNetwork {
                network = best.detachedCopy()
                network.reserve(batchCapacity: batchFeatures.capacity)
                status = .stoppedEarly(bestEpoch: bestEpoch)
                return record
            }
        }
        if epoch >= configuration.epochs { status = .finished }
        return record
    }

    /// How many rows of `output` pick the right class: the largest output against the one-hot target, or
    /// for a single output, output ≥ threshold against a 0/1 target (0.5 for a probability, 0 for a logit,
    /// since σ(z) ≥ 0.5 exactly when z ≥ 0; softmax keeps the order of the logits, so the argmax is the same).
    private static func correctCount(_ output: Matrix, _ targets: Matrix, threshold: Float) -> Int {
        let rows = output.rows, columns = output.columns
        return output.storage.withUnsafeBufferPointer { a in
            targets.storage.withUnsafeBufferPointer { y in
                var correct = 0
                for row in 0..<rows {
                    if columns == 1 {
                        if (a[row] >= threshold) == (y[row] >= 0.5) { correct += 1 }
                    } else {
                        var predicted = 0, actual = 0
                        for column in 1..<columns {
                            if a[row * columns + column] > a[row * columns + predicted] { predicted = column }
                            if y[row * columns + column] > y[row * columns + actual] { actual = column }
                        }
                        if predicted == actual { correct += 1 }
                    }
                }
                return correct
            }
        }
    }
}
