import Neural

/// One line of the playground's control panel: a setting the learner changes with ← and →.
enum PlaygroundControl: Hashable, Sendable {
    case problem, dataset, noise, points, trainPercent, seed
    case input(InputFeature)
    case hiddenLayers
    case neurons(layer: Int)
    case activation(layer: Int)
    case output, loss, dropout
    case optimizer, learningRate, batchSize, regularization, regularizationRate, patience, speed

    /// What a change to the setting asks of the live run.
    enum Change: Equatable {
        /// Nothing to retrain (the speed, or no change at all).
        case none
        /// New data: draw it again, new first weights, start over.
        case data
        /// Another network: new first weights, start over.
        case network
        /// The learning rate, sent to the run without touching the weights.
        case learningRate
        /// Training settings: go on from the current weights with the new settings.
        case training
        /// Play at another speed.
        case speed
    }

    /// The heading of the section the control sits in.
    var section: String {
        switch self {
        case .problem, .dataset, .noise, .points, .trainPercent, .seed: "Data"
        case .input: "Inputs"
        case .hiddenLayers, .neurons, .activation, .output, .loss, .dropout: "Network"
        case .optimizer, .learningRate, .batchSize, .regularization, .regularizationRate, .patience, .speed: "Training"
        }
    }

    /// The controls that apply to `configuration` on `data`, in panel order.
    static func all(for configuration: PlaygroundConfiguration, data: PlaygroundData?) -> [PlaygroundControl] {
        var controls: [PlaygroundControl] = [.problem, .dataset]
        let generated = configuration.dataset != PlaygroundConfiguration.csvDataset
            && !["iris", "digits"].contains(configuration.dataset)
        if generated { controls += [.noise, .points] }
        controls += [.trainPercent, .seed]
        if let data, data.isPlanar {
            controls += InputFeature.available(dimensions: data.rawDimensions).map { .input($0) }
        }
        controls.append(.hiddenLayers)
        for layer in configuration.hiddenLayers.indices {
            controls += [.neurons(layer: layer), .activation(layer: layer)]
        }
        controls += [.output, .loss, .dropout, .optimizer, .learningRate, .batchSize, .regularization]
        if configuration.regularization != .none { controls.append(.regularizationRate) }
        controls += [.patience, .speed]
        return controls
    }

    /// The name on the left of the line.
    var label: String {
        switch self {
        case .problem: "problem"
        case .dataset: "dataset"
        case .noise: "noise"
        case .points: "points"
        case .trainPercent: "train:test"
        case .seed: "seed"
        case .input(let feature): feature.label
        case .hiddenLayers: "hidden"
        case .neurons(let layer): "layer \(layer + 1)"
        case .activation(let layer): " activ. \(layer + 1)"
        case .output: "output"
        case .loss: "loss"
        case .dropout: "dropout"
        case .optimizer: "optimizer"
        case .learningRate: "learn rate"
        case .batchSize: "batch"
        case .regularization: "penalty"
        case .regularizationRate: " rate"
        case .patience: "stop after"
        case .speed: "speed"
        }
    }

    /// The setting's value as shown.
    func value(in configuration: PlaygroundConfiguration, problem: Problem) -> String {
        switch self {
        case .problem: problem == .regression ? "regression" : "classification"
        case .dataset: configuration.dataset == PlaygroundConfiguration.csvDataset ? "csv file" : configuration.dataset
        case .noise: "\(Int((configuration.noise * 100).rounded())) %"
        case .points: "\(configuration.points)"
        case .trainPercent: "\(configuration.trainPercent):\(100 - configuration.trainPercent)"
        case .seed: "\(configuration.seed)"
        case .input(let feature): configuration.inputs.contains(feature) ? "on" : "off"
        case .hiddenLayers: configuration.hiddenLayers.count == 1 ? "1 layer" : "\(configuration.hiddenLayers.count) layers"
        case .neurons(let layer):
            configuration.hiddenLayers.indices.contains(layer) ? Self.neuronCount(configuration.hiddenLayers[layer].neurons) : "-"
        case .activation(let layer):
            configuration.hiddenLayers.indices.contains(layer) ? configuration.hiddenLayers[layer].activation.playgroundLabel : "-"
        case .output: configuration.output.playgroundLabel
        case .loss: configuration.loss.playgroundLabel
        case .dropout: configuration.dropout == 0 ? "none" : "\(Int((configuration.dropout * 100).rounded())) %"
        case .optimizer: configuration.optimizer.name
        case .learningRate: PlaygroundConfiguration.number(configuration.learningRate)
        case .batchSize: "\(configuration.batchSize)"
        case .regularization: configuration.regularization.label
        case .regularizationRate: PlaygroundConfiguration.number(configuration.regularizationRate)
        case .patience: configuration.patience.map { "\($0) epochs" } ?? "never"
        case .speed: configuration.speed.label
        }
    }

    static func neuronCount(_ count: Int) -> String {
        count == 1 ? "1 neuron" : "\(count) neurons"
    }

    /// Moves the setting one step (`step` is −1 or +1) and says what the run must do about it.
    ///
    /// `limits` are what the screen can show; `problem` is the data's; `fileDataset` the CSV's name
    /// when one is loaded, offered among the datasets of its problem.
    func adjust(_ configuration: inout PlaygroundConfiguration, by step: Int, problem: Problem,
                fileProblem: Problem?, limits: PlaygroundLimits, trainingCount: Int) -> Change {
        func cycled<T: Equatable>(_ choices: [T], _ current: T) -> T {
            guard !choices.isEmpty else { return current }
            let index = choices.firstIndex(of: current) ?? 0
            return choices[min(max(index + step, 0), choices.count - 1)]
        }
        let before = configuration
        let change: Change
        switch self {
        case .problem:
            // Two choices: either arrow switches to the other kind, starting from its first dataset.
            let wantsRegression = problem != .regression
            configuration.dataset = wantsRegression ? PlaygroundConfiguration.regressionDatasets[0]
                : PlaygroundConfiguration.classificationDatasets[0]
            change = .data
        case .dataset:
            var names = problem == .regression ? PlaygroundConfiguration.regressionDatasets : PlaygroundConfiguration.classificationDatasets
            if let fileProblem, (fileProblem == .regression) == (problem == .regression) { names.append(PlaygroundConfiguration.csvDataset) }
            configuration.dataset = cycled(names, configuration.dataset)
            change = .data
        case .noise:
            let percent = Int((configuration.noise * 100).rounded())
            configuration.noise = Double(min(max(percent + 5 * step, 0), 50)) / 100
            change = .data
        case .points:
            configuration.points = cycled(PlaygroundConfiguration.pointCounts, configuration.points)
            change = .data
        case .trainPercent:
            configuration.trainPercent = min(max(configuration.trainPercent + 10 * step, 10), 90)
            change = .data
        case .seed:
            configuration.seed = UInt64(max(Int(configuration.seed) + step, 0))
            change = .data
        case .input(let feature):
            if let index = configuration.inputs.firstIndex(of: feature) {
                if configuration.inputs.count > 1 { configuration.inputs.remove(at: index) }
            } else {
                configuration.inputs.append(feature)
                configuration.inputs.sort { InputFeature.allCases.firstIndex(of: $0)! < InputFeature.allCases.firstIndex(of: $1)! }
            }
            // The same points, turned into other inputs (and scaled again).
            change = .data
        case .hiddenLayers:
            if step > 0, configuration.hiddenLayers.count < limits.hiddenLayers {
                let template = configuration.hiddenLayers.last ?? .init(neurons: 4, activation: .tanh)
                configuration.hiddenLayers.append(.init(neurons: min(template.neurons, limits.neurons), activation: template.activation))
            } else if step < 0, !configuration.hiddenLayers.isEmpty {
                configuration.hiddenLayers.removeLast()
            }
            change = .network
        case .neurons(let layer):
            guard configuration.hiddenLayers.indices.contains(layer) else { return .none }
            let neurons = configuration.hiddenLayers[layer].neurons + step
            configuration.hiddenLayers[layer].neurons = min(max(neurons, 1), max(limits.neurons, configuration.hiddenLayers[layer].neurons))
            change = .network
        case .activation(let layer):
            guard configuration.hiddenLayers.indices.contains(layer) else { return .none }
            configuration.hiddenLayers[layer].activation = cycled(PlaygroundConfiguration.hiddenActivations,
                                                                  configuration.hiddenLayers[layer].activation)
            change = .network
        case .output:
            configuration.output = cycled(PlaygroundConfiguration.outputs(for: problem), configuration.output)
            configuration.fitOutput(to: problem)
            change = .network
        case .loss:
            configuration.loss = cycled(PlaygroundConfiguration.losses(output: configuration.output, problem: problem), configuration.loss)
            change = .network
        case .dropout:
            configuration.dropout = cycled(PlaygroundConfiguration.dropouts, configuration.dropout)
            change = .network
        case .optimizer:
            let optimizers = PlaygroundConfiguration.optimizers
            let index = optimizers.firstIndex { $0.name == configuration.optimizer.name } ?? 0
            configuration.optimizer = optimizers[min(max(index + step, 0), optimizers.count - 1)]
            change = .training
        case .learningRate:
            configuration.learningRate = Self.neighbour(of: configuration.learningRate, in: PlaygroundConfiguration.learningRates, step: step)
            change = .learningRate
        case .batchSize:
            // One by one up to 30, as the browser playground offers; doubling beyond, up to the whole training set.
            var size = configuration.batchSize
            if step > 0 { size = size < 30 ? size + 1 : size * 2 } else { size = size <= 30 ? size - 1 : max(30, size / 2) }
            configuration.batchSize = min(max(size, 1), max(trainingCount, 1))
            change = .training
        case .regularization:
            configuration.regularization = cycled(PlaygroundConfiguration.Regularization.allCases, configuration.regularization)
            change = .training
        case .regularizationRate:
            configuration.regularizationRate = Self.neighbour(of: configuration.regularizationRate,
                                                              in: PlaygroundConfiguration.regularizationRates, step: step)
            change = .training
        case .patience:
            configuration.patience = cycled(PlaygroundConfiguration.patiences, configuration.patience)
            change = .training
        case .speed:
            configuration.speed = cycled(PlaygroundConfiguration.Speed.allCases, configuration.speed)
            change = .speed
        }
        return configuration == before ? .none : change
    }

    /// The next value of `choices` above or below `value` (which need not be one of them).
    static func neighbour(of value: Float, in choices: [Float], step: Int) -> Float {
        if step > 0 { return choices.first { $0 > value * 1.0001 } ?? value }
        return choices.last { $0 < value * 0.9999 } ?? value
    }
}

/// How much network the screen can draw: the playground's limits come from the terminal, not the code.
struct PlaygroundLimits: Equatable, Sendable {
    var hiddenLayers: Int
    var neurons: Int
}
