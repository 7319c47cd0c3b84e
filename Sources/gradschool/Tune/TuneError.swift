/// Why `gradschool tune` stopped, with the exit status it reports.
enum TuneError: Error, CustomStringConvertible {
    /// An option is missing, malformed or cannot be combined with another (exit 64).
    case usage(String)
    /// A search-space or configuration file, or the data, is malformed (exit 65).
    case badInput(String)
    /// A file to read does not exist (exit 66).
    case missingFile(String)
    /// The best configuration cannot be written (exit 73).
    case cannotWrite(String)

    var description: String {
        switch self {
        case .usage(let text), .badInput(let text), .missingFile(let text), .cannotWrite(let text): text
        }
    }

    var exitStatus: Int32 {
        switch self {
        case .usage: 64
        case .badInput: 65
        case .missingFile: 66
        case .cannotWrite: 73
        }
    }
}
