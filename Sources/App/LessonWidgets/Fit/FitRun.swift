import Foundation
import Neural

/// One network learning points near y = sin x, measured after every epoch on points it never trains on.
///
/// The engine's `Trainer` does the work: full-batch Adam on mean squared error, with the regularisers the
/// widget's settings turn on (L2, L1, dropout, early stopping). The run keeps both loss curves.
struct FitRun: Sendable {
    /// What decides the run, besides the data.
    struct Settings: Equatable, Sendable {
        var width: Int
        var l2: Float = 0
        var l1: Float = 0
        var dropout: Float = 0
        /// Early stopping's patience in epochs; nil trains to the end.
        var patience: Int?
        var epochs: Int
    }

    /// The input range of the data, and the learning rate every run uses.
    static let learningRate: Float = 0.01

    let settings: Settings
    private(set) var trainer: Trainer
    /// With dropout, the training loss after each epoch measured with every neuron, as the validation loss
    /// is: the trainer's own figure is taken with neurons dropped, and would read high for that alone.
    private(set) var evaluatedTrainingLosses: [Float] = []

    init(settings: Settings, training: Examples, validation: Examples) {
        self.settings = settings
        let network = Network(sizes: [1, settings.width, 1], activation: .tanh, outputActivation: .identity,
                              dropout: settings.dropout, seed: 3)
        let configuration = TrainingConfiguration(
            epochs: settings.epochs, batchSize: training.count, loss: .meanSquaredError,
            optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), learningRate: Self.learningRate,
            l1: settings.l1, l2: settings.l2, patience: settings.patience, shuffle: false, seed: 1)
        trainer = Trainer(network: network, training: training, validation: validation, configuration: configuration)
    }

    var epoch: Int { trainer.epoch }
    var isDone: Bool { trainer.status.isDone }
    var history: EpochHistory { trainer.history }

    /// The epoch early stopping went back to, once it has stopped.
    var stoppedAt: (best: Int, stopped: Int)? {
        if case .stoppedEarly(let best) = trainer.status { return (best, trainer.epoch) }
        return nil
    }

    /// The training loss of every epoch, as the widget draws and judges it.
    var trainingLosses: [Float] {
        settings.dropout > 0 ? evaluatedTrainingLosses : history.map(\.trainingLoss)
    }

    /// The training and validation loss of the last epoch.
    var latest: (training: Float, validation: Float)? {
        guard let record = history.last, let validation = record.validationLoss, let training = trainingLosses.last else { return nil }
        return (training, validation)
    }

    /// Trains up to `count` more epochs (fewer when the run ends first).
    mutating func train(epochs count: Int) {
        for _ in 0..<count where !trainer.status.isDone {
            trainer.trainEpoch()
            if settings.dropout > 0 { evaluatedTrainingLosses.append(trainer.evaluate(trainer.training).loss) }
        }
    }

    /// The network's answers at `inputs` (dropout off, as at evaluation).
    func predictions(_ inputs: [Float]) -> [Float] {
        trainer.network.predict(Matrix(rows: inputs.count, columns: 1, elements: inputs)).elements
    }

    /// Every weight of the network (biases left out): what L2 and L1 act on.
    var weights: [Float] {
        trainer.network.parameterLayerIndices.flatMap { trainer.network.weights(ofLayer: $0).elements }
    }

    /// For the hidden layer's dropout: which neurons the next training step keeps for its first example
    /// (true) and drops (false); nil without dropout.
    ///
    /// A copy of the network runs that step's forward pass in training mode: its dropout layer draws from
    /// the same seeded generator, at the same point, as the trainer's next step will. (The trainer's own
    /// layer last ran in evaluation mode, measuring the validation points, so it holds no mask to read.)
    var keptNeurons: [Bool]? {
        guard settings.dropout > 0, let index = trainer.network.layers.firstIndex(where: { $0 is Dropout }) else { return nil }
        var copy = trainer.network
        copy.forward(trainer.training.features, mode: .training, throughLayer: index)
        let layer = copy.layers[index], input = copy.layers[index - 1]
        guard layer.output.rows > 0 else { return nil }
        return (0..<layer.output.columns).map { column in
            layer.output[0, column] != 0 || input.output[0, column] == 0
        }
    }
}
