import Foundation
import Testing

/// Regression targets in large units (house prices) train without the learner scaling them.
@Suite("gradschool train: regression targets")
struct TrainTargetScalingTests {
    /// 300 houses: price = 1800·area + 12000·rooms − 900·age + 60000, give or take a few thousand.
    static func housesCSV() -> String {
        var lines = ["area,rooms,age,price"]
        for index in 0..<300 {
            // A fixed, irregular walk over the feature ranges, so the file is the same every run.
            let area = 40 + Double((index * 37) % 180)
            let rooms = 1 + (index * 7) % 6
            let age = Double((index * 13) % 80)
            let wobble = Double((index * 7919) % 11) - 5
            let price = 1800 * area + 12000 * Double(rooms) - 900 * age + 60000 + 1000 * wobble
            lines.append("\(area),\(rooms),\(age),\(Int(price))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func theReadmeHousesExampleFitsAndSaysTheTargetWasStandardised() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(Self.housesCSV(), to: "houses.csv")
        let result = try GradschoolBinary.run(["train", "--data", "houses.csv", "--target", "price", "--normalize", "standard",
                                               "--optimizer", "adam", "--lr", "0.01", "--test-split", "0.2",
                                               "--save", "houses.safetensors"], in: folder.url)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("the target was standardised for training (mean "))
        let r2 = try #require(Self.rSquared(of: "test", in: result.output))
        #expect(r2 > 0.9)

        // The saved model predicts prices itself: evaluating it again gives the same R².
        let again = try GradschoolBinary.run(["train", "--init", "houses.safetensors", "--data", "houses.csv", "--target", "price",
                                              "--test-split", "0.2", "--epochs", "0"], in: folder.url)
        #expect(again.status == 0, "\(again.error)")
        let againR2 = try #require(Self.rSquared(of: "test", in: again.output))
        #expect(abs(againR2 - r2) < 0.002)
    }

    @Test func classificationTargetsAreLeftAlone() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try GradschoolBinary.run(["train", "--dataset", "circle", "--epochs", "3"], in: folder.url)
        #expect(result.status == 0)
        #expect(!result.output.contains("standardised for training"))
    }

    /// The R² printed for `set` ("test set: … R² 0.914").
    static func rSquared(of set: String, in output: String) -> Double? {
        guard let start = output.range(of: "\(set) set:") else { return nil }
        let rest = output[start.upperBound...]
        guard let mark = rest.range(of: "R² ") else { return nil }
        return Double(rest[mark.upperBound...].prefix { !$0.isWhitespace })
    }
}
