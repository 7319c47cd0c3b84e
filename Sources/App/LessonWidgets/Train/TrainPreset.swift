import Neural

/// What a `train` widget trains, read from the lesson's settings: the data, the network, how it learns,
/// and optionally a second network that differs in one thing, trained beside the first.
struct TrainPreset: Sendable {
    /// The examples (features scaled by `scaler`) and the dataset they came from.
    let dataset: Dataset
    let scaler: Scaler
    let examples: Examples
    /// The points held out of training, unscaled, to draw; nil when the lesson holds none out.
    let heldOut: Dataset?
    /// The same points scaled, measured after every epoch: how well the network does on data it never saw.
    let validation: Examples?
    /// One spec per run: the lesson's network, then the one it is compared with.
    let specs: [LiveTrainingSpec]
    /// How each run is named on screen, e.g. `tanh` and `identity`, or `batch 10` and `batch 200`.
    let labels: [String]
    /// Whether the runs differ in batch size (the loss is then drawn batch by batch, to show the noise).
    let comparesBatchSizes: Bool
    /// The layer sizes actually used (the first and last follow the data).
    let sizes: [Int]

    /// The dataset names lessons use, as the engine's catalog calls them.
    static func catalogName(_ name: String) -> String {
        switch name {
        case "circles": "circle"
        case "spirals": "spiral"
        default: name
        }
    }

    /// The share of the points held out of training unless the lesson says otherwise: a quarter.
    static let defaultHoldOut = 0.25

    /// The preset the settings describe; an error message when the data cannot be loaded.
    static func make(settings: WidgetSettings) -> Result<TrainPreset, TrainPresetError> {
        let name = settings.text("dataset", default: "xor")
        let raw: Dataset
        do {
            raw = try DatasetCatalog.dataset(named: catalogName(name), samples: 200, noise: 0, seed: 1)
        } catch {
            return .failure(TrainPresetError(dataset: name, reason: error.description))
        }
        // A share of the points is held out from the start: the network never trains on them, and how well
        // it does on them says whether it learned the pattern or only the points (stratified, fixed by the seed).
        let holdOut = settings.number("holdOut", default: defaultHoldOut)
        let parts = raw.split(validationFraction: holdOut, testFraction: 0, seed: 1)
        let trainingSet = holdOut > 0 ? parts.train : raw
        let heldOut = holdOut > 0 && parts.validation.count > 0 ? parts.validation : nil
        // Standardised features suit every activation; fitted to the training points only, so nothing about
        // the held-out ones leaks in. The decision map applies the same scaler.
        let scaler = Scaler.standardization(fittedTo: trainingSet.features)
        guard let scaled = try? scaler.apply(trainingSet) else {
            return .failure(TrainPresetError(dataset: name, reason: "its features could not be scaled"))
        }
        let examples = Examples(scaled)
        let validation = heldOut.flatMap { try? scaler.apply($0) }.map { Examples($0) }
        var sizes = settings.integers("layers", default: [2, 4, 1])
        sizes[0] = raw.features.columns
        sizes[sizes.count - 1] = raw.targets.columns
        let activationName = settings.text("activation", default: "tanh")
        let activation = ActivationNames.activation(activationName) ?? .tanh
        let optimizer = OptimizerKind(name: settings.text("optimizer", default: "sgd")) ?? .sgd
        let batchSize = settings.integer("batchSize", default: 10)
        let configuration = TrainingConfiguration(
            epochs: settings.integer("epochs", default: 300), batchSize: batchSize, loss: Loss.recommended(for: raw.problem),
            optimizer: optimizer, learningRate: Float(settings.number("learningRate", default: Double(optimizer.defaultLearningRate))),
            seed: 1)
        let outputActivation = Loss.outputActivation(for: raw.problem)
        func network(_ hidden: Activation) -> Network {
            Network(sizes: sizes, activation: hidden, outputActivation: outputActivation, seed: 1)
        }
        var specs = [LiveTrainingSpec(network: network(activation), training: examples, validation: validation, configuration: configuration)]
        var labels = [ActivationNames.display(activation)]
        var comparesBatchSizes = false
        if let other = settings.optionalText("compareActivation").flatMap(ActivationNames.activation) {
            specs.append(LiveTrainingSpec(network: network(other), training: examples, validation: validation, configuration: configuration))
            labels.append(ActivationNames.display(other))
        } else if let otherBatch = settings.optionalInteger("compareBatchSize") {
            var second = configuration
            second.batchSize = otherBatch
            specs.append(LiveTrainingSpec(network: network(activation), training: examples, validation: validation, configuration: second))
            labels = [batchLabel(batchSize, count: examples.count), batchLabel(otherBatch, count: examples.count)]
            comparesBatchSizes = true
        }
        return .success(TrainPreset(dataset: trainingSet, scaler: scaler, examples: examples, heldOut: heldOut, validation: validation,
                                    specs: specs, labels: labels,
                                    comparesBatchSizes: comparesBatchSizes, sizes: sizes))
    }

    private static func batchLabel(_ size: Int, count: Int) -> String {
        size >= count ? "full batch" : "batch \(size)"
    }

    /// Whether the data is points in the plane, so a decision map can show what the network learned.
    var isPlanar: Bool { dataset.features.columns == 2 && dataset.problem == .binaryClassification }
}

/// Why a `train` widget has nothing to train.
struct TrainPresetError: Error, Sendable, Equatable, CustomStringConvertible {
    var dataset: String
    var reason: String

    var description: String { "The '\(dataset)' dataset could not be loaded: \(reason). Check that gradschool was installed whole." }
}
