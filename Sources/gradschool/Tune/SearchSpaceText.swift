import Foundation
import Neural
import Yams

/// Search spaces written as text: `learningRate=log:0.0001..1` on the command line, or a YAML file of
/// `setting: range` lines:
///
/// ```yaml
/// learningRate: log 0.0001..1
/// neurons: 2..32
/// dropout: 0..0.5
/// ```
///
/// A range is `LOW..HIGH`, with `log` before it to search evenly in the logarithm (`log:` on the command line
/// saves quoting). Integer settings (neurons, layers, batchSize, epochs) take whole numbers.
enum SearchSpaceText {
    /// One range, such as `log 0.001..1`, for `setting`; the problem as a sentence when it is wrong.
    static func setting(_ name: String, range text: String) throws(SearchSpaceTextError) -> SearchSetting {
        guard let tunable = TunableSetting(rawValue: name) else {
            let suggestion = TunableSetting.names.first { $0.lowercased() == name.lowercased() }
            throw SearchSpaceTextError(suggestion.map { "there is no setting '\(name)': did you mean '\($0)'?" }
                ?? "there is no setting '\(name)' to search: choose from \(TunableSetting.names.joined(separator: ", "))")
        }
        var rest = text.trimmingCharacters(in: .whitespaces)
        var scale = SearchSetting.Scale.linear
        if rest.lowercased().hasPrefix("log") {
            scale = .log
            rest = String(rest.dropFirst(3)).trimmingCharacters(in: CharacterSet(charactersIn: ": "))
        }
        let bounds = rest.components(separatedBy: "..")
        guard bounds.count == 2, let low = Double(bounds[0].trimmingCharacters(in: .whitespaces)),
              let high = Double(bounds[1].trimmingCharacters(in: .whitespaces)) else {
            throw SearchSpaceTextError("\(name): '\(text)' is not a range: write LOW..HIGH, such as "
                                       + (tunable.isInteger ? "2..32" : "log 0.0001..1"))
        }
        guard tunable.allowed.contains(low), tunable.allowed.contains(high) else {
            throw SearchSpaceTextError("\(name): \(rest) goes outside the values it can take (\(tunable.allowedText)): narrow the range")
        }
        if tunable.isInteger && (low != low.rounded() || high != high.rounded()) {
            throw SearchSpaceTextError("\(name) takes whole numbers, not \(rest): write a range such as 2..32")
        }
        do {
            return try SearchSetting(name: name, low: low, high: high, scale: scale, isInteger: tunable.isInteger)
        } catch {
            throw SearchSpaceTextError(error.description)
        }
    }

    /// The settings of `--search name=range` options, in the order given.
    static func options(_ texts: [String]) throws(TuneError) -> [SearchSetting] {
        var settings: [SearchSetting] = []
        for text in texts {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                throw .usage("--search \(text): write a setting and its range, such as --search learningRate=log:0.0001..1 or --search neurons=2..32")
            }
            do {
                settings.append(try setting(parts[0].trimmingCharacters(in: .whitespaces), range: parts[1]))
            } catch {
                throw .usage("--search \(text): \(error.description)")
            }
            if settings.dropLast().contains(where: { $0.name == settings.last?.name }) {
                throw .usage("--search \(text): \(parts[0]) is searched twice: keep one range for it")
            }
        }
        return settings
    }

    /// The settings of a search-space file; errors name the file and line.
    static func file(_ path: String) throws(TuneError) -> [SearchSetting] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw .missingFile("\(path): no such file: check the path given to --space")
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .missingFile("\(path): the file cannot be read as UTF-8 text: \(error.localizedDescription)")
        }
        return try parse(text, file: path)
    }

    /// The settings of a search-space file's text.
    static func parse(_ text: String, file: String) throws(TuneError) -> [SearchSetting] {
        let example = "write one 'setting: range' per line, such as 'learningRate: log 0.0001..1'"
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            var line = 1
            if let error = error as? YamlError {
                switch error {
                case .scanner(let context, _, let mark, _), .parser(let context, _, let mark, _), .composer(let context, _, let mark, _):
                    line = context?.mark.line ?? mark.line
                default: break
                }
            }
            throw .badInput("\(file):\(line): this is not valid YAML: \(example)")
        }
        guard let root, let mapping = root.mapping else {
            throw .badInput("\(file):\(root?.mark?.line ?? 1): expected settings to search: \(example)")
        }
        var settings: [SearchSetting] = []
        for (key, value) in mapping {
            let line = key.mark?.line ?? 1
            guard let name = key.string else { throw .badInput("\(file):\(line): a setting's name must be a word: \(example)") }
            guard let range = value.scalar?.string else {
                throw .badInput("\(file):\(line): \(name) needs a range on the same line, such as '\(name): 2..32'")
            }
            if settings.contains(where: { $0.name == name }) {
                throw .badInput("\(file):\(line): \(name) is searched twice: keep one range for it")
            }
            do {
                settings.append(try setting(name, range: range))
            } catch {
                throw .badInput("\(file):\(line): \(error.description)")
            }
        }
        guard !settings.isEmpty else { throw .badInput("\(file):1: there is nothing to search: \(example)") }
        return settings
    }
}

/// Why a setting's range cannot be searched, as a sentence without the place it came from.
enum SearchSpaceTextError: Error, CustomStringConvertible {
    case invalid(String)

    init(_ problem: String) { self = .invalid(problem) }

    var description: String {
        switch self {
        case .invalid(let problem): problem
        }
    }
}
