import Foundation
import Testing
@testable import Neural

/// Runs Python scripts for the interoperability tests.
enum PythonRunner {
    /// Runs `python3 -c script arguments…` and returns its exit status and standard output.
    static func run(_ script: String, arguments: [String] = []) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return (-1, "")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Whether `python3` can import the reference safetensors implementation and NumPy.
    static let hasSafetensors: Bool = run("import numpy, safetensors.numpy").status == 0
}

@Suite("Safetensors against the Python reference", .enabled(if: PythonRunner.hasSafetensors, "python3 with safetensors and numpy is not installed"))
struct SafetensorsPythonTests {
    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("safetensors-python-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func pythonReadsWhatSwiftWrites() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("swift.safetensors")
        try Safetensors.write([
            NamedTensor(name: "layer1.weights", matrix: Matrix([[0.5, -1.25, 3], [4, 5.5, -6]])),
            NamedTensor(name: "layer1.bias", vector: [0.125, -0.0625]),
            NamedTensor(name: "scalar", shape: [], values: [7]),
        ], metadata: ["problem": "circle", "epochs": "12"], to: url)

        let script = """
        import json, sys
        from safetensors import safe_open
        from safetensors.numpy import load_file
        tensors = load_file(sys.argv[1])
        with safe_open(sys.argv[1], framework="np") as handle:
            metadata = handle.metadata()
        print(json.dumps({"metadata": metadata, "tensors": {name: {"dtype": str(array.dtype), "shape": list(array.shape),
              "values": array.reshape(-1).tolist()} for name, array in tensors.items()}}))
        """
        let result = PythonRunner.run(script, arguments: [url.path])
        #expect(result.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(report["metadata"] as? [String: String] == ["problem": "circle", "epochs": "12"])
        let tensors = try #require(report["tensors"] as? [String: [String: Any]])
        #expect(Set(tensors.keys) == ["layer1.weights", "layer1.bias", "scalar"])
        let weights = try #require(tensors["layer1.weights"])
        #expect(weights["dtype"] as? String == "float32")
        #expect(weights["shape"] as? [Int] == [2, 3])
        #expect(weights["values"] as? [Double] == [0.5, -1.25, 3, 4, 5.5, -6])
        #expect(tensors["layer1.bias"]?["values"] as? [Double] == [0.125, -0.0625])
        #expect(tensors["scalar"]?["shape"] as? [Int] == [])
    }

    @Test func swiftReadsWhatPythonWrites() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("python.safetensors")
        let script = """
        import sys, numpy as np
        from safetensors.numpy import save_file
        save_file({"weights": (np.arange(6, dtype=np.float32) / 4).reshape(2, 3),
                   "bias": np.array([-1.5, 2.25], dtype=np.float32),
                   "scalar": np.array(3.0, dtype=np.float32)}, sys.argv[1], metadata={"model": "mlp"})
        save_file({"doubles": np.array([1.0], dtype=np.float64)}, sys.argv[2])
        """
        let doubles = folder.appendingPathComponent("doubles.safetensors")
        #expect(PythonRunner.run(script, arguments: [url.path, doubles.path]).status == 0)

        let loaded = try Safetensors.read(from: url)
        #expect(loaded.metadata == ["model": "mlp"])
        let byName = Dictionary(uniqueKeysWithValues: loaded.tensors.map { ($0.name, $0) })
        #expect(byName["weights"] == NamedTensor(name: "weights", shape: [2, 3], values: [0, 0.25, 0.5, 0.75, 1, 1.25]))
        #expect(byName["bias"] == NamedTensor(name: "bias", shape: [2], values: [-1.5, 2.25]))
        #expect(byName["scalar"] == NamedTensor(name: "scalar", shape: [], values: [3]))

        #expect(throws: SafetensorsError.unsupportedDType(file: "doubles.safetensors", tensor: "doubles", dtype: "F64")) {
            try Safetensors.read(from: doubles)
        }
    }
}
