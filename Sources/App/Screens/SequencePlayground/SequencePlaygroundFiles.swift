import Foundation
import Neural

/// File work the sequence mode asks the runner for (`Effect.sequenceFiles`); the answer comes back as
/// `Message.sequenceFiles`.
public enum SequenceFileRequest: Equatable, Sendable {
    /// Write the settings as YAML and the model as safetensors; unless `replacing`, existing files are
    /// left alone and the answer says they exist.
    case save(SequencePlaygroundSave, replacing: Bool)
    /// Read settings (`.yaml`) or a model (`.safetensors`).
    case open(path: String)
}

/// What `w` writes: the settings and the model, side by side.
public struct SequencePlaygroundSave: Equatable, Sendable {
    public var configurationPath: String
    public var modelPath: String
    /// The settings as YAML text.
    public var configuration: String
    var network: NetworkValue
    var vocabulary: CharacterVocabulary

    /// The model as `gradschool sample` reads it.
    public var model: SequenceModel {
        SequenceModel(network: network.network, loss: .crossEntropy, vocabulary: vocabulary, dataName: "names")
    }
}

/// What came of a file request.
public enum SequenceFileResult: Equatable, Sendable {
    case saved(configurationPath: String, modelPath: String)
    /// Nothing was written: these files exist; the save waits for the learner to say to replace them.
    case exists([String], SequencePlaygroundSave)
    case opened(path: String, configuration: SequencePlaygroundConfiguration)
    /// A model was read: its settings (from its layers) and its weights to go on from.
    case openedModel(path: String, configuration: SequencePlaygroundConfiguration, network: NetworkValue)
    /// Saving or opening failed; the sentence says why and what to do.
    case failed(String)
}

/// Carries out the sequence mode's file requests.
public enum SequencePlaygroundFiles {
    public static func perform(_ request: SequenceFileRequest) -> SequenceFileResult {
        switch request {
        case .save(let save, let replacing):
            return write(save, replacing: replacing)
        case .open(let path) where path.hasSuffix(".safetensors"):
            return openModel(path)
        case .open(let path):
            guard case .success(let data) = SequencePlaygroundData.shared else { return .failed("The bundled names could not be read.") }
            do {
                return .opened(path: path, configuration: try SequencePlaygroundConfiguration.read(from: path, vocabularySize: data.vocabularySize))
            } catch {
                return .failed(error.description)
            }
        }
    }

    private static func openModel(_ path: String) -> SequenceFileResult {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let model: SequenceModel
        do {
            model = try SequenceModel.read(from: URL(fileURLWithPath: path))
        } catch {
            return .failed(error.description)
        }
        guard case .success(let data) = SequencePlaygroundData.shared else { return .failed("The bundled names could not be read.") }
        guard model.vocabulary == data.vocabulary, model.network.inputSize == SequencePlaygroundConfiguration.steps else {
            return .failed("\(name) was not trained on the bundled names with windows of \(SequencePlaygroundConfiguration.steps) letters: "
                           + "use it with 'gradschool sample \(name)' instead.")
        }
        guard let description = model.network.architectureDescription,
              let configuration = SequencePlaygroundConfiguration(layers: description.layers) else {
            return .failed("\(name) has layers the sequence mode cannot show: use it with 'gradschool sample \(name)' instead.")
        }
        return .openedModel(path: path, configuration: configuration, network: NetworkValue(model.network))
    }

    private static func write(_ save: SequencePlaygroundSave, replacing: Bool) -> SequenceFileResult {
        switch PlaygroundFiles.check([save.configurationPath, save.modelPath], example: "names") {
        case .refused(let reason): return .failed(reason)
        case .writable(let existing) where !existing.isEmpty && !replacing: return .exists(existing, save)
        case .writable: break
        }
        do {
            try save.configuration.write(toFile: save.configurationPath, atomically: true, encoding: .utf8)
        } catch {
            return .failed("\(save.configurationPath) could not be written: choose another name or folder")
        }
        do {
            try save.model.write(to: URL(fileURLWithPath: save.modelPath))
        } catch {
            return .failed("\(save.modelPath) could not be written: \(error.description)")
        }
        return .saved(configurationPath: save.configurationPath, modelPath: save.modelPath)
    }
}
