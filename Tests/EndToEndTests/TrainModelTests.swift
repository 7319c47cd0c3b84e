import Foundation
import Testing

/// `gradschool train --model`: convolutional networks on the digits, saving, freezing and new heads.
@Suite("gradschool train --model, end to end")
struct TrainModelTests {
    static let digits = "conv 8 3 pad 1, relu, maxpool 2, conv 16 3 pad 1, relu, maxpool 2, flatten, dense 10"

    @Test func aConvolutionalNetworkTrainsOnTheDigitsAndSavesAsSequential() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try GradschoolBinary.run(["train", "--dataset", "digits", "--model", Self.digits, "--normalize", "none",
                                               "--optimizer", "adam", "--lr", "0.003", "--batch-size", "32", "--epochs", "4",
                                               "--test-split", "0.2", "--save", "cnn.safetensors", "--json", "--quiet"], in: folder.url)
        #expect(result.status == 0, "\(result.error)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let evaluations = summary["evaluations"] as? [[String: Any]] ?? summary["sets"] as? [[String: Any]] ?? []
        let test = evaluations.first { ($0["name"] as? String) == "test" }
        if let accuracy = test?["accuracy"] as? Double { #expect(accuracy > 0.85, "\(accuracy)") }
        let data = try Data(contentsOf: folder.url.appendingPathComponent("cnn.safetensors"))
        let headerLength = data.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let header = String(decoding: data[8 ..< 8 + headerLength], as: UTF8.self)
        for expected in ["\"0.weight\":{\"dtype\":\"F32\",\"shape\":[8,1,3,3]", "\"3.weight\":{\"dtype\":\"F32\",\"shape\":[16,8,3,3]",
                         "\"7.weight\":{\"dtype\":\"F32\",\"shape\":[10,64]", "gradschool-sequential/1",
                         "nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2)"] {
            #expect(header.contains(expected), "missing \(expected) in \(header)")
        }
        // --init needs nothing but the file.
        let again = try GradschoolBinary.run(["train", "--init", "cnn.safetensors", "--dataset", "digits", "--epochs", "0", "--test-split", "0.2"],
                                             in: folder.url)
        #expect(again.status == 0, "\(again.error)")
        #expect(again.output.contains("Conv2d(1 → 8, 3×3, pad 1)"))
    }

    /// A model written as the image playground writes it, ending with its softmax, gets no second softmax.
    @Test func aModelEndingWithSoftmaxKeepsOneSoftmax() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let model = "conv 4 3 pad 1, relu, maxpool 2, flatten, dense 10, softmax"
        let result = try GradschoolBinary.run(["train", "--dataset", "digits", "--model", model, "--epochs", "1"], in: folder.url)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("Dense(64 → 10), softmax (690 parameters)"), "\(result.output.prefix(400))")
        #expect(!result.output.contains("softmax, softmax"))
        let clash = try GradschoolBinary.run(["train", "--dataset", "digits", "--model", model, "--output", "sigmoid"], in: folder.url)
        #expect(clash.status == 64 && clash.error.contains("--model ends with softmax, but --output says sigmoid"), "\(clash.error)")
    }

    @Test func aMistakeInTheModelPointsAtItsWord() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try GradschoolBinary.run(["train", "--dataset", "digits", "--model", "conv 8 3 pad 1, relu, maxpol 2, flatten, dense 10"],
                                              in: folder.url)
        #expect(result.status == 64)
        #expect(result.error.contains("layer 3 at \"maxpol\": \"maxpol\" is not a layer"), "\(result.error)")
        #expect(result.error.contains("                       ^^^^^^"), "\(result.error)")
        let shape = try GradschoolBinary.run(["train", "--dataset", "digits", "--model", "conv 8 3, relu, dense 10"], in: folder.url)
        #expect(shape.status == 64)
        #expect(shape.error.contains("put flatten before it"), "\(shape.error)")
        let flat = try GradschoolBinary.run(["train", "--dataset", "circle", "--model", "conv 8 3, flatten, dense 1"], in: folder.url)
        #expect(flat.status == 64)
        #expect(flat.error.contains("not a square picture"), "\(flat.error)")
    }

    @Test func aBodyTrainedOnSomeDigitsIsFineTunedOnOthersWithANewHead() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let body = try GradschoolBinary.run(["train", "--dataset", "digits", "--classes", "0,1,2,3,4", "--normalize", "none",
                                             "--model", Self.digits.replacingOccurrences(of: "dense 10", with: "dense 5"),
                                             "--optimizer", "adam", "--lr", "0.003", "--batch-size", "32", "--epochs", "3",
                                             "--save", "body.safetensors", "--quiet"], in: folder.url)
        #expect(body.status == 0, "\(body.error)")
        let tuned = try GradschoolBinary.run(["train", "--init", "body.safetensors", "--dataset", "digits", "--classes", "5,6,7,8,9",
                                              "--per-class", "20", "--freeze", "body", "--epochs", "2", "--val-split", "0",
                                              "--save", "tuned.safetensors"], in: folder.url)
        #expect(tuned.status == 0, "\(tuned.error)")
        #expect(tuned.output.contains("100 training"), "\(tuned.output)")
        #expect(tuned.output.contains("Dense(64 → 5)"))
        let badFreeze = try GradschoolBinary.run(["train", "--init", "body.safetensors", "--dataset", "digits", "--classes", "5,6,7,8,9",
                                                  "--freeze", "1"], in: folder.url)
        #expect(badFreeze.status == 64)
        #expect(badFreeze.error.contains("layer 1 has no parameters to freeze; layers with parameters are 0, 3, 7"), "\(badFreeze.error)")
    }
}
