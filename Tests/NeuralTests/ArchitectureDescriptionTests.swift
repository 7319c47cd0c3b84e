import Foundation
import Testing
@testable import Neural

@Suite("Architecture descriptions and convolutional model files")
struct ArchitectureDescriptionTests {
    static let digits = "conv 8 3 pad 1, relu, maxpool 2, conv 16 3 pad 1, relu, maxpool 2, flatten, dense 10"

    @Test func theDigitsNetworkReadsAsPyTorchBuildsIt() throws {
        let description = try ArchitectureDescription(parsing: Self.digits)
        #expect(description.text == Self.digits)
        #expect(description.startsWithImages)
        let network = try description.network(inputShape: [1, 8, 8], seed: 1)
        #expect(network.shapes.map(\.description) == ["1×8×8", "8×8×8", "8×8×8", "8×4×4", "16×4×4", "16×4×4", "16×2×2", "64", "10"])
        #expect(network.pytorchDescription == "nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), "
                + "nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(64, 10))")
        // conv: 8·1·3·3 + 8, conv: 16·8·3·3 + 16, dense: 10·64 + 10.
        #expect(network.parameterCount == 80 + 1168 + 650)
        #expect(network.stateTensors.map(\.name) == ["0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias"])
        #expect(network.stateTensors.map(\.shape) == [[8, 1, 3, 3], [8], [16, 8, 3, 3], [16], [10, 64], [10]])
        #expect(network.architectureDescription == description)
    }

    @Test func strideOblongKernelsAndOtherLayersRoundTrip() throws {
        let text = "conv 4 3x5 stride 2 pad 1, tanh, avgpool 2 stride 1, flatten, dropout 0.25, dense 6, leaky-relu, dense 2"
        let description = try ArchitectureDescription(parsing: text)
        #expect(description.text == text)
        let network = try description.network(inputShape: [3, 9, 11], seed: 2)
        #expect(network.layers[0].outputShape == [4, 5, 5])
        #expect(network.pytorchDescription?.hasPrefix("nn.Sequential(nn.Conv2d(3, 4, (3, 5), stride=2, padding=1), nn.Tanh(), nn.AvgPool2d(2, stride=1)") == true)
    }

    /// Each mistake names the layer and the word, and the pointer line marks that word.
    @Test(arguments: [
        ("conv 8 3 pad 1, relu, maxpol 2", 3, "maxpol", "is not a layer"),
        ("conv 8 x", 1, "x", "kernel size"),
        ("conv 8 3 pading 1", 1, "pading", "stride N and pad N"),
        ("dense 10,, relu", 2, ",", "between two commas"),
        ("dropout 1.5", 1, "1.5", "below 1"),
        ("dense", 1, "dense", "needs the number of neurons"),
    ])
    func mistakesPointAtTheWrongWord(text: String, layer: Int, word: String, sentence: String) {
        do {
            _ = try ArchitectureDescription(parsing: text)
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.layer == layer)
            #expect(error.word == word)
            #expect(error.problem.contains(sentence), "\(error.problem)")
            let lines = error.description.split(separator: "\n", omittingEmptySubsequences: false)
            let pointer = String(lines[2])
            let column = pointer.firstIndex(of: "^").map { pointer.distance(from: pointer.startIndex, to: $0) } ?? -1
            #expect(Array(lines[1]).dropFirst(column).starts(with: Array(word)), "\(error.description)")
        }
    }

    @Test func shapesThatDoNotFitAreRefusedAtTheirLayer() throws {
        let dense = try ArchitectureDescription(parsing: "conv 8 3, relu, dense 10")
        #expect(throws: ArchitectureError.self) { _ = try dense.network(inputShape: [1, 8, 8], seed: 1) }
        do {
            _ = try dense.network(inputShape: [1, 8, 8], seed: 1)
        } catch {
            #expect(error.layer == 3 && error.word == "dense" && error.problem.contains("put flatten before it"))
        }
        do {
            _ = try ArchitectureDescription(parsing: "conv 8 3, dense 2").network(inputShape: [64], seed: 1)
        } catch {
            #expect(error.layer == 1 && error.problem.contains("needs channels × height × width images"))
        }
        do {
            _ = try ArchitectureDescription(parsing: "maxpool 2, maxpool 2, maxpool 2, maxpool 2").network(inputShape: [1, 8, 8], seed: 1)
        } catch {
            #expect(error.layer == 4 && error.problem.contains("does not fit"))
        }
    }

    @Test func aConvolutionalModelFileRoundTrips() throws {
        var network = try ArchitectureDescription(parsing: Self.digits + ", softmax").network(inputShape: [1, 8, 8], seed: 3)
        network.setTrainable(false, layer: 0)
        let model = SavedModel(network: network, loss: .crossEntropy, classNames: (0..<10).map(String.init))
        let contents = try model.contents(fileName: "cnn.safetensors")
        #expect(contents.metadata["model_format"] == "gradschool-sequential/1")
        #expect(contents.metadata["input_shape"] == "[1,8,8]" || contents.metadata["input_shape"] == "[1, 8, 8]")
        #expect(contents.metadata["layers"] == Self.digits + ", softmax")
        #expect(contents.metadata["pytorch"]?.hasSuffix("nn.Flatten(), nn.Linear(64, 10), nn.Softmax(dim=1))") == true)
        let loaded = try SavedModel(tensors: contents.tensors, metadata: contents.metadata, fileName: "cnn.safetensors")
        #expect(loaded.network.hasSameParameters(as: network))
        var random = RandomSource(seed: 4)
        let input = Matrix(rows: 3, columns: 64, elements: (0..<192).map { _ in random.uniform(0...1) })
        #expect(loaded.network.predict(input) == network.predict(input))
        // A tensor of the wrong shape is named with its layer.
        var broken = contents.tensors
        broken[2] = NamedTensor(name: "3.weight", shape: [16, 8, 9], values: broken[2].values)
        #expect(throws: ModelFileError.tensorShape(file: "cnn.safetensors", name: "3.weight", shape: [16, 8, 9], expected: [16, 8, 3, 3],
                                                   layer: "Conv2d(8 → 16, 3×3, pad 1)")) {
            _ = try SavedModel(tensors: broken, metadata: contents.metadata, fileName: "cnn.safetensors")
        }
    }
}

extension Network {
    /// Same layers, same numbers, bit for bit.
    func hasSameParameters(as other: Network) -> Bool {
        specs == other.specs && zip(layers, other.layers).allSatisfy { a, b in
            zip(a.parameters, b.parameters).allSatisfy { $0.values == $1.values && $0.name == $1.name }
        }
    }
}
