import Foundation
import Neural

/// The examples a sequence model trains on, read from `--dataset` or `--text`: names one a line, the
/// sonnets or a text file as running text cut into blocks, a seeded synthetic task, or noisy sine waves.
struct SequenceData {
    var name: String
    var training: SequenceExamples
    var validation: SequenceExamples
    /// The characters, for text; nil for tasks and waves.
    var vocabulary: CharacterVocabulary?
    /// The model used when `--model` is not given.
    var defaultModel: String

    /// The dataset names that mean sequences. `sine` is a regression dataset too: it means the sequence
    /// task only with a recurrent `--model` or `--steps`.
    static let names = ["names", "sonnets", "reverse", "sort", "copy", "add", "sine"]

    /// The tokens-or-values each step reads: `[steps]` of token ids, or `[steps, 1]` of real values.
    var inputShape: TensorShape {
        training.vocabularySize == nil ? [training.steps, 1] : [training.steps]
    }

    static func load(dataset: String?, textFile: String?, steps: Int?, delay: Int?, digits: Int?, samples: Int?,
                     validationFraction: Double, seed: UInt64) throws(TrainError) -> SequenceData {
        let fraction = validationFraction
        func dataError(_ error: SequenceDataError) -> TrainError {
            if case .unreadable = error { return .missingFile(error.description) }
            return .badInput(error.description)
        }
        do throws(SequenceDataError) {
            if let textFile {
                let corpus = try TextCorpus(contentsOf: URL(fileURLWithPath: textFile))
                let all = try SequenceExamples.blocks(of: corpus, steps: steps ?? 64)
                let (train, validation) = all.split(validationFraction: fraction, seed: seed, shuffle: false)
                return SequenceData(name: corpus.file, training: train, validation: validation, vocabulary: corpus.vocabulary,
                                    defaultModel: "embed 16, lstm 64")
            }
            switch dataset?.lowercased() {
            case "names":
                let corpus = try TextCorpus.names()
                let all = try SequenceExamples.lines(of: corpus, steps: steps ?? 16)
                let (train, validation) = all.split(validationFraction: fraction, seed: seed)
                return SequenceData(name: "names", training: train, validation: validation, vocabulary: corpus.lineVocabulary,
                                    defaultModel: "embed 16, lstm 64")
            case "sonnets":
                let corpus = try TextCorpus.sonnets()
                let all = try SequenceExamples.blocks(of: corpus, steps: steps ?? 64)
                let (train, validation) = all.split(validationFraction: fraction, seed: seed, shuffle: false)
                return SequenceData(name: "sonnets", training: train, validation: validation, vocabulary: corpus.vocabulary,
                                    defaultModel: "embed 16, lstm 128")
            case "sine":
                let count = samples ?? 2000
                let all = SequenceExamples.sineForecast(count: count, steps: steps ?? 50, seed: seed)
                let (train, validation) = all.split(validationFraction: fraction, seed: seed)
                return SequenceData(name: "sine", training: train, validation: validation, vocabulary: nil,
                                    defaultModel: "lstm 32")
            case let name?:
                let task: SequenceTask
                switch name {
                case "reverse": task = .reverse(digits: digits ?? 6)
                case "sort": task = .sort(digits: digits ?? 6)
                case "copy": task = .copy(delay: delay ?? 8)
                default: task = .addition(digits: digits ?? 3)
                }
                let count = samples ?? 10_000
                let validationCount = max(1, Int((Double(count) * fraction).rounded()))
                return SequenceData(name: task.description, training: task.examples(count: count, seed: seed),
                                    validation: task.examples(count: validationCount, seed: seed &+ 1), vocabulary: nil,
                                    defaultModel: "embed 16, lstm 64")
            case nil:
                throw SequenceDataError.emptyText(file: "(no data)")
            }
        } catch {
            throw dataError(error)
        }
    }
}
