import Foundation

/// A trained network with everything needed to use it on raw data: the loss it was trained with, the
/// feature scaler fitted on its training set, and the names of its features and classes.
///
/// On disk it is one safetensors file. The tensors are the network's `stateTensors`, named as
/// `torch.nn.Sequential` names them, so PyTorch loads them with `load_state_dict` and NumPy with
/// `safetensors.numpy.load_file`. Everything else is text in the header's `__metadata__`:
///
/// | key | example |
/// |---|---|
/// | `model_format` | `gradschool-mlp/1` |
/// | `sizes` | `[2, 8, 8, 1]` |
/// | `activations` | `["tanh", "tanh"]` (one per hidden layer) |
/// | `output_activation` | `sigmoid` |
/// | `dropout` | `0.0` |
/// | `loss` | `bce` |
/// | `feature_scaling` | `standard`, `minmax` or `none` |
/// | `feature_offsets`, `feature_scales` | `[0.12, -0.5]`: x ↦ (x − offset) / scale, per feature |
/// | `feature_names`, `class_names` | `["x1", "x2"]` |
/// | `pytorch` | `nn.Sequential(nn.Linear(2, 8), nn.Tanh(), …)` |
///
/// Only `sizes`, `activations` and `output_activation` are required to read a file, so weights saved from
/// PyTorch with those three keys load too.
///
/// Any other stack of layers (convolutions, pooling, …) is written as `gradschool-sequential/1`: instead of
/// `sizes` and the activations, `input_shape` (`[1, 8, 8]`) and `layers`, the architecture description
/// (`conv 8 3 pad 1, relu, maxpool 2, …, dense 10, softmax`, see `ArchitectureDescription`).
public struct SavedModel: Sendable {
    public var network: Network
    /// The loss the network was trained with, when known.
    public var loss: Loss?
    /// The scaling applied to raw features before they enter the network; `nil` when there is none.
    public var scaler: Scaler?
    public var featureNames: [String]
    public var classNames: [String]

    /// The format written into `model_format`; files without the key are read as this format too.
    public static let format = "gradschool-mlp/1"
    /// The format of any other stack of layers, described by `input_shape` and `layers`.
    public static let sequentialFormat = "gradschool-sequential/1"

    public init(network: Network, loss: Loss? = nil, scaler: Scaler? = nil,
                featureNames: [String] = [], classNames: [String] = []) {
        self.network = network
        self.loss = loss
        self.scaler = scaler
        self.featureNames = featureNames
        self.classNames = classNames
    }

    /// The outputs for raw (unscaled) features: the stored scaler first, then the network.
    public func predict(rawFeatures: Matrix) throws(ScalerError) -> Matrix {
        network.predict(try scaler?.apply(rawFeatures) ?? rawFeatures)
    }

    // MARK: - Writing

    /// The tensors and metadata of the file; `fileName` names the destination in errors.
    public func contents(fileName: String) throws(ModelFileError) -> (tensors: [NamedTensor], metadata: [String: String]) {
        var metadata: [String: String] = [
            "feature_scaling": "none",
            "feature_names": Self.json(featureNames.map { .string($0) }),
            "class_names": Self.json(classNames.map { .string($0) }),
        ]
        if let architecture = network.architecture {
            metadata["model_format"] = Self.format
            metadata["sizes"] = Self.json(architecture.sizes.map { .number(String($0)) })
            metadata["activations"] = Self.json(architecture.hiddenActivations.map { .string($0.modelFileName) })
            metadata["output_activation"] = architecture.outputActivation.modelFileName
            metadata["dropout"] = String(architecture.dropout)
            if let pytorch = architecture.pytorchDescription { metadata["pytorch"] = pytorch }
        } else if let description = network.architectureDescription {
            metadata["model_format"] = Self.sequentialFormat
            metadata["input_shape"] = Self.json(network.inputShape.dimensions.map { .number(String($0)) })
            metadata["layers"] = description.text
            if let pytorch = network.pytorchDescription { metadata["pytorch"] = pytorch }
        } else {
            throw .unsupportedStack(file: fileName, layers: network.layers.map(\.summary).joined(separator: ", "))
        }
        if let loss { metadata["loss"] = loss.name }
        if let scaler {
            guard scaler.columnCount == network.inputSize else {
                throw .scalerMismatch(file: fileName, scalerColumns: scaler.columnCount, inputs: network.inputSize)
            }
            metadata["feature_scaling"] = scaler.kind == .standardization ? "standard" : "minmax"
            // Float's description is the shortest text that reads back as the same Float.
            metadata["feature_offsets"] = Self.json(scaler.offsets.map { .number(String($0)) })
            metadata["feature_scales"] = Self.json(scaler.scales.map { .number(String($0)) })
        }
        return (network.stateTensors, metadata)
    }

    /// Writes the model to `url` atomically (a crash never leaves half a file).
    public func write(to url: URL) throws(ModelFileError) {
        let (tensors, metadata) = try contents(fileName: url.lastPathComponent)
        do {
            try Safetensors.write(tensors, metadata: metadata, to: url)
        } catch {
            throw .container(error)
        }
    }

    // MARK: - Reading

    /// Reads the model at `url`; nothing is returned unless the whole file is sound. `seed` drives the
    /// dropout masks of further training.
    public static func read(from url: URL, seed: UInt64 = 1) throws(ModelFileError) -> SavedModel {
        let file: (tensors: [NamedTensor], metadata: [String: String])
        do {
            file = try Safetensors.read(from: url)
        } catch {
            throw .container(error)
        }
        return try SavedModel(tensors: file.tensors, metadata: file.metadata, seed: seed, fileName: url.lastPathComponent)
    }

    /// Rebuilds a model from a file's tensors and metadata.
    public init(tensors: [NamedTensor], metadata: [String: String], seed: UInt64 = 1, fileName: String) throws(ModelFileError) {
        let reader = MetadataReader(metadata: metadata, fileName: fileName)
        let network: Network
        switch metadata["model_format"] {
        case Self.sequentialFormat?:
            let shape = try reader.integers("input_shape")
            guard !shape.isEmpty, shape.allSatisfy({ $0 >= 1 }) else {
                throw .invalidMetadata(file: fileName, key: "input_shape", value: metadata["input_shape"] ?? "",
                                       expected: "a JSON list of positive sizes such as [1, 8, 8]")
            }
            let layers = try reader.required("layers")
            do {
                let description = try ArchitectureDescription(parsing: layers)
                network = try Network(description: description, inputShape: TensorShape(shape), tensors: tensors,
                                      seed: seed, fileName: fileName)
            } catch let error as ArchitectureError {
                throw .invalidArchitecture(file: fileName, problem: error.description)
            } catch let error as ModelFileError {
                throw error
            } catch {
                throw .invalidArchitecture(file: fileName, problem: "\(error)")
            }
        case nil, Self.format?:
            let sizes = try reader.integers("sizes")
            let activations = try reader.activations("activations")
            let outputActivation = try reader.activation("output_activation")
            let dropout = try reader.optionalFloat("dropout") ?? 0
            let architecture = NetworkArchitecture(sizes: sizes, hiddenActivations: activations,
                                                   outputActivation: outputActivation, dropout: dropout)
            network = try Network(architecture: architecture, tensors: tensors, seed: seed, fileName: fileName)
        case let format?:
            throw .unsupportedFormat(file: fileName, format: format)
        }

        var loss: Loss?
        if let name = metadata["loss"] {
            guard let known = Loss(name: name) else {
                throw .invalidMetadata(file: fileName, key: "loss", value: name, expected: "one of mse, bce, ce")
            }
            loss = known
        }
        let scaler = try reader.scaler(inputs: network.inputSize)
        self.init(network: network, loss: loss, scaler: scaler,
                  featureNames: try reader.optionalStrings("feature_names") ?? [],
                  classNames: try reader.optionalStrings("class_names") ?? [])
    }

    private static func json(_ elements: [HeaderJSON]) -> String {
        HeaderJSON.array(elements).serialized
    }
}

/// Reads typed values out of a model file's metadata, naming the key in every error.
struct MetadataReader {
    let metadata: [String: String]
    let fileName: String

    func required(_ key: String) throws(ModelFileError) -> String {
        guard let value = metadata[key] else { throw .missingMetadata(file: fileName, key: key) }
        return value
    }

    /// The value parsed as a JSON list.
    func list(_ key: String, _ value: String, expected: String) throws(ModelFileError) -> [HeaderJSON] {
        guard case .array(let elements)? = try? HeaderJSON.parse(Array(value.utf8)[...]) else {
            throw .invalidMetadata(file: fileName, key: key, value: value, expected: expected)
        }
        return elements
    }

    func integers(_ key: String) throws(ModelFileError) -> [Int] {
        let value = try required(key)
        let expected = "a JSON list of whole numbers such as [2, 8, 1]"
        var result: [Int] = []
        for element in try list(key, value, expected: expected) {
            guard let number = element.nonNegativeInteger else {
                throw .invalidMetadata(file: fileName, key: key, value: value, expected: expected)
            }
            result.append(number)
        }
        return result
    }

    func floats(_ key: String) throws(ModelFileError) -> [Float] {
        let value = try required(key)
        let expected = "a JSON list of numbers such as [0.5, -1.25]"
        var result: [Float] = []
        for element in try list(key, value, expected: expected) {
            guard case .number(let text) = element, let number = Float(text) else {
                throw .invalidMetadata(file: fileName, key: key, value: value, expected: expected)
            }
            result.append(number)
        }
        return result
    }

    func optionalStrings(_ key: String) throws(ModelFileError) -> [String]? {
        guard let value = metadata[key] else { return nil }
        let expected = "a JSON list of strings such as [\"setosa\", \"versicolor\"]"
        var result: [String] = []
        for element in try list(key, value, expected: expected) {
            guard case .string(let text) = element else {
                throw .invalidMetadata(file: fileName, key: key, value: value, expected: expected)
            }
            result.append(text)
        }
        return result
    }

    func activation(_ key: String) throws(ModelFileError) -> Activation {
        let value = try required(key)
        guard let activation = Activation(modelFileName: value) else {
            throw .invalidMetadata(file: fileName, key: key, value: value, expected: Activation.modelFileNamesHint)
        }
        return activation
    }

    func activations(_ key: String) throws(ModelFileError) -> [Activation] {
        guard let names = try optionalStrings(key) else { throw .missingMetadata(file: fileName, key: key) }
        var result: [Activation] = []
        for name in names {
            guard let activation = Activation(modelFileName: name) else {
                throw .invalidMetadata(file: fileName, key: key, value: metadata[key] ?? "",
                                       expected: "a JSON list of activation names, each " + Activation.modelFileNamesHint)
            }
            result.append(activation)
        }
        return result
    }

    func optionalFloat(_ key: String) throws(ModelFileError) -> Float? {
        guard let value = metadata[key] else { return nil }
        guard let number = Float(value.trimmingCharacters(in: .whitespaces)), number.isFinite else {
            throw .invalidMetadata(file: fileName, key: key, value: value, expected: "a number such as 0.2")
        }
        return number
    }

    func scaler(inputs: Int) throws(ModelFileError) -> Scaler? {
        let kind: Scaler.Kind
        switch metadata["feature_scaling"] ?? "none" {
        case "none": return nil
        case "standard": kind = .standardization
        case "minmax": kind = .minMax
        case let other:
            throw .invalidMetadata(file: fileName, key: "feature_scaling", value: other, expected: "standard, minmax or none")
        }
        let offsets = try floats("feature_offsets"), scales = try floats("feature_scales")
        guard offsets.count == inputs, scales.count == inputs else {
            throw .scalerMismatch(file: fileName, scalerColumns: offsets.count == inputs ? scales.count : offsets.count, inputs: inputs)
        }
        guard offsets.allSatisfy(\.isFinite) else {
            throw .invalidMetadata(file: fileName, key: "feature_offsets", value: metadata["feature_offsets"] ?? "",
                                   expected: "finite numbers, one per feature")
        }
        do {
            return try Scaler(kind: kind, offsets: offsets, scales: scales)
        } catch {
            throw .invalidMetadata(file: fileName, key: "feature_scales", value: metadata["feature_scales"] ?? "",
                                   expected: "positive finite numbers, one per feature (\(error))")
        }
    }
}

extension Activation {
    /// The name a model file uses: the command-line name, with the slope in brackets for a leaky ReLU whose
    /// slope is not PyTorch's default 0.01, such as `leaky-relu(0.2)`.
    public var modelFileName: String {
        if case .leakyReLU(let slope) = self, slope != Activation.leakyReLU.slope { return "leaky-relu(\(slope))" }
        return name
    }

    /// The activation a model file names (see `modelFileName`).
    public init?(modelFileName text: String) {
        if let plain = Activation(name: text) {
            self = plain
            return
        }
        let prefix = "leaky-relu(", suffix = ")"
        guard text.hasPrefix(prefix), text.hasSuffix(suffix),
              let slope = Float(text.dropFirst(prefix.count).dropLast(suffix.count)), slope.isFinite else { return nil }
        self = .leakyReLU(slope: slope)
    }

    /// The slope of a leaky ReLU, 0 for every other activation.
    fileprivate var slope: Float {
        if case .leakyReLU(let slope) = self { return slope }
        return 0
    }

    fileprivate static let modelFileNamesHint = "one of relu, tanh, sigmoid, leaky-relu, leaky-relu(SLOPE), identity, softmax, step"
}
