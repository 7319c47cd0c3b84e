import Foundation
import Testing

/// `gradschool train` run as a user runs it: the built binary, its exit status, and what it writes.
@Suite("gradschool train, end to end")
struct TrainCommandTests {
    /// Escape (colour and cursor codes) and carriage return (line redrawing): neither belongs in a log file.
    static func hasControlCodes(_ text: String) -> Bool {
        text.contains("\u{1B}") || text.contains("\r")
    }

    // MARK: - Training and reporting

    @Test func trainsABuiltInDatasetAndReportsClassificationMetrics() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // TERM says colour is possible: output that is not a terminal must stay plain all the same.
        let result = try GradschoolBinary.run(["train", "--dataset", "circle", "--epochs", "30", "--test-split", "0.2", "--print-every", "1"],
                                              in: folder.url, environment: ["TERM": "xterm-256color"])
        #expect(result.status == 0)
        #expect(result.error.isEmpty)
        #expect(!Self.hasControlCodes(result.output))
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("training 2-8-8-1 (tanh, sigmoid output, 105 parameters) on circle, binary classification: "
                                   + "120 training, 40 validation, 40 test examples; bce loss, sgd, lr 0.03, batch size 10, 30 epochs"))
        let epochLines = lines.filter { $0.hasPrefix("epoch ") }
        #expect(epochLines.count == 30)
        #expect(epochLines.first?.hasPrefix("epoch  1/30  loss ") == true)
        #expect(epochLines.last?.hasPrefix("epoch 30/30  loss ") == true)
        #expect(epochLines.allSatisfy { $0.contains("val_loss ") && $0.contains("val_accuracy ") && $0.hasSuffix(" samples/s") })
        #expect(result.output.contains("\nfinished 30 epochs in "))
        for expected in ["validation set: 40 examples", "test set: 40 examples", "precision", "recall", "f1", "support",
                         "macro avg", "confusion matrix (rows: true class, columns: predicted class)", "outside", "inside"] {
            #expect(result.output.contains(expected), "missing \(expected)")
        }
    }

    @Test func plainLinesComeEveryFewEpochsByDefault() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try GradschoolBinary.run(["train", "--dataset", "gaussian", "--epochs", "100"], in: folder.url)
        #expect(result.status == 0)
        // 100 epochs at about 25 lines: every 4th epoch, and the first.
        let epochs = result.output.split(separator: "\n").filter { $0.hasPrefix("epoch ") }.compactMap { line in
            Int(line.dropFirst("epoch ".count).prefix { $0 != "/" }.trimmingCharacters(in: .whitespaces))
        }
        #expect(epochs == [1] + Array(stride(from: 4, through: 100, by: 4)))
    }

    @Test func regressionReportsMSEMAEAndRSquared() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try GradschoolBinary.run(["train", "--dataset", "sine", "--epochs", "200", "--optimizer", "adam", "--lr", "0.01",
                                               "--test-split", "0.2", "--quiet", "--json"], in: folder.url)
        #expect(result.status == 0)
        #expect(result.error.isEmpty)
        let summary = try jsonObject(result.output)
        let metrics = try #require(summary["metrics"] as? [String: Any])
        let test = try #require(metrics["test"] as? [String: Any])
        let mse = try #require(test["mse"] as? Double), mae = try #require(test["mae"] as? Double), r2 = try #require(test["r2"] as? Double)
        // MAE ≤ √MSE always (the mean of |e| is at most the root of the mean of e²); 200 epochs of Adam fit sin x well.
        #expect(mae <= mse.squareRoot() + 1e-12)
        #expect(r2 > 0.8 && r2 <= 1)
        #expect(test["accuracy"] == nil)

        let text = try GradschoolBinary.run(["train", "--dataset", "sine", "--epochs", "5"], in: folder.url)
        #expect(text.output.contains("validation set: 40 examples\n  loss "))
        #expect(text.output.contains("  MSE ") && text.output.contains("  MAE ") && text.output.contains("  R² "))
    }

    @Test func helpDocumentsTheCommand() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try GradschoolBinary.run(["train", "--help"], in: folder.url)
        #expect(result.status == 0)
        for option in ["--dataset", "--data", "--target", "--samples", "--noise", "--seed", "--val-split", "--test-split", "--no-shuffle",
                       "--normalize", "--layers", "--activation", "--output", "--dropout", "--init", "--loss", "--optimizer", "--lr",
                       "--batch-size", "--epochs", "--l1", "--l2", "--patience", "--save", "--log", "--json", "--quiet"] {
            #expect(result.output.contains(option + " ") || result.output.contains(option + "\n"), "help lacks \(option)")
        }
        #expect(result.output.contains("Exit status: 0 done"))
        let listed = try GradschoolBinary.run(["--help"], in: folder.url)
        #expect(listed.output.contains("train"))
    }

    // MARK: - Exit statuses

    @Test(arguments: [
        (["--dataset", "circle", "--lr=-0.5"], "--lr must be a positive number"),
        (["--dataset", "circle", "--lr", "0"], "--lr must be a positive number"),
        // A negative number after a space is the option's value, not another option.
        (["--dataset", "circle", "--lr", "-1"], "--lr must be a positive number"),
        (["--dataset", "circle", "--learning-rate", "-1"], "--lr must be a positive number"),
        (["--dataset", "circle", "--l2", "-1"], "--l2 must be 0 or a positive number"),
        (["--dataset", "circle", "--batch-size", "0"], "--batch-size must be at least 1"),
        (["--dataset", "mnist"], "there is no dataset called \"mnist\": choose one of and, or,"),
        ([], "choose the data to train on"),
        (["--dataset", "circle", "--data", "d.csv"], "use either --dataset or --data"),
        (["--dataset", "circle", "--val-split", "0.6", "--test-split", "0.5"], "leave no examples to train on"),
        (["--dataset", "circle", "--val-split", "1.5"], "--val-split must be a fraction"),
        (["--dataset", "circle", "--layers", "8,x"], "--layers takes hidden layer sizes"),
        (["--dataset", "circle", "--activation", "softmax"], "no hidden activation called \"softmax\""),
        (["--dataset", "circle", "--optimizer", "adamw"], "no optimizer called \"adamw\""),
        (["--dataset", "circle", "--epochs=-3"], "--epochs must be 0"),
        (["--dataset", "circle", "--dropout", "1"], "--dropout must be a probability"),
        (["--dataset", "circle", "--l2=-1"], "--l2 must be 0 or a positive number"),
        (["--dataset", "circle", "--patience", "0"], "--patience must be at least 1"),
        (["--dataset", "circle", "--normalize", "log"], "--normalize takes none, standard or minmax"),
        (["--dataset", "circle", "--target", "y"], "--target picks a column of a CSV file"),
        (["--data", "d.csv", "--samples", "50"], "--samples only applies to generated datasets"),
        (["--init", "m.safetensors", "--dataset", "circle", "--layers", "4"], "--layers cannot be combined with --init"),
        (["--dataset", "circle", "--save", "m.safetensors", "--log", "m.safetensors"], "give the model and the log different files"),
        (["--dataset", "circle", "--frobnicate"], "Unknown option '--frobnicate'"),
        (["--dataset", "circle", "--batch-size", "9223372036854775807"], "--batch-size 9223372036854775807 is more than 10000000"),
        (["--dataset", "circle", "--epochs", "9223372036854775807"], "--epochs 9223372036854775807 is more than 10000000"),
        // (64 + 1)·65536 + (65536 + 1)·65536 + (65536 + 1)·10 = 4,259,840 + 4,295,032,832 + 655,370.
        (["--dataset", "digits", "--layers", "65536,65536"], "would make 4299948042 parameters, more than 50000000"),
        // Found once the data's problem is known, still a usage error.
        (["--dataset", "circle", "--output", "softmax"], "softmax over the single output of a two-class problem is always 1"),
        (["--dataset", "sine", "--loss", "bce"], "the data asks for numbers (regression): use --loss mse"),
        (["--dataset", "iris", "--output", "sigmoid", "--loss", "ce"], "cross-entropy (ce) needs probabilities from a softmax output"),
    ])
    func nonsenseIsBadUsage(arguments: [String], sentence: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try GradschoolBinary.run(["train"] + arguments, in: folder.url)
        #expect(result.status == 64)
        #expect(result.error.contains(sentence), "stderr was: \(result.error)")
        #expect(!result.output.contains("epoch"))
    }

    @Test(arguments: [
        // A non-numeric cell after a blank line: line numbers count every line of the file.
        ("x1,x2,y\n1,2,0\n\n3,abc,1\n", "d.csv:4:2: \"abc\" is not a number"),
        ("1,2,0\n3,4\n5,6,1\n", "d.csv:2:3: this row has 2 cells but line 1 has 3 (cell 3 is missing)"),
        ("1,2,0\n3\n5,6,1\n", "d.csv:2:2: this row has 1 cell but line 1 has 3 (cell 2 is missing)"),
        // One trailing comma is forgiven; two leave an empty target cell.
        ("x1,x2,y\n1,2,0,\n3,4,,\n", "d.csv:3:3: the cell is empty"),
        ("x1,x2,y\n\n\n", "d.csv:1: there is a header row but no rows of numbers under it"),
        ("1,2,nan\n3,4,1\n", "d.csv:1:3: \"nan\" is not a finite number"),
        ("", "d.csv: the file is empty"),
        // Class names are welcome in the target column, but a single one is not a classification.
        ("x,y\n1,yes\n2,yes\n", "d.csv: every target in column 2 is \"yes\""),
    ])
    func badCSVIsBadDataWithTheLineNumber(contents: String, sentence: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(contents, to: "d.csv")
        let result = try GradschoolBinary.run(["train", "--data", "d.csv", "--epochs", "1"], in: folder.url)
        #expect(result.status == 65)
        #expect(result.error.contains(sentence), "stderr was: \(result.error)")
    }

    @Test func blankLinesAndTrailingCommasAreReadThrough() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var rows = ["width,height,label,", ""]
        for index in 0..<20 {
            let label = index % 2
            rows.append("\(Double(index) / 10),\(Double(label) + Double(index) / 100),\(label)" + (index % 3 == 0 ? "," : ""))
            if index % 5 == 0 { rows.append("   ") }
        }
        try folder.write(rows.joined(separator: "\n") + "\n\n", to: "d.csv")
        let result = try GradschoolBinary.run(["train", "--data", "d.csv", "--epochs", "2", "--val-split", "0.25",
                                               "--target", "label", "--json", "--quiet"], in: folder.url)
        #expect(result.status == 0, "stderr was: \(result.error)")
        let data = try #require(try jsonObject(result.output)["data"] as? [String: Any])
        #expect(data["problem"] as? String == "binary-classification")
        #expect(data["feature_names"] as? [String] == ["width", "height"])
        #expect(data["training_examples"] as? Int == 15)
        #expect(data["validation_examples"] as? Int == 5)
    }

    @Test func classNamesInTheTargetColumnNameTheReportedClasses() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // No header: the first row, with its class name, is data. Each class sits in its own corner.
        let corners = [("virginica", 4.0, 4.0), ("setosa", 0.0, 0.0), ("versicolor", 4.0, 0.0)]
        let rows = (0..<30).map { index in
            let (name, x, y) = corners[index % 3]
            return "\(x + Double(index % 5) / 10),\(y + Double(index % 7) / 10),\(name)"
        }
        try folder.write(rows.joined(separator: "\n") + "\n", to: "flowers.csv")
        let result = try GradschoolBinary.run(["train", "--data", "flowers.csv", "--epochs", "3", "--val-split", "0.3"], in: folder.url)
        #expect(result.status == 0, "stderr was: \(result.error)")
        #expect(result.output.contains("on flowers, classification into 3 classes: 21 training, 9 validation"))
        let lines = result.output.split(separator: "\n").map(String.init)
        for name in ["setosa", "versicolor", "virginica"] {
            #expect(lines.contains { $0.hasPrefix("  \(name) ") }, "no metrics row for \(name)")
        }

        let json = try GradschoolBinary.run(["train", "--data", "flowers.csv", "--epochs", "1", "--json", "--quiet"], in: folder.url)
        let data = try #require(try jsonObject(json.output)["data"] as? [String: Any])
        #expect(data["class_names"] as? [String] == ["setosa", "versicolor", "virginica"])
    }

    @Test func missingFilesAreExit66() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let data = try GradschoolBinary.run(["train", "--data", "absent.csv"], in: folder.url)
        #expect(data.status == 66)
        #expect(data.error.contains("absent.csv: no such file: check the path given to --data"))
        let model = try GradschoolBinary.run(["train", "--dataset", "circle", "--init", "absent.safetensors"], in: folder.url)
        #expect(model.status == 66)
        #expect(model.error.contains("absent.safetensors: no such file: check the path given to --init"))
    }

    @Test func unwritableOutputsFailBeforeTraining() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try GradschoolBinary.run(["train", "--dataset", "circle", "--save", "no/such/folder/m.safetensors"], in: folder.url)
        #expect(result.status == 73)
        #expect(result.error.contains("--save no/such/folder/m.safetensors: the folder "))
        #expect(result.error.contains("no/such/folder does not exist: create it first or choose another path"))
        #expect(result.output.isEmpty)
    }

    @Test func divergenceHasItsOwnStatusAndSentence() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try GradschoolBinary.run(["train", "--dataset", "plane", "--lr", "50", "--epochs", "30", "--log", "run.csv",
                                               "--save", "never.safetensors"], in: folder.url)
        #expect(result.status == 75)
        let sentence = result.error.trimmingCharacters(in: .newlines)
        #expect(sentence.hasPrefix("diverged at epoch "))
        #expect(sentence.contains(" (loss = ") && sentence.contains(") with lr 50.0: try a lower learning rate, such as --lr 5"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("never.safetensors")))
        #expect(try String(contentsOfFile: folder.path("run.csv"), encoding: .utf8).hasPrefix("epoch,train_loss,"))

        let json = try GradschoolBinary.run(["train", "--dataset", "plane", "--lr", "50", "--json", "--quiet"], in: folder.url)
        #expect(json.status == 75)
        let summary = try jsonObject(json.output)
        #expect(summary["status"] as? String == "diverged")
        let divergence = try #require(summary["divergence"] as? [String: Any])
        #expect(divergence["learning_rate"] as? Double == 50)
        #expect((divergence["message"] as? String)?.hasPrefix("diverged at epoch") == true)
    }

    @Test func earlyStoppingIsASuccess() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let arguments = ["train", "--dataset", "circle", "--noise", "0.5", "--lr", "0.5", "--patience", "3", "--epochs", "500"]
        let result = try GradschoolBinary.run(arguments + ["--json"], in: folder.url)
        #expect(result.status == 0)
        let summary = try jsonObject(result.output)
        #expect(summary["status"] as? String == "stopped-early")
        let best = try #require(summary["best_epoch"] as? Int), completed = try #require(summary["epochs_completed"] as? Int)
        #expect(completed == best + 3)
        // With --json the per-epoch lines go to standard error, plain.
        #expect(result.error.contains("epoch   1/500  loss "))
        #expect(!Self.hasControlCodes(result.error))

        let text = try GradschoolBinary.run(arguments, in: folder.url)
        #expect(text.output.contains("stopped early after epoch \(completed) in "))
        #expect(text.output.contains("val_loss had not improved for 3 epochs; kept the weights of epoch \(best) (val_loss "))
    }

    // MARK: - Files written

    @Test func logHasOneRowPerEpochMatchingTheSummary() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try GradschoolBinary.run(["train", "--dataset", "moons", "--epochs", "12", "--log", "run.csv", "--json"], in: folder.url)
        #expect(result.status == 0)
        let rows = try String(contentsOfFile: folder.path("run.csv"), encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first == ["epoch", "train_loss", "val_loss", "train_accuracy", "val_accuracy", "seconds"])
        #expect(rows.count == 13)
        let history = try #require(try jsonObject(result.output)["history"] as? [[String: Any]])
        for (index, row) in rows.dropFirst().enumerated() {
            #expect(row.count == 6)
            #expect(row[0] == String(index + 1))
            // The log keeps every digit: each cell reads back as the Float the summary reports.
            #expect(Float(row[1]) == (history[index]["train_loss"] as? Double).map(Float.init))
            #expect(Float(row[2]) == (history[index]["val_loss"] as? Double).map(Float.init))
            #expect(Float(row[4]) == (history[index]["val_accuracy"] as? Double).map(Float.init))
            #expect((Double(row[5]) ?? -1) >= 0)
        }

        // No validation set and a regression: those cells are empty.
        let plain = try GradschoolBinary.run(["train", "--dataset", "plane", "--epochs", "3", "--val-split", "0", "--log", "plane.csv", "--quiet"],
                                             in: folder.url)
        #expect(plain.status == 0 && plain.output.isEmpty)
        let planeRows = try String(contentsOfFile: folder.path("plane.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(planeRows.count == 3)
        #expect(planeRows.allSatisfy { row in
            let cells = row.split(separator: ",", omittingEmptySubsequences: false)
            return cells.count == 6 && Float(cells[1]) != nil && cells[2].isEmpty && cells[3].isEmpty && cells[4].isEmpty
        })
    }

    @Test func jsonSummaryIsTheOnlyThingOnStandardOutput() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try GradschoolBinary.run(["train", "--dataset", "iris", "--epochs", "20", "--test-split", "0.2", "--optimizer", "adam",
                                               "--lr", "0.01", "--json", "--quiet"], in: folder.url)
        #expect(result.status == 0)
        #expect(result.error.isEmpty)
        let summary = try jsonObject(result.output)
        #expect(summary["status"] as? String == "finished")
        #expect(summary["epochs_completed"] as? Int == 20)
        let model = try #require(summary["model"] as? [String: Any])
        #expect(model["sizes"] as? [Int] == [4, 8, 8, 3])
        #expect(model["output_activation"] as? String == "softmax")
        #expect(model["loss"] as? String == "ce")
        let test = try #require((summary["metrics"] as? [String: Any])?["test"] as? [String: Any])
        let confusion = try #require(test["confusion_matrix"] as? [[Int]])
        #expect(confusion.count == 3 && confusion.allSatisfy { $0.count == 3 })
        #expect(confusion.joined().reduce(0, +) == 30)
        let correct = (0..<3).reduce(0) { $0 + confusion[$1][$1] }
        #expect(test["accuracy"] as? Double == Double(correct) / 30)
        let perClass = try #require(test["per_class"] as? [[String: Any]])
        #expect(perClass.map { $0["class"] as? String } == ["setosa", "versicolor", "virginica"])
        #expect(perClass.map { $0["support"] as? Int } == [10, 10, 10])
    }

    @Test func saveThenInitGivesIdenticalPredictionsAndWeights() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let common = ["train", "--dataset", "spiral", "--samples", "300", "--noise", "0.1", "--seed", "4", "--test-split", "0.2", "--json", "--quiet"]
        let first = try GradschoolBinary.run(common + ["--epochs", "40", "--layers", "12,6", "--activation", "relu", "--dropout", "0.1",
                                                       "--normalize", "minmax", "--optimizer", "adam", "--lr", "0.02",
                                                       "--save", "a.safetensors"], in: folder.url)
        #expect(first.status == 0, "stderr was: \(first.error)")
        // The same split (same seed), the model from the file alone, no training: the same predictions.
        let second = try GradschoolBinary.run(common + ["--epochs", "0", "--init", "a.safetensors", "--save", "b.safetensors"], in: folder.url)
        #expect(second.status == 0, "stderr was: \(second.error)")
        let before = try #require(try jsonObject(first.output)["metrics"] as? NSDictionary)
        let after = try #require(try jsonObject(second.output)["metrics"] as? NSDictionary)
        #expect(before == after)
        let afterModel = try #require(try jsonObject(second.output)["model"] as? [String: Any])
        #expect(afterModel["sizes"] as? [Int] == [2, 12, 6, 1])
        #expect(afterModel["activations"] as? [String] == ["relu", "relu"])
        #expect(afterModel["dropout"] as? Double == 0.1)
        #expect((try jsonObject(second.output)["data"] as? [String: Any])?["normalization"] as? String == "minmax")
        // Saving what was loaded writes the very same bytes.
        #expect(try Data(contentsOf: folder.url.appendingPathComponent("a.safetensors"))
            == Data(contentsOf: folder.url.appendingPathComponent("b.safetensors")))
    }

    @Test func theSameSeedGivesTheSameModelBitForBit() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        func train(seed: String, to name: String) throws -> Data {
            let result = try GradschoolBinary.run(["train", "--dataset", "xor", "--epochs", "15", "--dropout", "0.2", "--seed", seed,
                                                   "--save", name, "--quiet"], in: folder.url)
            #expect(result.status == 0)
            return try Data(contentsOf: folder.url.appendingPathComponent(name))
        }
        let first = try train(seed: "9", to: "one.safetensors")
        #expect(try train(seed: "9", to: "two.safetensors") == first)
        #expect(try train(seed: "10", to: "three.safetensors") != first)
    }

    @Test func brokenOrMismatchedModelFilesAreBadData() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let saved = try GradschoolBinary.run(["train", "--dataset", "circle", "--epochs", "2", "--save", "good.safetensors", "--quiet"], in: folder.url)
        #expect(saved.status == 0)
        let good = try Data(contentsOf: folder.url.appendingPathComponent("good.safetensors"))

        func initError(_ bytes: Data, dataset: String = "circle") throws -> GradschoolBinary.Result {
            try bytes.write(to: folder.url.appendingPathComponent("bad.safetensors"))
            return try GradschoolBinary.run(["train", "--dataset", dataset, "--init", "bad.safetensors", "--epochs", "1",
                                             "--save", "out.safetensors"], in: folder.url)
        }
        let truncated = try initError(good.prefix(good.count - 10))
        #expect(truncated.status == 65)
        #expect(truncated.error.contains("bad.safetensors: tensor "))
        let cut = try initError(good.prefix(6))
        #expect(cut.status == 65 && cut.error.contains("bad.safetensors: only 6 bytes"))

        var notJSON = good
        notJSON[8] = UInt8(ascii: "x")
        let garbled = try initError(notJSON)
        #expect(garbled.status == 65 && garbled.error.contains("bad.safetensors: the header is not JSON"))

        /// The file with its JSON header edited; the edits keep the header's length, so every offset stays valid.
        func editingHeader(_ edit: (String) -> String) throws -> Data {
            let length = good.prefix(8).reversed().reduce(0) { $0 << 8 | Int($1) }
            let header = String(decoding: good[8..<(8 + length)], as: UTF8.self)
            let edited = Data(edit(header).utf8)
            try #require(edited.count == length && edit(header) != header)
            return good.prefix(8) + edited + good.dropFirst(8 + length)
        }

        // float64 weights.
        let wrongType = try initError(try editingHeader { $0.replacingOccurrences(of: "\"F32\"", with: "\"F64\"") })
        #expect(wrongType.status == 65 && wrongType.error.contains("has dtype F64, but only F32 (float32) is supported"))

        // Sizes that do not match the tensors.
        let chained = try initError(try editingHeader { $0.replacingOccurrences(of: "\"sizes\":\"[2,8,8,1]\"", with: "\"sizes\":\"[2,8,7,1]\"") })
        #expect(chained.status == 65 && chained.error.contains("the shapes do not chain with the sizes in __metadata__"))

        // A sound model, but for other data.
        let mismatch = try initError(good, dataset: "iris")
        #expect(mismatch.status == 65 && mismatch.error.contains("bad.safetensors takes 2 inputs but iris has 4 features"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("out.safetensors")))
    }

    // MARK: - On a terminal

    @Test(.enabled(if: GradschoolBinary.hasScript, "script(1) is not installed"))
    func aTerminalGetsOneLiveLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let arguments = ["train", "--dataset", "digits", "--layers", "16", "--epochs", "3"]
        let colored = try GradschoolBinary.runOnTerminal(arguments, in: folder.url, environment: ["TERM": "xterm-256color", "NO_COLOR": ""])
        #expect(colored.status == 0)
        #expect(colored.screen.contains("\r["))
        #expect(colored.screen.contains("\u{1B}[32m"))
        #expect(colored.screen.contains("3/3  loss "))
        #expect(colored.screen.contains("ETA "))
        #expect(!colored.screen.contains("epoch  1/3"))

        let plain = try GradschoolBinary.runOnTerminal(arguments, in: folder.url, environment: ["TERM": "xterm-256color", "NO_COLOR": "1"])
        #expect(plain.status == 0)
        #expect(plain.screen.contains("\r["))
        #expect(!plain.screen.contains("\u{1B}"))
    }
}
