import App
import Foundation
import Neural

/// `gradschool train --config FILE`: a run saved from the playground (`w`), trained from the shell.
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
            ("--l2", options.l2 != 0), ("--patience", options.patience != nil),
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
    }

    /// A settings file of the playground's image or sequence mode is not a dense run: the sentence gives the
    /// `gradschool train` command that trains the same network, rather than "unknown setting 'mode'".
    static func refuseOtherModes(_ path: String) throws(TrainError) {
        if ImagePlaygroundConfiguration.mode(ofFile: path) == ImagePlaygroundConfiguration.mode,
           let images = try? ImagePlaygroundConfiguration.read(from: path) {
            throw .usage("\(path) holds the settings of the playground's image mode, which --config does not train; train the same "
                         + "network with: gradschool train --dataset digits --model \"\(images.architectureText)\" (or open it with gradschool play \(path))")
        }
        if let text = try? String(contentsOfFile: path, encoding: .utf8), SequencePlaygroundConfiguration.isSequenceFile(text),
           let sequences = try? SequencePlaygroundConfiguration(yaml: text, file: path, vocabularySize: SequencePlaygroundScreen.vocabularySize) {
            throw .usage("\(path) holds the settings of the playground's sequence mode, which --config does not train; train the same "
                         + "network with: gradschool train --dataset names --model \"\(sequences.description(vocabularySize: SequencePlaygroundScreen.vocabularySize))\" "
                         + "(or open it with gradschool play \(path))")
        }
    }

    func run() throws(TrainError) {
        try Self.checkOptions(options)
        let configInput = OutputFile.Input(name: "the --config file", path: path)
        if let save = options.save { _ = try OutputFile.check(save, option: "--save", inputs: [configInput]) }
        if let log = options.log { _ = try OutputFile.check(log, option: "--log", inputs: [configInput]) }
        try Self.refuseOtherModes(path)
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
        savePath = options.save
        logPath = options.log
        json = options.json
        quiet = options.quiet
        plot = options.plot
        asciiPictures = options.ascii
        printEvery = options.printEvery
    }
}
