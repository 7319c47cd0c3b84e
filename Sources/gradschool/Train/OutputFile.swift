import Foundation

/// Where `--save` and `--log` may write, checked before anything is read or trained.
///
/// An output replaces only a regular file, or creates a new one: a device (`/dev/full`), a FIFO, a socket
/// or a folder is refused with a sentence, never replaced by a file. A symbolic link is followed: the file
/// it points to is written and the link stays a link (a link to nothing is refused, since creating a file
/// somewhere else would surprise). An output that is one of the run's inputs (the same file, by any name,
/// through links or hard links) is refused too, so a `--log` pointed at the `--data` CSV never overwrites
/// the learner's data.
enum OutputFile {
    /// A file the run reads or writes, and how a sentence names it ("the --data file").
    struct Input {
        var name: String
        var path: String
    }

    /// The path to write for `path` (the target of a link), after checking it may be written.
    static func check(_ path: String, option: String, inputs: [Input] = []) throws(TrainError) -> String {
        var target = path
        var link = stat()
        if lstat(path, &link) == 0, (link.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = realPath(path) else {
                let destination = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "a missing file"
                throw .cannotWrite("\(option) \(path) is a link to \(destination), which does not exist: "
                                   + "give the file's own path, or a new file name")
            }
            target = resolved
        }
        var status = stat()
        if stat(target, &status) == 0 {
            let kind = status.st_mode & S_IFMT
            if kind == S_IFDIR {
                throw .cannotWrite("\(option) \(path) is a folder: give a file name, such as \(path)/\(option == "--log" ? "run.csv" : "model.safetensors")")
            }
            guard kind == S_IFREG else {
                throw .cannotWrite("\(option) \(path) is \(Self.kindName(kind)), not a regular file: "
                                   + "gradschool writes only to regular files, so give a file name such as "
                                   + (option == "--log" ? "run.csv" : "model.safetensors"))
            }
            for input in inputs {
                var inputStatus = stat()
                guard stat(input.path, &inputStatus) == 0 else { continue }
                if inputStatus.st_dev == status.st_dev && inputStatus.st_ino == status.st_ino {
                    throw .cannotWrite("\(option) \(path) is also \(input.name): writing it would replace "
                                       + "that file; give \(option) another file name")
                }
            }
        }
        let folder = URL(fileURLWithPath: target).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw .cannotWrite("\(option) \(path): the folder \(folder) does not exist: create it first or choose another path")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw .cannotWrite("\(option) \(path): the folder \(folder) is not writable: choose another path")
        }
        return target
    }

    /// The inputs of a plan: the data file and the model file, when they are files.
    static func inputs(of plan: TrainPlan) -> [Input] {
        var inputs: [Input] = []
        if case .file(let path, _) = plan.data { inputs.append(Input(name: "the --data file", path: path)) }
        if case .file(let path) = plan.model { inputs.append(Input(name: "the --init model", path: path)) }
        return inputs
    }

    /// Both outputs of a plan, checked against the inputs and against each other; the paths to write.
    static func check(_ plan: TrainPlan, inputs: [Input]) throws(TrainError) -> (save: String?, log: String?) {
        let save = try plan.savePath.map { (path: String) throws(TrainError) -> String in
            try check(path, option: "--save", inputs: inputs)
        }
        let log = try plan.logPath.map { (path: String) throws(TrainError) -> String in
            try check(path, option: "--log", inputs: inputs + (plan.savePath.map { [Input(name: "the --save model", path: $0)] } ?? []))
        }
        if let save, let log, save == log {
            throw .usage("--save and --log both name \(save): give the model and the log different files")
        }
        return (save, log)
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func kindName(_ kind: mode_t) -> String {
        switch kind {
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFIFO: "a named pipe (FIFO)"
        case S_IFSOCK: "a socket"
        default: "a special file"
        }
    }
}
