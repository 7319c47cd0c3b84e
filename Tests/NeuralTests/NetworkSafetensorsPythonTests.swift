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

    /// One epoch of plain SGD on a small CNN (two convolutions, padding 1 and 0, ReLU, max pooling, a dense
    /// head, softmax cross-entropy, batches of 4 in order) against NumPy applying PyTorch's rules by hand.
    @Test func oneEpochOfSGDOnACNNMatchesNumPy() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let network = try ArchitectureDescription(parsing: "conv 2 3 pad 1, relu, maxpool 2, conv 3 3, relu, flatten, dense 3, softmax")
            .network(inputShape: [1, 8, 8], seed: 8)
        var random = RandomSource(seed: 9)
        let features = Matrix(rows: 12, columns: 64, elements: (0..<768).map { _ in random.uniform(-1...1) })
        let targets = OneHot.encode((0..<12).map { $0 % 3 }, classCount: 3)
        var trainer = Trainer(network: network, training: Examples(features: features, targets: targets),
                              configuration: TrainingConfiguration(epochs: 1, batchSize: 4, loss: .crossEntropy, optimizer: .sgd,
                                                                   learningRate: 0.1, shuffle: false))
        trainer.train()
        let before = folder.appendingPathComponent("before.safetensors"), after = folder.appendingPathComponent("after.safetensors")
        try SavedModel(network: network).write(to: before)
        try SavedModel(network: trainer.network).write(to: after)
        let rows = (0..<12).map { features.row($0).map { "\($0)" }.joined(separator: ",") }.joined(separator: ";")

        let script = """
        import json, sys, numpy as np
        from safetensors.numpy import load_file
        t = {k: v.astype(np.float64) for k, v in load_file(sys.argv[1]).items()}
        done = load_file(sys.argv[2])
        X = np.array([[float(v) for v in r.split(",")] for r in sys.argv[3].split(";")]).reshape(-1, 1, 8, 8)
        Y = np.eye(3)[np.arange(12) % 3]
        def conv(x, w, b, pad):
            x = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
            kh, kw = w.shape[2:]
            h, wd = x.shape[2] - kh + 1, x.shape[3] - kw + 1
            out = sum(np.einsum("nchw,oc->nohw", x[:, :, i:i + h, j:j + wd], w[:, :, i, j]) for i in range(kh) for j in range(kw))
            return out + b[None, :, None, None], x
        def conv_back(g, xp, w, pad):
            kh, kw = w.shape[2:]
            h, wd = g.shape[2:]
            dw = np.zeros_like(w); dxp = np.zeros_like(xp)
            for i in range(kh):
                for j in range(kw):
                    dw[:, :, i, j] = np.einsum("nohw,nchw->oc", g, xp[:, :, i:i + h, j:j + wd])
                    dxp[:, :, i:i + h, j:j + wd] += np.einsum("nohw,oc->nchw", g, w[:, :, i, j])
            dx = dxp[:, :, pad:dxp.shape[2] - pad, pad:dxp.shape[3] - pad] if pad else dxp
            return dw, g.sum(axis=(0, 2, 3)), dx
        for start in range(0, 12, 4):
            x, y = X[start:start + 4], Y[start:start + 4]
            z1, xp1 = conv(x, t["0.weight"], t["0.bias"], 1)
            a1 = np.maximum(z1, 0)
            n, c, h, w = a1.shape
            windows = a1.reshape(n, c, h // 2, 2, w // 2, 2).transpose(0, 1, 2, 4, 3, 5).reshape(n, c, h // 2, w // 2, 4)
            p1 = windows.max(axis=-1); winner = windows.argmax(axis=-1)
            z2, xp2 = conv(p1, t["3.weight"], t["3.bias"], 0)
            a2 = np.maximum(z2, 0)
            f = a2.reshape(4, -1)
            s = f @ t["6.weight"].T + t["6.bias"]
            p = np.exp(s - s.max(axis=1, keepdims=True)); p /= p.sum(axis=1, keepdims=True)
            ds = (p - y) / 4
            g6w, g6b = ds.T @ f, ds.sum(axis=0)
            da2 = (ds @ t["6.weight"]).reshape(a2.shape) * (z2 > 0)
            g3w, g3b, dp1 = conv_back(da2, xp2, t["3.weight"], 0)
            dwin = np.zeros_like(windows)
            np.put_along_axis(dwin, winner[..., None], dp1[..., None], axis=-1)
            da1 = dwin.reshape(n, c, h // 2, w // 2, 2, 2).transpose(0, 1, 2, 4, 3, 5).reshape(n, c, h, w)
            g0w, g0b, _ = conv_back(da1 * (z1 > 0), xp1, t["0.weight"], 1)
            for name, g in [("0.weight", g0w), ("0.bias", g0b), ("3.weight", g3w), ("3.bias", g3b), ("6.weight", g6w), ("6.bias", g6b)]:
                t[name] = t[name] - 0.1 * g
        print(json.dumps({k: float(np.abs(t[k] - done[k]).max()) for k in t}))
        """
        let result = PythonRunner.run(script, arguments: [before.path, after.path, rows])
        #expect(result.status == 0)
        let differences = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Double])
        #expect(Set(differences.keys) == ["0.weight", "0.bias", "3.weight", "3.bias", "6.weight", "6.bias"])
        for (name, difference) in differences { #expect(difference < 1e-5, "\(name) differs by \(difference)") }
        // The epoch moved every tensor, so agreement is not agreement on doing nothing.
        #expect(!trainer.network.hasSameParameters(as: network))
    }
}
