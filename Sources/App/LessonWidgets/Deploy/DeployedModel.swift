import Neural
import PredictionService

/// The model the `deploy` widget serves, and the traffic it is sent: an iris classifier trained on 120
/// flowers, saved to the model file's tensors and metadata and read back, as `gradschool serve` reads it.
///
/// The requests are all 150 flowers in a fixed shuffled order, so a window of recent requests is a fair
/// sample of the data (the file itself is sorted by species). Their true species tell how often the
/// answers are right.
struct DeployedModel: Sendable {
    let service: PredictionService
    /// The raw features of every flower, in the order they are sent.
    let rows: [[Float]]
    /// The true species of each row.
    let species: [String]
    let featureNames: [String]
    /// The layer sizes, inputs first.
    let sizes: [Int]

    /// Trains the model (the same weights every time) and reads it back from its saved form.
    static func make() throws -> DeployedModel {
        let iris = try Dataset.iris()
        let sets = iris.split(validationFraction: 0, testFraction: 0.2, seed: 17)
        let scaler = Scaler.standardization(fittedTo: sets.train.features)
        let sizes = [iris.features.columns, 8, iris.classNames.count]
        let network = Network(sizes: sizes, hiddenActivations: [.tanh], outputActivation: .softmax, seed: 17)
        var trainer = Trainer(network: network, training: Examples(try scaler.apply(sets.train)),
                              configuration: TrainingConfiguration(epochs: 150, batchSize: 16, loss: .crossEntropy,
                                                                   optimizer: .momentum(0.9), learningRate: 0.05, seed: 17))
        trainer.train()
        let trained = SavedModel(network: trainer.network, loss: .crossEntropy, scaler: scaler,
                                 featureNames: iris.featureNames, classNames: iris.classNames)
        // Through the file's own contents and back: what is served is what a file would hold.
        let file = try trained.contents(fileName: "iris.safetensors")
        let served = try SavedModel(tensors: file.tensors, metadata: file.metadata, fileName: "iris.safetensors")

        var random = RandomSource(seed: 29)
        var order = Array(0..<iris.count)
        random.shuffle(&order)
        let labels = iris.labels
        return DeployedModel(
            service: PredictionService(model: served, driftWindow: DeployWidget.window),
            rows: order.map { row in (0..<iris.features.columns).map { iris.features[row, $0] } },
            species: order.map { iris.classNames[labels[$0]] },
            featureNames: iris.featureNames,
            sizes: sizes)
    }
}
