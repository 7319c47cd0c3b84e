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
          gradschool play images.yaml

        A settings file with 'mode: images' opens the image mode: a CNN learning the 8x8 digits.

        In the playground, w saves the model (safetensors, as 'gradschool train --save' writes it) and the \
        settings (YAML); 'gradschool play --config FILE' and 'gradschool train --config FILE' both reproduce them.
        """
    )

    @Option(name: .customLong("config"),
            help: ArgumentHelp("Settings saved from the playground with w. Example: --config spiral.yaml", valueName: "file.yaml"))
    var configFile: String?

    @Argument(help: ArgumentHelp("Settings saved from the playground, as --config takes them. Example: images.yaml", valueName: "file.yaml"))
    var settingsFile: String?

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

    /// The settings file, given as --config or on its own.
    var settings: String? { configFile ?? settingsFile }

    func validate() throws {
        if configFile != nil && settingsFile != nil {
            throw ValidationError("give the settings file once: either --config \(configFile ?? "") or \(settingsFile ?? "")")
        }
        do {
            try PlaySetup.checkOptions(config: settings, dataset: dataset, dataFile: dataFile, target: target)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        var screen: PlaygroundScreen?
        var imageScreen: ImagePlaygroundScreen?
        var sequences: SequencePlaygroundScreen?
        do {
            let setup = PlaySetup(config: settings, dataset: dataset, dataFile: dataFile, target: target)
            sequences = try setup.sequenceScreen()
            if sequences == nil { imageScreen = try setup.imageScreen() }
            if sequences == nil && imageScreen == nil { screen = try setup.screen() }
        } catch {
            FileHandle.standardError.write(Data("Error: \(error.description)\n".utf8))
            throw ExitCode(error.exitStatus)
        }
        // Home is a key away, so lessons load when they can; the playground works without them.
        let library = (try? lessonOptions.directory()).map { LessonLibrary.load(paths: [$0]) } ?? LessonLibrary.build(sources: [])
        try await TutorLauncher(library: library).run(openingPlayground: screen, openingImagePlayground: imageScreen,
                                                     openingSequencePlayground: sequences)
    }
}
