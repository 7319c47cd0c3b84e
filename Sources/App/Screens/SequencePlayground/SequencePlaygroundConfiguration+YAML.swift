import Curriculum
import Foundation
import Neural

/// The sequence mode's settings as a YAML file, one `key: value` line per setting:
///
/// ```yaml
/// mode: sequences
/// data: names
/// model: lstm
/// hidden: 32
/// layers: 1
/// heads: 2
/// learningRate: 0.01
/// batchSize: 32
/// temperature: 0.8
/// seed: 1
/// description: embed 16, lstm 32, dense 28
/// ```
///
/// `mode: sequences` is what tells it from a dense playground file. Every other key is optional; an
/// unknown key, a value out of range, or a description that disagrees with the settings is reported with
/// its line.
extension SequencePlaygroundConfiguration {
    static let keys = ["mode", "data", "model", "hidden", "layers", "heads", "learningRate", "batchSize", "temperature",
                       "seed", "description", "steps"]

    /// The settings as YAML text; `steps` records how long the saved model trained.
    public func yaml(vocabularySize: Int, steps: Int? = nil) -> String {
        var lines = [
            "# A gradschool playground run in sequence mode: a character model learning names.",
            "# Open it with `gradschool play --config FILE`, or train it from the shell with `gradschool train --config FILE`.",
            "mode: sequences",
            "data: names",
            "model: \(model.rawValue)",
            "hidden: \(hiddenSize)",
            "layers: \(layers)",
            "heads: \(heads)",
            "learningRate: \(PlaygroundConfiguration.number(learningRate))",
            "batchSize: \(batchSize)",
            "temperature: \(PlaygroundConfiguration.number(temperature))",
            "seed: \(seed)",
            "description: \"\(description(vocabularySize: vocabularySize))\"",
        ]
        if let steps { lines.append("steps: \(steps)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Whether YAML text is a sequence-mode file (it says `mode: sequences`); false for anything unreadable.
    public static func isSequenceFile(_ text: String) -> Bool {
        guard let settings = try? SettingsFile(yaml: text) else { return false }
        return settings.entries.contains { $0.key == "mode" && $0.value.string?.lowercased() == "sequences" }
    }

    /// Reads settings from YAML text; `file` names it in errors.
    public init(yaml text: String, file: String, vocabularySize: Int) throws(PlaygroundConfigurationError) {
        self.init()
        let settings = try PlaygroundConfigurationError.settings(yaml: text, file: file, example: "model: lstm")
        var seen = Set<String>()
        var description: (text: String, line: Int)?
        var modeLine: Int?
        for entry in settings.entries {
            let line = entry.line
            func problem(_ text: String) -> PlaygroundConfigurationError { .invalid(file: file, line: line, problem: text) }
            guard let key = entry.key, Self.keys.contains(key) else {
                let suggestion = Self.keys.first { $0.lowercased() == entry.key?.lowercased() }
                throw problem("unknown setting '\(entry.key ?? "?")'"
                              + (suggestion.map { ": did you mean '\($0)'?" } ?? "; the settings are \(Self.keys.joined(separator: ", "))"))
            }
            guard seen.insert(key).inserted else { throw problem("'\(key)' is set twice: keep one") }
            guard let value = entry.value.string, !value.isEmpty else { throw problem("'\(key)' needs a value, such as '\(key): …'") }
            func integer(_ range: ClosedRange<Int>, choices: [Int]? = nil) throws(PlaygroundConfigurationError) -> Int {
                guard let number = Int(value), range.contains(number), choices?.contains(number) ?? true else {
                    let allowed = choices.map { $0.map(String.init).joined(separator: ", ") } ?? "\(range.lowerBound) to \(range.upperBound)"
                    throw problem("'\(key)' must be one of \(allowed), not '\(value)'")
                }
                return number
            }
            func number(_ range: ClosedRange<Double>) throws(PlaygroundConfigurationError) -> Double {
                guard let number = Double(value), number.isFinite, range.contains(number) else {
                    throw problem("'\(key)' must be a number from \(PlaygroundConfiguration.number(range.lowerBound)) to "
                                  + "\(PlaygroundConfiguration.number(range.upperBound)), not '\(value)'")
                }
                return number
            }
            switch key {
            case "mode":
                guard value.lowercased() == "sequences" else {
                    throw problem("'mode' must be 'sequences' in a sequence-mode file, not '\(value)'; remove the line for a dense playground file")
                }
                modeLine = line
            case "data":
                guard value.lowercased() == "names" else { throw problem("the sequence mode learns 'names' only, not '\(value)'") }
            case "model":
                guard let kind = ModelKind(rawValue: value.lowercased()) else {
                    throw problem("'model' must be one of \(ModelKind.allCases.map(\.rawValue).joined(separator: ", ")), not '\(value)'")
                }
                model = kind
            case "hidden": hiddenSize = try integer(1...128, choices: Self.hiddenSizes)
            case "layers": layers = try integer(1...3)
            case "heads": heads = try integer(1...8, choices: Self.headCounts)
            case "learningRate": learningRate = Float(try number(1e-6...100))
                guard learningRate > 0 else { throw problem("'learningRate' must be above 0, not '\(value)'") }
            case "batchSize": batchSize = try integer(1...1024)
            case "temperature": temperature = try number(0.05...5)
            case "seed": seed = UInt64(try integer(0...Int(Int32.max)))
            case "description": description = (value, line)
            case "steps": _ = try integer(0...Int(Int32.max))
            default: break
            }
        }
        guard modeLine != nil else {
            throw .invalid(file: file, line: 1, problem: "there is no 'mode: sequences' line: add it, or open the file as a dense playground file")
        }
        if model == .transformer && hiddenSize % heads != 0 {
            let line = settings.entries.first { $0.key == "heads" }?.line ?? 1
            throw .invalid(file: file, line: line, problem: "\(heads) heads do not divide the width \(hiddenSize): choose heads that divide it, such as 2")
        }
        if let description {
            let problem = { (text: String) in PlaygroundConfigurationError.invalid(file: file, line: description.line, problem: text) }
            let parsed: ArchitectureDescription
            do {
                parsed = try ArchitectureDescription(parsing: description.text)
            } catch {
                throw problem("the description does not read as layers: \(error.description)")
            }
            let expected = self.description(vocabularySize: vocabularySize)
            guard parsed == (try? ArchitectureDescription(parsing: expected)) else {
                throw problem("the description '\(description.text)' disagrees with the settings, which make '\(expected)': "
                              + "fix one, or remove the description line")
            }
        }
    }

    /// Reads the file at `path`.
    public static func read(from path: String, vocabularySize: Int) throws(PlaygroundConfigurationError) -> SequencePlaygroundConfiguration {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            let reason = !exists ? "no such file: check the path"
                : isFolder.boolValue ? "it is a folder, not a file: give the path of a .yaml file saved from the playground"
                : FileManager.default.isReadableFile(atPath: path) ? "the file could not be read as UTF-8 text"
                : "permission denied: make the file readable"
            throw .unreadable(file: path, reason: reason)
        }
        return try SequencePlaygroundConfiguration(yaml: text, file: name, vocabularySize: vocabularySize)
    }
}
