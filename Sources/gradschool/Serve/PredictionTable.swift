import Foundation
import PredictionService

/// Predictions as CSV, and a line on how well they match the file's own targets.
enum PredictionTable {
    /// One header line, then one line per prediction: `class,probability_<name>…` for a classifier,
    /// `output` (or `output_1…`) for regression.
    static func csv(_ predictions: [Prediction], reading: OutputReading) -> String {
        var lines: [String] = []
        switch reading {
        case .classes(let names):
            lines.append((["class"] + names.map { "probability_" + field($0) }).joined(separator: ","))
        case .twoClasses(let negative, let positive):
            lines.append(["class", "probability_" + field(negative), "probability_" + field(positive)].joined(separator: ","))
        case .numbers:
            let count = predictions.first?.outputs.count ?? 1
            lines.append(count == 1 ? "output" : (1...count).map { "output_\($0)" }.joined(separator: ","))
        }
        for prediction in predictions {
            if let className = prediction.className {
                lines.append(([field(className)] + prediction.probabilities.map { String($0.probability) }).joined(separator: ","))
            } else {
                lines.append(prediction.outputs.map { String($0) }.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Accuracy for classes, mean squared error for numbers, when the file had targets.
    static func summary(_ predictions: [Prediction], data: PredictionData, reading: OutputReading, fileName: String) -> String? {
        if let targets = data.classNames, reading != .numbers {
            let names: [String]
            switch reading {
            case .classes(let all): names = all
            case .twoClasses(let negative, let positive): names = [negative, positive]
            case .numbers: names = []
            }
            // A file that numbers its classes 0, 1, 2 (as the bundled iris.csv does) names them by position.
            let known = Set(names)
            let named = targets.map { target in
                known.contains(target) ? target : Int(target).flatMap { names.indices.contains($0) ? names[$0] : nil } ?? target
            }
            let right = zip(predictions, named).filter { $0.className == $1 }.count
            let percent = predictions.isEmpty ? 0 : Double(right) / Double(predictions.count) * 100
            return "Accuracy on the targets in \(fileName): \(right) of \(predictions.count) right (\(String(format: "%.1f", percent))%)."
        }
        if let values = data.values, reading == .numbers, !predictions.isEmpty {
            let squared = zip(predictions, values).map { ($0.outputs[0] - $1) * ($0.outputs[0] - $1) }
            let mean = squared.reduce(0, +) / Float(squared.count)
            return "Mean squared error on the targets in \(fileName): \(mean)."
        }
        return nil
    }

    /// A CSV field: quoted when it holds a comma, a quote or a line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
