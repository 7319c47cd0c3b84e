import Foundation
import Neural

/// The playground's sequence mode: a character model (RNN, LSTM, GRU or transformer) learns the bundled
/// names live, with its loss per letter falling, its hidden state or each head's attention for a name, and
/// names it writes as it learns.
///
/// The training runs on a thread of the runner's (`LiveTrainingRequest.startSequence`, run
/// `SequencePlaygroundScreen.run`); the screen only asks for starts and commands and keeps the latest
/// snapshot, so drawing never waits for training.
public struct SequencePlaygroundScreen: Equatable, Sendable {
    public static let run: LiveRunID = "playground:sequences"

    /// The settings the arrows choose and change, in order.
    public enum Control: CaseIterable, Equatable, Sendable {
        case data, model, hidden, layers, heads, learningRate, temperature
    }

    /// A line being typed.
    public struct Prompt: Equatable, Sendable {
        public enum Purpose: Equatable, Sendable { case save, open, name }
        public var purpose: Purpose
        public var text = ""
        public var suggestion = ""
        var answer: String { text.isEmpty ? suggestion : text }
    }

    /// Names the cursor reads, `<` and `>` moving through them; `n` types another.
    static let probes = ["emma", "olivia", "sophia", "liam", "noah", "isabella", "alexander", "zoe"]

    public internal(set) var configuration: SequencePlaygroundConfiguration
    /// The weights the run starts from (the seed's, or an opened model's); reset comes back to them.
    var initialNetwork: NetworkValue?
    var latest: LiveSnapshot?
    public internal(set) var isRunning = false
    var generation = 0
    var control = Control.model
    /// The name whose reading is drawn.
    var probe = probes[0]
    var prompt: Prompt?
    /// A save that found its files already there, waiting for `y`.
    var pendingSave: SequencePlaygroundSave?
    var notice: String?
    var lastConfigurationPath: String?
    /// Why there is nothing to train, when the bundled names could not be read.
    let problem: String?

    public init(configuration: SequencePlaygroundConfiguration = SequencePlaygroundConfiguration()) {
        self.configuration = configuration
        switch SequencePlaygroundData.shared {
        case .success(let data):
            problem = nil
            initialNetwork = data.network(for: configuration).map(NetworkValue.init)
        case .failure(let error):
            problem = "The bundled names could not be read: \(error)"
        }
    }

    var data: SequencePlaygroundData? { try? SequencePlaygroundData.shared.get() }

    /// The state of the current start, once its first snapshot arrived.
    var training: TrainingSnapshot? { latest?.training }
    var sequence: SequenceLiveState? { latest?.sequence }

    var isAnimating: Bool { isRunning }
    /// Whether keys answer something (a typed line, or whether to replace files) rather than act: `q` then
    /// answers instead of quitting.
    public var isTakingText: Bool { prompt != nil || pendingSave != nil }

    var isDiverged: Bool {
        if case .diverged? = training?.status { true } else { false }
    }

    /// The controls shown: heads only for a transformer.
    var controls: [Control] {
        Control.allCases.filter { $0 != .heads || configuration.model == .transformer }
    }

    // MARK: Starting and stopping

    /// The effects that start the run, paused: send them when the screen opens.
    public mutating func opened() -> [Effect] { startRun() }

    /// The effects that end the run, for leaving the screen.
    public mutating func closed() -> [Effect] {
        isRunning = false
        return [.live(.stop(Self.run))]
    }

    /// Starts the run again from the initial weights, step 0.
    mutating func startRun() -> [Effect] {
        guard let data, let network = initialNetwork?.network else {
            isRunning = false
            latest = nil
            return [.live(.stop(Self.run))]
        }
        generation += 1
        latest = nil
        let run = data.run(of: network, configuration: configuration, probe: probe)
        return [.live(.startSequence(Self.run, SequenceRunSpec(run: run, startsPlaying: isRunning, generation: generation)))]
    }

    /// New weights for changed layers, and a fresh start.
    mutating func rebuild() -> [Effect] {
        configuration.fitHeads()
        initialNetwork = data?.network(for: configuration).map(NetworkValue.init)
        return startRun()
    }

    // MARK: Keys

    mutating func handle(_ key: Key) -> [Effect] {
        if prompt != nil { return handlePrompt(key) }
        if let save = pendingSave {
            pendingSave = nil
            if key == .character("y") || key == .character("Y") { return [.sequenceFiles(.save(save, replacing: true))] }
            notice = "Nothing saved: the files were kept."
            return []
        }
        notice = nil
        switch key {
        case .character(" "): return togglePlay()
        case .character("s"), .character("."):
            isRunning = false
            return send(.step(batches: 1))
        case .character("r"):
            isRunning = false
            return startRun()
        case .character("u"):
            guard case .diverged(let divergence)? = training?.status else {
                notice = "u applies the learning rate suggested after a divergence; the run has not diverged."
                return []
            }
            configuration.learningRate = divergence.suggestedLearningRate
            isRunning = false
            notice = "Learning rate \(PlaygroundConfiguration.number(configuration.learningRate)); the run starts again from its first weights."
            return startRun()
        case .character("<"), .character(","): return moveProbe(by: -1)
        case .character(">"): return moveProbe(by: 1)
        case .character("n"):
            prompt = Prompt(purpose: .name, suggestion: probe)
            return []
        case .enter: return send(.newSamples)
        case .character("w"):
            prompt = Prompt(purpose: .save, suggestion: PlaygroundScreen.baseName(lastConfigurationPath) ?? "names-\(configuration.model.rawValue)")
            return []
        case .character("o"):
            prompt = Prompt(purpose: .open, suggestion: lastConfigurationPath ?? "names-\(configuration.model.rawValue).yaml")
            return []
        case .up, .character("k"): moveControl(by: -1); return []
        case .down, .character("j"): moveControl(by: 1); return []
        case .left, .character("h"): return adjust(control, by: -1)
        case .right, .character("l"): return adjust(control, by: 1)
        case .escape: return closed() + [.screen(.leavePlayground)]
        default: return []
        }
    }

    private func send(_ command: SequenceSession.Command) -> [Effect] {
        [.live(.sendSequence(Self.run, command))]
    }

    mutating func togglePlay() -> [Effect] {
        if isDiverged {
            notice = "The run diverged: press r to reset, or u to reset with the suggested learning rate."
            return []
        }
        guard initialNetwork != nil else { notice = problem; return [] }
        isRunning.toggle()
        return send(isRunning ? .play : .pause)
    }

    private mutating func moveControl(by step: Int) {
        let shown = controls
        let index = shown.firstIndex(of: control) ?? 0
        control = shown[min(max(index + step, 0), shown.count - 1)]
    }

    private mutating func moveProbe(by step: Int) -> [Effect] {
        let index = Self.probes.firstIndex(of: probe) ?? (step > 0 ? -1 : 0)
        probe = Self.probes[(index + step + Self.probes.count) % Self.probes.count]
        return send(.read(probe))
    }

    /// Changes a setting: layers start the run again with new weights; the rate and temperature go on.
    mutating func adjust(_ control: Control, by step: Int) -> [Effect] {
        typealias Settings = SequencePlaygroundConfiguration
        switch control {
        case .data:
            // Back to the dense playground, whose data control is where this mode was chosen.
            return closed() + [.screen(.openPlayground)]
        case .model:
            let kinds = Settings.ModelKind.allCases
            let index = kinds.firstIndex(of: configuration.model) ?? 0
            configuration.model = kinds[(index + step + kinds.count) % kinds.count]
            return rebuild()
        case .hidden:
            configuration.hiddenSize = Settings.next(Settings.hiddenSizes, after: configuration.hiddenSize, step: step)
            if configuration.model == .transformer { configuration.heads = min(configuration.heads, configuration.hiddenSize) }
            return rebuild()
        case .layers:
            configuration.layers = Settings.next(Settings.layerCounts, after: configuration.layers, step: step)
            return rebuild()
        case .heads:
            let valid = Settings.headCounts.filter { configuration.hiddenSize % $0 == 0 }
            configuration.heads = Settings.next(valid, after: configuration.heads, step: step)
            return rebuild()
        case .learningRate:
            configuration.learningRate = Settings.next(Settings.learningRates, after: configuration.learningRate, step: step)
            // A diverged run cannot go on: the new rate starts it again.
            if isDiverged { isRunning = false; return startRun() }
            return send(.setLearningRate(configuration.learningRate))
        case .temperature:
            configuration.temperature = Settings.next(Settings.temperatures, after: configuration.temperature, step: step)
            return send(.setTemperature(configuration.temperature))
        }
    }

    // MARK: Snapshots

    /// Takes the latest snapshot of the current start.
    mutating func receive(_ snapshot: LiveSnapshot) -> [Effect] {
        guard snapshot.generation == generation, snapshot.sequence != nil else { return [] }
        latest = snapshot
        if isRunning && snapshot.training.status.isDone {
            isRunning = false
            if case .diverged(let divergence) = snapshot.training.status {
                notice = Self.divergenceText(divergence)
            }
        }
        return []
    }

    /// What the screen says when the run diverged.
    static func divergenceText(_ divergence: Divergence) -> String {
        let loss = divergence.loss.isFinite ? String(format: "%.1f", divergence.loss) : "\(divergence.loss)"
        return "Diverged: loss \(loss) per letter, guessing costs 3.33. u restarts at rate \(PlaygroundConfiguration.number(divergence.suggestedLearningRate))."
    }

    // MARK: Prompts and files

    private mutating func handlePrompt(_ key: Key) -> [Effect] {
        guard let finished = LineEdit.edit(key, &prompt, text: \.text) else { return [] }
        return finish(finished)
    }

    private mutating func finish(_ prompt: Prompt) -> [Effect] {
        let text = prompt.answer.trimmingCharacters(in: .whitespaces)
        switch prompt.purpose {
        case .save:
            guard let base = PlaygroundScreen.baseName(text), let save = saveRequest(base: base) else {
                notice = text.isEmpty ? "Nothing saved: type a file name." : "Nothing to save: there is no model."
                return []
            }
            return [.sequenceFiles(.save(save, replacing: false))]
        case .open:
            guard !text.isEmpty else { notice = "Nothing opened: type the path of a .yaml or .safetensors file."; return [] }
            return [.sequenceFiles(.open(path: text))]
        case .name:
            let letters = String(text.lowercased().filter { data?.vocabulary.id(of: $0) != nil }.prefix(SequencePlaygroundConfiguration.steps - 1))
            guard !letters.isEmpty else { notice = "'\(text)' has no letters the model knows: type a name such as anna."; return [] }
            probe = letters
            return send(.read(letters))
        }
    }

    /// What `w` writes for `base.yaml` and `base.safetensors`.
    func saveRequest(base: String) -> SequencePlaygroundSave? {
        guard let data, let network = training?.network ?? initialNetwork?.network else { return nil }
        return SequencePlaygroundSave(configurationPath: base + ".yaml", modelPath: base + ".safetensors",
                                      configuration: configuration.yaml(vocabularySize: data.vocabularySize, steps: training?.stepCount),
                                      network: NetworkValue(network), vocabulary: data.vocabulary)
    }

    /// Takes the answer to a file request.
    mutating func receive(_ result: SequenceFileResult) -> [Effect] {
        switch result {
        case .saved(let configurationPath, let modelPath):
            lastConfigurationPath = configurationPath
            notice = "Saved \(configurationPath) and \(modelPath); try 'gradschool sample \(modelPath)'."
            return []
        case .exists(let paths, let save):
            pendingSave = save
            notice = "\(paths.joined(separator: " and ")) already \(paths.count == 1 ? "exists" : "exist"): press y to replace, any other key to keep."
            return []
        case .opened(let path, let opened):
            configuration = opened
            lastConfigurationPath = path
            isRunning = false
            initialNetwork = data?.network(for: configuration).map(NetworkValue.init)
            notice = "Opened \(path): press Space to train."
            return startRun()
        case .openedModel(let path, let opened, let network):
            let learningRate = configuration.learningRate, temperature = configuration.temperature
            configuration = opened
            configuration.learningRate = learningRate
            configuration.temperature = temperature
            isRunning = false
            initialNetwork = network
            notice = "Opened \(URL(fileURLWithPath: path).lastPathComponent): training goes on from its weights, and r comes back to them."
            return startRun()
        case .failed(let reason):
            notice = reason
            return []
        }
    }
}
