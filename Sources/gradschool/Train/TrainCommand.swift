import ArgumentParser
import Foundation
import Neural

/// `gradschool train`: trains any network the engine supports from the shell, reproducibly, and saves it
/// as a safetensors file that PyTorch and NumPy can load.
///
/// The command only gathers options; `TrainPlan` checks them, `TrainRun` does the work.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a network from the shell and save it for PyTorch or NumPy.",
        discussion: """
        Examples:
          gradschool train --dataset circle --layers 16,8 --epochs 200
          gradschool train --data houses.csv --target price --test-split 0.2 --json
          gradschool train --dataset spiral --samples 500 --optimizer adam \\
              --lr 0.01 --epochs 600 --save spiral.safetensors
          gradschool train --init spiral.safetensors --dataset spiral \\
              --samples 500 --epochs 0
          gradschool train --dataset digits --test-split 0.2 --normalize none \\
              --model "conv 8 3 pad 1, relu, maxpool 2, conv 16 3 pad 1, relu, maxpool 2, flatten, dense 10" \\
              --optimizer adam --batch-size 32 --epochs 30 --save cnn.safetensors
          gradschool train --dataset digits --classes 0,1,2,3,4 --model "…" --save body.safetensors
          gradschool train --init body.safetensors --dataset digits --classes 5,6,7,8,9 \\
              --per-class 20 --freeze body

        --model describes any stack of layers, one per comma, as PyTorch would build it: conv OUT K \
        [stride S] [pad P], maxpool K [stride S], avgpool K [stride S], flatten, unflatten CxHxW, dense N, \
        dropout P, relu, tanh, sigmoid, leaky-relu. Input sizes follow from the data: a first conv or pool \
        reads each example as a 1×N×N image (the digits as 1×8×8). The output activation is added as \
        --output says.

        The same options and --seed give the same weights bit for bit. A model saved with --save names its \
        tensors as torch.nn.Sequential does (0.weight, 0.bias, 2.weight, …) and keeps the architecture, the \
        feature scaling and the class names in its metadata, so --init needs nothing else.

        Sequences: --dataset names, sonnets, reverse, sort, copy, add or sine, or --text FILE, with a \
        model such as --model "embed 16, lstm 64, dense 28" (also rnn N and gru N; add last to pass on only \
        the last step's state); a final dense layer is added when the model ends with a recurrent layer. \
        Text reports the loss per character in nats, tasks their sequence accuracy. Example:
          gradschool train --dataset names --model "embed 16, lstm 64, dense 28" --optimizer adam \
              --lr 0.01 --batch-size 32 --epochs 3 --save names.safetensors

        Playground files: --config FILE trains a settings file saved with w in the playground. A dense \
        file reproduces the playground's run bit for bit, for the epochs the file names. An image-mode file \
        (mode: images) trains its CNN on the digits as --dataset digits --model would, but split as the \
        playground splits them (80 % to train, 20 % held out with seed 1) and with unscaled pixels, for the \
        file's epochs. A sequence-mode file (mode: sequences) trains its model on the names as --dataset \
        names --model would, with Adam, holding out the last 512 names as the playground does. Both start \
        from the model the playground saved beside the file (run.yaml, run.safetensors) when it is there. \
        The file sets the data, the network and the training: only --epochs and the output options \
        (--save, --log, --json, --quiet, --plot, --threads) may be added; sequence files take no --log, \
        --json or --plot. Example:
          gradschool train --config playground-images.yaml --epochs 5

        Exit status: 0 done (also when stopped early), 64 bad usage, 65 bad data or model file, \
        66 missing input file, 73 output cannot be written, 75 training diverged (try a lower --lr).
        """
    )

    // MARK: Data

    @Option(name: .customLong("config"),
            help: ArgumentHelp("A settings file saved from the playground with w, in any of its three modes: a dense run (its data, inputs, network and training, reproduced exactly), an image-mode CNN on the digits or a sequence-mode model of the names (going on from the model saved beside the file, when there is one); add only --epochs and output options. Example: --config spiral.yaml",
                               valueName: "file.yaml"))
    var configFile: String?

    @Option(help: ArgumentHelp("A built-in dataset: \(DatasetCatalog.names.joined(separator: ", ")). Example: --dataset spiral",
                               valueName: "name"))
    var dataset: String?

    @Option(help: ArgumentHelp("A plain-text file for a character model, cut into blocks of --steps characters. Example: --text poems.txt",
                               valueName: "file.txt"))
    var text: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Steps per sequence: the window of --text, names or sonnets, or the length of sine waves. Example: --steps 32",
                               valueName: "n"))
    var steps: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Blank steps between the symbol and its copy in --dataset copy (default 8). Example: --delay 20", valueName: "n"))
    var delay: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Digits per number in --dataset reverse, sort (default 6) and add (default 3). Example: --digits 4", valueName: "n"))
    var digits: Int?

    @Option(name: .customLong("data"),
            help: ArgumentHelp("A CSV file, one example per line, an optional header first: number features, and a target of numbers or class names (such as setosa). Example: --data houses.csv",
                               valueName: "file.csv"))
    var dataFile: String?

    @Option(help: ArgumentHelp("The CSV column to predict: a header name, a position counting from 1, or last (default). Example: --target price",
                               valueName: "column"))
    var target: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("How many points a generated dataset draws (default 200). Example: --samples 500", valueName: "n"))
    var samples: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("How much noise a generated dataset adds, 0 for none (default 0). Example: --noise 0.2", valueName: "x"))
    var noise: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Fixes every random choice: the data drawn, the split, the first weights, the shuffling. Example: --seed 7",
                               valueName: "n"))
    var seed: UInt64 = 1

    @Option(name: .customLong("val-split"),
            help: ArgumentHelp("The share of examples held out to validate after each epoch; 0 for none. Example: --val-split 0.25",
                               valueName: "fraction"))
    var validationSplit: Double = 0.2

    @Option(name: .customLong("test-split"),
            help: ArgumentHelp("The share of examples held out for the final test; 0 for none. Example: --test-split 0.2",
                               valueName: "fraction"))
    var testSplit: Double = 0

    @Flag(name: .customLong("no-shuffle"),
          help: "Keep the file's order: the first examples train, the last ones validate and test, batches in order. Example: --no-shuffle")
    var noShuffle = false

    @Option(help: ArgumentHelp("Feature scaling fitted on the training set: none, standard (default) or minmax. Example: --normalize minmax",
                               valueName: "kind"))
    var normalize: String?

    // MARK: Model

    @Option(help: ArgumentHelp("Hidden layer sizes, comma-separated; none for no hidden layer (default 8,8). Example: --layers 16,8",
                               valueName: "sizes"))
    var layers: String?

    @Option(help: ArgumentHelp("Any stack of layers, one per comma, as PyTorch builds it; see the examples above. Example: --model \"conv 8 3 pad 1, relu, maxpool 2, flatten, dense 10\"",
                               valueName: "layers"))
    var model: String?

    @Option(help: ArgumentHelp("Keep the numbers of some layers fixed: body (every layer with parameters but the last) or layer indices as PyTorch numbers them. Example: --freeze body",
                               valueName: "layers"))
    var freeze: String?

    @Option(help: ArgumentHelp("Train only on these classes, by index, relabelled in this order; with --init a model of another number of outputs gets a new output layer. Example: --classes 5,6,7,8,9",
                               valueName: "list"))
    var classes: String?

    @Option(name: .customLong("per-class"),
            help: ArgumentHelp("Keep at most this many training examples of each class (validation and test sets keep theirs). Example: --per-class 20",
                               valueName: "n"))
    var perClass: Int?

    @Option(help: ArgumentHelp("The hidden activation: relu, tanh (default), sigmoid, leaky-relu or identity. Example: --activation relu",
                               valueName: "name"))
    var activation: String?

    @Option(help: ArgumentHelp("The output activation: auto (default: sigmoid for two classes, softmax for more, identity for numbers), sigmoid, softmax or identity. Example: --output identity",
                               valueName: "name"))
    var output: String?

    @Option(help: ArgumentHelp("Dropout probability after each hidden layer while training (default 0). Example: --dropout 0.2",
                               valueName: "p"))
    var dropout: Float?

    @Option(name: .customLong("init"),
            help: ArgumentHelp("Start from a saved model; its architecture and feature scaling come from the file. Example: --init model.safetensors",
                               valueName: "file.safetensors"))
    var initFile: String?

    // MARK: Training

    @Option(help: ArgumentHelp("The loss: auto (bce with a sigmoid output, ce with softmax, else mse), mse, bce or ce. Example: --loss mse",
                               valueName: "name"))
    var loss: String = "auto"

    @Option(help: ArgumentHelp("The optimizer: sgd, momentum, nesterov, rmsprop or adam, with PyTorch's defaults. Example: --optimizer adam",
                               valueName: "name"))
    var optimizer: String = "sgd"

    @Option(name: [.customLong("lr"), .customLong("learning-rate")],
            parsing: .unconditional, help: ArgumentHelp("The learning rate (default 0.03 for the sgd family, 0.01 rmsprop, 0.001 adam). Example: --lr 0.1",
                               valueName: "x"))
    var lr: Float?

    @Option(name: .customLong("batch-size"),
            parsing: .unconditional, help: ArgumentHelp("Examples averaged per step. Example: --batch-size 32", valueName: "n"))
    var batchSize: Int = 10

    @Option(parsing: .unconditional, help: ArgumentHelp("Passes over the training set; 0 only evaluates, as for a model given to --init. Example: --epochs 300", valueName: "n"))
    var epochs: Int = 100

    @Option(parsing: .unconditional, help: ArgumentHelp("L1 penalty on weights, added to their gradient as l1·sign(w). Example: --l1 0.001",
                               valueName: "x"))
    var l1: Float = 0

    @Option(parsing: .unconditional, help: ArgumentHelp("L2 penalty on weights, PyTorch's weight_decay. Example: --l2 0.0001", valueName: "x"))
    var l2: Float = 0

    @Option(parsing: .unconditional, help: ArgumentHelp("Stop when the validation loss has not improved for this many epochs and keep the best weights. Example: --patience 10",
                               valueName: "n"))
    var patience: Int?

    // MARK: Output

    @Option(help: ArgumentHelp("Save the trained model as safetensors. Example: --save model.safetensors", valueName: "file.safetensors"))
    var save: String?

    @Option(help: ArgumentHelp("Write one CSV row per epoch: epoch, train_loss, val_loss, train_accuracy, val_accuracy, seconds. Example: --log run.csv",
                               valueName: "file.csv"))
    var log: String?

    @Flag(help: "Print a machine-readable JSON summary on standard output; progress goes to standard error. Example: --json")
    var json = false

    @Flag(help: "Print nothing but errors (and the JSON summary with --json). Example: --quiet")
    var quiet = false

    @Flag(help: "At the end, draw the loss curves, the decision map (2-D data) or the confusion matrix, and the first layer's weights. Example: --plot")
    var plot = false

    @Flag(help: "Draw the --plot pictures with ASCII characters only. Example: --ascii --plot")
    var ascii = false

    @Option(name: .customLong("print-every"),
            parsing: .unconditional, help: ArgumentHelp("When the output is not a terminal, print a line every n epochs (default: about 25 lines in all). Example: --print-every 10",
                               valueName: "n"))
    var printEvery: Int?

    @Option(help: ArgumentHelp("Threads that large matrix products may share, 1 to 64 (default 1). Example: --threads 2", valueName: "n"))
    var threads = 1

    // MARK: Running

    func validate() throws {
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be between 1 and 64, got \(threads)") }
        if configFile != nil {
            do {
                try ConfiguredTraining.checkOptions(self)
            } catch {
                throw ValidationError(error.description)
            }
            return
        }
        if SequenceTrainRun.applies(to: self) { return }
        do {
            _ = try TrainPlan(self)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        try MatrixProduct.$threads.withValue(threads) { try train() }
    }

    private func train() throws {
        let console = Console.system()
        do throws(TrainError) {
            if let configFile {
                try ConfiguredTraining(path: configFile, options: self, console: console).run()
            } else if SequenceTrainRun.applies(to: self) {
                try SequenceTrainRun(options: self, console: console).run()
            } else {
                try TrainRun(plan: try TrainPlan(self), console: console).run()
            }
            if let failure = console.outputFailure() {
                let kept = [save.map { "the model was saved to \($0)" }, log.map { "the log to \($0)" }].compactMap { $0 }
                throw .outputFailed("the results could not be written to standard output (\(failure))"
                                    + (kept.isEmpty ? "" : "; " + kept.joined(separator: " and "))
                                    + ": send standard output to a file or pipe that can take it, and run again")
            }
        } catch {
            switch error {
            case .diverged, .penaltyDiverged:
                console.writeError(error.description + "\n")
            case .usage:
                console.writeError("Error: \(error.description)\n  See 'gradschool train --help' for more information.\n")
            default:
                console.writeError("Error: \(error.description)\n")
            }
            throw ExitCode(error.exitStatus)
        }
    }
}
