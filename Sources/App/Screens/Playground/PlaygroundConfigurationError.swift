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
}
