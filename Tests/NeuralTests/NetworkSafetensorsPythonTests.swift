import Foundation
import Testing
@testable import Neural

/// Model files opened by Python's reference safetensors reader and used by NumPy, and their tensor names
/// checked against the naming rules of `torch.nn.Sequential` (PyTorch itself is not needed: the rules are
/// that children are numbered by position from 0, `nn.Linear(in, out)` owns `weight` `[out, in]` and `bias`
/// `[out]`, and activations and dropout own no parameters; `load_state_dict` demands exactly those keys
/// and shapes).
@Suite("Model files against Python", .enabled(if: PythonRunner.hasSafetensors, "python3 with safetensors and numpy is not installed"))
struct NetworkSafetensorsPythonTests {
    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("model-python-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A stand-in for `torch.nn` that knows only what `state_dict` keys and shapes a module stack has.
    static let sequentialRules = """
    import types
    class Linear:
        def __init__(self, in_features, out_features): self.parameters = {"weight": [out_features, in_features], "bias": [out_features]}
    class NoParameters:
        def __init__(self, *args, **kwargs): self.parameters = {}
    class Sequential:
        def __init__(self, *modules): self.modules = modules
        def state_dict_shapes(self):
            return {f"{index}.{name}": shape for index, module in enumerate(self.modules) for name, shape in module.parameters.items()}
    nn = types.SimpleNamespace(Linear=Linear, Sequential=Sequential, Tanh=NoParameters, ReLU=NoParameters, Sigmoid=NoParameters,
                               LeakyReLU=NoParameters, Softmax=NoParameters, Dropout=NoParameters)
    """

    @Test func theIssueSnippetsSequentialMatchesTheFileExactly() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("tanh.safetensors")
        let network = Network(sizes: [2, 8, 8, 1], activation: .tanh, outputActivation: .identity, seed: 7)
        try SavedModel(network: network, loss: .meanSquaredError).write(to: url)

        let script = Self.sequentialRules + "\n" + """
        import json, sys
        from safetensors import safe_open
        from safetensors.numpy import load_file
        tensors = load_file(sys.argv[1])
        with safe_open(sys.argv[1], framework="np") as handle:
            metadata = handle.metadata()
        written_by_hand = nn.Sequential(nn.Linear(2,8), nn.Tanh(), nn.Linear(8,8), nn.Tanh(), nn.Linear(8,1)).state_dict_shapes()
        from_metadata = eval(metadata["pytorch"], {"nn": nn}).state_dict_shapes()
        in_file = {name: list(array.shape) for name, array in tensors.items()}
        print(json.dumps({"by_hand": written_by_hand == in_file, "from_metadata": from_metadata == in_file,
                          "dtypes": sorted({str(array.dtype) for array in tensors.values()}),
                          "little_endian": all(array.dtype.byteorder in "<=" for array in tensors.values()),
                          "sizes": json.loads(metadata["sizes"]), "activations": json.loads(metadata["activations"])}))
        """
        let result = PythonRunner.run(script, arguments: [url.path])
        #expect(result.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(report["by_hand"] as? Bool == true)
        #expect(report["from_metadata"] as? Bool == true)
        #expect(report["dtypes"] as? [String] == ["float32"])
        #expect(report["little_endian"] as? Bool == true)
        #expect(report["sizes"] as? [Int] == [2, 8, 8, 1])
        #expect(report["activations"] as? [String] == ["tanh", "tanh"])
    }

    @Test func numpyPredictsWhatTheEngineDoes() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("iris.safetensors")
        let iris = try Dataset.iris()
        let scaler = Scaler.fit(.standardization, to: iris.features)
        // Dropout is on, so the file numbers the layers 0 (Linear), 1 (ReLU), 2 (Dropout), 3 (Linear), 4 (Softmax).
        let network = Network(sizes: [4, 5, 3], activation: .relu, outputActivation: .softmax, dropout: 0.3, seed: 11)
        let model = SavedModel(network: network, loss: .crossEntropy, scaler: scaler, classNames: iris.classNames)
        try model.write(to: url)
        let expected = try model.predict(rawFeatures: iris.features)

        let rows = (0..<iris.count).map { iris.features.row($0).map { "\($0)" }.joined(separator: ",") }.joined(separator: ";")
        let script = """
        import json, sys, numpy as np
        from safetensors import safe_open
        from safetensors.numpy import load_file
        tensors = load_file(sys.argv[1])
        with safe_open(sys.argv[1], framework="np") as handle:
            metadata = handle.metadata()
        x = np.array([[float(v) for v in row.split(",")] for row in sys.argv[2].split(";")], dtype=np.float32)
        x = (x - np.array(json.loads(metadata["feature_offsets"]), dtype=np.float32)) / np.array(json.loads(metadata["feature_scales"]), dtype=np.float32)
        hidden = np.maximum(x @ tensors["0.weight"].T + tensors["0.bias"], 0)
        scores = hidden @ tensors["3.weight"].T + tensors["3.bias"]
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        print(json.dumps((scores / scores.sum(axis=1, keepdims=True)).reshape(-1).tolist()))
        """
        let result = PythonRunner.run(script, arguments: [url.path, rows])
        #expect(result.status == 0)
        let probabilities = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [Double])
        #expect(probabilities.count == expected.count)
        let largestDifference = zip(probabilities, expected.elements).map { abs($0 - Double($1)) }.max() ?? .infinity
        #expect(largestDifference < 1e-5)
    }

    /// A stand-in for the image modules: `nn.Conv2d(in, out, k)` owns `weight` `[out, in, k, k]` and `bias`
    /// `[out]`; pooling and flattening own nothing.
    static let imageRules = """
    class Conv2d:
        def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0):
            kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
            self.parameters = {"weight": [out_channels, in_channels, kh, kw], "bias": [out_channels]}
    nn.Conv2d = Conv2d
    nn.MaxPool2d = NoParameters
    nn.AvgPool2d = NoParameters
    nn.Flatten = NoParameters
    """

    @Test func aConvolutionalModelLoadsStrictlyAndNumPyPredictsWhatTheEngineDoes() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("cnn.safetensors")
        let network = try ArchitectureDescription(parsing: ArchitectureDescriptionTests.digits + ", softmax")
            .network(inputShape: [1, 8, 8], seed: 5)
        let model = SavedModel(network: network, loss: .crossEntropy)
        try model.write(to: url)
        var random = RandomSource(seed: 6)
        let input = Matrix(rows: 4, columns: 64, elements: (0..<256).map { _ in random.uniform(0...1) })
        let expected = network.predict(input)
        let rows = (0..<4).map { input.row($0).map { "\($0)" }.joined(separator: ",") }.joined(separator: ";")

        let script = Self.sequentialRules + "\n" + Self.imageRules + "\n" + """
        import json, sys, numpy as np
        from safetensors import safe_open
        from safetensors.numpy import load_file
        t = load_file(sys.argv[1])
        with safe_open(sys.argv[1], framework="np") as handle:
            metadata = handle.metadata()
        by_hand = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 16, 3, padding=1),
                                nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(64, 10), nn.Softmax(dim=1)).state_dict_shapes()
        from_metadata = eval(metadata["pytorch"], {"nn": nn}).state_dict_shapes()
        in_file = {name: list(array.shape) for name, array in t.items()}
        def conv(x, w, b, pad):
            n, c, h, wd = x.shape
            o, _, kh, kw = w.shape
            x = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
            out = np.zeros((n, o, h + 2 * pad - kh + 1, wd + 2 * pad - kw + 1), dtype=np.float32)
            for i in range(kh):
                for j in range(kw):
                    out += np.einsum("nchw,oc->nohw", x[:, :, i:i + out.shape[2], j:j + out.shape[3]], w[:, :, i, j])
            return out + b[None, :, None, None]
        def pool(x):
            n, c, h, w = x.shape
            return x.reshape(n, c, h // 2, 2, w // 2, 2).max(axis=(3, 5))
        x = np.array([[float(v) for v in row.split(",")] for row in sys.argv[2].split(";")], dtype=np.float32).reshape(-1, 1, 8, 8)
        x = pool(np.maximum(conv(x, t["0.weight"], t["0.bias"], 1), 0))
        x = pool(np.maximum(conv(x, t["3.weight"], t["3.bias"], 1), 0))
        scores = x.reshape(x.shape[0], -1) @ t["7.weight"].T + t["7.bias"]
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        print(json.dumps({"by_hand": by_hand == in_file, "from_metadata": from_metadata == in_file,
                          "probabilities": (scores / scores.sum(axis=1, keepdims=True)).reshape(-1).tolist()}))
        """
        let result = PythonRunner.run(script, arguments: [url.path, rows])
        #expect(result.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(report["by_hand"] as? Bool == true)
        #expect(report["from_metadata"] as? Bool == true)
        let probabilities = try #require(report["probabilities"] as? [Double])
        #expect(probabilities.count == 40)
        let largestDifference = zip(probabilities, expected.elements).map { abs($0 - Double($1)) }.max() ?? .infinity
        #expect(largestDifference < 1e-5)
    }
}
