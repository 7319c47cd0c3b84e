/// Why the catalog could not provide a dataset.
public enum DatasetCatalogError: Error, Equatable, CustomStringConvertible {
    /// No dataset has this name.
    case unknownName(String, validNames: [String])
    /// A shipped dataset's file could not be read.
    case couldNotLoad(name: String, reason: CSVError)

    public var description: String {
        switch self {
        case .unknownName(let name, let validNames):
            "there is no dataset called \"\(name)\": choose one of \(validNames.joined(separator: ", "))"
        case .couldNotLoad(let name, let reason):
            "the \(name) dataset could not be loaded: \(reason)"
        }
    }
}
