import Curriculum
import Foundation
import Neural

/// The configuration as a YAML file: one `key: value` line per setting, with a comment saying how to use it.
///
/// ```yaml
/// dataset: spiral
/// points: 500
/// noise: 0.1
/// trainPercent: 50
/// seed: 1
/// inputs: [x1, x2, sin(x1)]
/// layers: [8, 8]
/// activations: [tanh, tanh]
/// output: sigmoid
/// loss: bce
/// optimizer: adam
/// learningRate: 0.003
/// batchSize: 10
/// regularization: l2
/// regularizationRate: 0.001
/// epochs: 120
/// ```
///
/// Every key is optional and takes the playground's default; an unknown key or a value out of range is
/// reported with its line, so a misspelt setting is never silently ignored.
extension PlaygroundConfiguration {
    /// The keys a file may hold, in the order they are written.
    static let keys = ["dataset", "data", "target", "points", "noise", "trainPercent", "seed", "inputs", "normalize",
                       "layers", "activations", "output", "loss", "dropout", "optimizer", "learningRate", "batchSize",
                       "regularization", "regularizationRate", "patience", "speed", "epochs"]

    /// The configuration as YAML text; `note` adds a comment line (such as how the run was changed).
    public func yaml(note: String? = nil) -> String {
        var lines = [
            "# A gradschool playground run. Open it with `gradschool play --config FILE`,",
            "# or train the same network from the shell with `gradschool train --config FILE`.",
        ]
        if let note { lines.append("# " + note) }
        if dataset == Self.csvDataset, let dataFile {
            lines.append("data: \(Self.quoted(dataFile))")
            lines.append("target: \(Self.quoted(target ?? "last"))")
        } else {
            lines.append("dataset: \(dataset)")
            lines.append("points: \(points)")
            lines.append("noise: \(Self.number(noise))")
        }
        lines += [
            "trainPercent: \(trainPercent)",
            "seed: \(seed)",
            "inputs: [\(inputs.map(\.fileName).joined(separator: ", "))]",
            "normalize: \(normalization.rawValue)",
            "layers: [\(hiddenLayers.map { String($0.neurons) }.joined(separator: ", "))]",
            "activations: [\(hiddenLayers.map(\.activation.name).joined(separator: ", "))]",
            "output: \(output.name)",
            "loss: \(loss.name)",
            "dropout: \(Self.number(dropout))",
            "optimizer: \(optimizer.name)",
            "learningRate: \(Self.number(learningRate))",
            "batchSize: \(batchSize)",
            "regularization: \(regularization.rawValue)",
            "regularizationRate: \(Self.number(regularizationRate))",
            "patience: \(patience.map(String.init) ?? "none")",
            "speed: \(speed.rawValue)",
        ]
        if let epochs { lines.append("epochs: \(epochs)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads a configuration from YAML text; `file` names it in errors.
    public init(yaml text: String, file: String) throws(PlaygroundConfigurationError) {
        self.init()
        let settings = try PlaygroundConfigurationError.settings(yaml: text, file: file, example: "dataset: spiral")
        var reader = SettingReader(file: file)
        var seen = Set<String>()
        var activations: [Activation]?
        var activationsLine = 1
        var layers: [Int]?
        var layersLine = 1
        for entry in settings.entries {
            let line = entry.line, value = entry.value
            reader.line = line
            guard let key = entry.key, Self.keys.contains(key) else {
                let suggestion = Self.keys.first { $0.lowercased() == entry.key?.lowercased() }
                throw .invalid(file: file, line: line, problem: "unknown setting '\(entry.key ?? "?")'"
                               + (suggestion.map { ": did you mean '\($0)'?" } ?? "; the settings are \(Self.keys.joined(separator: ", "))"))
            }
            guard seen.insert(key).inserted else {
                throw .invalid(file: file, line: line, problem: "'\(key)' is set twice: keep one")
            }
            switch key {
            case "dataset":
                let name = try reader.word(value, key)
                guard name == Self.csvDataset || Self.classificationDatasets.contains(name) || Self.regressionDatasets.contains(name) else {
                    throw reader.problem("there is no dataset '\(name)' in the playground: choose one of "
                                         + (Self.classificationDatasets + Self.regressionDatasets).joined(separator: ", ")
                                         + ", or give 'data: FILE.csv'")
                }
                dataset = name
            case "data":
                dataFile = try reader.text(value, key)
                dataset = Self.csvDataset
            case "target": target = try reader.text(value, key)
            case "points": points = try reader.integer(value, key, in: 4...100_000)
            case "noise": noise = try reader.number(value, key, in: 0...1)
            case "trainPercent": trainPercent = try reader.integer(value, key, in: 10...90)
            case "seed": seed = UInt64(try reader.integer(value, key, in: 0...Int(Int32.max)))
            case "inputs":
                inputs = try reader.list(value, key).map { (name, line) throws(PlaygroundConfigurationError) -> InputFeature in
                    guard let feature = InputFeature(name: name) else {
                        throw .invalid(file: file, line: line, problem: "there is no input '\(name)': choose from "
                                       + InputFeature.allCases.map(\.fileName).joined(separator: ", "))
                    }
                    return feature
                }
                guard !inputs.isEmpty else { throw reader.problem("'inputs' needs at least one input, such as [x1, x2]") }
            case "normalize":
                let name = try reader.word(value, key)
                guard let kind = Normalization(rawValue: name) else {
                    throw reader.problem("'normalize' takes none, standard or minmax, not '\(name)'")
                }
                normalization = kind
            case "layers":
                layersLine = line
                layers = try reader.list(value, key).map { (text, line) throws(PlaygroundConfigurationError) -> Int in
                    guard let size = Int(text), (1...4096).contains(size) else {
                        throw .invalid(file: file, line: line, problem: "'layers' takes neuron counts from 1 to 4096, such as [8, 8], not '\(text)'")
                    }
                    return size
                }
            case "activations":
                activationsLine = line
                activations = try reader.list(value, key).map { (name, line) throws(PlaygroundConfigurationError) -> Activation in
                    guard let activation = Activation(name: name), Self.hiddenActivations.contains(activation) else {
                        throw .invalid(file: file, line: line, problem: "'\(name)' is not a hidden activation here: choose "
                                       + Self.hiddenActivations.map(\.name).joined(separator: ", "))
                    }
                    return activation
                }
            case "output":
                let name = try reader.word(value, key)
                guard let activation = Activation(name: name), [.sigmoid, .softmax, .identity, .tanh].contains(activation) else {
                    throw reader.problem("'output' takes sigmoid, softmax, identity or tanh, not '\(name)'")
                }
                output = activation
            case "loss":
                let name = try reader.word(value, key)
                guard let chosen = Loss(name: name) else { throw reader.problem("'loss' takes mse, bce or ce, not '\(name)'") }
                loss = chosen
            case "dropout": dropout = Float(try reader.number(value, key, in: 0...0.95))
            case "optimizer":
                let name = try reader.word(value, key)
                guard let kind = OptimizerKind(name: name) else {
                    throw reader.problem("there is no optimizer '\(name)': choose sgd, momentum, nesterov, rmsprop or adam")
                }
                optimizer = kind
            case "learningRate": learningRate = Float(try reader.number(value, key, in: 1e-9...1e6, positive: true))
            case "batchSize": batchSize = try reader.integer(value, key, in: 1...1_000_000)
            case "regularization":
                let name = try reader.word(value, key)
                guard let kind = Regularization(rawValue: name) else {
                    throw reader.problem("'regularization' takes none, l1 or l2, not '\(name)'")
                }
                regularization = kind
            case "regularizationRate": regularizationRate = Float(try reader.number(value, key, in: 0...1000))
            case "patience":
                if value.string?.lowercased() == "none" { patience = nil } else { patience = try reader.integer(value, key, in: 1...1_000_000) }
            case "speed":
                let name = try reader.word(value, key)
                guard let chosen = Speed(rawValue: name) else {
                    throw reader.problem("'speed' takes \(Speed.allCases.map(\.rawValue).joined(separator: ", ")), not '\(name)'")
                }
                speed = chosen
            case "epochs": epochs = try reader.integer(value, key, in: 0...10_000_000)
            default: break
            }
        }
        if dataset == Self.csvDataset && dataFile == nil {
            throw .invalid(file: file, line: 1, problem: "the dataset is csv but no file is named: add 'data: FILE.csv'")
        }
        let sizes = layers ?? hiddenLayers.map(\.neurons)
        let chosen = activations ?? (layers != nil ? Array(repeating: hiddenLayers.first?.activation ?? .tanh, count: sizes.count) : hiddenLayers.map(\.activation))
        guard chosen.count == sizes.count else {
            throw .invalid(file: file, line: max(layersLine, activationsLine),
                           problem: "'layers' has \(sizes.count) hidden layers but 'activations' names \(chosen.count): give one activation per layer")
        }
        hiddenLayers = zip(sizes, chosen).map { HiddenLayer(neurons: $0, activation: $1) }
    }

    /// Reads the file at `path`.
    public static func read(from path: String) throws(PlaygroundConfigurationError) -> PlaygroundConfiguration {
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
        return try PlaygroundConfiguration(yaml: text, file: name)
    }

    // MARK: Writing helpers

    /// The shortest text that reads back as the same number: `0.1`, `10`.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    /// The shortest text that reads back as the same `Float`: `0.03`, `10`, `1e-05`.
    static func number(_ value: Float) -> String {
        if value == value.rounded(), abs(value) < 1e7 { return String(Int(value)) }
        return String(value)
    }

    /// Text quoted when YAML would otherwise read it as something else.
    static func quoted(_ text: String) -> String {
        let plain = text.allSatisfy { $0.isLetter || $0.isNumber || "/._-".contains($0) } && !text.isEmpty
            && Double(text) == nil && !["true", "false", "null", "yes", "no", "none"].contains(text.lowercased())
        if plain { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// Reads typed values out of settings, turning every mismatch into an error on the right line.
private struct SettingReader {
    let file: String
    var line = 1

    func problem(_ text: String) -> PlaygroundConfigurationError {
        .invalid(file: file, line: line, problem: text)
    }

    func text(_ node: SettingValue, _ key: String) throws(PlaygroundConfigurationError) -> String {
        guard let text = node.string, !text.isEmpty else { throw problem("'\(key)' needs a value, such as '\(key): …'") }
        return text
    }

    func word(_ node: SettingValue, _ key: String) throws(PlaygroundConfigurationError) -> String {
        try text(node, key).lowercased()
    }

    func integer(_ node: SettingValue, _ key: String, in range: ClosedRange<Int>) throws(PlaygroundConfigurationError) -> Int {
        let raw = try text(node, key)
        guard let value = Int(raw), range.contains(value) else {
            throw problem("'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(raw)'")
        }
        return value
    }

    func number(_ node: SettingValue, _ key: String, in range: ClosedRange<Double>, positive: Bool = false) throws(PlaygroundConfigurationError) -> Double {
        let raw = try text(node, key)
        guard let value = Double(raw), value.isFinite, range.contains(value), !positive || value > 0 else {
            let bounds = positive ? "a positive number up to \(PlaygroundConfiguration.number(range.upperBound))"
                : "a number from \(PlaygroundConfiguration.number(range.lowerBound)) to \(PlaygroundConfiguration.number(range.upperBound))"
            throw problem("'\(key)' must be \(bounds), not '\(raw)'")
        }
        return value
    }

    /// A list written `[a, b]` or as `- a` lines, each item with its line; one plain value counts as a list of one.
    func list(_ node: SettingValue, _ key: String) throws(PlaygroundConfigurationError) -> [(String, Int)] {
        switch node {
        case .list(let sequence):
            return try sequence.map { (item) throws(PlaygroundConfigurationError) -> (String, Int) in
                guard let text = item.text else { throw problem("'\(key)' takes a list of plain values, such as [8, 8]") }
                return (text, item.line)
            }
        case .text(let text):
            if text.isEmpty || text.lowercased() == "none" { return [] }
            return [(text, line)]
        case .nested:
            break
        }
        throw problem("'\(key)' takes a list, such as [8, 8]")
    }
}
