import App
import Foundation
import Neural

/// The checked options of `gradschool tune`: the run every trial starts from, the search, and the outputs.
struct TunePlan: Sendable {
    /// The path of `--config`, when the base run came from a file (its CSV is loaded relative to it).
    var configPath: String?
    var base: PlaygroundConfiguration
    var search: Search
    var savePath: String
    var json: Bool
    var quiet: Bool

    static let defaultEpochs = 50
    static let largestTrialCount = 1000

    init(_ options: TuneCommand) throws(TuneError) {
        var base: PlaygroundConfiguration
        if let configFile = options.configFile {
            for (option, given) in [("--dataset", options.dataset != nil), ("--data", options.dataFile != nil),
                                    ("--target", options.target != nil), ("--samples", options.samples != nil),
                                    ("--noise", options.noise != nil)] where given {
                throw .usage("\(option) cannot be combined with --config: the file sets the data; change it there, or leave out --config")
            }
            do {
                base = try PlaygroundConfiguration.read(from: configFile)
            } catch {
                switch error {
                case .unreadable: throw .missingFile(error.description)
                case .invalid: throw .badInput(error.description)
                }
            }
            configPath = configFile
        } else {
            switch (options.dataset, options.dataFile) {
            case (nil, nil):
                throw .usage("choose the run to tune: --dataset NAME (one of \((PlaygroundConfiguration.classificationDatasets + PlaygroundConfiguration.regressionDatasets).joined(separator: ", "))), --data FILE.csv or --config FILE.yaml")
            case (.some, .some):
                throw .usage("use either --dataset or --data, not both")
            case (let name?, nil):
                guard let entry = try? DatasetCatalog.entry(named: name) else {
                    throw .usage("--dataset \(name): there is no such dataset: choose one of \(DatasetCatalog.names.joined(separator: ", "))")
                }
                guard options.target == nil else { throw .usage("--target chooses a column of a CSV file: use it with --data") }
                let offered = PlaygroundConfiguration.classificationDatasets + PlaygroundConfiguration.regressionDatasets
                guard offered.contains(entry.name) else {
                    throw .usage("--dataset \(name) is too small to tune (a truth table cannot be split): choose one of \(offered.joined(separator: ", "))")
                }
                base = PlaygroundConfiguration.starting(with: entry.name)
            case (nil, let file?):
                base = PlaygroundConfiguration()
                base.dataset = PlaygroundConfiguration.csvDataset
                // The saved configuration may live in another folder: it names the data by its full path.
                base.dataFile = URL(fileURLWithPath: file).standardizedFileURL.path
                base.target = options.target
            }
            configPath = nil
            if let samples = options.samples {
                guard (4...100_000).contains(samples) else { throw .usage("--samples \(samples): give a number of points from 4 to 100000") }
                base.points = samples
            }
            if let noise = options.noise {
                guard (0...1).contains(noise) else { throw .usage("--noise \(noise): give a noise from 0 (none) to 1") }
                base.noise = noise
            }
        }
        if let name = options.optimizer {
            guard let kind = OptimizerKind.all.first(where: { $0.name == name }) else {
                throw .usage("--optimizer \(name): choose one of \(OptimizerKind.all.map(\.name).joined(separator: ", "))")
            }
            base.optimizer = kind
            // Each optimizer's usual rate, unless the rate is searched or came from a file.
            if options.configFile == nil { base.learningRate = kind.defaultLearningRate }
        }
        if let epochs = options.epochs {
            guard (1...100_000).contains(epochs) else { throw .usage("--epochs \(epochs): give a number of epochs from 1 to 100000") }
            base.epochs = epochs
        } else if base.epochs == nil || base.epochs == 0 {
            base.epochs = Self.defaultEpochs
        }
        if let seed = options.seed { base.seed = seed }

        let settings: [SearchSetting]
        switch (options.searches.isEmpty, options.spaceFile) {
        case (true, nil):
            throw .usage("say what to search: --search learningRate=log:0.0001..1 (repeatable) or --space FILE.yaml; "
                         + "the settings are \(TunableSetting.names.joined(separator: ", "))")
        case (false, .some):
            throw .usage("use either --search or --space, not both")
        case (false, nil):
            settings = try SearchSpaceText.options(options.searches)
        case (true, let path?):
            settings = try SearchSpaceText.file(path)
        }
        let space: SearchSpace
        do {
            space = try SearchSpace(settings)
        } catch {
            throw .usage(error.description)
        }

        let method: SearchMethod
        switch options.method {
        case "grid": method = .grid(pointsPerSetting: nil)
        case "random": method = .random
        case "bayes", "bayesian": method = .bayesian(BayesianOptions())
        default:
            throw .usage("--method \(options.method): choose grid, random or bayes")
        }
        guard (1...Self.largestTrialCount).contains(options.trials) else {
            throw .usage("--trials \(options.trials): give a number of trials from 1 to \(Self.largestTrialCount)")
        }
        guard !options.save.isEmpty else { throw .usage("--save needs a file name, such as best.yaml") }
        self.base = base
        search = Search(space: space, method: method, trials: options.trials, seed: base.seed)
        savePath = options.save
        json = options.json
        quiet = options.quiet
    }

    /// The base run with a trial's settings in place.
    func configuration(for values: [Double]) -> PlaygroundConfiguration {
        var configuration = base
        for (setting, value) in zip(search.space.settings, values) {
            TunableSetting(rawValue: setting.name)?.apply(value, to: &configuration)
        }
        return configuration
    }
}
