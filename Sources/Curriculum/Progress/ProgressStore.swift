import Foundation

/// Reads and writes the learner's progress as JSON, by default at
/// `$XDG_DATA_HOME/gradschool/progress.json` (`~/.local/share/gradschool/progress.json` when unset);
/// see `ProgressProfile` for several learners on one account.
public struct ProgressStore: Sendable {
    /// What loading found.
    public struct Loaded: Sendable {
        /// The progress to start with: the saved one, or empty.
        public var progress: LearnerProgress
        /// A message for the learner when the saved file could not be used, else nil.
        public var notice: String?
        /// Where the unusable file was copied, when it was.
        public var backup: URL?
        /// False when an unusable file could not be copied aside: saving would destroy the only copy, so
        /// the tutor must not save over it this time.
        public var mayOverwrite: Bool

        public init(progress: LearnerProgress, notice: String? = nil, backup: URL? = nil, mayOverwrite: Bool = true) {
            self.progress = progress
            self.notice = notice
            self.backup = backup
            self.mayOverwrite = mayOverwrite
        }
    }

    /// The progress file.
    public let file: URL

    public init(file: URL) { self.file = file }

    /// The default learner's progress file for an environment.
    public static func defaultFile(environment: [String: String]) -> URL {
        ProgressProfile.dataDirectory(environment: environment).appendingPathComponent("progress.json")
    }

    /// Loads the saved progress. A missing file is a fresh start; a file that cannot be used is copied
    /// aside (so nothing is lost), the learner is told where, and the tutor starts fresh.
    public func load() -> Loaded {
        removeAbandonedTemporaryFiles()
        guard FileManager.default.fileExists(atPath: file.path) else { return Loaded(progress: LearnerProgress()) }
        let reason: String
        do {
            let data = try Data(contentsOf: file)
            var progress = try JSONDecoder.progress.decode(LearnerProgress.self, from: data)
            if progress.version <= LearnerProgress.currentVersion {
                // Older formats lack only parts that start empty; the file is upgraded on the next save.
                progress.version = LearnerProgress.currentVersion
                return Loaded(progress: progress)
            }
            reason = "it was written by a newer gradschool (format \(progress.version)); update gradschool to use it"
        } catch let error as DecodingError {
            reason = "it is not valid progress JSON (\(Self.describe(error)))"
        } catch {
            reason = "it could not be read (\(error.localizedDescription))"
        }
        let aside = unusedBackupName()
        do {
            try FileManager.default.copyItem(at: file, to: aside)
            return Loaded(progress: LearnerProgress(),
                          notice: "Your progress file \(file.path) could not be used: \(reason). A copy is kept at \(aside.path); starting fresh.",
                          backup: aside)
        } catch {
            return Loaded(progress: LearnerProgress(),
                          notice: "Your progress file \(file.path) could not be used: \(reason), and it could not be copied aside "
                              + "(\(error.localizedDescription)). It is left untouched and nothing will be saved this time; "
                              + "move it away to start fresh.",
                          mayOverwrite: false)
        }
    }

    /// Writes `progress` atomically: to a temporary file in the same directory, flushed to the disk, then
    /// renamed over the old file. A rename within one file system is atomic, so a crash or kill at any
    /// moment leaves either the old or the new progress, never half of one.
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
        let temporary = temporaryFile(for: getpid())
        do {
            try Self.writeAndFlush(data, to: temporary.path)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        guard rename(temporary.path, file.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotReplace(file.path, reason: reason)
        }
    }

    /// Deletes the progress file (for `gradschool progress --reset`); a missing file is already erased.
    public func erase() throws(ProgressStoreError) {
        guard FileManager.default.fileExists(atPath: file.path) else { return }
        do {
            try FileManager.default.removeItem(at: file)
        } catch {
            throw .cannotErase(file.path, reason: error.localizedDescription)
        }
    }

    // MARK: Files beside the progress file

    /// The temporary file a process with id `processID` writes before renaming.
    func temporaryFile(for processID: pid_t) -> URL {
        file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).\(processID).tmp")
    }

    /// Removes temporary files left by writers that were killed before renaming; a file of a process
    /// that is still running may be mid-write and is left alone.
    func removeAbandonedTemporaryFiles() {
        let directory = file.deletingLastPathComponent()
        let prefix = ".\(file.lastPathComponent)."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let middle = name.dropFirst(prefix.count).dropLast(".tmp".count)
            guard let processID = pid_t(middle), processID != getpid() else { continue }
            // kill with signal 0 only asks whether the process exists.
            if kill(processID, 0) == -1 && errno == ESRCH {
                try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
            }
        }
    }

    /// `progress.json.unreadable-<time>`, with a counter when that name is taken.
    private func unusedBackupName() -> URL {
        let base = "\(file.lastPathComponent).unreadable-\(Int(Date().timeIntervalSince1970))"
        let directory = file.deletingLastPathComponent()
        var candidate = directory.appendingPathComponent(base)
        var counter = 2
        while FileManager.default.fileExists(atPath: candidate.path) {
            candidate = directory.appendingPathComponent("\(base)-\(counter)")
            counter += 1
        }
        return candidate
    }

    /// Writes `data` to a new file at `path` and waits until the disk has it, so the rename that follows
    /// never exposes a file whose contents are still only in memory.
    private static func writeAndFlush(_ data: Data, to path: String) throws(ProgressStoreError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw .cannotWrite(path, reason: String(cString: strerror(errno))) }
        var failure: String?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if let failure { throw .cannotWrite(path, reason: failure) }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context), .keyNotFound(_, let context),
             .typeMismatch(_, let context), .valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            let detail = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            let text = detail.map { "\(context.debugDescription) \($0)" } ?? context.debugDescription
            return path.isEmpty ? text : "\(path): \(text)"
        @unknown default:
            return "\(error)"
        }
    }
}

/// Why progress could not be saved or erased.
public enum ProgressStoreError: Error, Equatable, CustomStringConvertible {
    case cannotCreateDirectory(String, reason: String)
    case cannotEncode(reason: String)
    case cannotWrite(String, reason: String)
    case cannotReplace(String, reason: String)
    case cannotErase(String, reason: String)

    public var description: String {
        switch self {
        case .cannotCreateDirectory(let path, let reason):
            "cannot create the progress directory \(path) (\(reason)): check its permissions or set XDG_DATA_HOME"
        case .cannotEncode(let reason):
            "cannot encode progress as JSON (\(reason)); please report this as a bug"
        case .cannotWrite(let path, let reason):
            "cannot write \(path) (\(reason)): check free space and permissions, or set XDG_DATA_HOME"
        case .cannotReplace(let path, let reason):
            "cannot replace \(path) (\(reason)): check its permissions"
        case .cannotErase(let path, let reason):
            "cannot erase \(path) (\(reason)): check its permissions, or delete it by hand"
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
