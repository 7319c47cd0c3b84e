import App
import ArgumentParser
import Curriculum
import Foundation

/// `gradschool play`: opens the tutor straight at the playground, with a saved run or a CSV file if given.
struct PlayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Open the playground: build a network and watch it train live.",
        discussion: """
        Examples:
          gradschool play
          gradschool play --dataset circle
          gradschool play --config spiral.yaml
          gradschool play --config names.yaml      (a file saved in sequence mode: mode: sequences)
          gradschool play --data houses.csv --target price

        In the playground, w saves the model (safetensors, as 'gradschool train --save' writes it) and the \
        settings (YAML); 'gradschool play --config FILE' and 'gradschool train --config FILE' both reproduce them.
        """
    )

    @Option(name: .customLong("config"),
            help: ArgumentHelp("Settings saved from the playground with w. Example: --config spiral.yaml", valueName: "file.yaml"))
    var configFile: String?

    @Option(help: ArgumentHelp("A built-in dataset to start with: \(PlaySetup.datasetNames.joined(separator: ", ")). Example: --dataset circle",
                               valueName: "name"))
    var dataset: String?

    @Option(name: .customLong("data"),
            help: ArgumentHelp("A CSV file to train on, one example per line: number features, and a target of numbers or class names. Example: --data houses.csv", valueName: "file.csv"))
    var dataFile: String?

    @Option(help: ArgumentHelp("The CSV column to predict: a header name, a position counting from 1, or last (default). Example: --target price",
                               valueName: "column"))
    var target: String?

    @OptionGroup var lessonOptions: LessonOptions

    func validate() throws {
        do {
            try PlaySetup.checkOptions(config: configFile, dataset: dataset, dataFile: dataFile, target: target)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        let screen: PlaygroundScreen
        var sequences: SequencePlaygroundScreen?
        do {
            sequences = try PlaySetup(config: configFile, dataset: dataset, dataFile: dataFile, target: target).sequenceScreen()
            screen = sequences != nil ? PlaygroundScreen() : try PlaySetup(config: configFile, dataset: dataset, dataFile: dataFile, target: target).screen()
        } catch {
            FileHandle.standardError.write(Data("Error: \(error.description)\n".utf8))
            throw ExitCode(error.exitStatus)
        }
        // Home is a key away, so lessons load when they can; the playground works without them.
        let library = (try? lessonOptions.directory()).map { LessonLibrary.load(paths: [$0]) } ?? LessonLibrary.build(sources: [])
        if let sequences {
            try await TutorLauncher(library: library).run(openingSequencePlayground: sequences)
        } else {
            try await TutorLauncher(library: library).run(openingPlayground: screen)
        }
    }
}
