import Foundation
import Testing

/// `gradschool predict MODEL --data FILE.csv` as a user runs it.
@Suite("gradschool predict", .serialized)
struct PredictCommandTests {
    static let flowers = """
        sepal_length,sepal_width,petal_length,petal_width,species
        5.1,3.5,1.4,0.2,setosa
        7.7,3.0,6.1,2.3,virginica
        4.9,3.0,1.4,0.2,setosa

        """

    @Test func writesOneLinePerRowWithClassAndProbabilities() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let model = try ServeCommandTests.trainIris(in: folder)
        try folder.write(Self.flowers, to: "flowers.csv")
        let result = try GradschoolBinary.run(["predict", model, "--data", "flowers.csv"], in: folder.url)
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "class,probability_setosa,probability_versicolor,probability_virginica")
        #expect(lines.dropFirst().map { $0.split(separator: ",").first.map(String.init) } == ["setosa", "virginica", "setosa"])
        for line in lines.dropFirst() {
            let probabilities = line.split(separator: ",").dropFirst().compactMap { Double($0) }
            #expect(probabilities.count == 3)
            #expect(abs(probabilities.reduce(0, +) - 1) < 1e-4)
        }
        #expect(result.error.contains("Accuracy on the targets in flowers.csv: 3 of 3 right (100.0%)."))

        // Without the target column, the same rows predict the same.
        let featuresOnly = Self.flowers.split(separator: "\n").map { $0.split(separator: ",").prefix(4).joined(separator: ",") }
            .joined(separator: "\n") + "\n"
        try folder.write(featuresOnly, to: "features.csv")
        let plain = try GradschoolBinary.run(["predict", model, "--data", "features.csv"], in: folder.url)
        #expect(plain.status == 0, "\(plain.error)")
        #expect(plain.output == result.output)
        #expect(!plain.error.contains("Accuracy"))
    }

    @Test func neverReplacesAnOutputFileUnlessForced() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let model = try ServeCommandTests.trainIris(in: folder)
        try folder.write(Self.flowers, to: "flowers.csv")
        try folder.write("keep me\n", to: "out.csv")
        let refused = try GradschoolBinary.run(["predict", model, "--data", "flowers.csv", "--output", "out.csv"], in: folder.url)
        #expect(refused.status == 73)
        #expect(refused.error.contains("--output out.csv already exists: add --force to replace it"))
        #expect(try String(contentsOfFile: folder.path("out.csv"), encoding: .utf8) == "keep me\n")

        let forced = try GradschoolBinary.run(["predict", model, "--data", "flowers.csv", "--output", "out.csv", "--force"], in: folder.url)
        #expect(forced.status == 0, "\(forced.error)")
        #expect(forced.error.contains("Wrote 3 predictions to out.csv."))
        #expect(try String(contentsOfFile: folder.path("out.csv"), encoding: .utf8).hasPrefix("class,probability_setosa"))

        let itself = try GradschoolBinary.run(["predict", model, "--data", "flowers.csv", "--output", "flowers.csv", "--force"], in: folder.url)
        #expect(itself.status == 73)
        #expect(itself.error.contains("is also the --data file"))
        #expect(try String(contentsOfFile: folder.path("flowers.csv"), encoding: .utf8) == Self.flowers)

        let fresh = try GradschoolBinary.run(["predict", model, "--data", "flowers.csv", "--output", "new.csv"], in: folder.url)
        #expect(fresh.status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.path("new.csv")))
    }

    @Test func badDataGetsTheFileLineAndProblem() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let model = try ServeCommandTests.trainIris(in: folder)
        try folder.write("sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n4.9,wide,1.4,0.2\n", to: "bad.csv")
        let bad = try GradschoolBinary.run(["predict", model, "--data", "bad.csv"], in: folder.url)
        #expect(bad.status == 65)
        #expect(bad.error.contains("bad.csv:3:2: \"wide\" is not a number"))

        try folder.write("a,b,c\n1,2,3\n4,5,6\n", to: "narrow.csv")
        let narrow = try GradschoolBinary.run(["predict", model, "--data", "narrow.csv"], in: folder.url)
        #expect(narrow.status == 65)
        #expect(narrow.error.contains("narrow.csv has 3 columns but the model takes 4 features"))

        let missing = try GradschoolBinary.run(["predict", model, "--data", "none.csv"], in: folder.url)
        #expect(missing.status == 66)
        #expect(missing.error.contains("none.csv"))
    }
}
