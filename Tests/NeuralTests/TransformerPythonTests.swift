import Foundation
import Testing
@testable import Neural

/// A saved transformer read by Python's reference safetensors reader and run by a NumPy forward pass
/// written from PyTorch's documented equations (`nn.LayerNorm`, `nn.MultiheadAttention` with a causal
/// `attn_mask`, `nn.Linear`, `nn.Embedding`), using the tensors by their names in the file.
@Suite("Transformer against a NumPy reference", .enabled(if: PythonRunner.hasSafetensors, "python3 with safetensors and numpy is not installed"))
struct TransformerPythonTests {
    static let script = """
    import json, sys
    import numpy as np
    from safetensors.numpy import load_file
    stored = {name: array.astype(np.float64) for name, array in load_file(sys.argv[1]).items()}
    used = set()
    def t(name):
        used.add(name)
        return stored[name]
    ids = np.array(json.loads(sys.argv[2]), dtype=np.int64)
    H = int(sys.argv[3])
    def layer_norm(x, p):
        # nn.LayerNorm: (x - E[x]) / sqrt(Var[x] + eps) * weight + bias, biased variance, eps = 1e-5
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + 1e-5) * t(p + "weight") + t(p + "bias")
    def attention(x, p):
        # nn.MultiheadAttention(d, H, batch_first=True)(x, x, x, attn_mask=causal):
        # q, k, v = x W_q^T + b_q, ...; softmax(q k^T / sqrt(d_h) + mask) v per head; concat; out_proj
        B, T, d = x.shape
        dh = d // H
        qkv = x @ t(p + "in_proj_weight").T + t(p + "in_proj_bias")
        def heads(m): return m.reshape(B, T, H, dh).transpose(0, 2, 1, 3)
        q, k, v = heads(qkv[..., :d]), heads(qkv[..., d:2 * d]), heads(qkv[..., 2 * d:])
        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(dh)
        scores = np.where(np.triu(np.ones((T, T), dtype=bool), 1), -np.inf, scores)
        w = np.exp(scores - scores.max(-1, keepdims=True))
        w /= w.sum(-1, keepdims=True)
        out = (w @ v).transpose(0, 2, 1, 3).reshape(B, T, d)
        return out @ t(p + "out_proj.weight").T + t(p + "out_proj.bias"), w
    x = t("0.token.weight")[ids] + t("0.position.weight")[None, :ids.shape[1]]
    weights = []
    for block in (1, 2):
        p = f"{block}."
        a, w = attention(layer_norm(x, p + "ln_1."), p + "attn.")
        weights.append(w)
        x = x + a
        hidden = np.maximum(layer_norm(x, p + "ln_2.") @ t(p + "mlp.0.weight").T + t(p + "mlp.0.bias"), 0)
        x = x + hidden @ t(p + "mlp.2.weight").T + t(p + "mlp.2.bias")
    logits = layer_norm(x, "3.") @ t("4.weight").T + t("4.bias")
    print(json.dumps({"logits": logits.reshape(-1).tolist(), "weights": weights[1].reshape(-1).tolist(),
                      "unused": sorted(set(stored) - used)}))
    """

    @Test func aSavedTransformerGivesTheNumPyReferencesOutputs() throws {
        let (vocabulary, steps, heads) = (13, 12, 4)
        var network = try ArchitectureDescription(parsing: "posembed 16 vocab \(vocabulary), transformer 2 blocks \(heads) heads, layernorm, dense \(vocabulary)")
            .network(inputShape: [steps], seed: 41)
        // A few Adam steps first, so no tensor keeps its starting value (γ = 1, zero biases).
        let task = SequenceTask.reverse(digits: 6)
        var batch = task.examples(count: 8, seed: 42)
        #expect(batch.steps == steps)
        var optimizer = Optimizer(.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), learningRate: 0.01)
        optimizer.prepare(tensorSizes: network.parameterTensorSizes)
        var gradient = Matrix(rows: 8, columns: network.outputSize)
        var random = RandomSource(seed: 43)
        for _ in 0..<5 {
            task.refill(&batch, using: &random)
            network.forward(batch.inputs, mode: .training)
            _ = SequenceCrossEntropy.evaluate(logits: network.output, targets: batch.targets, mask: batch.mask, gradient: &gradient)
            network.backward(input: batch.inputs, outputGradient: gradient, fromLayer: network.layers.count - 1)
            network.update(with: &optimizer)
        }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("transformer-python-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("reverse.safetensors")
        try SavedModel(network: network).write(to: url)

        var random2 = RandomSource(seed: 44)
        let ids = (0..<3).map { _ in (0..<steps).map { _ in random2.nextIndex(below: vocabulary) } }
        let input = Matrix(ids.map { $0.map(Float.init) })
        network.forward(input, mode: .evaluation)

        let idText = "[" + ids.map { "[" + $0.map(String.init).joined(separator: ",") + "]" }.joined(separator: ",") + "]"
        let result = PythonRunner.run(Self.script, arguments: [url.path, idText, String(heads)])
        try #require(result.status == 0, "the NumPy reference failed")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let logits = try #require(report["logits"] as? [Double])
        let weights = try #require(report["weights"] as? [Double])
        #expect(report["unused"] as? [String] == [], "every tensor in the file is one PyTorch's modules own")
        try #require(logits.count == network.output.count)
        var worst = 0.0
        for index in 0..<logits.count { worst = max(worst, abs(logits[index] - Double(network.output.storage[index]))) }
        #expect(worst < 1e-4, "largest difference in the scores: \(worst)")
        let block = try #require(network.layers[2] as? TransformerBlock)
        var worstWeight = 0.0
        for example in 0..<3 {
            for head in 0..<heads {
                let mine = block.attentionWeights(example: example, head: head)
                for t in 0..<steps {
                    for s in 0..<steps {
                        let theirs = weights[((example * heads + head) * steps + t) * steps + s]
                        worstWeight = max(worstWeight, abs(theirs - Double(mine[t, s])))
                    }
                }
            }
        }
        #expect(worstWeight < 1e-5, "largest difference in the attention weights: \(worstWeight)")

        // Read back, the same model gives the same numbers, bit for bit.
        var loaded = try SavedModel.read(from: url).network
        loaded.forward(input, mode: .evaluation)
        #expect(loaded.output == network.output)
        #expect(loaded.architectureDescription?.text == network.architectureDescription?.text)
    }
}
