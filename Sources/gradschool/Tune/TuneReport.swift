import Foundation
import Neural

/// What a search found: the table of trials, the best one, and the same as JSON.
struct TuneReport {
    let plan: TunePlan
    let problem: Problem
    let results: [TrialResult]
    let plannedTrials: Int
    let interrupted: Bool
    let seconds: Double

    /// A number with four significant digits, the way the table prints losses and rates.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        return String(format: "%.4g", value)
    }

    /// A setting's value as the table prints it: whole numbers plainly, rates as the `Float` trained with.
    static func value(_ value: Double, of setting: SearchSetting) -> String {
        setting.isInteger ? String(Int(value)) : "\(Float(value))"
    }

    private func measurement(_ name: String, of result: TrialResult) -> Double? {
        result.outcome.measurements.first { $0.name == name }?.value
    }

    /// The table of trials, the best one marked, and what was saved.
    func text(savedPath: String?) -> String {
        let settings = plan.search.space.settings
        var header = ["trial"] + settings.map(\.name) + ["val loss"]
        if problem.isClassification { header.append("val acc") }
        header.append("seconds")
        let best = results.best
        var rows: [[String]] = []
        for result in results {
            var row = [(result.trial.index == best?.trial.index ? "*" : "") + String(result.trial.index + 1)]
            row += zip(settings, result.trial.values).map { Self.value($1, of: $0) }
            row.append(result.score.isFinite ? Self.number(-result.score) : "diverged")
            if problem.isClassification {
                row.append(measurement("validationAccuracy", of: result).map { String(format: "%.1f %%", 100 * $0) } ?? "-")
            }
            row.append(String(format: "%.2f", result.seconds))
            rows.append(row)
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { String(repeating: " ", count: widths[$0.offset] - $0.element.count) + $0.element }
                .joined(separator: "  ")
        }
        var lines = [line(header)] + rows.map(line)
        let methodName = plan.search.method.name
        if interrupted {
            lines.append("stopped by Ctrl-C after \(results.count) of \(plannedTrials) trials (\(methodName) search, seed \(plan.search.seed), "
                         + "\(String(format: "%.1f", seconds)) s)")
        } else {
            lines.append("\(results.count) trials of \(methodName) search, seed \(plan.search.seed), in \(String(format: "%.1f", seconds)) s")
        }
        if let best {
            let settingsText = zip(settings, best.trial.values).map { "\($0.name) \(Self.value($1, of: $0))" }.joined(separator: ", ")
            lines.append("best: trial \(best.trial.index + 1) (marked *): \(settingsText): validation loss \(Self.number(-best.score))")
        } else {
            lines.append(results.isEmpty ? "no trial finished: nothing was saved"
                         : "every trial diverged: nothing was saved; search lower learning rates")
        }
        if let savedPath {
            lines.append("saved \(savedPath): train it again with gradschool train --config \(savedPath)")
        }
        return lines.joined(separator: "\n")
    }

    func json(savedPath: String?) -> JSONValue {
        let settings = plan.search.space.settings
        func trialJSON(_ result: TrialResult) -> JSONValue {
            var members: [(key: String, value: JSONValue)] = [
                ("trial", .integer(result.trial.index + 1)),
                ("settings", .object(zip(settings, result.trial.values).map { setting, value in
                    (setting.name, setting.isInteger ? .integer(Int(value)) : .float(Float(value)))
                })),
                ("diverged", .bool(!result.score.isFinite)),
                ("validation_loss", .float(measurement("validationLoss", of: result).map { Float($0) })),
            ]
            if problem.isClassification {
                members.append(("validation_accuracy", .float(measurement("validationAccuracy", of: result).map { Float($0) })))
            }
            members.append(("seconds", .double(result.seconds)))
            return .object(members)
        }
        return .object([
            ("method", .string(plan.search.method.name)),
            ("seed", .number(String(plan.search.seed))),
            ("space", .object(settings.map { ($0.name, .string($0.rangeText)) })),
            ("planned_trials", .integer(plannedTrials)),
            ("interrupted", .bool(interrupted)),
            ("seconds", .double(seconds)),
            ("trials", .array(results.map(trialJSON))),
            ("best", results.best.map(trialJSON) ?? .null),
            ("saved", savedPath.map { .string($0) } ?? .null),
        ])
    }
}
