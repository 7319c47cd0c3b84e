import Foundation

/// A trained sequence model with what it needs to be used again: the characters of its vocabulary (for
/// text), the loss it trained with and the name of what it learned (`names`, `copy after 8 steps`, …).
///
/// On disk it is one safetensors file whose tensors are the network's `stateTensors`, named as
/// `torch.nn.Sequential` names them (`0.weight` for the embedding, `1.weight_ih_l0` … for an LSTM,
/// `2.weight`, `2.bias` for the last linear layer). The header's `__metadata__` holds:
///
/// | key | example |
/// |---|---|
/// | `model_format` | `gradschool-sequence/1` |
/// | `input_shape` | `[16]` (token ids, one per step) or `[50, 1]` (one value per step) |
/// | `layers` | `embed 16, lstm 64, dense 28` (see `ArchitectureDescription`) |
/// | `vocabulary_size` | `28` (absent for real values) |
/// | `vocabulary` | the characters of ids 2, 3, … in order (absent for symbol tasks) |
/// | `data` | `names` |
/// | `loss` | `ce` or `mse` |
/// | `pytorch` | `nn.Sequential(nn.Embedding(28, 16), nn.LSTM(16, 64, batch_first=True), nn.Linear(64, 28))` |
public struct SequenceModel: Sendable {
    public var network: Network
    public var loss: SequenceLoss
    /// The characters of a text model; nil for symbol tasks and real values.
    public var vocabulary: CharacterVocabulary?
    /// What the model learned, for messages.
    public var dataName: String

    public static let format = "gradschool-sequence/1"

    public init(network: Network, loss: SequenceLoss, vocabulary: CharacterVocabulary?, dataName: String) {
        self.network = network
        self.loss = loss
        self.vocabulary = vocabulary
        self.dataName = dataName
    }

    /// The number of token ids the model reads and scores, nil for real values.
    public var vocabularySize: Int? {
        switch network.specs.first {
        case .embedding(_, let size, _)?: return size
        // A transformer's first layer embeds token ids and positions together.
        case .positionEmbedding(_, _, let size?)?: return size
        default: return nil
        }
    }

    /// Writes the model to `url` atomically.
    public func write(to url: URL) throws(ModelFileError) {
        let fileName = url.lastPathComponent
        guard let description = network.architectureDescription else {
            throw .unsupportedStack(file: fileName, layers: network.layers.map(\.summary).joined(separator: ", "))
        }
        var metadata = [
            "model_format": Self.format,
            "input_shape": "[" + network.inputShape.dimensions.map(String.init).joined(separator: ", ") + "]",
            "layers": description.text,
            "data": dataName,
            "loss": loss.name,
        ]
        if let vocabularySize { metadata["vocabulary_size"] = String(vocabularySize) }
        if let vocabulary { metadata["vocabulary"] = vocabulary.serialized }
        if let pytorch = network.pytorchDescription { metadata["pytorch"] = pytorch }
        do {
            try Safetensors.write(network.stateTensors, metadata: metadata, to: url)
        } catch {
            throw .container(error)
        }
    }

    /// Reads the model at `url`; nothing is returned unless the whole file is sound.
    public static func read(from url: URL) throws(ModelFileError) -> SequenceModel {
        let file: (tensors: [NamedTensor], metadata: [String: String])
        do {
            file = try Safetensors.read(from: url)
        } catch {
            throw .container(error)
        }
        return try SequenceModel(tensors: file.tensors, metadata: file.metadata, fileName: url.lastPathComponent)
    }

    /// Rebuilds a model from a file's tensors and metadata.
    public init(tensors: [NamedTensor], metadata: [String: String], fileName: String) throws(ModelFileError) {
        let reader = MetadataReader(metadata: metadata, fileName: fileName)
        guard metadata["model_format"] == Self.format else {
            guard let format = metadata["model_format"] else { throw .missingMetadata(file: fileName, key: "model_format") }
            throw .unsupportedFormat(file: fileName, format: format)
        }
        let shape = try reader.integers("input_shape")
        guard (1...2).contains(shape.count), shape.allSatisfy({ $0 >= 1 }) else {
            throw .invalidMetadata(file: fileName, key: "input_shape", value: metadata["input_shape"] ?? "",
                                   expected: "a JSON list of one or two positive sizes such as [16]")
        }
        var vocabularySize: Int?
        if let text = metadata["vocabulary_size"] {
            guard let size = Int(text), size >= 1 else {
                throw .invalidMetadata(file: fileName, key: "vocabulary_size", value: text, expected: "a whole number of at least 1")
            }
            vocabularySize = size
        }
        var vocabulary: CharacterVocabulary?
        if let text = metadata["vocabulary"] {
            do {
                vocabulary = try CharacterVocabulary(serialized: text, file: fileName)
            } catch {
                throw .invalidMetadata(file: fileName, key: "vocabulary", value: text, expected: error.description)
            }
            if let size = vocabulary?.count, size != vocabularySize {
                throw .invalidMetadata(file: fileName, key: "vocabulary_size", value: metadata["vocabulary_size"] ?? "",
                                       expected: "\(size), the number of tokens of the file's vocabulary")
            }
        }
        let loss: SequenceLoss
        switch metadata["loss"] {
        case "ce"?: loss = .crossEntropy
        case "mse"?: loss = .meanSquaredError
        case nil: loss = vocabularySize == nil ? .meanSquaredError : .crossEntropy
        case let other?: throw .invalidMetadata(file: fileName, key: "loss", value: other, expected: "ce or mse")
        }
        let layers = try reader.required("layers")
        let network: Network
        do {
            let description = try ArchitectureDescription(parsing: layers)
            network = try Network(description: description, inputShape: TensorShape(shape), tensors: tensors,
                                  vocabularySize: vocabularySize, fileName: fileName)
        } catch let error as ArchitectureError {
            throw .invalidArchitecture(file: fileName, problem: error.description)
        } catch let error as ModelFileError {
            throw error
        } catch {
            throw .invalidArchitecture(file: fileName, problem: "\(error)")
        }
        self.init(network: network, loss: loss, vocabulary: vocabulary, dataName: metadata["data"] ?? fileName)
    }
}
