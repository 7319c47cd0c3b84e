import Yams

/// A file of `key: value` settings (YAML), read into entries that keep their line numbers.
///
/// The playground's configuration files are read through this, so YAML parsing stays in Curriculum
/// beside the lesson blocks' and the screens only check the values they know.
public struct SettingsFile: Sendable {
    /// One `key: value` line.
    public struct Entry: Equatable, Sendable {
        /// The key as written; nil when the key is not a plain word.
        public var key: String?
        /// The line the key is on, from 1.
        public var line: Int
        public var value: SettingValue
    }

    public private(set) var entries: [Entry]

    /// Reads `text`; an empty text has no entries.
    public init(yaml text: String) throws(SettingsFileError) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            let (line, reason) = Self.describe(error)
            throw .notYAML(line: line, reason: reason)
        }
        guard let root else {
            entries = []
            return
        }
        guard let mapping = root.mapping else { throw .notSettings(line: root.mark?.line ?? 1) }
        entries = mapping.map { key, value in
            let line = key.mark?.line ?? 1
            return Entry(key: key.scalar == nil ? nil : key.string, line: line, value: SettingValue(value, line: line))
        }
    }

    private static func describe(_ error: Error) -> (Int, String) {
        guard let error = error as? YamlError else { return (1, "\(error)") }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            return (context?.mark.line ?? mark.line, problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (context.mark.line, "\(duplicates.joined(separator: ", ")) set twice")
        default:
            return (1, "\(error)")
        }
    }
}

/// A setting's value: one plain value, a list of plain values, or something nested.
public enum SettingValue: Equatable, Sendable {
    /// One list item and its line.
    public struct Item: Equatable, Sendable {
        /// The item's text; nil when it is not a plain value.
        public var text: String?
        public var line: Int
    }

    /// A plain value (`key:` with nothing after it reads as empty text).
    case text(String)
    case list([Item])
    /// A mapping or an alias, which no setting takes.
    case nested

    init(_ node: Node, line: Int) {
        switch node {
        case .scalar(let scalar):
            self = .text(scalar.string)
        case .sequence(let sequence):
            self = .list(sequence.map { Item(text: $0.scalar?.string, line: $0.mark?.line ?? line) })
        default:
            self = .nested
        }
    }

    /// The plain value, if it is one.
    public var string: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}

/// Why a settings file could not be read: the line and what is wrong there.
public enum SettingsFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not YAML at all.
    case notYAML(line: Int, reason: String)
    /// The text is YAML, but not `key: value` lines.
    case notSettings(line: Int)

    public var description: String {
        switch self {
        case .notYAML(let line, let reason): "line \(line): this is not valid YAML (\(reason)): write one 'key: value' setting per line"
        case .notSettings(let line): "line \(line): expected 'key: value' settings"
        }
    }
}
