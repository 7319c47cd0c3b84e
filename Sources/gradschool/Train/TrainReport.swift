import Foundation
import Neural

/// The human-readable text of a run: what is about to be trained, how training ended, and the metrics
/// on the held-out sets. Pure functions of values, so every line can be tested.
enum TrainReport {
    /// `2-8-8-1 (tanh, sigmoid output, dropout 0.2, 105 parameters)`.
    static func architecture(_ network: Network) -> String {
        guard let architecture = network.architecture else {
            return "\(network.layers.map(\.summary).joined(separator: ", ")) (\(network.parameterCount) parameters)"
        }
        var details: [String] = []
        let hidden = architecture.hiddenActivations.map(\.modelFileName)
        if let first = hidden.first {
            details.append(hidden.allSatisfy { $0 == first } ? first : hidden.joined(separator: "/"))
        }
        details.append("\(architecture.outputActivation.modelFileName) output")
        if architecture.dropout > 0 { details.append("dropout \(architecture.dropout)") }
        details.append("\(network.parameterCount) parameters")
        return architecture.sizes.map(String.init).joined(separator: "-") + " (" + details.joined(separator: ", ") + ")"
    }

    /// The line printed before training.
    static func header(network: Network, loss: Loss, data: PreparedData, plan: TrainPlan) -> String {
        "training \(architecture(network)) on \(data.name), \(data.problem): "
            + "\(data.training.count) training, \(data.validation.count) validation, \(data.test.count) test examples; "
            + "\(loss.name) loss, \(plan.optimizer.name), lr \(plan.learningRate), batch size \(plan.batchSize), \(plan.epochs) epochs"
    }

    /// How training ended, in one line.
    static func outcome(status: TrainingStatus, history: [EpochRecord], patience: Int?, seconds: Double) -> String {
        let time = seconds < 60 ? String(format: seconds < 10 ? "%.2f s" : "%.1f s", seconds) : ProgressFormat.duration(seconds)
        switch status {
        case .stoppedEarly(let bestEpoch):
            let watched = history.last?.validationLoss == nil ? "loss" : "val_loss"
            let best = history.first { $0.epoch == bestEpoch }.map { " (\(watched) \(ProgressFormat.loss($0.validationLoss ?? $0.trainingLoss)))" } ?? ""
            return "stopped early after epoch \(history.last?.epoch ?? 0) in \(time): \(watched) had not improved for "
                + "\(patience ?? 0) epochs; kept the weights of epoch \(bestEpoch)\(best)"
        case .diverged(let divergence):
            return TrainError.divergenceSentence(divergence)
        case .training where history.isEmpty:
            return "evaluated without training (--epochs 0)"
        case .training, .finished:
            var line = "finished \(history.count) epoch\(history.count == 1 ? "" : "s") in \(time)"
            if let last = history.last {
                line += ": loss \(ProgressFormat.loss(last.trainingLoss))"
                if let validationLoss = last.validationLoss { line += ", val_loss \(ProgressFormat.loss(validationLoss))" }
            }
            return line
        }
    }

    /// The metrics of one set, several lines.
    static func metrics(_ evaluation: SetEvaluation, classNames: [String]) -> String {
        var lines = ["\(evaluation.name) set: \(evaluation.count) example\(evaluation.count == 1 ? "" : "s")"]
        switch evaluation.scores {
        case .regression(let meanSquaredError, let meanAbsoluteError, let rSquared):
            lines.append("  loss \(ProgressFormat.loss(evaluation.loss))  MSE \(number(meanSquaredError))  "
                         + "MAE \(number(meanAbsoluteError))  R² \(String(format: "%.3f", rSquared))")
        case .classification(let matrix):
            lines.append("  loss \(ProgressFormat.loss(evaluation.loss))  accuracy \(String(format: "%.3f", matrix.accuracy))")
            lines += classificationTable(matrix, classNames: classNames).map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    /// Per-class precision, recall, F1 and support, their macro average, then the confusion matrix.
    static func classificationTable(_ matrix: ConfusionMatrix, classNames: [String]) -> [String] {
        let names = (0..<matrix.classCount).map { index in
            String((index < classNames.count ? classNames[index] : "class \(index)").prefix(14))
        }
        let nameWidth = max(9, names.map(\.count).max() ?? 0)
        func padded(_ text: String, _ width: Int, right: Bool = false) -> String {
            let padding = String(repeating: " ", count: max(0, width - text.count))
            return right ? padding + text : text + padding
        }
        func scoreRow(_ name: String, _ precision: Double, _ recall: Double, _ f1: Double, _ support: Int) -> String {
            padded(name, nameWidth) + [precision, recall, f1].map { padded(String(format: "%.3f", $0), 11, right: true) }.joined()
                + padded(String(support), 9, right: true)
        }
        var lines = [padded("class", nameWidth) + ["precision", "recall", "f1"].map { padded($0, 11, right: true) }.joined()
                     + padded("support", 9, right: true)]
        for index in 0..<matrix.classCount {
            let scores = matrix.scores(of: index)
            lines.append(scoreRow(names[index], scores.precision, scores.recall, scores.f1, scores.support))
        }
        lines.append(scoreRow("macro avg", matrix.macroPrecision, matrix.macroRecall, matrix.macroF1, matrix.total))

        lines.append("confusion matrix (rows: true class, columns: predicted class)")
        let cellWidth = max(5, names.map(\.count).max().map { $0 + 2 } ?? 0, String(matrix.total).count + 2)
        lines.append(padded("", nameWidth) + names.map { padded($0, cellWidth, right: true) }.joined())
        for actual in 0..<matrix.classCount {
            lines.append(padded(names[actual], nameWidth)
                         + (0..<matrix.classCount).map { padded(String(matrix[actual: actual, predicted: $0]), cellWidth, right: true) }.joined())
        }
        return lines
    }

    /// A metric with four significant decimals, scientific when tiny or huge.
    static func number(_ value: Double) -> String {
        ProgressFormat.loss(Float(value))
    }
}
