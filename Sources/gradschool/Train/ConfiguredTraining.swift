import App
import Foundation
import Neural

/// `gradschool train --config FILE`: a run saved from the playground (`w`), trained from the shell.
///
/// A file of the image mode (`mode: images`) goes to `ConfiguredImages`, one of the sequence mode
/// (`mode: sequences`) to `ConfiguredSequences`; what follows is about the dense playground's files.
///
/// The file fixes the data (drawn with its seed, split, turned into its inputs and scaled exactly as the
/// playground does), the network and its first weights, and the training; so the same file trains the
/// same weights as the playground did, bit for bit, as long as nothing was changed while it trained.
/// Only the options about the run's length and its outputs may be added.
struct ConfiguredTraining {
    let path: String
    let options: TrainCommand
    let console: Console

    /// The options the configuration file takes the place of, with whether each was given.
    static func clashingOptions(_ options: TrainCommand) -> [String] {
        let given: [(String, Bool)] = [
            ("--dataset", options.dataset != nil), ("--data", options.dataFile != nil), ("--target", options.target != nil),
            ("--samples", options.samples != nil), ("--noise", options.noise != nil), ("--seed", options.seed != 1),
            ("--val-split", options.validationSplit != 0.2), ("--test-split", options.testSplit != 0),
            ("--no-shuffle", options.noShuffle), ("--normalize", options.normalize != nil), ("--layers", options.layers != nil),
            ("--activation", options.activation != nil), ("--output", options.output != nil), ("--dropout", options.dropout != nil),
            ("--init", options.initFile != nil), ("--loss", options.loss != "auto"), ("--optimizer", options.optimizer != "sgd"),
            ("--lr", options.lr != nil), ("--batch-size", options.batchSize != 10), ("--l1", options.l1 != 0),
            ("--l2", options.l2 != 0), ("--patience", options.patience != nil), ("--model", options.model != nil),
            ("--text", options.text != nil), ("--steps", options.steps != nil), ("--delay", options.delay != nil),
            ("--digits", options.digits != nil), ("--freeze", options.freeze != nil), ("--classes", options.classes != nil),
            ("--per-class", options.perClass != nil),
        ]
        return given.filter(\.1).map(\.0)
    }

    /// Refuses options the file already sets, naming the first one.
    static func checkOptions(_ options: TrainCommand) throws(TrainError) {
        guard let path = options.configFile else { return }
        guard !path.isEmpty else { throw .usage("--config needs the path of a .yaml file saved from the playground") }
        if let option = clashingOptions(options).first {
            throw .usage("\(option) cannot be combined with --config: the file sets the data, the network and the training; "
                         + "change it in the file (or in the playground), or leave out --config")
        }
        if options.ascii && !options.plot { throw .usage("--ascii changes how --plot draws: add --plot, or leave --ascii out") }
        guard options.epochs >= 0 && options.epochs <= TrainPlan.largestEpochCount else {
            throw .usage("--epochs must be 0 (evaluate only) up to \(TrainPlan.largestEpochCount) passes over the training set, got \(options.epochs)")
        }
        if let every = options.printEvery, every < 1 { throw .usage("--print-every must be at least 1 (epochs between lines), got \(every)") }
    }

    /// The three kinds of settings file the playground writes, told apart by their `mode:` line.
    enum Mode {
        case dense
        case images(ImagePlaygroundConfiguration)
        case sequences(SequencePlaygroundConfiguration)
    }

    /// The mode of the file at `path`, read with its file:line sentences when it is an image or sequence
    /// file; a file that cannot be read at all is left to the dense reader, which says why.
    static func mode(ofFile path: String) throws(TrainError) -> Mode {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return .dense }
        do {
            if ImagePlaygroundConfiguration.mode(ofYAML: text) == ImagePlaygroundConfiguration.mode {
                return .images(try ImagePlaygroundConfiguration.read(from: path))
            }
            if SequencePlaygroundConfiguration.isSequenceFile(text) {
                return .sequences(try SequencePlaygroundConfiguration.read(from: path, vocabularySize: SequencePlaygroundScreen.vocabularySize))
            }
        } catch {
            if case .unreadable = error { throw .missingFile(error.description) }
            throw .badInput(error.description)
        }
        return .dense
    }

    /// Where the playground saves the model of a settings file: beside it, `run.yaml` → `run.safetensors`.
    static func modelPath(beside path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let base = url.pathExtension.isEmpty ? path : String(path.dropLast(url.pathExtension.count + 1))
        return base + ".safetensors"
    }

    func run() throws(TrainError) {
        try Self.checkOptions(options)
        let configInput = OutputFile.Input(name: "the --config file", path: path)
        if let save = options.save { _ = try OutputFile.check(save, option: "--save", inputs: [configInput]) }
        if let log = options.log { _ = try OutputFile.check(log, option: "--log", inputs: [configInput]) }
        switch try Self.mode(ofFile: path) {
        case .images(let images):
            return try ConfiguredImages(path: path, configuration: images, options: options, console: console).run()
        case .sequences(let sequences):
            return try ConfiguredSequences(path: path, configuration: sequences, options: options, console: console).run()
        case .dense:
            break
        }
        let opened: (configuration: PlaygroundConfiguration, file: Dataset?)
        do {
            opened = try PlaygroundFiles.open(path)
        } catch {
            switch error {
            case .configuration(.unreadable), .missingData, .unreadableData: throw .missingFile(error.description)
            default: throw .badInput(error.description)
            }
        }
        let configuration = opened.configuration
        let made: PlaygroundData
        do {
            made = try PlaygroundData.make(configuration, file: opened.file)
        } catch {
            throw .badInput("\(path): \(error.description)")
        }
        // --epochs counts when given; otherwise the epochs the playground had trained when it saved.
        let epochs = options.epochs != 100 ? options.epochs : (configuration.epochs ?? 100)
        let plan = TrainPlan(configuration: configuration, epochs: epochs, options: options)
        // The playground's test set is measured after every epoch, as gradschool train measures its validation set.
        let data = PreparedData(name: made.name, problem: made.problem, featureNames: made.featureNames, classNames: made.classNames,
                                training: made.training, validation: made.test, test: made.test.subset([]), scaler: made.scaler)
        let setup = ModelSetup(network: configuration.makeNetwork(for: made), loss: configuration.loss)
        var inputs = [configInput]
        if let dataFile = configuration.dataFile, configuration.dataset == PlaygroundConfiguration.csvDataset {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            inputs.append(OutputFile.Input(name: "the data file of \(path)", path: dataFile.hasPrefix("/") ? dataFile : folder.appendingPathComponent(dataFile).path))
        }
        try TrainRun(plan: plan, console: console, otherInputs: inputs).train(setup, on: data)
    }
}

extension TrainPlan {
    /// The plan of a playground configuration: its data, network and training, with the outputs the
    /// command line asks for.
    init(configuration: PlaygroundConfiguration, epochs: Int, options: TrainCommand) {
        if configuration.dataset == PlaygroundConfiguration.csvDataset, let file = configuration.dataFile {
            data = .file(path: file, target: (try? TrainPlan.targetColumn(configuration.target)) ?? .last)
        } else {
            data = .catalog(name: configuration.dataset, samples: configuration.points, noise: configuration.noise)
        }
        seed = configuration.seed
        validationFraction = 1 - Double(configuration.trainPercent) / 100
        testFraction = 0
        shuffle = true
        normalization = Normalization(rawValue: configuration.normalization.rawValue)
        model = .fresh(hiddenSizes: configuration.hiddenLayers.map(\.neurons),
                       activation: configuration.hiddenLayers.first?.activation ?? .tanh,
                       output: configuration.output, dropout: configuration.dropout)
        loss = configuration.loss
        optimizer = configuration.optimizer
        learningRate = configuration.learningRate
        batchSize = configuration.batchSize
        self.epochs = epochs
        l1 = configuration.penalties.l1
        l2 = configuration.penalties.l2
        patience = configuration.patience
        takeOutputs(from: options)
    }
}
