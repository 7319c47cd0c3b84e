import Foundation
import Testing
@testable import Neural
@testable import gradschool

/// What `gradschool train` prints, as pure functions of numbers, and a whole run in-process with a
/// console that pretends to be (or not to be) a terminal.
@Suite("gradschool train output")
struct TrainOutputTests {
    // MARK: - Numbers

    @Test func numbers() {
        #expect(ProgressFormat.loss(0.43214) == "0.4321")
        #expect(ProgressFormat.loss(0) == "0.0000")
        #expect(ProgressFormat.loss(0.00025) == "2.500e-04")
        #expect(ProgressFormat.loss(123_456) == "1.235e+05")
        #expect(ProgressFormat.loss(.nan) == "nan")
        #expect(ProgressFormat.loss(.infinity) == "inf")
        #expect(ProgressFormat.share(0.875) == "0.875")
        #expect(ProgressFormat.rate(950) == "950")
        #expect(ProgressFormat.rate(1_234) == "1.23k")
        #expect(ProgressFormat.rate(12_345) == "12.3k")
        #expect(ProgressFormat.rate(1_250_000) == "1.25M")
        #expect(ProgressFormat.rate(.nan) == "?")
        // Time left is rounded up: 3.2 s to go is not "0:03".
        #expect(ProgressFormat.duration(3.2) == "0:04")
        #expect(ProgressFormat.duration(0) == "0:00")
        #expect(ProgressFormat.duration(760) == "12:40")
        #expect(ProgressFormat.duration(3_723) == "1:02:03")
        #expect(ProgressFormat.duration(nil) == "?:??")
        #expect(ProgressFormat.duration(.infinity) == "?:??")
    }

    // MARK: - Progress lines

    @Test func plainLines() {
        let classification = EpochRecord(epoch: 3, trainingLoss: 0.5, validationLoss: 0.25, trainingAccuracy: 0.75,
                                         validationAccuracy: 0.5, seconds: 0.1)
        #expect(ProgressFormat.plainLine(classification, totalEpochs: 100, samplesPerSecond: 1_500)
            == "epoch   3/100  loss 0.5000  val_loss 0.2500  accuracy 0.750  val_accuracy 0.500  1.50k samples/s")
        let regression = EpochRecord(epoch: 7, trainingLoss: 0.125, seconds: 0.1)
        #expect(ProgressFormat.plainLine(regression, totalEpochs: 10, samplesPerSecond: 950) == "epoch  7/10  loss 0.1250  950 samples/s")
    }

    static let snapshot = ProgressSnapshot(epoch: 12, totalEpochs: 100, fractionDone: 0.25, loss: 0.5, validationLoss: 0.25,
                                           samplesPerSecond: 1_500, secondsLeft: 3)
    static let snapshotText = "12/100  loss 0.5000  val_loss 0.2500  1.50k samples/s  ETA 0:03"

    @Test func liveLineHasABarWhenThereIsRoom() {
        // 63 characters of text leave room for the widest bar (30) in 100 columns; a quarter of it is filled.
        let line = ProgressFormat.liveLine(Self.snapshot, width: 100, colors: false)
        #expect(line == "[" + String(repeating: "█", count: 7) + String(repeating: "░", count: 23) + "]  " + Self.snapshotText)
        #expect(line.count <= 99)
        #expect(!line.contains("\u{1B}"))
    }

    @Test func liveLineNeverWraps() {
        let line = ProgressFormat.liveLine(Self.snapshot, width: 60, colors: true)
        #expect(line == String(Self.snapshotText.prefix(59)))
        let mid = ProgressFormat.liveLine(Self.snapshot, width: 80, colors: false)
        // 79 − 63 − 4 = 12 columns of bar, 3 of them filled.
        #expect(mid == "[███░░░░░░░░░]  " + Self.snapshotText)
        #expect(mid.count == 79)
    }

    @Test func liveLineColoursOnlyTheBar() {
        let line = ProgressFormat.liveLine(Self.snapshot, width: 100, colors: true)
        #expect(line == "[\u{1B}[32m" + String(repeating: "█", count: 7) + "\u{1B}[0m" + String(repeating: "░", count: 23) + "]  " + Self.snapshotText)
        #expect(ProgressFormat.visibleWidth(line) == ProgressFormat.liveLine(Self.snapshot, width: 100, colors: false).count)
    }

    @Test func plainIntervalGivesAboutTwentyFiveLines() {
        #expect(ProgressReporter.automaticInterval(epochs: 10) == 1)
        #expect(ProgressReporter.automaticInterval(epochs: 25) == 1)
        #expect(ProgressReporter.automaticInterval(epochs: 26) == 2)
        #expect(ProgressReporter.automaticInterval(epochs: 100) == 4)
        #expect(ProgressReporter.automaticInterval(epochs: 1_000) == 40)
    }

    // MARK: - Log rows and reports

    @Test func logRows() {
        #expect(EpochLog.header == "epoch,train_loss,val_loss,train_accuracy,val_accuracy,seconds")
        let record = EpochRecord(epoch: 2, trainingLoss: 0.5, trainingAccuracy: 0.75, seconds: 0.012_345_678_9)
        #expect(EpochLog.row(record) == "2,0.5,,0.75,,0.012346")
        // Every digit of a Float survives the trip through text.
        let precise = EpochRecord(epoch: 1, trainingLoss: 0.1 + 1e-8, validationLoss: 1 / 3, seconds: 0)
        let cells = EpochLog.row(precise).split(separator: ",", omittingEmptySubsequences: false)
        #expect(Float(cells[1]) == precise.trainingLoss && Float(cells[2]) == precise.validationLoss)
    }

    @Test func classificationReport() {
        // True classes 0,0,0,1,1,1 predicted as 0,0,1,1,1,0: each class has 2 right of 3 found and of 3
        // predicted, so precision = recall = F1 = 2/3 and accuracy 4/6. Names are padded to the width of
        // "macro avg" (9), scores right-aligned in 11 columns, counts in columns of 5.
        let matrix = ConfusionMatrix(predicted: [0, 0, 1, 1, 1, 0], actual: [0, 0, 0, 1, 1, 1], classCount: 2)
        let evaluation = SetEvaluation(name: "validation", count: 6, loss: 0.625, scores: .classification(matrix))
        #expect(TrainReport.metrics(evaluation, classNames: ["no", "yes"]) == """
        validation set: 6 examples
          loss 0.6250  accuracy 0.667
          class      precision     recall         f1  support
          no             0.667      0.667      0.667        3
          yes            0.667      0.667      0.667        3
          macro avg      0.667      0.667      0.667        6
          confusion matrix (rows: true class, columns: predicted class)
                      no  yes
          no           2    1
          yes          1    2
        """)
    }

    @Test func regressionReport() {
        let evaluation = SetEvaluation(name: "test", count: 1, loss: 0.25,
                                       scores: .regression(meanSquaredError: 0.25, meanAbsoluteError: 0.5, rSquared: 0.75))
        #expect(TrainReport.metrics(evaluation, classNames: []) == "test set: 1 example\n  loss 0.2500  MSE 0.2500  MAE 0.5000  R² 0.750")
    }

    @Test func scoresOfAHandSetNetwork() {
        // Regression: a = 2x on x = 1, 2, 3 against y = 2, 4, 7 misses by 0, 0, −1: MSE = MAE = 1/3;
        // ȳ = 13/3, Σ(y − ȳ)² = 38/3, so R² = 1 − 1 / (38/3) = 35/38.
        var line = Network(sizes: [1, 1], activation: .identity, outputActivation: .identity, seed: 1)
        line.setParameters(ofLayer: 0, weights: Matrix([[2]]), bias: [0])
        let numbers = Dataset(name: "line", features: Matrix([[1], [2], [3]]), targets: Matrix([[2], [4], [7]]), problem: .regression)
        guard case .regression(let mse, let mae, let rSquared) = SetEvaluation.scores(of: line, on: numbers) else {
            Issue.record("a regression was scored as a classification")
            return
        }
        #expect(abs(mse - 1.0 / 3) < 1e-9 && abs(mae - 1.0 / 3) < 1e-9 && abs(rSquared - 35.0 / 38) < 1e-9)

        // Classification: σ(x) ≥ 0.5 exactly when x ≥ 0, so x = −1, 2, 3, −2 are classes 0, 1, 1, 0.
        var neuron = Network(sizes: [1, 1], activation: .identity, outputActivation: .sigmoid, seed: 1)
        neuron.setParameters(ofLayer: 0, weights: Matrix([[1]]), bias: [0])
        let labels = Dataset.classification(name: "signs", features: Matrix([[-1], [2], [3], [-2]]), labels: [0, 1, 0, 0], classCount: 2)
        #expect(SetEvaluation.scores(of: neuron, on: labels)
            == .classification(ConfusionMatrix(predicted: [0, 1, 1, 0], actual: [0, 1, 0, 0], classCount: 2)))
        #expect(SetEvaluation.predictedLabels(Matrix([[0.1, 0.7, 0.2], [0.5, 0.2, 0.3]])) == [1, 0])
    }

    @Test func outcomes() {
        let history = (1...6).map { EpochRecord(epoch: $0, trainingLoss: 0.5, validationLoss: $0 == 3 ? 0.125 : 0.25, seconds: 0.1) }
        #expect(TrainReport.outcome(status: .finished, history: Array(history.prefix(2)), patience: nil, seconds: 1.234)
            == "finished 2 epochs in 1.23 s: loss 0.5000, val_loss 0.2500")
        #expect(TrainReport.outcome(status: .stoppedEarly(bestEpoch: 3), history: history, patience: 3, seconds: 12.5)
            == "stopped early after epoch 6 in 12.5 s: val_loss had not improved for 3 epochs; kept the weights of epoch 3 (val_loss 0.1250)")
        #expect(TrainReport.outcome(status: .finished, history: [EpochRecord(epoch: 1, trainingLoss: 2, seconds: 75)], patience: nil, seconds: 75)
            == "finished 1 epoch in 1:15: loss 2.0000")
        #expect(TrainReport.outcome(status: .training, history: [], patience: nil, seconds: 0) == "evaluated without training (--epochs 0)")
    }

    @Test func divergenceSentence() {
        let divergence = Divergence(epoch: 12, batch: 3, loss: .nan, learningRate: 3)
        #expect(TrainError.divergenceSentence(divergence)
            == "diverged at epoch 12 (loss = nan) with lr 3.0: try a lower learning rate, such as --lr 0.3")
        #expect(TrainError.diverged(divergence).exitStatus == 75)
        #expect([TrainError.usage(""), .badInput(""), .missingFile(""), .cannotWrite("")].map(\.exitStatus) == [64, 65, 66, 73])
    }

    @Test func architectureSummary() {
        #expect(TrainReport.architecture(Network(sizes: [2, 8, 8, 1], activation: .tanh, outputActivation: .sigmoid, seed: 1))
            == "2-8-8-1 (tanh, sigmoid output, 105 parameters)")
        #expect(TrainReport.architecture(Network(sizes: [4, 3], activation: .relu, outputActivation: .softmax, seed: 1))
            == "4-3 (softmax output, 15 parameters)")
        #expect(TrainReport.architecture(Network(sizes: [2, 5, 1], activation: .relu, outputActivation: .identity, dropout: 0.5, seed: 1))
            == "2-5-1 (relu, identity output, dropout 0.5, 21 parameters)")
    }

    // MARK: - JSON

    @Test func jsonValues() throws {
        let value = JSONValue.object([
            ("name", .string("quote \" backslash \\ newline \n")),
            ("loss", .float(0.1)), ("nan", .float(.nan)), ("tiny", .float(1e-5)), ("count", .integer(3)),
            ("list", .array([.integer(1), .integer(2)])), ("nested", .array([.object([("a", .bool(true))])])), ("nothing", .null),
        ])
        let text = value.rendered()
        #expect(text.hasPrefix("{\n  \"name\": \"quote \\\" backslash \\\\ newline \\n\",\n  \"loss\": 0.1,\n  \"nan\": null,"))
        #expect(text.contains("\"list\": [1, 2]"))
        let parsed = try jsonObject(text)
        #expect(parsed["name"] as? String == "quote \" backslash \\ newline \n")
        #expect(parsed["loss"] as? Double == 0.1)
        #expect(parsed["nan"] is NSNull)
        #expect(parsed["tiny"] as? Double == 1e-5)
        #expect((parsed["nested"] as? [[String: Bool]])?.first?["a"] == true)
    }

    // MARK: - A whole run in-process

    /// Collects what a run writes.
    final class Transcript {
        var output = ""
        var error = ""

        func console(outputIsTerminal: Bool, colors: Bool = false) -> Console {
            Console(writeOutput: { self.output += $0 }, writeError: { self.error += $0 }, outputIsTerminal: outputIsTerminal,
                    errorIsTerminal: false, colorsAllowed: colors, width: 100)
        }
    }

    @Test func aTerminalSeesOneLineRedrawnInPlace() throws {
        let transcript = Transcript()
        let plan = try TrainPlan(TrainCommand.parse(["--dataset", "xor", "--epochs", "5"]))
        try TrainRun(plan: plan, console: transcript.console(outputIsTerminal: true)).run()
        let lines = transcript.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("training 2-8-8-1 (tanh, sigmoid output, 105 parameters) on xor"))
        // The progress is one line: every redraw starts with a carriage return, and the last shows the end.
        #expect(lines[1].hasPrefix("\r["))
        #expect(lines[1].components(separatedBy: "\r").dropFirst().allSatisfy { $0.hasPrefix("[") })
        #expect(lines[1].components(separatedBy: "\r").last?.contains("]  5/5  loss ") == true)
        #expect(lines[1].hasSuffix("ETA 0:00") || lines[1].hasSuffix(" "))
        #expect(lines[2].hasPrefix("finished 5 epochs in "))
        #expect(!transcript.output.contains("\u{1B}"))
        #expect(transcript.error.isEmpty)
    }

    @Test func elsewhereOnlyPlainLines() throws {
        let transcript = Transcript()
        let plan = try TrainPlan(TrainCommand.parse(["--dataset", "xor", "--epochs", "5"]))
        try TrainRun(plan: plan, console: transcript.console(outputIsTerminal: false, colors: true)).run()
        #expect(!transcript.output.contains("\r") && !transcript.output.contains("\u{1B}"))
        #expect(transcript.output.split(separator: "\n").filter { $0.hasPrefix("epoch ") }.count == 5)
    }

    @Test func jsonSummaryOfARun() throws {
        let transcript = Transcript()
        let plan = try TrainPlan(TrainCommand.parse(["--dataset", "plane", "--epochs", "3", "--test-split", "0.25", "--json",
                                                     "--l2", "0.001", "--patience", "5"]))
        try TrainRun(plan: plan, console: transcript.console(outputIsTerminal: false)).run()
        let summary = try jsonObject(transcript.output)
        #expect(summary["status"] as? String == "finished")
        #expect(summary["epochs_completed"] as? Int == 3)
        #expect(summary["best_epoch"] is NSNull && summary["divergence"] is NSNull)
        let data = try #require(summary["data"] as? [String: Any])
        #expect(data["problem"] as? String == "regression")
        #expect(data["training_examples"] as? Int == 110 && data["validation_examples"] as? Int == 40 && data["test_examples"] as? Int == 50)
        #expect(data["normalization"] as? String == "standard")
        let training = try #require(summary["training"] as? [String: Any])
        #expect(training["optimizer"] as? String == "sgd" && training["learning_rate"] as? Double == 0.03)
        #expect(training["l2"] as? Double == 0.001 && training["patience"] as? Int == 5 && training["seed"] as? Int == 1)
        let history = try #require(summary["history"] as? [[String: Any]])
        #expect(history.map { $0["epoch"] as? Int } == [1, 2, 3])
        #expect(history.allSatisfy { $0["train_accuracy"] is NSNull })
        let final = try #require(summary["final"] as? [String: Any])
        #expect(final["val_loss"] as? Double == history.last?["val_loss"] as? Double)
        let test = try #require((summary["metrics"] as? [String: Any])?["test"] as? [String: Any])
        #expect(test["examples"] as? Int == 50)
        // The model was trained with MSE, so its test loss is the test MSE (to float precision).
        let loss = try #require(test["loss"] as? Double), mse = try #require(test["mse"] as? Double)
        #expect(abs(loss - mse) <= 1e-6 * max(1, mse))
        // Progress went to standard error, leaving standard output to the JSON alone.
        #expect(transcript.error.contains("epoch 1/3  loss "))
    }
}
