import Foundation

/// A regular file opened for reading, and its size: what the readers check before reading any of it.
///
/// Opening never blocks (a named pipe would wait for a writer forever) and refuses anything but a
/// regular file, so a FIFO, a device such as `/dev/null` or a folder gets a sentence saying what it is,
/// not "permission denied". Reads are `pread`s of the parts a reader asks for, so a reader can look at a
/// header before deciding how much more is worth reading.
final class RegularFile {
    /// Why a file could not be opened for reading.
    enum Problem: Error, Equatable, CustomStringConvertible {
        case missing
        case notPermitted
        /// It exists but is not a regular file: `kind` says what it is ("a named pipe (FIFO)").
        case notRegular(kind: String)
        case failed(reason: String)

        var description: String {
            switch self {
            case .missing: "no such file"
            case .notPermitted: "permission denied"
            case .notRegular(let kind): "it is \(kind), not a regular file"
            case .failed(let reason): reason
            }
        }
    }

    let descriptor: Int32
    /// The file's size in bytes when it was opened.
    let size: Int

    init(path: String) throws(Problem) {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.problem(errno) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let problem = Self.problem(errno)
            close(descriptor)
            throw problem
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw .notRegular(kind: Self.kindName(status.st_mode & S_IFMT))
        }
        self.descriptor = descriptor
        size = Int(status.st_size)
    }

    deinit { close(descriptor) }

    /// `count` bytes from `offset`; fewer only when the file ended sooner (it shrank since it was opened).
    func read(offset: Int, count: Int) throws(Problem) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset + done))
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw Self.problem(errno)
            }
            if got == 0 { break }
            done += got
        }
        if done < count { bytes.removeLast(count - done) }
        return bytes
    }

    private static func problem(_ code: Int32) -> Problem {
        switch code {
        case ENOENT, ENOTDIR: .missing
        case EACCES, EPERM: .notPermitted
        case EISDIR: .notRegular(kind: "a folder")
        default: .failed(reason: String(cString: strerror(code)))
        }
    }

    static func kindName(_ kind: mode_t) -> String {
        switch kind {
        case S_IFDIR: "a folder"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFIFO: "a named pipe (FIFO)"
        case S_IFSOCK: "a socket"
        default: "a special file"
        }
    }
}
