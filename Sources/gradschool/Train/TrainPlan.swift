import Foundation
import Neural

/// The options of `gradschool train`, checked and resolved into plain values: everything the run needs
/// that can be decided before any file is read.
///
/// Making a plan never touches the disk, so every way the options can be nonsense (a negative learning
/// rate, a zero batch, an unknown dataset, options that contradict each other) is found here, before any
/// work, and reported as a usage error (exit 64) with a sentence that names the option.
struct TrainPlan: Equatable {
    /// Where the examples come from.
    enum DataSource: Equatable {
        /// A dataset of the engine's catalog; `samples` and `noise` matter only to generated ones.
        case catalog(name: String, samples: Int, noise: Double)
        /// A CSV file and the column to predict.
        case file(path: String, target: CSVOptions.TargetColumn)
    }

    /// How features are scaled before they reach the network.
    enum Normalization: String, Equatable, CaseIterable {
        case none, standard, minmax

        /// The scaler kind to fit, or `nil` for none.
        var scalerKind: Scaler.Kind? {
            switch self {
            case .none: nil
            case .standard: .standardization
            case .minmax: .minMax
            }
        }
    }

    /// Where the network comes from.
    enum ModelSource: Equatable {
        /// A new network: hidden sizes, their activation, the output activation (`nil`: chosen from the
        /// problem) and the dropout probability.
        case fresh(hiddenSizes: [Int], activation: Activation, output: Activation?, dropout: Float)
        /// A saved model, whose architecture and feature scaling come from the file.
        case file(path: String)
        /// A new network from an architecture description, and its output activation (`nil`: from the problem).
        case described(ArchitectureDescription, output: Activation?)
    }

    /// Which layers keep their numbers while training.
    enum Freezing: Equatable {
        /// Every layer with parameters but the last.
        case body
        /// These layer indices.
        case layers([Int])
    }

    var data: DataSource
    var seed: UInt64
    var validationFraction: Double
    var testFraction: Double
    /// Shuffle the split and each epoch's batches; otherwise everything follows the file's order.
    var shuffle: Bool
    /// The feature scaling, or `nil` to take the one stored in the model file.
    var normalization: Normalization?
    var model: ModelSource
    var freezing: Freezing?
    /// Train only on these classes (relabelled in this order).
    var classes: [Int]?
    /// At most this many training examples per class.
    var perClass: Int?
    /// The loss, or `nil` to choose it from the output activation and the problem.
    var loss: Loss?
    var optimizer: OptimizerKind
    var learningRate: Float
    var batchSize: Int
    var epochs: Int
    var l1: Float
    var l2: Float
    var patience: Int?
    var savePath: String? = nil
    var logPath: String? = nil
    var json = false
    var quiet = false
    /// Draw pictures at the end; `asciiPictures` keeps them to ASCII.
    var plot = false
    var asciiPictures = false
    /// Print a plain progress line every this many epochs; `nil` chooses about 25 lines in all.
    var printEvery: Int? = nil

    /// The outputs the command line asks for, as given (a settings file fixes everything else of a run).
    mutating func takeOutputs(from options: TrainCommand) {
        savePath = options.save
        logPath = options.log
        json = options.json
        quiet = options.quiet
        plot = options.plot
        asciiPictures = options.ascii
        printEvery = options.printEvery
    }

    static let defaultHiddenSizes = [8, 8]
    static let defaultActivation = Activation.tanh
    static let defaultSamples = 200
    /// The hidden activations offered on the command line.
    static let hiddenActivationNames = ["relu", "tanh", "sigmoid", "leaky-relu", "identity"]
    /// The output activations offered on the command line, besides `auto`.
    static let outputActivationNames = ["sigmoid", "softmax", "identity"]
    static let largestLayer = 65_536
    static let largestSampleCount = 1_000_000
    /// Limits that keep step and sample counts far from overflowing, and well beyond any sensible run.
    static let largestBatchSize = 10_000_000
    static let largestEpochCount = 10_000_000

    /// Checks and resolves the options; the first problem found is thrown as `.usage`.
    init(_ options: TrainCommand) throws(TrainError) {
        data = try Self.dataSource(options)
        seed = options.seed

        validationFraction = try Self.fraction(options.validationSplit, option: "--val-split")
        testFraction = try Self.fraction(options.testSplit, option: "--test-split")
        guard validationFraction + testFraction < 1 else {
            throw .usage("--val-split \(options.validationSplit) and --test-split \(options.testSplit) leave no examples to train on: "
                         + "their sum must be below 1")
        }
        shuffle = !options.noShuffle

        if let initFile = options.initFile {
            let clashing = [("--layers", options.layers != nil), ("--model", options.model != nil), ("--activation", options.activation != nil),
                            ("--output", options.output != nil), ("--dropout", options.dropout != nil),
                            ("--normalize", options.normalize != nil)]
            if let option = clashing.first(where: \.1)?.0 {
                throw .usage("\(option) cannot be combined with --init: the architecture and the feature scaling come from "
                             + "the model file; leave out \(option), or leave out --init to build a new network")
            }
            guard !initFile.isEmpty else { throw .usage("--init needs the path of a .safetensors model file") }
            model = .file(path: initFile)
            normalization = nil
        } else if let text = options.model {
            if let option = [("--layers", options.layers != nil), ("--activation", options.activation != nil),
                             ("--dropout", options.dropout != nil)].first(where: \.1)?.0 {
                throw .usage("\(option) cannot be combined with --model, which describes every layer: write it into --model instead")
            }
            let description: ArchitectureDescription
            do {
                description = try ArchitectureDescription(parsing: text)
            } catch {
                throw .usage("--model: " + error.description)
            }
            model = .described(description, output: try Self.outputActivation(options.output))
            normalization = try Self.normalization(options.normalize)
        } else {
            model = .fresh(hiddenSizes: try Self.hiddenSizes(options.layers),
                           activation: try Self.hiddenActivation(options.activation),
                           output: try Self.outputActivation(options.output),
                           dropout: try Self.dropout(options.dropout))
            normalization = try Self.normalization(options.normalize)
        }

        freezing = try Self.freezing(options.freeze)
        classes = try Self.classList(options.classes)
        perClass = try options.perClass.map { (value: Int) throws(TrainError) -> Int in
            try Self.count(value, option: "--per-class", meaning: "training examples of each class")
        }

        loss = try Self.loss(options.loss)
        guard let optimizer = OptimizerKind(name: options.optimizer) else {
            throw .usage("there is no optimizer called \"\(options.optimizer)\": choose sgd, momentum, nesterov, rmsprop or adam")
        }
        self.optimizer = optimizer
        if let rate = options.lr {
            guard rate.isFinite, rate > 0 else {
                throw .usage("--lr must be a positive number, such as 0.1, got \(rate): the learning rate is the size of each step downhill")
            }
            learningRate = rate
        } else {
            learningRate = optimizer.defaultLearningRate
        }
        batchSize = try Self.count(options.batchSize, option: "--batch-size", meaning: "examples per step")
        guard batchSize <= Self.largestBatchSize else {
            throw .usage("--batch-size \(batchSize) is more than \(Self.largestBatchSize): a batch larger than the training set "
                         + "is the whole set anyway, so give at most the number of examples")
        }
        // 0 epochs evaluates the network as it is, such as a model given to --init.
        guard options.epochs >= 0 else {
            throw .usage("--epochs must be 0 (evaluate only) or more passes over the training set, got \(options.epochs)")
        }
        guard options.epochs <= Self.largestEpochCount else {
            throw .usage("--epochs \(options.epochs) is more than \(Self.largestEpochCount): use --patience to stop when learning stalls")
        }
        epochs = options.epochs
        l1 = try Self.penalty(options.l1, option: "--l1")
        l2 = try Self.penalty(options.l2, option: "--l2")
        patience = try options.patience.map { (value: Int) throws(TrainError) -> Int in
            try Self.count(value, option: "--patience", meaning: "epochs without improvement")
        }
        printEvery = try options.printEvery.map { (value: Int) throws(TrainError) -> Int in
            try Self.count(value, option: "--print-every", meaning: "epochs between lines")
        }

        savePath = try Self.outputPath(options.save, option: "--save")
        logPath = try Self.outputPath(options.log, option: "--log")
        if let savePath, savePath == logPath {
            throw .usage("--save and --log both name \(savePath): give the model and the log different files")
        }
        json = options.json
        quiet = options.quiet
        if options.ascii && !options.plot {
            throw .usage("--ascii changes how --plot draws: add --plot, or leave --ascii out")
        }
        plot = options.plot
        asciiPictures = options.ascii
    }

    /// The engine's training configuration for this plan and the loss chosen for the data.
    func trainingConfiguration(loss: Loss) -> TrainingConfiguration {
        TrainingConfiguration(epochs: epochs, batchSize: batchSize, loss: loss, optimizer: optimizer,
                              learningRate: learningRate, l1: l1, l2: l2, patience: patience, shuffle: shuffle, seed: seed)
    }

    // MARK: - Each option

    private static func dataSource(_ options: TrainCommand) throws(TrainError) -> DataSource {
        switch (options.dataset, options.dataFile) {
        case (nil, nil):
            throw .usage("choose the data to train on: --dataset NAME (one of \(DatasetCatalog.names.joined(separator: ", "))) "
                         + "or --data FILE.csv")
        case (.some, .some):
            throw .usage("use either --dataset or --data, not both")
        case (let name?, nil):
            if options.target != nil {
                throw .usage("--target picks a column of a CSV file, so it needs --data FILE.csv instead of --dataset")
            }
            let entry: DatasetCatalog.Entry
            do {
                entry = try DatasetCatalog.entry(named: name)
            } catch {
                throw .usage(error.description)
            }
            let samples = options.samples ?? defaultSamples
            guard (1...largestSampleCount).contains(samples) else {
                throw .usage("--samples must be a whole number from 1 to \(largestSampleCount), got \(samples)")
            }
            let noise = options.noise ?? 0
            guard noise.isFinite, noise >= 0 else {
                throw .usage("--noise must be 0 or a positive number, such as 0.2, got \(noise)")
            }
            return .catalog(name: entry.name, samples: samples, noise: noise)
        case (nil, let path?):
            if options.samples != nil || options.noise != nil {
                let option = options.samples != nil ? "--samples" : "--noise"
                throw .usage("\(option) only applies to generated datasets (--dataset), not to a CSV file: leave it out")
            }
            guard !path.isEmpty else { throw .usage("--data needs the path of a CSV file") }
            return .file(path: path, target: try targetColumn(options.target))
        }
    }

    /// `last`, a position counting from 1, or a header name.
    static func targetColumn(_ text: String?) throws(TrainError) -> CSVOptions.TargetColumn {
        guard let text else { return .last }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { throw .usage("--target needs a column: a header name, a position counting from 1, or last") }
        if trimmed.lowercased() == "last" { return .last }
        if let position = Int(trimmed) {
            guard position >= 1 else {
                throw .usage("--target \(position) is not a column position: positions count from 1, the first column being 1")
            }
            return .index(position - 1)
        }
        return .name(trimmed)
    }

    private static func fraction(_ value: Double, option: String) throws(TrainError) -> Double {
        guard value.isFinite, value >= 0, value < 1 else {
            throw .usage("\(option) must be a fraction from 0 up to (not including) 1, such as 0.2, got \(value)")
        }
        return value
    }

    private static func freezing(_ text: String?) throws(TrainError) -> Freezing? {
        guard let text else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed == "body" { return .body }
        var indices: [Int] = []
        for part in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let cell = part.trimmingCharacters(in: .whitespaces)
            guard let index = Int(cell), index >= 0 else {
                throw .usage("--freeze takes body or layer indices as PyTorch numbers them, such as 0,3: \"\(cell)\" is neither")
            }
            indices.append(index)
        }
        return .layers(indices)
    }

    private static func classList(_ text: String?) throws(TrainError) -> [Int]? {
        guard let text else { return nil }
        var classes: [Int] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let cell = part.trimmingCharacters(in: .whitespaces)
            guard let index = Int(cell), index >= 0 else {
                throw .usage("--classes takes class indices separated by commas, such as 5,6,7,8,9: \"\(cell)\" is not a class index")
            }
            guard !classes.contains(index) else { throw .usage("--classes names class \(index) twice: name each class once") }
            classes.append(index)
        }
        guard classes.count >= 2 else { throw .usage("--classes needs at least two classes to tell apart, such as 0,1") }
        return classes
    }

    /// `8,8` → [8, 8]; `none` or nothing → no hidden layer.
    static func hiddenSizes(_ text: String?) throws(TrainError) -> [Int] {
        guard let text else { return defaultHiddenSizes }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            throw .usage("--layers is empty: give hidden layer sizes separated by commas, such as 16,8, or none for no hidden layer")
        }
        if trimmed.lowercased() == "none" { return [] }
        var sizes: [Int] = []
        for part in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let cell = part.trimmingCharacters(in: .whitespaces)
            guard let size = Int(cell), (1...largestLayer).contains(size) else {
                throw .usage("--layers takes hidden layer sizes separated by commas, such as 16,8 (or none for no hidden layer): "
                             + "\"\(cell)\" is not a whole number from 1 to \(largestLayer)")
            }
            sizes.append(size)
        }
        return sizes
    }

    private static func hiddenActivation(_ name: String?) throws(TrainError) -> Activation {
        guard let name else { return defaultActivation }
        guard hiddenActivationNames.contains(name.lowercased()), let activation = Activation(name: name) else {
            throw .usage("there is no hidden activation called \"\(name)\" here: choose \(hiddenActivationNames.joined(separator: ", "))")
        }
        return activation
    }

    private static func outputActivation(_ name: String?) throws(TrainError) -> Activation? {
        guard let name, name.lowercased() != "auto" else { return nil }
        guard outputActivationNames.contains(name.lowercased()), let activation = Activation(name: name) else {
            throw .usage("there is no output activation called \"\(name)\" here: choose auto, \(outputActivationNames.joined(separator: ", "))")
        }
        return activation
    }

    private static func dropout(_ value: Float?) throws(TrainError) -> Float {
        guard let value else { return 0 }
        guard value.isFinite, value >= 0, value < 1 else {
            throw .usage("--dropout must be a probability from 0 up to (not including) 1, such as 0.2, got \(value)")
        }
        return value
    }

    private static func normalization(_ name: String?) throws(TrainError) -> Normalization {
        guard let name else { return .standard }
        guard let normalization = Normalization(rawValue: name.lowercased()) else {
            throw .usage("--normalize takes none, standard or minmax, not \"\(name)\"")
        }
        return normalization
    }

    private static func loss(_ name: String) throws(TrainError) -> Loss? {
        if name.lowercased() == "auto" { return nil }
        guard let loss = Loss(name: name) else {
            throw .usage("there is no loss called \"\(name)\": choose auto, mse, bce or ce")
        }
        return loss
    }

    private static func count(_ value: Int, option: String, meaning: String) throws(TrainError) -> Int {
        guard value >= 1 else { throw .usage("\(option) must be at least 1 (\(meaning)), got \(value)") }
        return value
    }

    private static func penalty(_ value: Float, option: String) throws(TrainError) -> Float {
        guard value.isFinite, value >= 0 else {
            throw .usage("\(option) must be 0 or a positive number, such as 0.0001, got \(value)")
        }
        return value
    }

    private static func outputPath(_ path: String?, option: String) throws(TrainError) -> String? {
        guard let path else { return nil }
        guard !path.isEmpty else { throw .usage("\(option) needs a file path") }
        return path
    }
}
