import App
import Dispatch
import Foundation
import Neural

/// One run of `gradschool tune`: load the data once, run the trials on the search thread with a progress
/// line, then print the table, save the best run and report.
struct TuneRun {
    let plan: TunePlan
    let console: Console

    /// Runs the search; returns whether Ctrl-C stopped it.
    func run() throws(TuneError) -> Bool {
        let target = try checkWritable(plan.savePath)
        let (data, base) = try loadData()
        var fitted = plan
        fitted.base = base
        let plan = fitted
        let space = plan.search.space
        let planned = plan.search.plannedTrials
        let progress = TuneProgress(mode: progressMode, totalTrials: planned, space: space)

        let runner = SearchRunner(search: plan.search) { trial, cancellation in
            Self.train(plan.configuration(for: trial.values), data: data, cancellation: cancellation) { epoch, epochs in
                progress.epoch(epoch, of: epochs, trial: trial.index)
            }
        }
        // Ctrl-C stops the search after the step under way; the trials finished so far are kept.
        signal(SIGINT, SIG_IGN)
        let interruption = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interruption.setEventHandler { runner.cancel() }
        interruption.resume()
        defer {
            interruption.cancel()
            signal(SIGINT, SIG_DFL)
        }
        let start = DispatchTime.now().uptimeNanoseconds
        runner.start(onResult: { progress.finished($0) })
        let results = runner.waitUntilFinished()
        let interrupted = runner.cancellation.isCancelled
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        progress.end()

        let report = TuneReport(plan: plan, problem: data.problem, results: results, plannedTrials: planned,
                                interrupted: interrupted, seconds: seconds)
        var savedPath: String?
        if let best = results.best {
            try save(plan.configuration(for: best.trial.values), best: best, results: results, plan: plan, to: target)
            savedPath = plan.savePath
        }
        if plan.json {
            console.writeOutput(report.json(savedPath: savedPath).rendered() + "\n")
        } else {
            console.writeOutput(report.text(savedPath: savedPath) + "\n")
        }
        return interrupted
    }

    /// The data every trial trains on, split and scaled as the playground and `train --config` do.
    private func loadData() throws(TuneError) -> (PlaygroundData, PlaygroundConfiguration) {
        var file: Dataset?
        if let configPath = plan.configPath {
            do {
                file = try PlaygroundFiles.open(configPath).file
            } catch {
                switch error {
                case .configuration(.unreadable), .missingData: throw .missingFile(error.description)
                default: throw .badInput(error.description)
                }
            }
        } else if plan.base.dataset == PlaygroundConfiguration.csvDataset, let path = plan.base.dataFile {
            do {
                file = try PlaygroundFiles.loadCSV(path, target: plan.base.target)
            } catch {
                switch error {
                case .missingData: throw .missingFile(error.description)
                default: throw .badInput(error.description)
                }
            }
        }
        var base = plan.base
        do {
            // A CSV's problem is known only now: the output and loss follow it, as in the playground.
            let data = try PlaygroundData.make(base, file: file)
            base.fitOutput(to: data.problem)
            return (data, base)
        } catch {
            throw .badInput(error.description)
        }
    }

    /// Trains one trial as `gradschool train --config` would train its configuration; the score is minus
    /// the validation loss. `nil` when the search was cancelled part-way.
    static func train(_ configuration: PlaygroundConfiguration, data: PlaygroundData, cancellation: SearchCancellation,
                      epochFinished: (Int, Int) -> Void) -> TrialOutcome? {
        let epochs = configuration.epochs ?? TunePlan.defaultEpochs
        var trainer = Trainer(network: configuration.makeNetwork(for: data),
                              training: Examples(features: data.training.features, targets: data.training.targets),
                              validation: Examples(features: data.test.features, targets: data.test.targets),
                              configuration: configuration.trainingConfiguration(epochs: epochs))
        while trainer.status == .training {
            if cancellation.isCancelled { return nil }
            if let record = trainer.step() { epochFinished(record.epoch, epochs) }
        }
        if case .diverged = trainer.status {
            return TrialOutcome(score: .nan, measurements: [])
        }
        let validation = trainer.evaluate(Examples(features: data.test.features, targets: data.test.targets))
        var measurements = [TrialMeasurement(name: "validationLoss", value: Double(validation.loss)),
                            TrialMeasurement(name: "epochs", value: Double(trainer.epoch))]
        if data.problem.isClassification, let accuracy = validation.accuracy {
            measurements.append(TrialMeasurement(name: "validationAccuracy", value: Double(accuracy)))
        }
        return TrialOutcome(score: -Double(validation.loss), measurements: measurements)
    }

    private func save(_ configuration: PlaygroundConfiguration, best: TrialResult, results: [TrialResult], plan: TunePlan,
                      to target: String) throws(TuneError) {
        var configuration = configuration
        configuration.speed = .full
        let loss = best.outcome.measurements.first { $0.name == "validationLoss" }?.value ?? -best.score
        let note = "The best of \(results.count) trials of gradschool tune (\(plan.search.method.name), seed \(plan.search.seed)): "
            + "trial \(best.trial.index + 1), validation loss \(TuneReport.number(loss))."
        do {
            try configuration.yaml(note: note).write(toFile: target, atomically: true, encoding: .utf8)
        } catch {
            throw .cannotWrite("\(plan.savePath): the best configuration could not be saved: \(error.localizedDescription)")
        }
    }

    /// Fails before any trial runs when the best run could not be saved; the path to write (a link's target).
    /// Like `train`, it replaces only a regular file and never one of the run's inputs.
    private func checkWritable(_ path: String) throws(TuneError) -> String {
        var inputs: [OutputFile.Input] = []
        if let configPath = plan.configPath { inputs.append(OutputFile.Input(name: "the --config file", path: configPath)) }
        if let dataFile = plan.base.dataFile { inputs.append(OutputFile.Input(name: "the data file", path: dataFile)) }
        do {
            return try OutputFile.check(path, option: "--save", inputs: inputs)
        } catch {
            throw .cannotWrite(error.description)
        }
    }

    private var progressMode: TuneProgress.Mode {
        if plan.quiet { return .silent }
        let isTerminal = plan.json ? console.errorIsTerminal : console.outputIsTerminal
        let write: @Sendable (String) -> Void
        if plan.json {
            write = { text in FileHandle.standardError.write(Data(text.utf8)) }
        } else {
            write = { text in FileHandle.standardOutput.write(Data(text.utf8)) }
        }
        return isTerminal ? .live(width: console.width, write: write) : .plain(write: write)
    }
}
