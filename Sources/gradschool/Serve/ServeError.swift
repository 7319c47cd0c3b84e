/// Why `gradschool serve` or `gradschool predict` stopped, as a sentence with what to do, and its exit status.
enum ServeError: Error, CustomStringConvertible {
    /// A flag or argument that cannot be used (exit 64).
    case usage(String)
    /// A model or data file that was read and found wrong (exit 65).
    case badInput(String)
    /// A model or data file that could not be opened (exit 66).
    case missingFile(String)
    /// The server could not listen where it was told (exit 69).
    case cannotListen(String)
    /// The predictions could not be written (exit 73).
    case cannotWrite(String)

    var exitStatus: Int32 {
        switch self {
        case .usage: 64
        case .badInput: 65
        case .missingFile: 66
        case .cannotListen: 69
        case .cannotWrite: 73
        }
    }

    var description: String {
        switch self {
        case .usage(let sentence), .badInput(let sentence), .missingFile(let sentence),
             .cannotListen(let sentence), .cannotWrite(let sentence):
            sentence
        }
    }
}
