import Foundation
import Neural
import Testing

/// One epoch of plain SGD from saved weights, checked against the update PyTorch makes for the same
/// start, data and rule: `torch.optim.SGD(lr=0.1)`, a mean-reduced loss, batches of 4 in file order
/// (`DataLoader(shuffle=False)`, the last batch smaller), no feature scaling.
///
/// The command is the one from the issue:
/// `gradschool train --init a.safetensors --epochs 1 --no-shuffle --optimizer sgd --lr 0.1 --val-split 0
///  --batch-size 4 --data d.csv --save b.safetensors`
@Suite("One epoch of SGD, as PyTorch computes it")
struct TrainSGDTests {
    static let arguments = ["train", "--init", "a.safetensors", "--epochs", "1", "--no-shuffle", "--optimizer", "sgd", "--lr", "0.1",
                            "--val-split", "0", "--batch-size", "4", "--data", "d.csv", "--save", "b.safetensors"]

    /// Writes `a.safetensors` by hand in the documented format — tensors named as `nn.Sequential` names
    /// them and the architecture in `__metadata__` — runs the command, and returns `b.safetensors`'s tensors.
    func trainOneEpoch(tensors: [NamedTensor], metadata: [String: String], csv: String) throws -> [String: NamedTensor] {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Safetensors.write(tensors, metadata: metadata, to: folder.url.appendingPathComponent("a.safetensors"))
        try folder.write(csv, to: "d.csv")
        let result = try GradschoolBinary.run(Self.arguments, in: folder.url)
        #expect(result.status == 0, "stderr was: \(result.error)")
        let saved = try Safetensors.read(from: folder.url.appendingPathComponent("b.safetensors"))
        return Dictionary(uniqueKeysWithValues: saved.tensors.map { ($0.name, $0) })
    }

    /// A linear neuron a = w₁x₁ + w₂x₂ + b with mean squared error, worked through by hand.
    ///
    /// Start: w = (0.5, −0.25), b = 0.125. For a batch of N = 4, L = (1/4) Σ (aᵢ − yᵢ)², so
    /// ∂L/∂aᵢ = (aᵢ − yᵢ)/2, ∂L/∂w = Σ ∂L/∂aᵢ · xᵢ and ∂L/∂b = Σ ∂L/∂aᵢ.
    ///
    /// Batch 1, rows (1,0), (0,1), (1,1), (0,0): a = 0.625, −0.125, 0.375, 0.125. With targets
    /// −0.375, −0.125, 0.875, −0.375 the misses a − y are 1, 0, −0.5, 0.5, so ∂L/∂a = 0.5, 0, −0.25, 0.25:
    /// ∂L/∂w₁ = 0.5 − 0.25 = 0.25, ∂L/∂w₂ = −0.25, ∂L/∂b = 0.5.
    /// Step: w₁ = 0.5 − 0.1·0.25 = 0.475, w₂ = −0.25 + 0.025 = −0.225, b = 0.125 − 0.05 = 0.075.
    ///
    /// Batch 2, rows (2,1), (1,−1), (0,2), (−1,0): a = 0.8, 0.775, −0.375, −0.4. With targets
    /// 0.3, 0.775, 0.625, −0.4 the misses are 0.5, 0, −1, 0, so ∂L/∂a = 0.25, 0, −0.5, 0:
    /// ∂L/∂w₁ = 0.25·2 = 0.5, ∂L/∂w₂ = 0.25·1 − 0.5·2 = −0.75, ∂L/∂b = −0.25.
    /// Step: w₁ = 0.475 − 0.05 = 0.425, w₂ = −0.225 + 0.075 = −0.15, b = 0.075 + 0.025 = 0.1.
    @Test func aLinearNeuronByHand() throws {
        let csv = """
        x1,x2,y
        1,0,-0.375
        0,1,-0.125
        1,1,0.875
        0,0,-0.375
        2,1,0.3
        1,-1,0.775
        0,2,0.625
        -1,0,-0.4

        """
        let tensors = try trainOneEpoch(
            tensors: [NamedTensor(name: "0.weight", shape: [1, 2], values: [0.5, -0.25]), NamedTensor(name: "0.bias", shape: [1], values: [0.125])],
            metadata: ["sizes": "[2,1]", "activations": "[]", "output_activation": "identity", "loss": "mse"],
            csv: csv)
        #expect(Set(tensors.keys) == ["0.weight", "0.bias"])
        let weights = try #require(tensors["0.weight"]), bias = try #require(tensors["0.bias"])
        #expect(weights.shape == [1, 2] && bias.shape == [1])
        // Within float32 rounding of the exact values.
        #expect(abs(weights.values[0] - 0.425) < 1e-6)
        #expect(abs(weights.values[1] - -0.15) < 1e-6)
        #expect(abs(bias.values[0] - 0.1) < 1e-6)
    }

    // MARK: - A deeper network against a reference written out step by step

    /// One dense layer of the reference, in `Double`: weights `[out][in]` as `nn.Linear` keeps them.
    struct ReferenceLayer {
        var weights: [[Double]]
        var bias: [Double]
    }

    /// Plain SGD over batches in order for tanh hidden layers and an identity (MSE) or sigmoid (BCE) output,
    /// each rule written out for one example at a time:
    ///
    ///     forward    zˡ = Wˡ·aˡ⁻¹ + bˡ,  aˡ = tanh zˡ (hidden), a = zᴸ or σ(zᴸ) (output)
    ///     output     ∂L/∂zᴸ = 2(a − y)/N for MSE, (σ(zᴸ) − y)/N for BCE, N the batch's size
    ///     backward   ∂L/∂Wˡ += ∂L/∂zˡ · (aˡ⁻¹)ᵀ,  ∂L/∂bˡ += ∂L/∂zˡ,  ∂L/∂zˡ⁻¹ = (Wˡ)ᵀ·∂L/∂zˡ ⊙ (1 − (aˡ⁻¹)²)
    ///     step       W ← W − lr·∂L/∂W,  b ← b − lr·∂L/∂b
    static func referenceEpoch(_ start: [ReferenceLayer], rows: [[Double]], targets: [Double], batchSize: Int,
                               learningRate: Double, crossEntropy: Bool) -> [ReferenceLayer] {
        var layers = start
        var first = 0
        while first < rows.count {
            let batch = first..<min(first + batchSize, rows.count)
            var weightGradients = layers.map { layer in layer.weights.map { $0.map { _ in 0.0 } } }
            var biasGradients = layers.map { layer in layer.bias.map { _ in 0.0 } }
            for example in batch {
                var activations = [rows[example]]
                for (index, layer) in layers.enumerated() {
                    let input = activations[activations.count - 1]
                    let z = layer.weights.indices.map { neuron in
                        zip(layer.weights[neuron], input).reduce(layer.bias[neuron]) { $0 + $1.0 * $1.1 }
                    }
                    activations.append(index == layers.count - 1 ? z : z.map { tanh($0) })
                }
                let logit = activations[activations.count - 1][0]
                let prediction = crossEntropy ? 1 / (1 + exp(-logit)) : logit
                let count = Double(batch.count)
                var delta = [crossEntropy ? (prediction - targets[example]) / count : 2 * (prediction - targets[example]) / count]
                for index in layers.indices.reversed() {
                    let input = activations[index]
                    for neuron in delta.indices {
                        biasGradients[index][neuron] += delta[neuron]
                        for column in input.indices { weightGradients[index][neuron][column] += delta[neuron] * input[column] }
                    }
                    if index > 0 {
                        delta = input.indices.map { column in
                            delta.indices.reduce(0.0) { $0 + layers[index].weights[$1][column] * delta[$1] } * (1 - input[column] * input[column])
                        }
                    }
                }
            }
            for index in layers.indices {
                for neuron in layers[index].bias.indices {
                    layers[index].bias[neuron] -= learningRate * biasGradients[index][neuron]
                    for column in layers[index].weights[neuron].indices {
                        layers[index].weights[neuron][column] -= learningRate * weightGradients[index][neuron][column]
                    }
                }
            }
            first = batch.upperBound
        }
        return layers
    }

    static let start = [
        ReferenceLayer(weights: [[0.4, -0.7], [0.9, 0.2], [-0.3, 0.6]], bias: [0.1, -0.2, 0.05]),
        ReferenceLayer(weights: [[0.5, -0.6, 0.8], [-0.9, 0.3, 0.4]], bias: [0.0, 0.15]),
        ReferenceLayer(weights: [[1.1, -0.7]], bias: [-0.05]),
    ]
    // Ten rows: batches of 4, 4 and a last batch of 2, each averaged over its own size.
    static let rows: [[Double]] = [[0.5, -1.0], [1.5, 0.25], [-0.75, 0.5], [0.0, 1.25], [2.0, -0.5],
                                   [-1.25, -1.5], [0.75, 0.75], [-0.5, 2.0], [1.0, -0.25], [-2.0, 0.5]]

    @Test(arguments: [false, true])
    func aTanhNetworkMatchesTheReference(crossEntropy: Bool) throws {
        let targets: [Double] = crossEntropy ? [1, 0, 1, 1, 0, 0, 1, 0, 1, 0]
                                             : [0.3, -0.45, 0.8, 0.15, -0.6, 0.05, 0.95, -0.2, 0.4, -0.85]
        let csv = "x1,x2,y\n" + zip(Self.rows, targets).map { row, target in
            "\(row[0]),\(row[1]),\(crossEntropy ? String(Int(target)) : String(target))"
        }.joined(separator: "\n") + "\n"
        // nn.Sequential(Linear(2,3), Tanh(), Linear(3,2), Tanh(), Linear(2,1)[, Sigmoid()]): linear layers 0, 2, 4.
        let start = Self.start.enumerated().flatMap { index, layer in
            [NamedTensor(name: "\(2 * index).weight", shape: [layer.weights.count, layer.weights[0].count],
                         values: layer.weights.joined().map { Float($0) }),
             NamedTensor(name: "\(2 * index).bias", shape: [layer.bias.count], values: layer.bias.map { Float($0) })]
        }
        let metadata = ["sizes": "[2,3,2,1]", "activations": "[\"tanh\",\"tanh\"]",
                        "output_activation": crossEntropy ? "sigmoid" : "identity", "loss": crossEntropy ? "bce" : "mse"]
        let trained = try trainOneEpoch(tensors: start, metadata: metadata, csv: csv)

        let expected = Self.referenceEpoch(Self.start, rows: Self.rows, targets: targets, batchSize: 4, learningRate: 0.1,
                                           crossEntropy: crossEntropy)
        #expect(Set(trained.keys) == ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"])
        var largestDifference = 0.0, largestChange = 0.0
        for (index, layer) in expected.enumerated() {
            let weights = try #require(trained["\(2 * index).weight"]), bias = try #require(trained["\(2 * index).bias"])
            #expect(weights.shape == [layer.weights.count, layer.weights[0].count])
            for (value, reference) in zip(weights.values, layer.weights.joined()) { largestDifference = max(largestDifference, abs(Double(value) - reference)) }
            for (value, reference) in zip(bias.values, layer.bias) { largestDifference = max(largestDifference, abs(Double(value) - reference)) }
            for (after, before) in zip(layer.weights.joined(), Self.start[index].weights.joined()) { largestChange = max(largestChange, abs(after - before)) }
        }
        // The epoch moved the weights by far more than the float32 rounding the comparison allows.
        #expect(largestChange > 1e-2)
        #expect(largestDifference < 2e-6)
    }
}
