import Foundation
import Neural

/// Carries out the playground's file requests: the runner calls `perform` and hands the result back.
public enum PlaygroundFiles {
    public static func perform(_ request: PlaygroundFileRequest) -> PlaygroundFileResult {
        switch request {
        case .save(let save, let replacing):
            return write(save, replacing: replacing)
        case .open(let path) where path.hasSuffix(".safetensors"):
            do {
                let model = try SavedModel.read(from: URL(fileURLWithPath: path))
                return .openedModel(path: path, network: NetworkValue(model.network), loss: model.loss)
            } catch {
                return .failed(error.description)
            }
        case .open(let path) where ImagePlaygroundConfiguration.mode(ofFile: path) == ImagePlaygroundConfiguration.mode:
            do {
                return .openedImages(path: path, configuration: try ImagePlaygroundConfiguration.read(from: path))
            } catch {
                return .failed(error.description)
            }
        case .open(let path) where (try? String(contentsOfFile: path, encoding: .utf8)).map(SequencePlaygroundConfiguration.isSequenceFile) == true:
            do {
                let text = try String(contentsOfFile: path, encoding: .utf8)
                let configuration = try SequencePlaygroundConfiguration(yaml: text, file: URL(fileURLWithPath: path).lastPathComponent,
                                                                        vocabularySize: SequencePlaygroundScreen.vocabularySize)
                return .openedSequences(path: path, configuration: configuration)
            } catch let error as PlaygroundConfigurationError {
                return .failed(error.description)
            } catch {
                return .failed("\(path) could not be read: \(error.localizedDescription)")
            }
        case .open(let path):
            do {
                let opened = try open(path)
                return .opened(path: path, configuration: opened.configuration, file: opened.file)
            } catch {
                return .failed(error.description)
            }
        }
    }

    /// Reads a configuration and loads the CSV file it names (relative paths start at the configuration's folder).
    public static func open(_ path: String) throws(PlaygroundOpenError) -> (configuration: PlaygroundConfiguration, file: Dataset?) {
        var configuration: PlaygroundConfiguration
        do {
            configuration = try PlaygroundConfiguration.read(from: path)
        } catch {
            throw .configuration(error)
        }
        guard configuration.dataset == PlaygroundConfiguration.csvDataset, let dataFile = configuration.dataFile else {
            return (configuration, nil)
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let resolved = dataFile.hasPrefix("/") ? dataFile : folder.appendingPathComponent(dataFile).path
        let file = try loadCSV(resolved, target: configuration.target)
        return (configuration, file)
    }

    /// Loads a CSV file for the playground; `target` is a header name, a position counting from 1, or `last`.
    public static func loadCSV(_ path: String, target: String?) throws(PlaygroundOpenError) -> Dataset {
        guard FileManager.default.fileExists(atPath: path) else { throw .missingData(path) }
        var column = CSVOptions.TargetColumn.last
        if let target, target.lowercased() != "last" {
            if let position = Int(target), position >= 1 { column = .index(position - 1) } else { column = .name(target) }
        }
        do {
            return try CSVLoader.load(contentsOf: URL(fileURLWithPath: path), options: CSVOptions(targetColumn: column))
        } catch {
            if case .unreadable = error { throw .unreadableData(error.description) }
            throw .badData(error.description)
        }
    }

    /// Whether a save may write `paths` (in any playground mode): the files already there, which the save
    /// replaces only when the learner says so, or why nothing can be saved there.
    enum SaveTargets: Equatable {
        case writable(existing: [String])
        case refused(String)
    }

    /// Checks that each of `paths` is not a folder and lies in a folder that exists and is writable;
    /// `example` is the file name the sentence suggests when a path is a folder.
    static func check(_ paths: [String], example: String) -> SaveTargets {
        var existing: [String] = []
        for path in paths {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
                if isFolder.boolValue { return .refused("\(path) is a folder: type a file name, such as \(path)/\(example)") }
                existing.append(path)
            }
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                return .refused("Nothing saved: the folder \(folder) does not exist; create it first or type another path.")
            }
            guard FileManager.default.isWritableFile(atPath: folder) else {
                return .refused("Nothing saved: the folder \(folder) is not writable; type another path.")
            }
        }
        return .writable(existing: existing)
    }

    private static func write(_ save: PlaygroundSave, replacing: Bool) -> PlaygroundFileResult {
        switch check([save.configurationPath, save.modelPath], example: "run") {
        case .refused(let reason): return .failed(reason)
        case .writable(let existing) where !existing.isEmpty && !replacing: return .exists(existing, save)
        case .writable: break
        }
        do {
            try save.configuration.write(toFile: save.configurationPath, atomically: true, encoding: .utf8)
        } catch {
            return .failed("\(save.configurationPath) could not be written (\(reason(error))): choose another name or folder")
        }
        do {
            try save.model.write(to: URL(fileURLWithPath: save.modelPath))
        } catch {
            return .failed("\(save.modelPath) could not be written: \(error.description)")
        }
        return .saved(configurationPath: save.configurationPath, modelPath: save.modelPath)
    }

    private static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}

/// Why a configuration could not be opened.
public enum PlaygroundOpenError: Error, Equatable, CustomStringConvertible {
    case configuration(PlaygroundConfigurationError)
    case missingData(String)
    /// The CSV file exists but cannot be read (permissions, not a regular file): the reason names it.
    case unreadableData(String)
    case badData(String)

    public var description: String {
        switch self {
        case .configuration(let error): error.description
        case .missingData(let path): "\(path): no such CSV file: fix the 'data:' line or put the file there"
        case .badData(let reason), .unreadableData(let reason): reason
        }
    }
}
