import Curriculum

/// Why a playground configuration file could not be read: the file, the line and what to change.
public enum PlaygroundConfigurationError: Error, Equatable, CustomStringConvertible {
    /// The file is not YAML, or a setting in it is unknown or out of range.
    case invalid(file: String, line: Int, problem: String)
    /// The file could not be read at all.
    case unreadable(file: String, reason: String)

    public var description: String {
        switch self {
        case .invalid(let file, let line, let problem): "\(file):\(line): \(problem)"
        case .unreadable(let file, let reason): "\(file): \(reason)"
        }
    }

    /// The settings of a playground file's YAML `text`, or the sentence that says what is wrong with it; the
    /// three playground modes read their files through this. `example` is a setting of that mode, shown
    /// when the file is YAML but not `key: value` settings.
    static func settings(yaml text: String, file: String, example: String) throws(PlaygroundConfigurationError) -> SettingsFile {
        do {
            return try SettingsFile(yaml: text)
        } catch {
            switch error {
            case .notYAML(let line, let reason):
                throw .invalid(file: file, line: line, problem: "this is not valid YAML (\(reason)): write one 'key: value' setting per line")
            case .notSettings(let line):
                throw .invalid(file: file, line: line, problem: "expected 'key: value' settings, such as '\(example)'")
            }
        }
    }
}
