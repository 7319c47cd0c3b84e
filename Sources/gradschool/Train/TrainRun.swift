import Canvas
import Foundation
import Neural

/// One run of `gradschool train`: read the model and the data, train with progress, then evaluate, save
/// and report.
///
/// Everything that can fail before training (an unwritable output, a missing or malformed file, a model
/// that does not fit the data) fails before the first step, so no time is spent on a run whose result
/// cannot be kept.
struct TrainRun {
    let plan: TrainPlan
    let console: Console
    /// Files read besides the plan's data and model (a `--config` file and the CSV it names): no output may replace them.
    var otherInputs: [OutputFile.Input] = []
    /// The model file the weights came from when it is not `--init` (the model saved beside a `--config`
    /// file): the `--json` summary names it as `init`.
    var startedFrom: String?

    /// Every file the run reads, which no output may replace.
    var inputs: [OutputFile.Input] { OutputFile.inputs(of: plan) + otherInputs }

    func run() throws(TrainError) {
        _ = try OutputFile.check(plan, inputs: inputs)

        var savedModel: SavedModel?
        var initName = ""
        if case .file(let path) = plan.model {
            savedModel = try Self.loadModel(path, seed: plan.seed)
            initName = URL(fileURLWithPath: path).lastPathComponent
        }
        var dataset = try PreparedData.load(plan.data, seed: plan.seed)
        if let classes = plan.classes {
            guard dataset.problem.isClassification else {
                throw .usage("--classes picks classes, but \(dataset.name) asks for numbers (regression): leave --classes out")
            }
            if let missing = classes.first(where: { $0 >= dataset.classNames.count }) {
                throw .usage("--classes \(missing): \(dataset.name) has classes 0 to \(dataset.classNames.count - 1) only")
            }
            dataset = dataset.keepingClasses(classes)
        }

        let setup: ModelSetup
        let data: PreparedData
        switch plan.model {
        case .file:
            guard var savedModel else { preconditionFailure("a model file was named but not read") }
            // A body trained on other classes gets a new output layer for these.
            if plan.classes != nil, savedModel.network.outputSize != dataset.targets.columns {
                savedModel.network = savedModel.network.replacingHead(outputs: dataset.targets.columns, seed: plan.seed)
                savedModel.classNames = dataset.classNames
            }
            // The sizes are checked before the stored scaler meets the data, for the clearer message.
            setup = try ModelSetup.continued(savedModel, fileName: initName, plan: plan, dataName: dataset.name,
                                             problem: dataset.problem, featureCount: dataset.features.columns,
                                             targetColumns: dataset.targets.columns)
            data = try PreparedData.prepare(dataset, plan: plan, scaling: .stored(savedModel.scaler))
        case .described(let description, let output):
            data = try PreparedData.prepare(dataset, plan: plan, scaling: .fitted(plan.normalization?.scalerKind))
            setup = try ModelSetup.described(description, output: output, plan: plan, problem: data.problem,
                                             featureCount: data.featureCount, targetColumns: data.targetColumns)
        case .fresh(let hiddenSizes, let activation, let output, let dropout):
            data = try PreparedData.prepare(dataset, plan: plan, scaling: .fitted(plan.normalization?.scalerKind))
            setup = try ModelSetup.fresh(hiddenSizes: hiddenSizes, activation: activation, output: output, dropout: dropout,
                                         plan: plan, problem: data.problem, featureCount: data.featureCount,
                                         targetColumns: data.targetColumns)
        }
        // A model given to --init carries on exactly as it was trained (as PyTorch would continue it).
        let continued = if case .file = plan.model { true } else { false }
        try train(try Self.frozen(setup, plan.freezing), on: data, targets: continued ? .asGiven : .standardized)
    }

    /// Whether regression targets are standardised while training: a new network's are; a playground
    /// configuration trains as the playground did, and a continued model as it was trained.
    enum TargetScaling {
        case asGiven
        case standardized
    }

    /// The setup with the layers `--freeze` names frozen.
    static func frozen(_ setup: ModelSetup, _ freezing: TrainPlan.Freezing?) throws(TrainError) -> ModelSetup {
        guard let freezing else { return setup }
        var setup = setup
        switch freezing {
        case .body:
            guard setup.network.parameterLayerIndices.count >= 2 else {
                throw .usage("--freeze body keeps every layer with parameters but the last fixed, but the network has only one: leave --freeze out")
            }
            setup.network.freezeBody()
        case .layers(let indices):
            let learnable = setup.network.parameterLayerIndices
            for index in indices {
                guard learnable.contains(index) else {
                    throw .usage("--freeze \(index): layer \(index) has no parameters to freeze; layers with parameters are "
                                 + learnable.map(String.init).joined(separator: ", "))
                }
                setup.network.setTrainable(false, layer: index)
            }
        }
        return setup
    }

    /// Trains `setup` on `data` with progress, then evaluates, saves and reports as the plan says.
    func train(_ setup: ModelSetup, on data: PreparedData, targets: TargetScaling = .asGiven) throws(TrainError) {
        var standardization: TargetStandardization?
        let network = setup.network
        var trainingTargets = data.training.targets, validationTargets = data.validation.targets
        if case .standardized = targets, TargetStandardization.applies(to: network, problem: data.problem), data.training.count > 0 {
            let fitted = TargetStandardization(fittedTo: data.training.targets)
            trainingTargets = fitted.standardized(trainingTargets)
            validationTargets = fitted.standardized(validationTargets)
            standardization = fitted
        }
        var trainer = Trainer(network: network,
                              training: Examples(features: data.training.features, targets: trainingTargets),
                              validation: Examples(features: data.validation.features, targets: validationTargets),
                              configuration: plan.trainingConfiguration(loss: setup.loss))
        // The paths written: a link's target, checked again just before training.
        let outputs = try OutputFile.check(plan, inputs: inputs)
        let log = try outputs.log.map { (path: String) throws(TrainError) -> EpochLog in try EpochLog(path: path) }

        var progress = ProgressReporter(mode: progressMode, totalEpochs: plan.epochs, trainingCount: data.training.count,
                                        batchSize: plan.batchSize, write: progressStream)
        var header = TrainReport.header(network: setup.network, loss: setup.loss, data: data, plan: plan)
        if let standardization { header += "\n" + TrainReport.targetNote(standardization, data: data) }
        progress.announce(header)
        let start = DispatchTime.now().uptimeNanoseconds
        while trainer.status == .training && plan.epochs > 0 {
            if let record = trainer.step() {
                try log?.append(record)
                progress.epochFinished(record, trainer: trainer)
            } else {
                progress.stepFinished(trainer)
            }
        }
        progress.finish(trainer)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9

        // Predictions in the target's own units: the mapping back is folded into the last layer, so the
        // metrics, the saved model and the pictures all see the numbers the data holds.
        var evaluator = trainer
        if let standardization {
            evaluator = Trainer(network: standardization.folded(into: trainer.network),
                                training: Examples(features: data.training.features, targets: data.training.targets),
                                configuration: plan.trainingConfiguration(loss: setup.loss))
        }
        var summary = TrainSummary(plan: plan, data: data, network: evaluator.network, loss: setup.loss, status: trainer.status,
                                   history: Array(trainer.history), evaluations: [], seconds: seconds, startedFrom: startedFrom)
        if case .diverged(let divergence) = trainer.status {
            if plan.json { console.writeOutput(summary.json.rendered() + "\n") }
            // A penalty whose step alone (learning rate × penalty) is 1 or more, or that is huge, is the cause.
            for (option, value) in [("--l2", plan.l2), ("--l1", plan.l1)] where value * plan.learningRate >= 1 || value >= 1_000 {
                throw .penaltyDiverged(divergence, option: option, value: value)
            }
            throw .diverged(divergence)
        }
        summary.evaluations = [SetEvaluation.evaluate(data.validation, name: "validation", trainer: &evaluator),
                               SetEvaluation.evaluate(data.test, name: "test", trainer: &evaluator)].compactMap { $0 }

        if let savePath = plan.savePath, let target = outputs.save {
            let model = SavedModel(network: evaluator.network, loss: setup.loss, scaler: data.scaler,
                                   featureNames: data.featureNames, classNames: data.classNames)
            do {
                try model.write(to: URL(fileURLWithPath: target))
            } catch {
                throw .cannotWrite("\(savePath): the model could not be saved: \(error)")
            }
        }

        if plan.json {
            console.writeOutput(summary.json.rendered() + "\n")
        } else if !plan.quiet {
            var lines = [TrainReport.outcome(status: trainer.status, history: Array(trainer.history), patience: plan.patience, seconds: seconds)]
            if let savePath = plan.savePath { lines.append("saved \(savePath): \(TrainReport.architecture(evaluator.network))") }
            if let logPath = plan.logPath { lines.append("logged \(trainer.history.count) epochs to \(logPath)") }
            for evaluation in summary.evaluations {
                lines.append("")
                lines.append(TrainReport.metrics(evaluation, classNames: data.classNames))
            }
            if summary.evaluations.isEmpty {
                lines.append("no validation or test examples to measure: set --val-split or --test-split above 0 to see metrics")
            }
            if plan.plot {
                let report = PlotReport.detect(environment: ProcessInfo.processInfo.environment,
                                               isTerminal: console.outputIsTerminal && console.colorsAllowed,
                                               forceASCII: plan.asciiPictures)
                lines.append("")
                lines.append(TrainPlots(network: evaluator.network, history: Array(trainer.history), data: data)
                    .render(report: report, width: max(40, min(console.width, 100))))
            }
            console.writeOutput(lines.joined(separator: "\n") + "\n")
        }
    }

    /// Progress goes to standard output, or to standard error when standard output carries the JSON summary.
    private var progressMode: ProgressReporter.Mode {
        if plan.quiet { return .silent }
        let isTerminal = plan.json ? console.errorIsTerminal : console.outputIsTerminal
        if isTerminal { return .live(width: console.width, colors: console.colorsAllowed) }
        return .plain(every: plan.printEvery ?? ProgressReporter.automaticInterval(epochs: plan.epochs))
    }

    private var progressStream: (String) -> Void {
        plan.json ? console.writeError : console.writeOutput
    }

    /// Reads the model of `--init`; a missing file is exit 66, anything wrong inside it exit 65.
    static func loadModel(_ path: String, seed: UInt64) throws(TrainError) -> SavedModel {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .missingFile("\(path): no such file: check the path given to --init")
        }
        do {
            return try SavedModel.read(from: URL(fileURLWithPath: path), seed: seed)
        } catch {
            throw error.isUnreadableFile ? .missingFile(error.description) : .badInput(error.description)
        }
    }
}
