import Foundation
import Testing

/// `gradschool tune` driven as a user's shell drives it.
@Suite("gradschool tune")
struct TuneCommandTests {
    @Test func aSearchPrintsEveryTrialAndSavesARunThatTrainReproduces() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let tuned = try GradschoolBinary.run(["tune", "--dataset", "moons", "--noise", "0.2", "--samples", "200",
                                              "--search", "learningRate=log:0.001..3", "--search", "neurons=2..12",
                                              "--trials", "6", "--epochs", "15", "--save", "best.yaml", "--json"], in: folder.url)
        #expect(tuned.status == 0, "\(tuned.error)")
        let summary = try jsonObject(tuned.output)
        let trials = try #require(summary["trials"] as? [[String: Any]])
        #expect(trials.count == 6)
        #expect(summary["method"] as? String == "bayes" && summary["interrupted"] as? Bool == false)
        // The progress went to standard error, one line per trial.
        #expect(tuned.error.components(separatedBy: "\n").filter { $0.hasPrefix("trial ") }.count == 6)
        let losses = trials.compactMap { $0["validation_loss"] as? Double }
        let best = try #require(summary["best"] as? [String: Any])
        let bestLoss = try #require(best["validation_loss"] as? Double)
        #expect(bestLoss == losses.min())
        for trial in trials {
            let settings = try #require(trial["settings"] as? [String: Any])
            let rate = try #require(settings["learningRate"] as? Double)
            let neurons = try #require(settings["neurons"] as? Int)
            #expect(rate >= 0.001 && rate <= 3 && neurons >= 2 && neurons <= 12)
        }
        let saved = try String(contentsOfFile: folder.path("best.yaml"), encoding: .utf8)
        let bestSettings = try #require(best["settings"] as? [String: Any])
        let bestNeurons = try #require(bestSettings["neurons"] as? Int)
        #expect(saved.contains("layers: [\(bestNeurons), \(bestNeurons)]"))
        #expect(saved.contains("epochs: 15"))

        // The saved file trains the best trial again: the same validation loss, to the last digit.
        let trained = try GradschoolBinary.run(["train", "--config", "best.yaml", "--json"], in: folder.url)
        #expect(trained.status == 0, "\(trained.error)")
        let trainedSummary = try jsonObject(trained.output)
        let evaluations = try #require((trainedSummary["metrics"] as? [String: Any])?["validation"] as? [String: Any])
        #expect(evaluations["loss"] as? Double == bestLoss)

        // The same search again gives the same trials.
        let again = try GradschoolBinary.run(["tune", "--dataset", "moons", "--noise", "0.2", "--samples", "200",
                                              "--search", "learningRate=log:0.001..3", "--search", "neurons=2..12",
                                              "--trials", "6", "--epochs", "15", "--save", "again.yaml", "--json"], in: folder.url)
        let againTrials = try #require(try jsonObject(again.output)["trials"] as? [[String: Any]])
        #expect(againTrials.map { $0["validation_loss"] as? Double } == trials.map { $0["validation_loss"] as? Double })
    }

    @Test func theTablePrintsOneRowPerTrialWithTheBestMarked() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try GradschoolBinary.run(["tune", "--dataset", "circle", "--samples", "200", "--search", "neurons=1..4",
                                               "--method", "grid", "--trials", "10", "--epochs", "10"], in: folder.url)
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.components(separatedBy: "\n")
        let header = try #require(lines.first { $0.contains("trial") && $0.contains("neurons") && $0.contains("val loss") })
        #expect(header.contains("val acc"))
        // A grid over 1..4 neurons has four points, whatever the budget.
        let rows = lines.filter { $0.range(of: #"^\s*\*?\d+\s+\d"#, options: .regularExpression) != nil }
        #expect(rows.count == 4)
        #expect(rows.filter { $0.contains("*") }.count == 1)
        #expect(result.output.contains("4 trials of grid search"))
        #expect(result.output.contains("saved best.yaml: train it again with gradschool train --config best.yaml"))
        #expect(FileManager.default.fileExists(atPath: folder.path("best.yaml")))
    }

    @Test func aBadSearchSpaceFileIsNamedWithItsLineAndProblem() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("learningRate: log 0.0001..1\nneurons: 32..2\n", to: "space.yaml")
        let empty = try GradschoolBinary.run(["tune", "--dataset", "moons", "--space", "space.yaml"], in: folder.url)
        #expect(empty.status == 65)
        #expect(empty.error.contains("space.yaml:2: neurons: the range 32..2 is empty"))
        try folder.write("learningRate: log 0..1\n", to: "zero.yaml")
        let zero = try GradschoolBinary.run(["tune", "--dataset", "moons", "--space", "zero.yaml"], in: folder.url)
        #expect(zero.status == 65)
        #expect(zero.error.contains("zero.yaml:1:") && zero.error.contains("outside the values it can take"))
        try folder.write("learningRate: log 0.001..1\nneuron: 2..8\n", to: "typo.yaml")
        let typo = try GradschoolBinary.run(["tune", "--dataset", "moons", "--space", "typo.yaml"], in: folder.url)
        #expect(typo.status == 65)
        #expect(typo.error.contains("typo.yaml:2: there is no setting 'neuron'"))
        let option = try GradschoolBinary.run(["tune", "--dataset", "moons", "--search", "neurons=2.5..8"], in: folder.url)
        #expect(option.status == 64)
        #expect(option.error.contains("--search neurons=2.5..8: neurons takes whole numbers"))
        let missing = try GradschoolBinary.run(["tune", "--dataset", "moons", "--space", "nowhere.yaml"], in: folder.url)
        #expect(missing.status == 66 && missing.error.contains("nowhere.yaml: no such file"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("best.yaml")))
    }

    @Test func ctrlCStopsTheSearchShowsTheTrialsSoFarAndSavesTheBest() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        guard FileManager.default.isExecutableFile(atPath: GradschoolBinary.url.path) else { throw GradschoolBinary.NotBuilt() }
        let outputURL = folder.url.appendingPathComponent("out.txt")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        let outputHandle = try FileHandle(forWritingTo: outputURL)
        let process = Process()
        process.executableURL = GradschoolBinary.url
        process.arguments = ["tune", "--dataset", "spiral", "--search", "learningRate=log:0.001..1", "--search", "neurons=4..16",
                             "--method", "random", "--trials", "500", "--epochs", "200"]
        process.currentDirectoryURL = folder.url
        process.standardOutput = outputHandle
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Wait for two finished trials, then press Ctrl-C.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let text = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
            if text.contains("trial 2/500") { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.interrupt()
        process.waitUntilExit()
        try outputHandle.close()
        let output = try String(contentsOf: outputURL, encoding: .utf8)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130)
        let match = try #require(output.firstMatch(of: /stopped by Ctrl-C after (\d+) of 500 trials/))
        let finished = try #require(Int(match.1))
        #expect(finished >= 2 && finished < 500)
        let rows = output.components(separatedBy: "\n").filter { $0.range(of: #"^\s*\*?\d+\s+\d"#, options: .regularExpression) != nil }
        #expect(rows.count == finished)
        #expect(output.contains("saved best.yaml"))
        #expect(FileManager.default.fileExists(atPath: folder.path("best.yaml")))
    }
}
