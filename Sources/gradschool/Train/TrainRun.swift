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

    func run() throws(TrainError) {
        if let savePath = plan.savePath { try Self.checkWritable(savePath, option: "--save") }
        if let logPath = plan.logPath { try Self.checkWritable(logPath, option: "--log") }

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
        try train(try Self.frozen(setup, plan.freezing), on: data)
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
    func train(_ setup: ModelSetup, on data: PreparedData) throws(TrainError) {
        var trainer = Trainer(network: setup.network,
                              training: Examples(features: data.training.features, targets: data.training.targets),
                              validation: Examples(features: data.validation.features, targets: data.validation.targets),
                              configuration: plan.trainingConfiguration(loss: setup.loss))
        let log = try plan.logPath.map { (path: String) throws(TrainError) -> EpochLog in try EpochLog(path: path) }

        var progress = ProgressReporter(mode: progressMode, totalEpochs: plan.epochs, trainingCount: data.training.count,
                                        batchSize: plan.batchSize, write: progressStream)
        progress.announce(TrainReport.header(network: setup.network, loss: setup.loss, data: data, plan: plan))
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

        var summary = TrainSummary(plan: plan, data: data, network: trainer.network, loss: setup.loss, status: trainer.status,
                                   history: Array(trainer.history), evaluations: [], seconds: seconds)
        if case .diverged(let divergence) = trainer.status {
            if plan.json { console.writeOutput(summary.json.rendered() + "\n") }
            throw .diverged(divergence)
        }
        summary.evaluations = [SetEvaluation.evaluate(data.validation, name: "validation", trainer: &trainer),
                               SetEvaluation.evaluate(data.test, name: "test", trainer: &trainer)].compactMap { $0 }

        if let savePath = plan.savePath {
            let model = SavedModel(network: trainer.network, loss: setup.loss, scaler: data.scaler,
                                   featureNames: data.featureNames, classNames: data.classNames)
            do {
                try model.write(to: URL(fileURLWithPath: savePath))
            } catch {
                throw .cannotWrite("\(savePath): the model could not be saved: \(error)")
            }
        }

        if plan.json {
            console.writeOutput(summary.json.rendered() + "\n")
        } else if !plan.quiet {
            var lines = [TrainReport.outcome(status: trainer.status, history: Array(trainer.history), patience: plan.patience, seconds: seconds)]
            if let savePath = plan.savePath { lines.append("saved \(savePath): \(TrainReport.architecture(trainer.network))") }
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
                lines.append(TrainPlots(network: trainer.network, history: Array(trainer.history), data: data)
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

    /// Fails early when `path` cannot be written: its folder is missing or read-only, or it is a folder.
    static func checkWritable(_ path: String, option: String) throws(TrainError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw .cannotWrite("\(option) \(path) is a folder: give a file name, such as \(path)/model.safetensors")
        }
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw .cannotWrite("\(option) \(path): the folder \(folder) does not exist: create it first or choose another path")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw .cannotWrite("\(option) \(path): the folder \(folder) is not writable: choose another path")
        }
    }
}
