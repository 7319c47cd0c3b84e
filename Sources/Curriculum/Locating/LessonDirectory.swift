import Foundation

/// Finds the lesson directory: given on the command line, in `GRADSCHOOL_LESSONS`, next to the
/// installed binary, or in the source tree the binary was built from.
public enum LessonDirectory {
    /// The environment variable that names the lesson directory.
    public static let environmentKey = "GRADSCHOOL_LESSONS"

    /// The directory to read lessons from.
    /// - Parameters:
    ///   - explicit: the `--lessons DIR` option, which wins over everything else.
    ///   - environment: the process environment, for `GRADSCHOOL_LESSONS`.
    ///   - executable: the running binary's path.
    ///   - sourceRoot: the package root the binary was compiled from, if known.
    ///   - isDirectory: whether a path is an existing directory (replaceable in tests).
    public static func locate(
        explicit: String?,
        environment: [String: String],
        executable: String,
        sourceRoot: String?,
        isDirectory: (String) -> Bool = LessonDirectory.directoryExists
    ) throws(LessonDirectoryError) -> String {
        if let explicit {
            guard isDirectory(explicit) else { throw .missing(explicit, from: "--lessons") }
            return explicit
        }
        if let fromEnvironment = environment[environmentKey], !fromEnvironment.isEmpty {
            guard isDirectory(fromEnvironment) else { throw .missing(fromEnvironment, from: environmentKey) }
            return fromEnvironment
        }
        let candidates = candidates(executable: executable, sourceRoot: sourceRoot)
        if let found = candidates.first(where: isDirectory) { return found }
        throw .notFound(searched: candidates)
    }

    /// The places searched when neither `--lessons` nor the environment names a directory, in order.
    static func candidates(executable: String, sourceRoot: String?) -> [String] {
        let binaryDirectory = (executable as NSString).deletingLastPathComponent
        var result = [
            join(binaryDirectory, "lessons"),
            join(binaryDirectory, "../share/gradschool/lessons"),
        ]
        // A binary under `.build/<configuration>/` sits a few levels below the package root.
        var directory = binaryDirectory
        for _ in 0..<4 {
            directory = (directory as NSString).deletingLastPathComponent
            if directory.isEmpty || directory == "/" { break }
            result.append(join(directory, "lessons"))
        }
        if let sourceRoot { result.append(join(sourceRoot, "lessons")) }
        var seen: Set<String> = []
        return result.filter { seen.insert($0).inserted }
    }

    private static func join(_ directory: String, _ name: String) -> String {
        ((directory as NSString).appendingPathComponent(name) as NSString).standardizingPath
    }

    /// Whether `path` is an existing directory.
    public static func directoryExists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

/// Why no lesson directory could be used.
public enum LessonDirectoryError: Error, Equatable, CustomStringConvertible {
    /// The directory named by `--lessons` or the environment does not exist.
    case missing(String, from: String)
    /// No default place held a lesson directory.
    case notFound(searched: [String])

    public var description: String {
        switch self {
        case .missing(let path, let source):
            "the lesson directory '\(path)' given by \(source) does not exist: check the path"
        case .notFound(let searched):
            "no lesson directory found; looked in \(searched.joined(separator: ", ")). "
                + "Pass --lessons DIR or set \(LessonDirectory.environmentKey)=DIR"
        }
    }
}
