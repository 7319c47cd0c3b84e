import Foundation

/// Trains a sequence model (token ids or real values in, a prediction at every step out) by mini-batch
/// gradient descent, with the loss of `SequenceLoss` over the masked steps.
///
/// The sequence path beside `Trainer`: a batch is a `SequenceExamples` (inputs, targets, mask), so the
/// targets stay token ids and padding stays out of the mean. Everything else is the same: a seeded shuffle
/// each epoch, one optimizer step per batch, validation after each epoch, divergence detection, and no
/// allocation in a step once the buffers are sized. Same network, data and configuration, same bits.
public struct SequenceTrainer: Sendable {
    public private(set) var network: Network
    public var optimizer: Optimizer
    public let configuration: TrainingConfiguration
    public let loss: SequenceLoss
    public let training: SequenceExamples
    public let validation: SequenceExamples?
    public private(set) var epoch = 0
    public private(set) var batchInEpoch = 0
    public private(set) var stepCount = 0
    public private(set) var history = EpochHistory()
    public private(set) var status: TrainingStatus = .training
    /// The loss of the most recent batch.
    public private(set) var lastBatchLoss: Float = .nan

    private var random: RandomSource
    private var order: [Int]
    /// 0, 1, 2, …: the indices of a set measured in order, sliced without allocating.
    private var positions: [Int]
    private var batch: SequenceExamples
    private var lossGradient: Matrix
    private var epochLossSum: Double = 0
    private var epochWeight: Double = 0
    private var epochStart: UInt64 = 0

    /// A trainer for `network` on `training`, measuring `validation` after each epoch. The network must take
    /// `steps` inputs per example and give an output for every step (V logits, or one value to forecast).
    public init(network: Network, training: SequenceExamples, validation: SequenceExamples? = nil,
                configuration: TrainingConfiguration) {
        guard configuration.batchSize > 0 else { fatalError("the batch size must be at least 1") }
        guard training.steps == network.inputSize else {
            fatalError("the network reads \(network.inputShape) per example, but the sequences have \(training.steps) steps")
        }
        let perStep = training.vocabularySize ?? 1
        guard network.outputSize == training.steps * perStep else {
            fatalError("the network gives \(network.layers[network.layers.count - 1].outputShape) per example, but \(training.steps) steps of \(perStep) are needed")
        }
        self.configuration = configuration
        self.training = training
        self.validation = (validation?.count ?? 0) > 0 ? validation : nil
        loss = SequenceLoss(for: training)
        let capacity = max(1, min(configuration.batchSize, max(training.count, validation?.count ?? 0)))
        var network = network.detachedCopy()
        network.reserve(batchCapacity: capacity)
        self.network = network
        optimizer = Optimizer(configuration.optimizer, learningRate: configuration.learningRate, l1: configuration.l1, l2: configuration.l2)
        optimizer.prepare(tensorSizes: network.parameterTensorSizes)
        random = RandomSource(seed: configuration.seed)
        order = Array(0..<training.count)
        positions = Array(0..<max(training.count, validation?.count ?? 0))
        batch = training.emptyBatch(capacity: capacity)
        lossGradient = Matrix(rows: 0, columns: network.outputSize, capacity: capacity)
    }

    /// The number of batches in one epoch.
    public var batchesPerEpoch: Int { (training.count + configuration.batchSize - 1) / configuration.batchSize }

    /// Trains one mini-batch; at the end of an epoch it also measures the validation set and returns the
    /// epoch's record.
    @discardableResult
    public mutating func step() -> EpochRecord? {
        Subnormals.flushedToZero { trainBatch() }
    }

    private mutating func trainBatch() -> EpochRecord? {
        guard status == .training, training.count > 0 else { return nil }
        if batchInEpoch == 0 { beginEpoch() }
        let start = batchInEpoch * configuration.batchSize
        let end = min(start + configuration.batchSize, training.count)
        training.fillBatch(&batch, indices: order[start..<end])
        network.forward(batch.inputs, mode: .training)
        let value = loss.evaluate(outputs: network.output, targets: batch.targets, mask: batch.mask, gradient: &lossGradient)
        network.backward(input: batch.inputs, outputGradient: lossGradient, fromLayer: network.layers.count - 1)
        lastBatchLoss = value
        guard value.isFinite else {
            status = .diverged(Divergence(epoch: epoch + 1, batch: batchInEpoch + 1, loss: value, learningRate: optimizer.learningRate))
            return nil
        }
        network.update(with: &optimizer)
        let weight = Double(Self.maskedCount(batch.mask))
        epochLossSum += Double(value) * weight
        epochWeight += weight
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

    /// Trains until every epoch is done or the loss diverges, calling `observer` after each epoch.
    public mutating func train(observer: (EpochRecord) -> Void = { _ in }) {
        while status == .training {
            if let record = trainEpoch() { observer(record) }
        }
    }

    /// The loss over the masked steps of `examples` (nats per token for token data), the fraction of
    /// masked tokens predicted (the largest logit), and the fraction of examples whose every masked token
    /// is predicted; the accuracies are nil for real values.
    public mutating func evaluate(_ examples: SequenceExamples) -> (loss: Float, tokenAccuracy: Float?, sequenceAccuracy: Float?) {
        Subnormals.flushedToZero { measure(examples) }
    }

    private mutating func measure(_ examples: SequenceExamples) -> (loss: Float, tokenAccuracy: Float?, sequenceAccuracy: Float?) {
        guard examples.count > 0 else { return (.nan, nil, nil) }
        guard examples.count <= positions.count else {
            // A set larger than the ones the trainer was made for (a lesson measuring other data).
            var copy = self
            copy.positions = Array(0..<examples.count)
            return copy.measure(examples)
        }
        let chunk = batch.inputs.capacity
        var lossSum = 0.0, weightSum = 0.0, rightTokens = 0, tokens = 0, rightSequences = 0, sequences = 0
        let isTokens = examples.vocabularySize != nil
        var start = 0
        while start < examples.count {
            let end = min(start + chunk, examples.count)
            examples.fillBatch(&batch, indices: positions[start..<end])
            network.forward(batch.inputs, mode: .evaluation)
            let value = loss.evaluate(outputs: network.output, targets: batch.targets, mask: batch.mask, gradient: &lossGradient)
            let weight = Double(Self.maskedCount(batch.mask))
            lossSum += Double(value) * weight
            weightSum += weight
            if isTokens {
                let counts = Self.correctCounts(logits: network.output, batch: batch)
                rightTokens += counts.tokens; tokens += counts.maskedTokens
                rightSequences += counts.sequences; sequences += counts.scoredSequences
            }
            start = end
        }
        let meanLoss = weightSum > 0 ? Float(lossSum / weightSum) : 0
        guard isTokens else { return (meanLoss, nil, nil) }
        return (meanLoss, tokens > 0 ? Float(rightTokens) / Float(tokens) : 0,
                sequences > 0 ? Float(rightSequences) / Float(sequences) : 0)
    }

    private mutating func beginEpoch() {
        if configuration.shuffle { random.shuffle(&order) }
        epochLossSum = 0
        epochWeight = 0
        epochStart = DispatchTime.now().uptimeNanoseconds
    }

    private mutating func finishEpoch() -> EpochRecord {
        epoch += 1
        batchInEpoch = 0
        var record = EpochRecord(epoch: epoch, trainingLoss: Float(epochLossSum / max(epochWeight, 1)),
                                 trainingAccuracy: nil, seconds: 0)
        if let validation {
            let measured = evaluate(validation)
            record.validationLoss = measured.loss
            record.validationAccuracy = measured.sequenceAccuracy
        }
        record.seconds = Double(DispatchTime.now().uptimeNanoseconds - epochStart) / 1e9
        history.append(record)
        if epoch >= configuration.epochs { status = .finished }
        return record
    }

    private static func maskedCount(_ mask: Matrix) -> Int {
        mask.storage.withUnsafeBufferPointer { m in
            var count = 0
            for index in 0..<mask.count where m[index] != 0 { count += 1 }
            return count
        }
    }

    /// Right tokens and right whole examples of a batch, the prediction at each masked step being the
    /// token with the largest logit.
    static func correctCounts(logits: Matrix, batch: SequenceExamples)
        -> (tokens: Int, maskedTokens: Int, sequences: Int, scoredSequences: Int) {
        let steps = batch.steps, vocabulary = logits.columns / max(steps, 1)
        var result = (tokens: 0, maskedTokens: 0, sequences: 0, scoredSequences: 0)
        logits.storage.withUnsafeBufferPointer { z in
            batch.targets.storage.withUnsafeBufferPointer { y in
                batch.mask.storage.withUnsafeBufferPointer { m in
                    for example in 0..<batch.count {
                        var allRight = true, masked = 0
                        for step in 0..<steps where m[example * steps + step] != 0 {
                            let row = z.baseAddress! + (example * steps + step) * vocabulary
                            var best = 0
                            for v in 1..<max(vocabulary, 1) where row[v] > row[best] { best = v }
                            masked += 1
                            if best == Int(y[example * steps + step]) { result.tokens += 1 } else { allRight = false }
                        }
                        result.maskedTokens += masked
                        if masked > 0 {
                            result.scoredSequences += 1
                            if allRight { result.sequences += 1 }
                        }
                    }
                }
            }
        }
        return result
    }
}
