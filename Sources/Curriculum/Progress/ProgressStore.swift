import Foundation

/// Reads and writes the learner's progress as JSON, by default at
/// `$XDG_DATA_HOME/gradschool/progress.json` (`~/.local/share/gradschool/progress.json` when unset).
public struct ProgressStore: Sendable {
    /// What loading found.
    public struct Loaded: Sendable {
        /// The progress to start with: the saved one, or empty.
        public var progress: LearnerProgress
        /// A message for the learner when the saved file could not be used, else nil.
        public var notice: String?
    }

    /// The progress file.
    public let file: URL

    public init(file: URL) { self.file = file }

    /// The default progress file for an environment.
    public static func defaultFile(environment: [String: String]) -> URL {
        let base: URL
        if let dataHome = environment["XDG_DATA_HOME"], dataHome.hasPrefix("/") {
            base = URL(fileURLWithPath: dataHome, isDirectory: true)
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            base = URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".local/share", isDirectory: true)
        }
        return base.appendingPathComponent("gradschool/progress.json")
    }

    /// Loads the saved progress. A missing file is a fresh start; a file that cannot be decoded is
    /// copied aside (so nothing is lost), the learner is told where, and the tutor starts fresh.
    public func load() -> Loaded {
        guard FileManager.default.fileExists(atPath: file.path) else {
            return Loaded(progress: LearnerProgress(), notice: nil)
        }
        let reason: String
        do {
            let data = try Data(contentsOf: file)
            let progress = try JSONDecoder.progress.decode(LearnerProgress.self, from: data)
            if progress.version <= 1 { return Loaded(progress: progress, notice: nil) }
            reason = "it was written by a newer gradschool (format \(progress.version))"
        } catch let error as DecodingError {
            reason = "it is not valid progress JSON (\(Self.describe(error)))"
        } catch {
            reason = "it could not be read (\(error.localizedDescription))"
        }
        let aside = file.deletingLastPathComponent()
            .appendingPathComponent("progress.json.unreadable-\(Int(Date().timeIntervalSince1970))")
        do {
            try FileManager.default.copyItem(at: file, to: aside)
            return Loaded(progress: LearnerProgress(),
                          notice: "Your progress file \(file.path) could not be used: \(reason). A copy is kept at \(aside.path); starting fresh.")
        } catch {
            return Loaded(progress: LearnerProgress(),
                          notice: "Your progress file \(file.path) could not be used: \(reason), and copying it aside failed; starting fresh, and saving will replace it.")
        }
    }

    /// Writes `progress` atomically: to a temporary file in the same directory, then renamed over the
    /// old file, so a crash midway leaves either the old or the new progress, never half of one.
    public func save(_ progress: LearnerProgress) throws(ProgressStoreError) {
        let directory = file.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateDirectory(directory.path, reason: error.localizedDescription)
        }
        let data: Data
        do {
            data = try JSONEncoder.progress.encode(progress)
        } catch {
            throw .cannotEncode(reason: "\(error)")
        }
        let temporary = directory.appendingPathComponent(".progress.json.\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
            throw .cannotWrite(temporary.path)
        }
        guard rename(temporary.path, file.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotReplace(file.path, reason: reason)
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context), .keyNotFound(_, let context),
             .typeMismatch(_, let context), .valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

/// Why progress could not be saved.
public enum ProgressStoreError: Error, Equatable, CustomStringConvertible {
    case cannotCreateDirectory(String, reason: String)
    case cannotEncode(reason: String)
    case cannotWrite(String)
    case cannotReplace(String, reason: String)

    public var description: String {
        switch self {
        case .cannotCreateDirectory(let path, let reason):
            "cannot create the progress directory \(path) (\(reason)): check its permissions or set XDG_DATA_HOME"
        case .cannotEncode(let reason):
            "cannot encode progress as JSON (\(reason)); please report this as a bug"
        case .cannotWrite(let path):
            "cannot write \(path): check free space and permissions, or set XDG_DATA_HOME"
        case .cannotReplace(let path, let reason):
            "cannot replace \(path) (\(reason)): check its permissions"
        }
    }
}

extension JSONEncoder {
    fileprivate static var progress: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

extension JSONDecoder {
    fileprivate static var progress: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
