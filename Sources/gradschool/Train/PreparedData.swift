import Foundation
import Neural

/// The examples of a run, split into training, validation and test sets and scaled by a scaler fitted on
/// the training set alone (or the one stored with the model being continued).
struct PreparedData {
    /// The dataset's name, such as `circle` or `houses`.
    var name: String
    var problem: Problem
    var featureNames: [String]
    var classNames: [String]
    var training: Dataset
    var validation: Dataset
    var test: Dataset
    /// The scaling applied to all three sets; `nil` when features are used as they are.
    var scaler: Scaler?

    /// Reads the data the plan names: a catalog dataset or a CSV file.
    static func load(_ source: TrainPlan.DataSource, seed: UInt64) throws(TrainError) -> Dataset {
        switch source {
        case .catalog(let name, let samples, let noise):
            do {
                return try DatasetCatalog.dataset(named: name, samples: samples, noise: noise, seed: seed)
            } catch {
                // The name was checked with the plan, so only a shipped file gone missing lands here.
                throw .badInput(error.description)
            }
        case .file(let path, let target):
            let url = URL(fileURLWithPath: path)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw .missingFile("\(path): no such file: check the path given to --data")
            }
            guard !isFolder.boolValue else {
                throw .missingFile("\(path) is a folder, not a CSV file: give --data the path of the file itself")
            }
            do {
                return try CSVLoader.load(contentsOf: url, options: CSVOptions(targetColumn: target))
            } catch {
                if case .unreadable = error { throw .missingFile(error.description) }
                throw .badInput(error.description)
            }
        }
    }

    /// Where the feature scaling comes from.
    enum Scaling {
        /// Fitted on the training set; `nil` for no scaling.
        case fitted(Scaler.Kind?)
        /// Stored with the model being continued; `nil` when the model takes raw features.
        case stored(Scaler?)
    }

    /// Splits `dataset` as the plan says and scales all three sets.
    static func prepare(_ dataset: Dataset, plan: TrainPlan, scaling: Scaling) throws(TrainError) -> PreparedData {
        var sets = dataset.split(validationFraction: plan.validationFraction, testFraction: plan.testFraction,
                                 seed: plan.seed, shuffle: plan.shuffle)
        // The split is already shuffled, so the first examples of each class are a random draw.
        if let perClass = plan.perClass { sets.train = sets.train.limited(perClass: perClass) }
        guard sets.train.count > 0 else {
            throw .badInput("\(dataset.name) has only \(dataset.count) examples: after \(sets.validation.count) for validation "
                            + "and \(sets.test.count) for testing none are left to train on; lower --val-split or --test-split")
        }
        let scaler: Scaler? = switch scaling {
        case .fitted(let kind): kind.map { Scaler.fit($0, to: sets.train.features) }
        case .stored(let stored): stored
        }
        func scaled(_ set: Dataset) throws(TrainError) -> Dataset {
            guard let scaler else { return set }
            do {
                return try scaler.apply(set)
            } catch {
                throw .badInput("the model's feature scaling does not fit \(dataset.name): \(error)")
            }
        }
        return PreparedData(name: dataset.name, problem: dataset.problem, featureNames: dataset.featureNames,
                            classNames: dataset.classNames, training: try scaled(sets.train),
                            validation: try scaled(sets.validation), test: try scaled(sets.test), scaler: scaler)
    }

    var featureCount: Int { training.features.columns }
    var targetColumns: Int { training.targets.columns }
}
