import Neural

/// Everything a finished (or diverged) run reports, as plain values; `json` turns it into the `--json`
/// summary.
struct TrainSummary {
    var plan: TrainPlan
    var data: PreparedData
    var network: Network
    var loss: Loss
    var status: TrainingStatus
    var history: [EpochRecord]
    var evaluations: [SetEvaluation]
    var seconds: Double
    /// The model file the weights came from besides `--init` (the model saved beside a `--config` file).
    var startedFrom: String?

    /// `finished`, `stopped-early`, `diverged`, or `evaluated` when no epoch was asked for.
    static func statusName(_ status: TrainingStatus) -> String {
        switch status {
        case .training: "evaluated"
        case .finished: "finished"
        case .stoppedEarly: "stopped-early"
        case .diverged: "diverged"
        }
    }

    /// `regression`, `binary-classification` or `multiclass-classification`.
    static func problemName(_ problem: Problem) -> String {
        switch problem {
        case .regression: "regression"
        case .binaryClassification: "binary-classification"
        case .multiclassClassification: "multiclass-classification"
        }
    }

    /// The machine-readable summary: keys in a fixed order, NaN and infinity as `null`.
    var json: JSONValue {
        var bestEpoch: JSONValue = .null, divergence: JSONValue = .null
        switch status {
        case .stoppedEarly(let epoch):
            bestEpoch = .integer(epoch)
        case .diverged(let diverged):
            divergence = .object([
                ("epoch", .integer(diverged.epoch)), ("batch", .integer(diverged.batch)), ("loss", .float(diverged.loss)),
                ("learning_rate", .float(diverged.learningRate)), ("message", .string(TrainError.divergenceSentence(diverged))),
            ])
        case .training, .finished:
            break
        }
        let top: [(key: String, value: JSONValue)] = [
            ("status", .string(Self.statusName(status))),
            ("epochs_completed", .integer(history.count)),
            ("best_epoch", bestEpoch),
            ("divergence", divergence),
            ("seconds", .double(seconds)),
            ("data", dataJSON),
            ("model", modelJSON),
            ("training", trainingJSON),
            ("final", Self.finalJSON(history.last)),
            ("metrics", metricsJSON),
            ("history", .array(history.map(Self.recordJSON))),
            ("saved", plan.savePath.map { .string($0) } ?? .null),
            ("log", plan.logPath.map { .string($0) } ?? .null),
        ]
        return .object(top)
    }

    private var dataJSON: JSONValue {
        let scaling: String = switch data.scaler?.kind {
        case .standardization: "standard"
        case .minMax: "minmax"
        case nil: "none"
        }
        let members: [(key: String, value: JSONValue)] = [
            ("name", .string(data.name)),
            ("problem", .string(Self.problemName(data.problem))),
            ("feature_names", .array(data.featureNames.map { JSONValue.string($0) })),
            ("class_names", .array(data.classNames.map { JSONValue.string($0) })),
            ("training_examples", .integer(data.training.count)),
            ("validation_examples", .integer(data.validation.count)),
            ("test_examples", .integer(data.test.count)),
            ("normalization", .string(scaling)),
        ]
        return .object(members)
    }

    private var modelJSON: JSONValue {
        let architecture = network.architecture
        var initPath = startedFrom.map { JSONValue.string($0) } ?? .null
        if case .file(let path) = plan.model { initPath = .string(path) }
        let sizes: JSONValue = architecture.map { JSONValue.array($0.sizes.map { JSONValue.integer($0) }) } ?? .null
        let activations: JSONValue = architecture.map { JSONValue.array($0.hiddenActivations.map { JSONValue.string($0.modelFileName) }) } ?? .null
        let dropout: JSONValue = architecture.map { JSONValue.float($0.dropout) } ?? .null
        let members: [(key: String, value: JSONValue)] = [
            ("sizes", sizes),
            ("activations", activations),
            ("output_activation", .string(network.outputActivation.modelFileName)),
            ("dropout", dropout),
            ("parameters", .integer(network.parameterCount)),
            ("loss", .string(loss.name)),
            ("init", initPath),
        ]
        return .object(members)
    }

    private var trainingJSON: JSONValue {
        let patience: JSONValue = plan.patience.map { JSONValue.integer($0) } ?? .null
        let members: [(key: String, value: JSONValue)] = [
            ("optimizer", .string(plan.optimizer.name)),
            ("learning_rate", .float(plan.learningRate)),
            ("batch_size", .integer(plan.batchSize)),
            ("epochs", .integer(plan.epochs)),
            ("l1", .float(plan.l1)),
            ("l2", .float(plan.l2)),
            ("patience", patience),
            ("shuffle", .bool(plan.shuffle)),
            ("seed", .number(String(plan.seed))),
        ]
        return .object(members)
    }

    private static func finalJSON(_ last: EpochRecord?) -> JSONValue {
        let members: [(key: String, value: JSONValue)] = [
            ("train_loss", .float(last?.trainingLoss)),
            ("val_loss", .float(last?.validationLoss)),
            ("train_accuracy", .float(last?.trainingAccuracy)),
            ("val_accuracy", .float(last?.validationAccuracy)),
        ]
        return .object(members)
    }

    private var metricsJSON: JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        for name in ["validation", "test"] {
            let evaluation = evaluations.first { $0.name == name }
            members.append((name, evaluation.map { Self.metricsJSON($0, classNames: data.classNames) } ?? .null))
        }
        return .object(members)
    }

    static func recordJSON(_ record: EpochRecord) -> JSONValue {
        .object([
            ("epoch", .integer(record.epoch)),
            ("train_loss", .float(record.trainingLoss)),
            ("val_loss", .float(record.validationLoss)),
            ("train_accuracy", .float(record.trainingAccuracy)),
            ("val_accuracy", .float(record.validationAccuracy)),
            ("seconds", .double(record.seconds)),
        ])
    }

    static func metricsJSON(_ evaluation: SetEvaluation, classNames: [String]) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("examples", .integer(evaluation.count)), ("loss", .float(evaluation.loss))]
        switch evaluation.scores {
        case .regression(let meanSquaredError, let meanAbsoluteError, let rSquared):
            members += [("mse", .double(meanSquaredError)), ("mae", .double(meanAbsoluteError)), ("r2", .double(rSquared))]
        case .classification(let matrix):
            members += [
                ("accuracy", .double(matrix.accuracy)),
                ("macro_precision", .double(matrix.macroPrecision)),
                ("macro_recall", .double(matrix.macroRecall)),
                ("macro_f1", .double(matrix.macroF1)),
                ("per_class", .array((0..<matrix.classCount).map { index in
                    let scores = matrix.scores(of: index)
                    return .object([
                        ("class", .string(index < classNames.count ? classNames[index] : "class \(index)")),
                        ("precision", .double(scores.precision)), ("recall", .double(scores.recall)),
                        ("f1", .double(scores.f1)), ("support", .integer(scores.support)),
                    ])
                })),
                ("confusion_matrix", .array((0..<matrix.classCount).map { actual in
                    .array((0..<matrix.classCount).map { .integer(matrix[actual: actual, predicted: $0]) })
                })),
            ]
        }
        return .object(members)
    }
}
