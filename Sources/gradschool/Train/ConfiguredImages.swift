import App
import Foundation
import Neural

/// `gradschool train --config FILE` on a settings file of the playground's image mode (`mode: images`):
/// the file's CNN learns the 8×8 digits through the same run as `gradschool train --dataset digits --model`.
///
/// The data is split as the image playground splits it: 80 % of the digits to train on and 20 % held out,
/// drawn with seed 1 whatever the file's seed, and the pixels go in unscaled (0 for paper to 1 for ink), as
/// the playground feeds them. The held-out digits are measured after every epoch, as the validation set of
/// `gradschool train`. The file's seed draws the first weights and shuffles the batches, as in the playground,
/// so a file saved before any training trains the same weights as the playground would, bit for bit.
///
/// When the playground saved a model beside the file (`run.yaml` and `run.safetensors`), training goes on
/// from those weights, as `--init run.safetensors` would; without one, it starts from the seed's weights.
/// (`gradschool train --dataset digits --model "…"` itself splits 80/20 with the run's seed and
/// standardises the pixels unless given `--normalize none`, so its numbers differ a little.)
struct ConfiguredImages {
    let path: String
    let configuration: ImagePlaygroundConfiguration
    let options: TrainCommand
    let console: Console

    /// The seed the image playground splits the digits with, whatever the file's seed.
    static let splitSeed: UInt64 = 1
    /// The share of the digits the image playground holds out.
    static let heldOutFraction = 0.2

    func run() throws(TrainError) {
        let configInput = OutputFile.Input(name: "the --config file", path: path)
        let modelPath = ConfiguredTraining.modelPath(beside: path)
        let modelInput = OutputFile.Input(name: "the model saved beside \(path)", path: modelPath)
        let description: ArchitectureDescription
        do {
            description = try ArchitectureDescription(parsing: configuration.architectureText)
        } catch {
            throw .badInput("\(path): the model '\(configuration.architectureText)' does not parse: \(error.description)")
        }
        let epochs = options.epochs != 100 ? options.epochs : configuration.epochs
        let plan = TrainPlan(images: configuration, description: description, epochs: epochs, options: options)
        _ = try OutputFile.check(plan, inputs: [configInput, modelInput])

        let network = try startingNetwork(description: description, modelPath: modelPath)
        let data = try Self.digits()
        if !options.quiet && !options.json {
            let start = network.continued ? "from the weights in \(modelPath)" : "from weights drawn with seed \(configuration.seed) (no \(modelPath) beside it)"
            let length = options.epochs != 100 ? "" : ", for the file's \(epochs) epochs (--epochs N for another count)"
            console.writeOutput("\(path): the image playground's CNN, starting \(start)\(length)\n")
        }
        let setup = ModelSetup(network: network.network, loss: .crossEntropy)
        try TrainRun(plan: plan, console: console, otherInputs: [configInput, modelInput],
                     startedFrom: network.continued ? modelPath : nil).train(setup, on: data)
    }

    /// The weights saved beside the file when they are there and fit its layers; else the seed's.
    private func startingNetwork(description: ArchitectureDescription, modelPath: String) throws(TrainError) -> (network: Network, continued: Bool) {
        guard FileManager.default.fileExists(atPath: modelPath) else {
            do {
                return (try configuration.makeNetwork(), false)
            } catch {
                throw .badInput("\(path): '\(configuration.architectureText)' does not fit the 8x8 digits: \(error.problem)")
            }
        }
        let saved: SavedModel
        do {
            saved = try SavedModel.read(from: URL(fileURLWithPath: modelPath), seed: configuration.seed)
        } catch {
            throw .badInput("\(modelPath), the model saved beside \(path), cannot be read (\(error.description)): "
                            + "save both again from the playground, or move \(modelPath) away to start from fresh weights")
        }
        guard let layers = saved.network.architectureDescription, layers == description else {
            let found = saved.network.architectureDescription?.text ?? saved.network.layers.map(\.summary).joined(separator: ", ")
            throw .badInput("\(modelPath), the model saved beside \(path), holds '\(found)' but \(path) describes "
                            + "'\(configuration.architectureText)': save both again from the playground, or move \(modelPath) away to start from fresh weights")
        }
        return (saved.network, true)
    }

    /// The digits as the image playground splits them: the held-out 20 % is measured after each epoch.
    static func digits() throws(TrainError) -> PreparedData {
        let digits: Dataset
        do {
            digits = try Dataset.digits()
        } catch {
            throw .badInput("the bundled digits could not be read: \(error.description)")
        }
        let split = digits.split(validationFraction: 0, testFraction: heldOutFraction, seed: splitSeed)
        return PreparedData(name: digits.name, problem: digits.problem, featureNames: digits.featureNames, classNames: digits.classNames,
                            training: split.train, validation: split.test, test: split.test.subset([]), scaler: nil)
    }
}

extension TrainPlan {
    /// The plan of an image-mode settings file: its CNN on the digits, with the outputs the command line asks for.
    init(images configuration: ImagePlaygroundConfiguration, description: ArchitectureDescription, epochs: Int, options: TrainCommand) {
        data = .catalog(name: "digits", samples: TrainPlan.defaultSamples, noise: 0)
        seed = configuration.seed
        validationFraction = ConfiguredImages.heldOutFraction
        testFraction = 0
        shuffle = true
        normalization = TrainPlan.Normalization.none
        // The description ends with its softmax, so no output activation is added.
        model = .described(description, output: .identity)
        loss = .crossEntropy
        optimizer = configuration.optimizer
        learningRate = configuration.learningRate
        batchSize = configuration.batchSize
        self.epochs = epochs
        l1 = 0
        l2 = 0
        patience = nil
        takeOutputs(from: options)
    }
}
