import Neural

/// What a `train` widget trains, read from the lesson's settings: the data, the network, how it learns,
/// and optionally a second network that differs in one thing, trained beside the first.
struct TrainPreset: Sendable {
    /// The examples (features scaled by `scaler`) and the dataset they came from.
    let dataset: Dataset
    let scaler: Scaler
    let examples: Examples
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

    /// The preset the settings describe; an error message when the data cannot be loaded.
    static func make(settings: WidgetSettings) -> Result<TrainPreset, TrainPresetError> {
        let name = settings.text("dataset", default: "xor")
        let raw: Dataset
        do {
            raw = try DatasetCatalog.dataset(named: catalogName(name), samples: 200, noise: 0, seed: 1)
        } catch {
            return .failure(TrainPresetError(dataset: name, reason: error.description))
        }
        // Standardised features suit every activation; the decision map applies the same scaler.
        let scaler = Scaler.standardization(fittedTo: raw.features)
        guard let scaled = try? scaler.apply(raw) else {
            return .failure(TrainPresetError(dataset: name, reason: "its features could not be scaled"))
        }
        let examples = Examples(scaled)
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
        var specs = [LiveTrainingSpec(network: network(activation), training: examples, configuration: configuration)]
        var labels = [ActivationNames.display(activation)]
        var comparesBatchSizes = false
        if let other = settings.optionalText("compareActivation").flatMap(ActivationNames.activation) {
            specs.append(LiveTrainingSpec(network: network(other), training: examples, configuration: configuration))
            labels.append(ActivationNames.display(other))
        } else if let otherBatch = settings.optionalInteger("compareBatchSize") {
            var second = configuration
            second.batchSize = otherBatch
            specs.append(LiveTrainingSpec(network: network(activation), training: examples, configuration: second))
            labels = [batchLabel(batchSize, count: examples.count), batchLabel(otherBatch, count: examples.count)]
            comparesBatchSizes = true
        }
        return .success(TrainPreset(dataset: raw, scaler: scaler, examples: examples, specs: specs, labels: labels,
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
