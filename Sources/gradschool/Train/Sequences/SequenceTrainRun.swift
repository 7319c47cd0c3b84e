import Foundation
import Neural

/// `gradschool train` on sequences: builds (or reads with `--init`) a sequence model, trains it with
/// `SequenceTrainer`, reports the loss per character in nats (text), the sequence accuracy (tasks) or the
/// mean squared error (waves) after each epoch, and saves it with `--save`.
struct SequenceTrainRun {
    var data: SequenceData
    var network: Network
    var configuration: TrainingConfiguration
    var save: String?
    var quiet: Bool
    var console: Console

    /// Whether the options ask for a sequence model.
    static func applies(to options: TrainCommand) -> Bool {
        if options.text != nil { return true }
        guard let dataset = options.dataset?.lowercased(), SequenceData.names.contains(dataset) else { return false }
        guard dataset == "sine" else { return true }
        let words = (options.model ?? "").lowercased()
        return options.steps != nil || ["rnn", "lstm", "gru", "embed"].contains { words.contains($0) }
    }

    init(options: TrainCommand, console: Console) throws(TrainError) {
        if options.text != nil && options.dataset != nil {
            throw .usage("give either --dataset or --text, not both")
        }
        if let steps = options.steps, steps < 1 || steps > 4096 {
            throw .usage("--steps must be between 1 and 4096, got \(steps)")
        }
        if let delay = options.delay, delay < 1 || delay > 1000 { throw .usage("--delay must be between 1 and 1000, got \(delay)") }
        if let digits = options.digits, digits < 1 || digits > 30 { throw .usage("--digits must be between 1 and 30, got \(digits)") }
        guard options.batchSize >= 1 else { throw .usage("--batch-size must be at least 1, got \(options.batchSize)") }
        guard options.epochs >= 0 else { throw .usage("--epochs must be 0 or more, got \(options.epochs)") }
        guard options.validationSplit >= 0 && options.validationSplit < 1 else {
            throw .usage("--val-split must be at least 0 and below 1, got \(options.validationSplit)")
        }
        guard let optimizer = OptimizerKind(name: options.optimizer) else {
            throw .usage("unknown optimizer \"\(options.optimizer)\": use sgd, momentum, nesterov, rmsprop or adam")
        }
        data = try SequenceData.load(dataset: options.dataset, textFile: options.text, steps: options.steps, delay: options.delay,
                                     digits: options.digits, samples: options.samples, validationFraction: options.validationSplit,
                                     seed: options.seed)
        guard data.training.count > 0 else {
            throw .badInput("\(data.name): no example is left to train on after holding out --val-split \(options.validationSplit): use a smaller --val-split or more data")
        }
        if let initFile = options.initFile {
            network = try Self.readModel(initFile, data: data)
        } else {
            network = try Self.build(options.model ?? data.defaultModel, data: data, seed: options.seed)
        }
        configuration = TrainingConfiguration(epochs: options.epochs, batchSize: options.batchSize, optimizer: optimizer,
                                              learningRate: options.lr, l1: options.l1, l2: options.l2, shuffle: !options.noShuffle,
                                              seed: options.seed)
        save = options.save
        quiet = options.quiet
        self.console = console
    }

    /// A run of `network` on `data` as `configuration` says, such as a sequence-mode settings file's.
    init(data: SequenceData, network: Network, configuration: TrainingConfiguration, save: String?, quiet: Bool, console: Console) {
        self.data = data
        self.network = network
        self.configuration = configuration
        self.save = save
        self.quiet = quiet
        self.console = console
    }

    /// The network a description gives on the data, with a last `dense V` (or `dense 1`) added when the
    /// description ends with a recurrent layer.
    static func build(_ text: String, data: SequenceData, seed: UInt64) throws(TrainError) -> Network {
        var description: ArchitectureDescription
        do {
            description = try ArchitectureDescription(parsing: text)
        } catch {
            throw .usage("--model: \(error.description)")
        }
        let perStep = data.training.vocabularySize ?? 1
        if case .recurrent? = description.layers.last { description.layers.append(.dense(perStep)) }
        let network: Network
        do {
            network = try description.network(inputShape: data.inputShape, seed: seed, vocabularySize: data.training.vocabularySize)
        } catch {
            throw .usage("--model: \(error.description)")
        }
        let last = network.layers[network.layers.count - 1].outputShape
        guard last == [data.training.steps, perStep] else {
            throw .usage("--model: the model gives \(last) per example, but \(data.name) needs \(perStep) number\(perStep == 1 ? "" : "s") at each of "
                         + "\(data.training.steps) steps: end the model with a recurrent layer and dense \(perStep)")
        }
        return network
    }

    /// A saved sequence model, checked against the data: same window, same vocabulary.
    static func readModel(_ path: String, data: SequenceData) throws(TrainError) -> Network {
        let model: SequenceModel
        do {
            model = try SequenceModel.read(from: URL(fileURLWithPath: path))
        } catch {
            if error.isUnreadableFile { throw .missingFile(error.description) }
            throw .badInput(error.description)
        }
        if let mine = model.vocabulary, let theirs = data.vocabulary {
            do {
                try mine.checkMatches(theirs, modelFile: path)
            } catch {
                throw .badInput(error.description)
            }
        } else if model.vocabularySize != data.training.vocabularySize {
            throw .badInput("\(path): the model reads \(model.vocabularySize.map { "\($0) tokens" } ?? "real values"), but \(data.name) has "
                            + "\(data.training.vocabularySize.map { "\($0) tokens" } ?? "real values"): give the data the model was trained on")
        }
        guard model.network.inputShape == data.inputShape else {
            throw .badInput("\(path): the model reads windows of \(model.network.inputShape), but the data has \(data.inputShape): "
                            + "use --steps \(model.network.inputShape.dimensions[0])")
        }
        return model.network
    }

    func run() throws(TrainError) {
        var trainer = SequenceTrainer(network: network, training: data.training, validation: data.validation, configuration: configuration)
        let isText = data.vocabulary != nil, isTask = data.vocabulary == nil && data.training.vocabularySize != nil
        func say(_ line: String) { if !quiet { console.writeOutput(line + "\n") } }
        say("\(data.name): \(data.training.count) training and \(data.validation.count) validation sequences of \(data.training.steps) steps")
        say("model: " + network.layers.map(\.summary).joined(separator: ", ") + " (\(network.parameterCount) parameters)")
        let unit = isText ? " nats/char" : ""
        trainer.train { record in
            var line = "epoch \(record.epoch)/\(configuration.epochs)  loss \(Self.number(record.trainingLoss))\(unit)"
            if let validation = record.validationLoss { line += "  validation \(Self.number(validation))\(unit)" }
            if isTask, let accuracy = record.validationAccuracy { line += "  sequence accuracy \(String(format: "%.1f", Double(accuracy) * 100)) %" }
            line += String(format: "  (%.1f s)", record.seconds)
            say(line)
        }
        if case .diverged(let divergence) = trainer.status { throw .diverged(divergence) }
        if configuration.epochs == 0 {
            let measured = trainer.evaluate(data.validation.count > 0 ? data.validation : data.training)
            say("loss \(Self.number(measured.loss))\(unit)" + (isTask ? "  sequence accuracy \(String(format: "%.1f", Double(measured.sequenceAccuracy ?? 0) * 100)) %" : ""))
        }
        if let save {
            let model = SequenceModel(network: trainer.network, loss: trainer.loss, vocabulary: data.vocabulary, dataName: data.name)
            do {
                try model.write(to: URL(fileURLWithPath: save))
            } catch {
                throw .cannotWrite(error.description)
            }
            say("saved to \(save)")
        }
    }

    static func number(_ value: Float) -> String { String(format: "%.4f", Double(value)) }
}
