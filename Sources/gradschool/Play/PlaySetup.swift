import App
import Foundation
import Neural

/// The playground `gradschool play` opens: its options checked, the files read and the data made before
/// the terminal is taken over, so every problem is a sentence in the shell rather than on a screen.
struct PlaySetup {
    var config: String?
    var dataset: String?
    var dataFile: String?
    var target: String?

    /// The datasets `--dataset` accepts.
    static var datasetNames: [String] {
        PlaygroundConfiguration.classificationDatasets + PlaygroundConfiguration.regressionDatasets
    }

    /// Refuses options that contradict each other.
    static func checkOptions(config: String?, dataset: String?, dataFile: String?, target: String?) throws(PlayError) {
        let sources = [("--config", config), ("--dataset", dataset), ("--data", dataFile)].filter { $0.1 != nil }.map(\.0)
        if sources.count > 1 {
            throw .usage("use only one of --config, --dataset and --data: \(sources.joined(separator: " and ")) both say where the data comes from")
        }
        if target != nil && dataFile == nil {
            throw .usage("--target picks a column of a CSV file, so it needs --data FILE.csv")
        }
        if let dataset, !datasetNames.contains(dataset.lowercased()) {
            throw .usage("the playground has no dataset '\(dataset)': choose one of \(datasetNames.joined(separator: ", ")), or give --data FILE.csv")
        }
        for (option, value) in [("--config", config), ("--data", dataFile)] where value?.isEmpty == true {
            throw .usage("\(option) needs a file path")
        }
    }

    /// The image playground when the settings file says `mode: images`; nil for any other file or none.
    func imageScreen() throws(PlayError) -> ImagePlaygroundScreen? {
        guard let config, ImagePlaygroundConfiguration.mode(ofFile: config) == ImagePlaygroundConfiguration.mode else { return nil }
        do {
            return ImagePlaygroundScreen(configuration: try ImagePlaygroundConfiguration.read(from: config))
        } catch {
            if case .unreadable = error { throw .missingFile(error.description) }
            throw .badInput(error.description)
        }
    }

    /// The sequence mode, when `--config` names a file with `mode: sequences`; nil for any other playground.
    func sequenceScreen() throws(PlayError) -> SequencePlaygroundScreen? {
        guard let config, let text = try? String(contentsOfFile: config, encoding: .utf8),
              SequencePlaygroundConfiguration.isSequenceFile(text) else { return nil }
        do {
            return SequencePlaygroundScreen(configuration: try SequencePlaygroundConfiguration(
                yaml: text, file: URL(fileURLWithPath: config).lastPathComponent, vocabularySize: SequencePlaygroundScreen.vocabularySize))
        } catch {
            throw .badInput(error.description)
        }
    }

    /// The playground screen to open.
    func screen() throws(PlayError) -> PlaygroundScreen {
        try Self.checkOptions(config: config, dataset: dataset, dataFile: dataFile, target: target)
        var configuration = PlaygroundConfiguration()
        var file: Dataset?
        if let config {
            do {
                (configuration, file) = try PlaygroundFiles.open(config)
            } catch {
                switch error {
                case .configuration(.unreadable), .missingData: throw .missingFile(error.description)
                default: throw .badInput(error.description)
                }
            }
        } else if let dataFile {
            do {
                file = try PlaygroundFiles.loadCSV(dataFile, target: target)
            } catch {
                if case .missingData = error { throw .missingFile("\(dataFile): no such file: check the path given to --data") }
                throw .badInput(error.description)
            }
            configuration.dataset = PlaygroundConfiguration.csvDataset
            configuration.dataFile = dataFile
            configuration.target = target
            if let file { configuration.recommendOutput(for: file.problem) }
        } else if let dataset {
            configuration = .starting(with: dataset.lowercased())
        }
        // Made here once so a file that cannot be used fails before the screen opens.
        do {
            _ = try PlaygroundData.make(configuration, file: file)
        } catch {
            throw .badInput(error.description)
        }
        return PlaygroundScreen(configuration: configuration, file: file)
    }
}

/// Why `gradschool play` could not open the playground, with sysexits statuses as `gradschool train` uses.
enum PlayError: Error, Equatable, CustomStringConvertible {
    /// The options contradict each other (exit 64).
    case usage(String)
    /// A file is malformed or its data unusable (exit 65).
    case badInput(String)
    /// A file does not exist (exit 66).
    case missingFile(String)

    var exitStatus: Int32 {
        switch self {
        case .usage: 64
        case .badInput: 65
        case .missingFile: 66
        }
    }

    var description: String {
        switch self {
        case .usage(let message), .badInput(let message), .missingFile(let message): message
        }
    }
}
