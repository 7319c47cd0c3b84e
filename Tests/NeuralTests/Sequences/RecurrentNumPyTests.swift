import Foundation
import Testing
@testable import Neural

/// LSTM and GRU outputs against NumPy code written from PyTorch's documented equations for `nn.LSTM`
/// and `nn.GRU` (gate order i, f, g, o and r, z, n; `batch_first=True`), fed the same weights.
@Suite("Recurrent layers against NumPy", .enabled(if: PythonRunner.hasSafetensors, "python3 with numpy is not installed"))
struct RecurrentNumPyTests {
    static let script = """
    import json, sys
    import numpy as np
    d = json.loads(sys.stdin.read() if len(sys.argv) < 2 else sys.argv[1])
    kind, steps, H = d["kind"], d["steps"], d["hidden"]
    x = np.array(d["input"], dtype=np.float64).reshape(d["batch"], steps, -1)
    W_ih = np.array(d["weight_ih_l0"]).reshape(-1, x.shape[2]); W_hh = np.array(d["weight_hh_l0"]).reshape(-1, H)
    b_ih = np.array(d["bias_ih_l0"]); b_hh = np.array(d["bias_hh_l0"])
    sigmoid = lambda v: 1 / (1 + np.exp(-v))
    h = np.zeros((x.shape[0], H)); c = np.zeros((x.shape[0], H)); out = []
    for t in range(steps):
        xt = x[:, t, :]
        if kind == "lstm":
            gates = xt @ W_ih.T + b_ih + h @ W_hh.T + b_hh
            i, f, g, o = np.split(gates, 4, axis=1)
            i, f, g, o = sigmoid(i), sigmoid(f), np.tanh(g), sigmoid(o)
            c = f * c + i * g
            h = o * np.tanh(c)
        else:
            gi = xt @ W_ih.T + b_ih; gh = h @ W_hh.T + b_hh
            i_r, i_z, i_n = np.split(gi, 3, axis=1); h_r, h_z, h_n = np.split(gh, 3, axis=1)
            r = sigmoid(i_r + h_r); z = sigmoid(i_z + h_z)
            n = np.tanh(i_n + r * h_n)
            h = (1 - z) * n + z * h
        out.append(h.copy())
    print(json.dumps(np.stack(out, axis=1).reshape(-1).tolist()))
    """

    @Test(arguments: [RecurrentKind.lstm, .gru])
    func outputsMatchNumPy(kind: RecurrentKind) throws {
        let (batch, steps, features, hidden) = (3, 7, 4, 6)
        var random = RandomSource(seed: 21)
        var layer: any Layer = kind == .lstm
            ? LSTM(steps: steps, inputFeatures: features, hiddenSize: hidden, random: &random)
            : GRU(steps: steps, inputFeatures: features, hiddenSize: hidden, random: &random)
        // Larger weights than the defaults, so saturated gates are exercised too.
        for index in layer.parameters.indices {
            layer.parameters[index].values = layer.parameters[index].values.map { $0 * 3 }
        }
        let input = LayerGradientChecking.randomSequences(rows: batch, steps: steps, features: features, seed: 22)
        layer.forward(input, mode: .evaluation)
        var payload: [String: Any] = ["kind": kind.rawValue, "steps": steps, "hidden": hidden, "batch": batch,
                                      "input": input.elements.map(Double.init)]
        for parameter in layer.parameters { payload[parameter.name] = parameter.values.elements.map(Double.init) }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: payload), as: UTF8.self)
        let result = PythonRunner.run(Self.script, arguments: [json])
        #expect(result.status == 0)
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [Double])
        #expect(expected.count == batch * steps * hidden)
        for (index, value) in expected.enumerated() {
            #expect(abs(Double(layer.output.storage[index]) - value) < 1e-5, "\(kind) output \(index)")
        }
    }
}
