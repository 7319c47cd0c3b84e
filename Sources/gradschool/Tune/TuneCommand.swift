import App
import ArgumentParser
import Foundation
import Neural

/// `gradschool tune`: searches the settings of a playground run (learning rate, width, …) by grid, random
/// or Bayesian search, shows every trial, and saves the best run as a file `gradschool train --config`
/// trains again.
///
/// The command only gathers options; `TunePlan` checks them, `TuneRun` does the work.
struct TuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Search a run's settings (learning rate, width, …) and save the best as a configuration file.",
        discussion: """
        Examples:
          gradschool tune --dataset moons --noise 0.2 --search learningRate=log:0.001..3 \\
              --search neurons=2..16 --trials 12 --epochs 40
          gradschool tune --config spiral.yaml --space space.yaml --method random --trials 30
          gradschool tune --dataset circle --search dropout=0..0.5 --method grid --json

        A search-space file has one 'setting: range' line per setting:
          learningRate: log 0.0001..1
          neurons: 2..32
        The settings are \(TunableSetting.allCases.map { "\($0.rawValue) (\($0.meaning))" }.joined(separator: ", ")).
        A range is LOW..HIGH; 'log' before it searches evenly in the logarithm, as learning rates should be.

        Each trial trains on the training share and is scored by its validation loss (the playground's test \
        set), exactly as 'gradschool train --config' measures it. The same options and --seed give the same \
        trials. Ctrl-C stops the search: the finished trials are shown and the best of them is saved.

        Exit status: 0 done, 64 bad usage, 65 bad search space, configuration or data, 66 missing input file, \
        73 output cannot be written, 130 stopped by Ctrl-C (the trials so far shown and the best saved).
        """
    )

    // MARK: The run to tune

    @Option(name: .customLong("config"),
            help: ArgumentHelp("The run to tune, saved from the playground with w; the searched settings replace its own. Example: --config spiral.yaml",
                               valueName: "file.yaml"))
    var configFile: String?

    @Option(help: ArgumentHelp("A built-in dataset: \((PlaygroundConfiguration.classificationDatasets + PlaygroundConfiguration.regressionDatasets).joined(separator: ", ")). Example: --dataset moons",
                               valueName: "name"))
    var dataset: String?

    @Option(name: .customLong("data"),
            help: ArgumentHelp("A CSV file to tune on. Example: --data houses.csv", valueName: "file.csv"))
    var dataFile: String?

    @Option(help: ArgumentHelp("The CSV column to predict: a header name, a position counting from 1, or last (default). Example: --target price",
                               valueName: "column"))
    var target: String?

    @Option(help: ArgumentHelp("How many points a generated dataset draws (default 500). Example: --samples 300", valueName: "n"))
    var samples: Int?

    @Option(help: ArgumentHelp("How much noise a generated dataset adds, from 0 (none, the default) to 1. Example: --noise 0.2", valueName: "x"))
    var noise: Double?

    @Option(help: ArgumentHelp("The optimizer every trial uses: sgd (default), momentum, nesterov, rmsprop or adam. Example: --optimizer adam",
                               valueName: "name"))
    var optimizer: String?

    @Option(help: ArgumentHelp("Epochs each trial trains, unless epochs is searched (default: the configuration's, else 50). Example: --epochs 40",
                               valueName: "n"))
    var epochs: Int?

    @Option(help: ArgumentHelp("Fixes the data, the first weights and the search's own choices (default: the configuration's seed, else 1). Example: --seed 7",
                               valueName: "n"))
    var seed: UInt64?

    // MARK: The search

    @Option(name: .customLong("search"), parsing: .singleValue,
            help: ArgumentHelp("A setting and its range, repeatable. Example: --search learningRate=log:0.0001..1 --search neurons=2..32",
                               valueName: "setting=range"))
    var searches: [String] = []

    @Option(name: .customLong("space"),
            help: ArgumentHelp("A YAML file of 'setting: range' lines, instead of --search. Example: --space space.yaml", valueName: "file.yaml"))
    var spaceFile: String?

    @Option(help: ArgumentHelp("grid, random or bayes (default): Bayesian search fits a Gaussian process to the trials so far and tries where it expects the most improvement. Example: --method random",
                               valueName: "name"))
    var method: String = "bayes"

    @Option(help: ArgumentHelp("How many trials to run (default 12); a grid runs the largest full grid that fits. Example: --trials 20",
                               valueName: "n"))
    var trials: Int = 12

    // MARK: Output

    @Option(help: ArgumentHelp("Where to write the best run (default best.yaml); train it again with gradschool train --config. Example: --save moons-best.yaml",
                               valueName: "file.yaml"))
    var save: String = "best.yaml"

    @Flag(help: "Print a machine-readable JSON summary on standard output; progress goes to standard error. Example: --json")
    var json = false

    @Flag(help: "Print only the table (and the JSON summary with --json), no progress. Example: --quiet")
    var quiet = false

    /// Misused options are reported with the usage; a bad file is reported by `run` with its own exit status.
    func validate() throws {
        do {
            _ = try TunePlan(self)
        } catch {
            if case .usage = error { throw ValidationError(error.description) }
        }
    }

    func run() throws {
        let console = Console.system()
        var interrupted = false
        do throws(TuneError) {
            interrupted = try TuneRun(plan: try TunePlan(self), console: console).run()
        } catch {
            switch error {
            case .usage:
                console.writeError("Error: \(error.description)\n  See 'gradschool tune --help' for more information.\n")
            default:
                console.writeError("Error: \(error.description)\n")
            }
            throw ExitCode(error.exitStatus)
        }
        if interrupted { throw ExitCode(130) }
    }
}
