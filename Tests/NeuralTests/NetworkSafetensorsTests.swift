import Foundation
import Testing
@testable import Neural

@Suite("Networks saved as safetensors model files")
struct NetworkSafetensorsTests {
    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("model-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The error `body` throws, or `nil` when it throws none.
    func modelFileError(_ body: () throws -> Void) -> ModelFileError? {
        do {
            try body()
            return nil
        } catch let error as ModelFileError {
            return error
        } catch {
            Issue.record("expected a ModelFileError, got \(error)")
            return nil
        }
    }

    // MARK: - Names as torch.nn.Sequential gives them

    @Test func tensorNamesAndShapesFollowSequentialNumbering() {
        // nn.Sequential(Linear(2,8), Tanh(), Linear(8,8), Tanh(), Linear(8,1)): the linear layers are
        // children 0, 2 and 4, and nn.Linear stores weight as [out, in].
        let network = Network(sizes: [2, 8, 8, 1], activation: .tanh, outputActivation: .identity, seed: 3)
        let tensors = network.stateTensors
        #expect(tensors.map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"])
        #expect(tensors.map(\.shape) == [[8, 2], [8], [8, 8], [8], [1, 8], [1]])
        #expect(tensors[2].values == network.layers[2].weights.elements)
        #expect(tensors[5].values == network.layers[4].bias)
        #expect(network.architecture?.pytorchDescription
            == "nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 8), nn.Tanh(), nn.Linear(8, 1))")
    }

    @Test func dropoutLayersTakeIndicesToo() {
        // Linear 0, ReLU 1, Dropout 2, Linear 3, Sigmoid 4.
        let network = Network(sizes: [2, 4, 1], activation: .relu, outputActivation: .sigmoid, dropout: 0.5, seed: 1)
        #expect(network.stateTensors.map(\.name) == ["0.weight", "0.bias", "3.weight", "3.bias"])
        let architecture = network.architecture
        #expect(architecture == NetworkArchitecture(sizes: [2, 4, 1], hiddenActivations: [.relu], outputActivation: .sigmoid, dropout: 0.5))
        #expect(architecture?.denseLayerIndices == [0, 3])
        #expect(architecture?.pytorchDescription
            == "nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Dropout(p=0.5), nn.Linear(4, 1), nn.Sigmoid())")
    }

    @Test func identityActivationsTakeNoIndex() {
        // An identity hidden activation adds no layer, so the second Linear is child 1.
        let network = Network(sizes: [3, 4, 2], activation: .identity, outputActivation: .softmax, seed: 1)
        #expect(network.stateTensors.map(\.name) == ["0.weight", "0.bias", "1.weight", "1.bias"])
        #expect(network.architecture?.pytorchDescription == "nn.Sequential(nn.Linear(3, 4), nn.Linear(4, 2), nn.Softmax(dim=1))")
    }

    @Test func stacksOutsideTheMultilayerPerceptronFormSaveAsALayerList() throws {
        var random = RandomSource(seed: 1)
        let network = Network(layers: [
            Dense(inputSize: 2, outputSize: 3, initializer: .xavier, random: &random),
            ActivationLayer(.tanh, size: 3), ActivationLayer(.sigmoid, size: 3),
            Dense(inputSize: 3, outputSize: 1, initializer: .xavier, random: &random),
        ])
        #expect(network.architecture == nil)
        let contents = try SavedModel(network: network).contents(fileName: "odd.safetensors")
        #expect(contents.metadata["model_format"] == "gradschool-sequential/1")
        #expect(contents.metadata["layers"] == "dense 3, tanh, sigmoid, dense 1")
        let loaded = try SavedModel(tensors: contents.tensors, metadata: contents.metadata, fileName: "odd.safetensors")
        #expect(loaded.network.hasSameParameters(as: network))
    }

    @Test func stacksAModelFileCannotDescribeAreRefused() throws {
        var random = RandomSource(seed: 1)
        let network = Network(layers: [
            Dense(inputSize: 2, outputSize: 3, initializer: .xavier, random: &random),
            ActivationLayer(.tanh, size: 3), ActivationLayer(.step, size: 3),
            Dense(inputSize: 3, outputSize: 1, initializer: .xavier, random: &random),
        ])
        #expect(network.architecture == nil)
        let error = modelFileError { _ = try SavedModel(network: network).contents(fileName: "odd.safetensors") }
        guard case .unsupportedStack(let file, let layers)? = error else {
            Issue.record("expected unsupportedStack, got \(String(describing: error))")
            return
        }
        #expect(file == "odd.safetensors" && layers.contains("tanh, step"))
    }

    // MARK: - What the file holds

    @Test func metadataDescribesTheWholeModel() throws {
        let network = Network(sizes: [2, 8, 8, 1], activation: .tanh, outputActivation: .sigmoid, seed: 5)
        let scaler = try Scaler(kind: .standardization, offsets: [0.5, -1.25], scales: [2, 0.1])
        let model = SavedModel(network: network, loss: .binaryCrossEntropy, scaler: scaler,
                               featureNames: ["width", "height \"cm\""], classNames: ["no", "yes"])
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("model.safetensors")
        try model.write(to: url)

        let raw = try Safetensors.read(from: url)
        #expect(raw.metadata == [
            "model_format": "gradschool-mlp/1",
            "sizes": "[2,8,8,1]",
            "activations": "[\"tanh\",\"tanh\"]",
            "output_activation": "sigmoid",
            "dropout": "0.0",
            "loss": "bce",
            "feature_scaling": "standard",
            "feature_offsets": "[0.5,-1.25]",
            "feature_scales": "[2.0,0.1]",
            "feature_names": "[\"width\",\"height \\\"cm\\\"\"]",
            "class_names": "[\"no\",\"yes\"]",
            "pytorch": "nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 8), nn.Tanh(), nn.Linear(8, 1), nn.Sigmoid())",
        ])
        #expect(raw.tensors.map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"])

        // The bytes are float32, little-endian, row-major: the first four data bytes are weights[0, 0].
        let bytes = [UInt8](try Data(contentsOf: url))
        var headerLength = 0
        for index in (0..<8).reversed() { headerLength = headerLength << 8 | Int(bytes[index]) }
        let first = bytes[(8 + headerLength)..<(12 + headerLength)]
        let bits = first.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        #expect(Float(bitPattern: bits) == network.layers[0].weights[0, 0])
        let second = bytes[(12 + headerLength)..<(16 + headerLength)].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        #expect(Float(bitPattern: second) == network.layers[0].weights[0, 1])
    }

    @Test func saveThenLoadGivesIdenticalPredictions() throws {
        let data = Dataset.circle(samples: 120, noise: 0.1, seed: 4)
        let scaler = Scaler.fit(.minMax, to: data.features)
        let scaled = try scaler.apply(data.features)
        var trainer = Trainer(network: Network(sizes: [2, 6, 5, 1], activation: .relu, outputActivation: .sigmoid, dropout: 0.2, seed: 9),
                              training: Examples(features: scaled, targets: data.targets),
                              configuration: TrainingConfiguration(epochs: 5, batchSize: 8, loss: .binaryCrossEntropy, optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)))
        trainer.train()
        let model = SavedModel(network: trainer.network, loss: .binaryCrossEntropy, scaler: scaler,
                               featureNames: data.featureNames, classNames: data.classNames)

        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("circle.safetensors")
        try model.write(to: url)
        let loaded = try SavedModel.read(from: url)

        #expect(loaded.network.specs == trainer.network.specs)
        #expect(loaded.network.stateTensors == trainer.network.stateTensors)
        #expect(loaded.loss == .binaryCrossEntropy)
        #expect(loaded.scaler == scaler)
        #expect(loaded.featureNames == data.featureNames && loaded.classNames == data.classNames)
        // Bit for bit: the same weights, the same scaling, the same arithmetic.
        #expect(try loaded.predict(rawFeatures: data.features) == trainer.network.predict(scaled))
    }

    @Test func leakyReLUKeepsItsSlope() throws {
        let network = Network(sizes: [2, 3, 1], activation: .leakyReLU(slope: 0.2), outputActivation: .identity, seed: 2)
        let (tensors, metadata) = try SavedModel(network: network).contents(fileName: "leaky.safetensors")
        #expect(metadata["activations"] == "[\"leaky-relu(0.2)\"]")
        #expect(metadata["pytorch"] == "nn.Sequential(nn.Linear(2, 3), nn.LeakyReLU(0.2), nn.Linear(3, 1))")
        let loaded = try SavedModel(tensors: tensors, metadata: metadata, fileName: "leaky.safetensors")
        #expect(loaded.network.specs == network.specs)
        #expect(Activation(modelFileName: "leaky-relu") == .leakyReLU(slope: 0.01))
        #expect(Activation(modelFileName: "leaky-relu(nope)") == nil)
    }

    @Test func aFileWithOnlyTheThreeRequiredKeysLoads() throws {
        // What a PyTorch user writes with safetensors.torch.save_file(model.state_dict(), path, metadata=…).
        // One neuron: z = 1·x1 − 2·x2 + 0.5, output σ(z). For (3, 1): z = 1.5, σ(1.5) = 1 / (1 + e^−1.5).
        let tensors = [NamedTensor(name: "0.weight", matrix: Matrix([[1, -2]])), NamedTensor(name: "0.bias", vector: [0.5])]
        let metadata = ["sizes": "[2, 1]", "activations": "[]", "output_activation": "sigmoid"]
        let model = try SavedModel(tensors: tensors, metadata: metadata, fileName: "torch.safetensors")
        #expect(model.loss == nil && model.scaler == nil && model.classNames.isEmpty)
        let prediction = model.network.predict(Matrix([[3, 1]]))[0, 0]
        #expect(abs(Double(prediction) - 1 / (1 + exp(-1.5))) < 1e-6)
    }

    // MARK: - Files that must be refused

    static let goodTensors = [
        NamedTensor(name: "0.weight", shape: [4, 2], values: [Float](repeating: 0.5, count: 8)),
        NamedTensor(name: "0.bias", shape: [4], values: [0, 0, 0, 0]),
        NamedTensor(name: "2.weight", shape: [1, 4], values: [1, 1, 1, 1]),
        NamedTensor(name: "2.bias", shape: [1], values: [0]),
    ]
    static let goodMetadata = ["sizes": "[2,4,1]", "activations": "[\"tanh\"]", "output_activation": "identity"]

    func loadingError(tensors: [NamedTensor] = goodTensors, metadata: [String: String] = goodMetadata) -> ModelFileError? {
        modelFileError { _ = try SavedModel(tensors: tensors, metadata: metadata, fileName: "m.safetensors") }
    }

    @Test func theGoodFixtureLoads() {
        #expect(loadingError() == nil)
    }

    @Test func shapesThatDoNotChainAreNamed() {
        var tensors = Self.goodTensors
        tensors[2] = NamedTensor(name: "2.weight", shape: [1, 3], values: [1, 1, 1])
        #expect(loadingError(tensors: tensors)
            == .wrongShape(file: "m.safetensors", name: "2.weight", shape: [1, 3], expected: [1, 4], layer: 1, inputs: 4, outputs: 1))
        let message = loadingError(tensors: tensors)?.description ?? ""
        #expect(message.hasPrefix("m.safetensors: tensor \"2.weight\" has shape [1, 3]") && message.contains("do not chain"))

        // Sizes in the metadata that disagree with the tensors fail on the first layer that differs.
        var metadata = Self.goodMetadata
        metadata["sizes"] = "[2,3,1]"
        #expect(loadingError(metadata: metadata)
            == .wrongShape(file: "m.safetensors", name: "0.weight", shape: [4, 2], expected: [3, 2], layer: 0, inputs: 2, outputs: 3))
    }

    @Test func missingAndLeftOverTensorsAreRefused() {
        #expect(loadingError(tensors: Array(Self.goodTensors.dropLast()))
            == .missingTensor(file: "m.safetensors", name: "2.bias", shape: [1]))
        #expect(loadingError(tensors: Self.goodTensors + [NamedTensor(name: "scaler.mean", vector: [0, 0])])
            == .unexpectedTensor(file: "m.safetensors", name: "scaler.mean", expected: ["0.weight", "0.bias", "2.weight", "2.bias"]))
        // Weights saved without their activation in between would be numbered 0 and 1.
        var renumbered = Self.goodTensors
        renumbered[2].name = "1.weight"
        renumbered[3].name = "1.bias"
        #expect(loadingError(tensors: renumbered) == .missingTensor(file: "m.safetensors", name: "2.weight", shape: [1, 4]))
    }

    @Test func badMetadataIsNamedByKey() {
        func without(_ key: String) -> [String: String] { Self.goodMetadata.filter { $0.key != key } }
        func with(_ key: String, _ value: String) -> [String: String] { Self.goodMetadata.merging([key: value]) { $1 } }
        #expect(loadingError(metadata: without("sizes")) == .missingMetadata(file: "m.safetensors", key: "sizes"))
        #expect(loadingError(metadata: without("activations")) == .missingMetadata(file: "m.safetensors", key: "activations"))
        #expect(loadingError(metadata: without("output_activation")) == .missingMetadata(file: "m.safetensors", key: "output_activation"))
        #expect(loadingError(metadata: [:]) == .missingMetadata(file: "m.safetensors", key: "sizes"))

        for (key, value) in [("sizes", "2,4,1"), ("sizes", "[2,-4,1]"), ("sizes", "[2,4.5,1]"), ("activations", "[\"swish\"]"),
                             ("activations", "tanh"), ("output_activation", "gelu"), ("dropout", "lots"), ("loss", "hinge"),
                             ("class_names", "[1,2]"), ("feature_scaling", "log")] {
            guard case .invalidMetadata(let file, let badKey, let badValue, _)? = loadingError(metadata: with(key, value)) else {
                Issue.record("\(key) = \(value) was not refused as invalid metadata")
                continue
            }
            #expect(file == "m.safetensors" && badKey == key && badValue == value)
        }
        #expect(loadingError(metadata: with("model_format", "gradschool-mlp/2"))
            == .unsupportedFormat(file: "m.safetensors", format: "gradschool-mlp/2"))
        #expect(loadingError(metadata: with("sizes", "[2]"))
            == .invalidArchitecture(file: "m.safetensors", problem: "a network needs at least an input size and an output size, got [2]"))
        #expect(loadingError(metadata: with("activations", "[]"))
            == .invalidArchitecture(file: "m.safetensors", problem: "1 hidden layers need 1 activations, got 0"))
        #expect(loadingError(metadata: with("dropout", "1"))
            == .invalidArchitecture(file: "m.safetensors", problem: "the dropout probability must be at least 0 and below 1, got 1.0"))
    }

    @Test func scalerMustFitTheInputs() {
        var metadata = Self.goodMetadata
        metadata["feature_scaling"] = "standard"
        metadata["feature_offsets"] = "[0, 0, 0]"
        metadata["feature_scales"] = "[1, 1, 1]"
        #expect(loadingError(metadata: metadata) == .scalerMismatch(file: "m.safetensors", scalerColumns: 3, inputs: 2))
        metadata["feature_offsets"] = "[0, 0]"
        metadata["feature_scales"] = "[1, 0]"
        guard case .invalidMetadata(_, "feature_scales", _, _)? = loadingError(metadata: metadata) else {
            Issue.record("a zero scale was accepted")
            return
        }
    }

    @Test func weightsOfADivergedRunAreRefused() {
        var tensors = Self.goodTensors
        tensors[1] = NamedTensor(name: "0.bias", shape: [4], values: [0, .nan, 0, 0])
        #expect(loadingError(tensors: tensors) == .notFinite(file: "m.safetensors", name: "0.bias"))
    }

    @Test func brokenContainersAreRefusedWithTheirReason() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func readError(_ bytes: [UInt8], name: String = "broken.safetensors") throws -> ModelFileError? {
            let url = folder.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            return modelFileError { _ = try SavedModel.read(from: url) }
        }
        let good = Safetensors.encode(Self.goodTensors, metadata: Self.goodMetadata)

        // Cut anywhere, the file is refused, never half-loaded.
        for length in [0, 5, 8, 40, good.count - 4, good.count - 1] {
            let error = try readError(Array(good.prefix(length)))
            guard case .container? = error else {
                Issue.record("a file cut to \(length) of \(good.count) bytes gave \(String(describing: error))")
                continue
            }
        }
        #expect(try readError(Array(good.prefix(5))) == .container(.truncated(file: "broken.safetensors", byteCount: 5)))

        let notJSON = SafetensorsTests.file(header: "{\"sizes\": [2, 4", data: [])
        guard case .container(.headerNotJSON(let file, _, _))? = try readError(notJSON) else {
            Issue.record("a header that is not JSON was accepted")
            return
        }
        #expect(file == "broken.safetensors")

        let doubles = SafetensorsTests.file(
            header: "{\"0.weight\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", data: [UInt8](repeating: 0, count: 8))
        #expect(try readError(doubles) == .container(.unsupportedDType(file: "broken.safetensors", tensor: "0.weight", dtype: "F64")))

        let missing = modelFileError { _ = try SavedModel.read(from: folder.appendingPathComponent("absent.safetensors")) }
        #expect(missing?.isUnreadableFile == true)
        #expect(try readError(notJSON)?.isUnreadableFile == false)
    }
}
