import App
import Foundation
import Neural

/// `gradschool train --config FILE` on a settings file of the playground's sequence mode (`mode: sequences`):
/// the file's character model learns the bundled names through the same run as
/// `gradschool train --dataset names --model "…"`, with Adam, the file's learning rate, batch size and seed.
///
/// The names are split as the sequence mode splits them: every name but the last 512 to train on, the last
/// 512 held out and measured after every epoch, in the file's order (`--dataset names` holds out a shuffled
/// 20 % instead). The file's seed draws the first weights and shuffles the batches, as in the playground,
/// so a file saved before any training reaches the sequence mode's weights bit for bit, epoch for epoch.
/// When the playground saved a model beside the file (`names.yaml` and `names.safetensors`), training goes
/// on from those weights, as `--init names.safetensors` would; without one, it starts from the seed's weights.
struct ConfiguredSequences {
    let path: String
    let configuration: SequencePlaygroundConfiguration
    let options: TrainCommand
    let console: Console

    /// Options that `gradschool train` on sequences does not honour: refused rather than ignored.
    static func unsupportedOptions(_ options: TrainCommand) -> [String] {
        [("--log", options.log != nil), ("--json", options.json), ("--plot", options.plot)].filter(\.1).map(\.0)
    }

    func run() throws(TrainError) {
        if let option = Self.unsupportedOptions(options).first {
            throw .usage("\(option) is not available for sequence models, and \(path) holds a sequence model: "
                         + "leave out \(option); the progress lines report the loss per character after each epoch")
        }
        let configInput = OutputFile.Input(name: "the --config file", path: path)
        let modelPath = ConfiguredTraining.modelPath(beside: path)
        let modelInput = OutputFile.Input(name: "the model saved beside \(path)", path: modelPath)
        let save = try options.save.map { (save: String) throws(TrainError) -> String in
            try OutputFile.check(save, option: "--save", inputs: [configInput, modelInput])
        }
        let data = try Self.names()
        let text = configuration.description(vocabularySize: data.training.vocabularySize ?? SequencePlaygroundScreen.vocabularySize)
        let network: Network
        let start: String
        if FileManager.default.fileExists(atPath: modelPath) {
            network = try savedNetwork(modelPath, data: data, description: text)
            start = "from the weights in \(modelPath)"
        } else {
            network = try SequenceTrainRun.build(text, data: data, seed: configuration.seed)
            start = "from weights drawn with seed \(configuration.seed) (no \(modelPath) beside it)"
        }
        if !options.quiet { console.writeOutput("\(path): the sequence mode's \(text), starting \(start)\n") }
        let training = TrainingConfiguration(epochs: options.epochs, batchSize: configuration.batchSize,
                                             optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
                                             learningRate: configuration.learningRate, shuffle: true, seed: configuration.seed)
        try SequenceTrainRun(data: data, network: network, configuration: training, save: save, quiet: options.quiet, console: console).run()
    }

    /// The model saved beside the file, checked against the names and against the file's layers.
    private func savedNetwork(_ modelPath: String, data: SequenceData, description: String) throws(TrainError) -> Network {
        let network: Network
        do {
            network = try SequenceTrainRun.readModel(modelPath, data: data)
        } catch {
            throw .badInput("\(modelPath), the model saved beside \(path), cannot be used (\(error.description)): "
                            + "save both again from the playground, or move \(modelPath) away to start from fresh weights")
        }
        guard let layers = network.architectureDescription, layers == (try? ArchitectureDescription(parsing: description)) else {
            let found = network.architectureDescription?.text ?? network.layers.map(\.summary).joined(separator: ", ")
            throw .badInput("\(modelPath), the model saved beside \(path), holds '\(found)' but \(path) describes '\(description)': "
                            + "save both again from the playground, or move \(modelPath) away to start from fresh weights")
        }
        return network
    }

    /// The names as the sequence mode splits them.
    static func names() throws(TrainError) -> SequenceData {
        let names: (training: SequenceExamples, heldOut: SequenceExamples, vocabulary: CharacterVocabulary)
        do {
            names = try SequencePlaygroundScreen.namesData()
        } catch {
            throw .badInput("the bundled names could not be read: \(error.description)")
        }
        return SequenceData(name: "names", training: names.training, validation: names.heldOut, vocabulary: names.vocabulary,
                            defaultModel: "embed 16, lstm 64")
    }
}
