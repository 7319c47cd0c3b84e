import Curriculum
import Foundation
import Neural

/// The image playground's settings as a YAML file, told from the dense playground's by `mode: images`.
///
/// ```yaml
/// mode: images
/// model: conv 8 3 pad 1, relu, maxpool 2, flatten, dense 10, softmax
/// optimizer: adam
/// learningRate: 0.003
/// batchSize: 32
/// seed: 1
/// speed: full
/// epochs: 1000
/// ```
///
/// `model` is the layer description `gradschool train --model` reads. Every key but `mode` is optional; an
/// unknown key or a value out of range is reported with its line.
extension ImagePlaygroundConfiguration {
    /// The value of `mode` that opens the image playground.
    public static let mode = "images"
    static let keys = ["mode", "model", "optimizer", "learningRate", "batchSize", "seed", "speed", "epochs"]

    /// The configuration as YAML text.
    public func yaml() -> String {
        [
            "# A gradschool image playground run: a CNN learning the 8x8 digits.",
            "# Open it with `gradschool play --config FILE`, or train it from the shell with `gradschool train --config FILE`.",
            "mode: \(Self.mode)",
            "model: \(architectureText)",
            "optimizer: \(optimizer.name)",
            "learningRate: \(PlaygroundConfiguration.number(learningRate))",
            "batchSize: \(batchSize)",
            "seed: \(seed)",
            "speed: \(speed.rawValue)",
            "epochs: \(epochs)",
        ].joined(separator: "\n") + "\n"
    }

    /// The `mode:` a settings text names, lowercased; nil when it names none or is not settings at all.
    public static func mode(ofYAML text: String) -> String? {
        guard let settings = try? SettingsFile(yaml: text) else { return nil }
        return settings.entries.first { $0.key == "mode" }?.value.plainText?.lowercased()
    }

    /// The `mode:` of the file at `path`; nil when it cannot be read or names none.
    public static func mode(ofFile path: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return mode(ofYAML: text)
    }

    /// Reads a configuration from YAML text; `file` names it in errors.
    public init(yaml text: String, file: String) throws(PlaygroundConfigurationError) {
        self.init()
        let settings = try PlaygroundConfigurationError.settings(yaml: text, file: file, example: "mode: images")
        var seen = Set<String>()
        for entry in settings.entries {
            let line = entry.line
            func problem(_ text: String) -> PlaygroundConfigurationError { .invalid(file: file, line: line, problem: text) }
            guard let key = entry.key, Self.keys.contains(key) else {
                let suggestion = Self.keys.first { $0.lowercased() == entry.key?.lowercased() }
                throw problem("unknown setting '\(entry.key ?? "?")'"
                              + (suggestion.map { ": did you mean '\($0)'?" } ?? "; the image playground's settings are \(Self.keys.joined(separator: ", "))"))
            }
            guard seen.insert(key).inserted else { throw problem("'\(key)' is set twice: keep one") }
            guard let value = entry.value.plainText, !value.isEmpty else {
                throw problem("'\(key)' needs one plain value, such as '\(key): \(Self.example(of: key))'")
            }
            switch key {
            case "mode":
                guard value.lowercased() == Self.mode else {
                    throw problem("'mode' is '\(value)', but this file is read as the image playground's: write 'mode: images'")
                }
            case "model":
                let description: ArchitectureDescription
                do {
                    description = try ArchitectureDescription(parsing: value)
                } catch {
                    throw problem("the model does not parse: \(error.problem) (at \"\(error.word)\")")
                }
                switch Self.blocks(of: description) {
                case .failure(let shape): throw problem("the image playground cannot edit '\(value)': \(shape)")
                case .success(let blocks): self.blocks = blocks
                }
                do {
                    _ = try makeNetwork()
                } catch {
                    throw problem("'\(value)' does not fit the 8x8 digits: \(error.problem)")
                }
            case "optimizer":
                guard let kind = OptimizerKind(name: value) else {
                    throw problem("there is no optimizer '\(value)': choose \(OptimizerKind.all.map(\.name).joined(separator: ", "))")
                }
                optimizer = kind
            case "learningRate":
                guard let rate = Float(value), rate.isFinite, rate > 0, rate <= 1e6 else {
                    throw problem("'learningRate' must be a positive number up to 1000000, not '\(value)'")
                }
                learningRate = rate
            case "batchSize":
                guard let size = Int(value), (1...100_000).contains(size) else {
                    throw problem("'batchSize' must be a whole number from 1 to 100000, not '\(value)'")
                }
                batchSize = size
            case "seed":
                guard let number = UInt64(value), number <= UInt64(Int32.max) else {
                    throw problem("'seed' must be a whole number from 0 to \(Int32.max), not '\(value)'")
                }
                seed = number
            case "speed":
                guard let chosen = Speed(rawValue: value.lowercased()) else {
                    throw problem("'speed' takes slow or full, not '\(value)'")
                }
                speed = chosen
            case "epochs":
                guard let count = Int(value), (1...10_000_000).contains(count) else {
                    throw problem("'epochs' must be a whole number from 1 to 10000000, not '\(value)'")
                }
                epochs = count
            default:
                break
            }
        }
        guard seen.contains("mode") else {
            throw .invalid(file: file, line: 1, problem: "the file has no 'mode: images' line: add it to open the image playground")
        }
    }

    /// Reads the file at `path`.
    public static func read(from path: String) throws(PlaygroundConfigurationError) -> ImagePlaygroundConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            let reason = !exists ? "no such file: check the path"
                : isFolder.boolValue ? "it is a folder, not a file: give the path of a .yaml file saved from the playground"
                : "the file could not be read as UTF-8 text; check it is readable"
            throw .unreadable(file: path, reason: reason)
        }
        return try ImagePlaygroundConfiguration(yaml: text, file: URL(fileURLWithPath: path).lastPathComponent)
    }

    private static func example(of key: String) -> String {
        switch key {
        case "mode": "images"
        case "model": "conv 8 3 pad 1, relu, maxpool 2, flatten, dense 10, softmax"
        case "optimizer": "adam"
        case "learningRate": "0.003"
        case "batchSize": "32"
        case "speed": "full"
        case "epochs": "1000"
        default: "1"
        }
    }
}

extension SettingValue {
    /// The text of a plain value; nil for a list or a mapping.
    var plainText: String? {
        if case .text(let text) = self { text.trimmingCharacters(in: .whitespaces) } else { nil }
    }
}
