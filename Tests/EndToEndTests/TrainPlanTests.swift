import ArgumentParser
import Neural
import Testing
@testable import gradschool

/// Parsing `gradschool train`'s options into a checked plan, without running anything.
@Suite("gradschool train options")
struct TrainPlanTests {
    func plan(_ arguments: [String]) throws -> TrainPlan {
        try TrainPlan(TrainCommand.parse(arguments))
    }

    /// The exit status and message the command would end with for these arguments.
    func rejection(_ arguments: [String]) -> (status: Int32, message: String)? {
        do {
            _ = try TrainCommand.parse(arguments)
            return nil
        } catch {
            return (TrainCommand.exitCode(for: error).rawValue, TrainCommand.message(for: error))
        }
    }

    @Test func defaults() throws {
        let plan = try plan(["--dataset", "circle"])
        #expect(plan.data == .catalog(name: "circle", samples: 200, noise: 0))
        #expect(plan.seed == 1)
        #expect(plan.validationFraction == 0.2 && plan.testFraction == 0)
        #expect(plan.shuffle)
        #expect(plan.normalization == .standard)
        #expect(plan.model == .fresh(hiddenSizes: [8, 8], activation: .tanh, output: nil, dropout: 0))
        #expect(plan.loss == nil)
        #expect(plan.optimizer == .sgd && plan.learningRate == 0.03)
        #expect(plan.batchSize == 10 && plan.epochs == 100)
        #expect(plan.l1 == 0 && plan.l2 == 0 && plan.patience == nil)
        #expect(plan.savePath == nil && plan.logPath == nil && !plan.json && !plan.quiet && plan.printEvery == nil)
    }

    @Test func everyOptionLandsInThePlan() throws {
        let plan = try plan(["--data", "houses.csv", "--target", "price", "--seed", "7", "--val-split", "0.1", "--test-split", "0.3",
                             "--no-shuffle", "--normalize", "minmax", "--layers", "16, 4", "--activation", "leaky-relu",
                             "--output", "identity", "--dropout", "0.25", "--loss", "mse", "--optimizer", "adam", "--lr", "0.005",
                             "--batch-size", "32", "--epochs", "7", "--l1", "0.001", "--l2", "0.0001", "--patience", "3",
                             "--save", "m.safetensors", "--log", "run.csv", "--json", "--quiet", "--print-every", "2"])
        #expect(plan.data == .file(path: "houses.csv", target: .name("price")))
        #expect(plan.seed == 7)
        #expect(plan.validationFraction == 0.1 && plan.testFraction == 0.3)
        #expect(!plan.shuffle)
        #expect(plan.normalization == .minmax)
        #expect(plan.model == .fresh(hiddenSizes: [16, 4], activation: .leakyReLU, output: .identity, dropout: 0.25))
        #expect(plan.loss == .meanSquaredError)
        #expect(plan.optimizer == .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8) && plan.learningRate == 0.005)
        #expect(plan.batchSize == 32 && plan.epochs == 7 && plan.l1 == 0.001 && plan.l2 == 0.0001 && plan.patience == 3)
        #expect(plan.savePath == "m.safetensors" && plan.logPath == "run.csv" && plan.json && plan.quiet && plan.printEvery == 2)

        let configuration = plan.trainingConfiguration(loss: .meanSquaredError)
        #expect(configuration == TrainingConfiguration(epochs: 7, batchSize: 32, loss: .meanSquaredError,
                                                       optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
                                                       learningRate: 0.005, l1: 0.001, l2: 0.0001, patience: 3, shuffle: false, seed: 7))
    }

    @Test func theLearningRateDefaultsToTheOptimizers() throws {
        #expect(try plan(["--dataset", "iris", "--optimizer", "adam"]).learningRate == 0.001)
        #expect(try plan(["--dataset", "iris", "--optimizer", "rmsprop"]).learningRate == 0.01)
        #expect(try plan(["--dataset", "iris", "--optimizer", "momentum"]).optimizer == .momentum(0.9))
    }

    @Test func targetColumns() throws {
        #expect(try TrainPlan.targetColumn(nil) == .last)
        #expect(try TrainPlan.targetColumn("last") == .last)
        // Positions count from 1 on the command line and from 0 in the loader.
        #expect(try TrainPlan.targetColumn("3") == .index(2))
        #expect(try TrainPlan.targetColumn(" species ") == .name("species"))
        #expect(throws: TrainError.self) { try TrainPlan.targetColumn("0") }
    }

    @Test func hiddenSizes() throws {
        #expect(try TrainPlan.hiddenSizes(nil) == [8, 8])
        #expect(try TrainPlan.hiddenSizes("none") == [])
        #expect(throws: TrainError.usage("--layers is empty: give hidden layer sizes separated by commas, such as 16,8, or none for no hidden layer")) {
            try TrainPlan.hiddenSizes("")
        }
        #expect(try TrainPlan.hiddenSizes("none") == [])
        #expect(try TrainPlan.hiddenSizes("32") == [32])
        for bad in ["8,,8", "0", "-4", "8;8", "1e3", "100000"] {
            #expect(throws: TrainError.self, "\(bad) was accepted") { try TrainPlan.hiddenSizes(bad) }
        }
    }

    @Test func initTakesTheArchitectureFromTheFile() throws {
        let plan = try plan(["--init", "model.safetensors", "--dataset", "circle", "--loss", "mse"])
        #expect(plan.model == .file(path: "model.safetensors"))
        #expect(plan.normalization == nil)
        #expect(plan.loss == .meanSquaredError)
        for option in [["--layers", "4"], ["--activation", "relu"], ["--output", "sigmoid"], ["--dropout", "0.1"], ["--normalize", "none"]] {
            let rejected = rejection(["--init", "model.safetensors", "--dataset", "circle"] + option)
            #expect(rejected?.status == 64)
            #expect(rejected?.message.contains("\(option[0]) cannot be combined with --init") == true)
        }
    }

    @Test(arguments: [
        (["--dataset", "circle", "--lr=-0.1"], "--lr must be a positive number, such as 0.1, got -0.1"),
        (["--dataset", "circle", "--lr", "nan"], "--lr must be a positive number"),
        (["--dataset", "circle", "--batch-size", "0"], "--batch-size must be at least 1 (examples per step), got 0"),
        (["--dataset", "cirle"], "there is no dataset called \"cirle\""),
        (["--dataset", "circle", "--samples", "0"], "--samples must be a whole number from 1 to 1000000, got 0"),
        (["--dataset", "circle", "--noise=-1"], "--noise must be 0 or a positive number"),
        (["--dataset", "circle", "--loss", "hinge"], "there is no loss called \"hinge\""),
        (["--dataset", "circle", "--output", "tanh"], "there is no output activation called \"tanh\""),
        (["--dataset", "circle", "--test-split", "1"], "--test-split must be a fraction from 0 up to (not including) 1"),
        (["--dataset", "circle", "--print-every", "0"], "--print-every must be at least 1"),
        (["--dataset", "circle", "--threads", "0"], "--threads must be between 1 and 64, got 0"),
        (["--dataset", "circle", "--seed=-1"], "--seed"),
    ])
    func nonsenseIsRejectedWithASentence(arguments: [String], sentence: String) {
        let rejected = rejection(arguments)
        #expect(rejected?.status == 64)
        #expect(rejected?.message.contains(sentence) == true, "message was: \(rejected?.message ?? "none")")
    }

    @Test func everyOptionsHelpHasAnExample() {
        // Wide enough that no help text wraps; a long option name may still push its text to the next line.
        let help = TrainCommand.helpMessage(columns: 10_000)
        let optionsSection = help.components(separatedBy: "OPTIONS:").last ?? ""
        var blocks: [(option: String, text: String)] = []
        for line in optionsSection.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.hasPrefix("--") || line.hasPrefix("-h,") {
                // `--lr, --learning-rate <x>`: the first name stands for the option.
                let name = String(line.prefix { $0 != " " })
                blocks.append((name.hasPrefix("--") && name.hasSuffix(",") ? String(name.dropLast()) : name, line))
            } else if !blocks.isEmpty {
                blocks[blocks.count - 1].text += " " + line
            }
        }
        let options = blocks.map(\.option).filter { $0 != "-h," }
        #expect(options == ["--config", "--dataset", "--text", "--steps", "--delay", "--digits", "--data", "--target", "--samples", "--noise", "--seed", "--val-split", "--test-split",
                            "--no-shuffle", "--normalize", "--layers", "--model", "--freeze", "--classes", "--per-class",
                            "--activation", "--output", "--dropout", "--init", "--loss",
                            "--optimizer", "--lr", "--batch-size", "--epochs", "--l1", "--l2", "--patience", "--save", "--log",
                            "--json", "--quiet", "--plot", "--ascii", "--print-every", "--threads"])
        for block in blocks where block.option != "-h," {
            #expect(block.text.contains("Example: \(block.option)"), "\(block.option) has no example: \(block.text)")
        }
    }
}

/// Choosing the output activation and the loss for the data.
@Suite("gradschool train model setup")
struct TrainModelSetupTests {
    @Test func automaticChoicesFollowTheProblem() {
        #expect(ModelSetup.automaticOutput(for: .regression) == .identity)
        #expect(ModelSetup.automaticOutput(for: .binaryClassification) == .sigmoid)
        #expect(ModelSetup.automaticOutput(for: .multiclassClassification(classCount: 3)) == .softmax)
        #expect(ModelSetup.automaticLoss(output: .identity, problem: .regression) == .meanSquaredError)
        #expect(ModelSetup.automaticLoss(output: .sigmoid, problem: .binaryClassification) == .binaryCrossEntropy)
        #expect(ModelSetup.automaticLoss(output: .softmax, problem: .multiclassClassification(classCount: 3)) == .crossEntropy)
        // An identity output on labels is regression onto 0 and 1: mean squared error.
        #expect(ModelSetup.automaticLoss(output: .identity, problem: .binaryClassification) == .meanSquaredError)
    }

    @Test func pairsThatCannotLearnAreNamed() {
        let three = Problem.multiclassClassification(classCount: 3)
        #expect(ModelSetup.outputProblem(.softmax, problem: .binaryClassification)?.contains("always 1") == true)
        #expect(ModelSetup.outputProblem(.softmax, problem: .regression) != nil)
        #expect(ModelSetup.outputProblem(.softmax, problem: three) == nil)
        #expect(ModelSetup.outputProblem(.sigmoid, problem: .regression) == nil)
        #expect(ModelSetup.lossProblem(.binaryCrossEntropy, output: .identity, problem: .binaryClassification) != nil)
        #expect(ModelSetup.lossProblem(.binaryCrossEntropy, output: .sigmoid, problem: .regression) != nil)
        #expect(ModelSetup.lossProblem(.binaryCrossEntropy, output: .sigmoid, problem: three) == nil)
        #expect(ModelSetup.lossProblem(.crossEntropy, output: .softmax, problem: .binaryClassification)?.contains("three or more classes") == true)
        #expect(ModelSetup.lossProblem(.crossEntropy, output: .sigmoid, problem: three) != nil)
        #expect(ModelSetup.lossProblem(.meanSquaredError, output: .softmax, problem: three) == nil)
    }

    @Test func aFreshNetworkFitsTheData() throws {
        let plan = try TrainPlan(TrainCommand.parse(["--dataset", "iris", "--layers", "5", "--activation", "relu", "--seed", "3"]))
        let setup = try ModelSetup.fresh(hiddenSizes: [5], activation: .relu, output: nil, dropout: 0, plan: plan,
                                         problem: .multiclassClassification(classCount: 3), featureCount: 4, targetColumns: 3)
        #expect(setup.loss == .crossEntropy)
        #expect(setup.network.architecture == NetworkArchitecture(sizes: [4, 5, 3], hiddenActivations: [.relu], outputActivation: .softmax))
        // The network's seed is the run's seed.
        let again = Network(sizes: [4, 5, 3], activation: .relu, outputActivation: .softmax, seed: 3)
        #expect(setup.network.stateTensors == again.stateTensors)
    }

    @Test func aSavedModelMustFitTheData() throws {
        let plan = try TrainPlan(TrainCommand.parse(["--dataset", "circle", "--init", "m.safetensors"]))
        let model = SavedModel(network: Network(sizes: [2, 3, 1], activation: .tanh, outputActivation: .sigmoid, seed: 1),
                               loss: .binaryCrossEntropy)
        let setup = try ModelSetup.continued(model, fileName: "m.safetensors", plan: plan, dataName: "circle",
                                             problem: .binaryClassification, featureCount: 2, targetColumns: 1)
        #expect(setup.loss == .binaryCrossEntropy)
        #expect(throws: TrainError.badInput("m.safetensors takes 2 inputs but iris has 4 features: continue the model on data with the same columns")) {
            try ModelSetup.continued(model, fileName: "m.safetensors", plan: plan, dataName: "iris",
                                     problem: .multiclassClassification(classCount: 3), featureCount: 4, targetColumns: 3)
        }
        #expect(throws: TrainError.badInput("m.safetensors gives 1 output but digits needs 10 (classification into 10 classes): continue the model on data with the same targets")) {
            try ModelSetup.continued(model, fileName: "m.safetensors", plan: plan, dataName: "digits",
                                     problem: .multiclassClassification(classCount: 10), featureCount: 2, targetColumns: 10)
        }
    }
}
