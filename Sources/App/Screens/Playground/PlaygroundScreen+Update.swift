import Foundation
import Neural

extension PlaygroundScreen {
    // MARK: Keys

    /// Applies a key; `limits` are how many layers and neurons the screen can draw.
    mutating func handle(_ key: Key, limits: PlaygroundLimits) -> [Effect] {
        if prompt != nil { return handlePrompt(key) }
        if let save = pendingSave {
            pendingSave = nil
            return Self.answer(key, replacing: save, notice: &notice)
        }
        notice = nil
        switch key {
        case .character(" "): return togglePlay()
        case .character("s"), .character("."): return step()
        case .character("e"): return stepEpoch()
        case .character("r"): return reset()
        case .character("g"):
            configuration.seed += 1
            notice = "New data drawn with seed \(configuration.seed)."
            return applying(.data)
        case .character("u"): return useSuggestedLearningRate()
        case .character("v"):
            let panels = Panel.allCases
            panel = panels[((panels.firstIndex(of: panel) ?? 0) + 1) % panels.count]
            return []
        case .character("w"):
            prompt = Prompt(purpose: .save, suggestion: Self.baseName(lastConfigurationPath) ?? "playground-\(configuration.dataset)")
            return []
        case .character("o"):
            prompt = Prompt(purpose: .open, suggestion: lastConfigurationPath ?? "playground-\(configuration.dataset).yaml")
            return []
        case .character("="):
            return beginWeightEdit()
        case .character("+"): return changeNeurons(by: 1, limits: limits)
        case .character("-"), .character("_"): return changeNeurons(by: -1, limits: limits)
        case .character("]"): return adjust(.hiddenLayers, by: 1, limits: limits)
        case .character("["): return adjust(.hiddenLayers, by: -1, limits: limits)
        case .character("a"):
            guard let layer = targetLayer else {
                notice = "There is no hidden layer: add one with ]."
                return []
            }
            return adjust(.activation(layer: layer), by: 1, limits: limits)
        case .character("<"), .character(","): moveCursor(by: -1); return []
        case .character(">"): moveCursor(by: 1); return []
        case .character(let digit) where digit.isWholeNumber:
            guard let number = digit.wholeNumberValue, let data, data.isPlanar else { return [] }
            let available = InputFeature.available(dimensions: data.rawDimensions)
            guard number >= 1, number <= available.count else { return [] }
            return adjust(.input(available[number - 1]), by: 1, limits: limits)
        case .tab, .backTab:
            if focus == .controls {
                focus = .network
                if selection == nil, let sizes = layerSizes { selection = PlaygroundSelection(layer: sizes.count - 1, neuron: 0) }
            } else {
                focus = .controls
            }
            return []
        case .escape:
            if chartCursor != nil { chartCursor = nil; return [] }
            if selection != nil { selection = nil; focus = .controls; return [] }
            return closed() + [.screen(.leavePlayground)]
        default:
            break
        }
        return focus == .controls ? handleControlKey(key, limits: limits) : handleNetworkKey(key)
    }

    private mutating func handleControlKey(_ key: Key, limits: PlaygroundLimits) -> [Effect] {
        let controls = self.controls
        let index = controls.firstIndex(of: control) ?? 0
        switch key {
        case .up, .character("k"): control = controls[max(0, index - 1)]
        case .down, .character("j"): control = controls[min(controls.count - 1, index + 1)]
        case .home: control = controls[0]
        case .end: control = controls[controls.count - 1]
        case .pageUp: control = controls[max(0, index - 8)]
        case .pageDown: control = controls[min(controls.count - 1, index + 8)]
        case .left, .character("h"): return adjust(control, by: -1, limits: limits)
        case .right, .character("l"): return adjust(control, by: 1, limits: limits)
        case .enter: return adjust(control, by: 1, limits: limits)
        default: break
        }
        return []
    }

    private mutating func handleNetworkKey(_ key: Key) -> [Effect] {
        guard let sizes = layerSizes else { return [] }
        var current = selection ?? PlaygroundSelection(layer: sizes.count - 1, neuron: 0)
        switch key {
        case .left, .character("h"): current = PlaygroundSelection(layer: max(0, current.layer - 1), neuron: current.neuron)
        case .right, .character("l"): current = PlaygroundSelection(layer: min(sizes.count - 1, current.layer + 1), neuron: current.neuron)
        case .up, .character("k"): current.neuron -= 1; current.link = nil
        case .down, .character("j"): current.neuron += 1; current.link = nil
        case .enter:
            // Cycles through the neuron's incoming links, then back to the neuron alone.
            guard current.layer > 0 else {
                notice = "An input has no incoming links: select a neuron of a later layer."
                break
            }
            let next = (current.link ?? -1) + 1
            current.link = next < sizes[current.layer - 1] ? next : nil
        default: break
        }
        current.neuron = max(0, current.neuron)
        selection = Self.clamped(current, sizes: sizes)
        return []
    }

    /// The layer sizes of the network, inputs first.
    var layerSizes: [Int]? {
        guard let network else { return nil }
        return [network.inputSize] + network.parameterLayerIndices.map { network.layers[$0].outputSize }
    }

    /// The hidden layer the neuron and activation keys act on: the selected neuron's, the focused setting's, or the last.
    var targetLayer: Int? {
        guard !configuration.hiddenLayers.isEmpty else { return nil }
        if focus == .network, let selection, selection.layer >= 1, selection.layer <= configuration.hiddenLayers.count {
            return selection.layer - 1
        }
        switch control {
        case .neurons(let layer), .activation(let layer): return min(layer, configuration.hiddenLayers.count - 1)
        default: return configuration.hiddenLayers.count - 1
        }
    }

    private mutating func changeNeurons(by step: Int, limits: PlaygroundLimits) -> [Effect] {
        guard let layer = targetLayer else {
            notice = "There is no hidden layer: add one with ]."
            return []
        }
        if step > 0 && configuration.hiddenLayers[layer].neurons >= limits.neurons {
            notice = "Layer \(layer + 1) has as many neurons as the screen can show (\(limits.neurons)): enlarge the window for more."
            return []
        }
        return adjust(.neurons(layer: layer), by: step, limits: limits)
    }

    /// Changes one setting and restarts or commands the run as the change requires.
    mutating func adjust(_ control: PlaygroundControl, by step: Int, limits: PlaygroundLimits) -> [Effect] {
        if control == .hiddenLayers && step > 0 && configuration.hiddenLayers.count >= limits.hiddenLayers {
            notice = "The screen can show \(limits.hiddenLayers) hidden layers: enlarge the window for more."
            return []
        }
        // Past the last classification dataset the control offers "digits (images)": the image mode.
        let lastDataset = file.map { $0.problem.isClassification } == true ? PlaygroundConfiguration.csvDataset : "digits"
        if control == .dataset, step > 0, problem.isClassification, configuration.dataset == lastDataset {
            return closed() + [.screen(.openImagePlayground)]
        }
        // Past the last dataset comes the sequence mode: names with an RNN, LSTM or transformer.
        var next = configuration
        if control == .dataset, step > 0, case .none = control.adjust(&next, by: step, problem: problem, fileProblem: file?.problem,
                                                                     limits: limits, trainingCount: 1) {
            return closed() + [.screen(.openSequencePlayground)]
        }
        let change = control.adjust(&configuration, by: step, problem: problem, fileProblem: file?.problem,
                                    limits: limits, trainingCount: data?.training.count ?? 1)
        if control == .dataset, configuration.dataset == lastDataset, problem.isClassification {
            notice = "Right once more for digits (images): a CNN that reads the 8x8 pictures."
        }
        if !controls.contains(self.control) { self.control = controls.last { $0.section == self.control.section } ?? .dataset }
        return applying(change)
    }

    /// What the run must do after a change of settings.
    mutating func applying(_ change: PlaygroundControl.Change) -> [Effect] {
        switch change {
        case .none:
            return []
        case .data:
            rebuildData()
            return startRun(from: nil, carrying: false)
        case .network:
            rebuildNetwork()
            return startRun(from: nil, carrying: false)
        case .learningRate:
            return [.live(.send(Self.run, .setLearningRate(configuration.learningRate)))]
        case .training:
            // A run that diverged has no weights worth keeping.
            if isDiverged { return startRun(from: nil, carrying: false) }
            return startRun(from: network, carrying: true)
        case .speed:
            guard isRunning else { return [] }
            return [.live(.send(Self.run, configuration.speed == .full ? .play : .pause))]
        }
    }

    // MARK: Transport

    var isDiverged: Bool {
        if case .diverged? = training?.status { true } else { false }
    }

    mutating func togglePlay() -> [Effect] {
        if let status = training?.status, status.isDone {
            notice = isDiverged ? "The run diverged: press r to reset, or u to reset with the suggested learning rate."
                : "The run stopped early: press r to reset, or choose 'stop after: never' to train on."
            return []
        }
        guard data != nil else { return [] }
        isRunning.toggle()
        if !isRunning { return [.live(.send(Self.run, .pause))] }
        if let batches = configuration.speed.batchesPerFrame { return [.live(.send(Self.run, .step(batches: batches)))] }
        return [.live(.send(Self.run, .play))]
    }

    mutating func step() -> [Effect] {
        isRunning = false
        return [.live(.send(Self.run, .step(batches: 1)))]
    }

    mutating func stepEpoch() -> [Effect] {
        isRunning = false
        return [.live(.send(Self.run, .stepEpoch))]
    }

    /// Back to the first weights and epoch 0, paused.
    mutating func reset() -> [Effect] {
        isRunning = false
        return startRun(from: nil, carrying: false)
    }

    private mutating func useSuggestedLearningRate() -> [Effect] {
        guard case .diverged(let divergence)? = training?.status else {
            notice = "u applies the learning rate suggested after a divergence; the run has not diverged."
            return []
        }
        configuration.learningRate = divergence.suggestedLearningRate
        notice = "Learning rate \(PlaygroundConfiguration.number(configuration.learningRate)); the run starts again from its first weights."
        return reset()
    }

    private mutating func moveCursor(by step: Int) {
        let count = historyCount
        guard count > 0 else { chartCursor = nil; return }
        let first = historyRecord(at: 0).epoch, last = historyRecord(at: count - 1).epoch
        let stride = max(1, (last - first) / 40)
        let current = chartCursor ?? (step < 0 ? last + 1 : first - 1)
        chartCursor = min(max(first, current + step * stride), last)
    }

    // MARK: Live snapshots

    /// Takes the latest snapshot of the run; at slow speeds asks for the next few batches.
    mutating func receive(_ snapshot: LiveSnapshot) -> [Effect] {
        // A snapshot of a start already replaced shows another network, perhaps for other data.
        guard snapshot.generation == generation else { return [] }
        latest = snapshot
        traceTest()
        if snapshot.training.status.isDone && isRunning {
            isRunning = false
            return []
        }
        return nextFrame()
    }

    /// A frame passed without news from the run.
    mutating func tick() -> [Effect] { nextFrame() }

    private func nextFrame() -> [Effect] {
        guard isRunning, let batches = configuration.speed.batchesPerFrame else { return [] }
        return [.live(.send(Self.run, .step(batches: batches)))]
    }

    // MARK: Files and prompts

    private mutating func handlePrompt(_ key: Key) -> [Effect] {
        guard let finished = LineEdit.edit(key, &prompt, text: \.text) else { return [] }
        return finish(finished)
    }

    private mutating func finish(_ prompt: Prompt) -> [Effect] {
        let text = prompt.answer.trimmingCharacters(in: .whitespaces)
        switch prompt.purpose {
        case .save:
            guard let base = Self.baseName(text), let save = saveRequest(base: base) else {
                notice = text.isEmpty ? "Nothing saved: type a file name." : "Nothing to save yet: the data could not be made."
                return []
            }
            return [.playground(.save(save, replacing: false))]
        case .open:
            guard !text.isEmpty else { notice = "Nothing opened: type the path of a .yaml file."; return [] }
            return [.playground(.open(path: text))]
        case .weight:
            guard let value = Float(text), value.isFinite else {
                notice = "'\(text)' is not a number: press = again and type one, such as -0.5."
                return []
            }
            return setSelectedWeight(value)
        }
    }

    /// The answer to "press y to replace" (in this playground and the image one): `y` writes over the files;
    /// any other key keeps them, and the notice says so.
    static func answer(_ key: Key, replacing save: PlaygroundSave, notice: inout String?) -> [Effect] {
        if key == .character("y") || key == .character("Y") { return [.playground(.save(save, replacing: true))] }
        notice = "Nothing saved: the files were kept."
        return []
    }

    /// The sentence that asks whether to write over files that are already there.
    static func replaceQuestion(_ paths: [String]) -> String {
        "\(paths.joined(separator: " and ")) already \(paths.count == 1 ? "exists" : "exist"): press y to replace, any other key to keep."
    }

    /// The file name without a `.yaml`, `.yml` or `.safetensors` ending; nil for an empty name.
    static func baseName(_ path: String?) -> String? {
        guard var base = path?.trimmingCharacters(in: .whitespaces), !base.isEmpty else { return nil }
        for ending in [".yaml", ".yml", ".safetensors"] where base.hasSuffix(ending) {
            base.removeLast(ending.count)
        }
        return base.isEmpty ? nil : base
    }

    /// What `w` writes for the files `base.yaml` and `base.safetensors`.
    func saveRequest(base: String) -> PlaygroundSave? {
        guard let data, let network else { return nil }
        var saved = configuration
        saved.epochs = epoch
        let note = changedWhileTraining
            ? "Settings changed while it trained: this file reproduces the final settings, not these exact weights."
            : nil
        return PlaygroundSave(configurationPath: base + ".yaml", modelPath: base + ".safetensors",
                              configuration: saved.yaml(note: note), network: NetworkValue(network),
                              loss: configuration.loss, scaler: data.scaler,
                              featureNames: data.featureNames, classNames: data.classNames)
    }

    /// Takes the answer to a file request.
    mutating func receive(_ result: PlaygroundFileResult) -> [Effect] {
        switch result {
        case .saved(let configurationPath, let modelPath):
            lastConfigurationPath = configurationPath
            let folder = configurationPath.hasPrefix("/") ? "" : " in \(Self.folderName(glyphs: .ascii))"
            notice = "Saved \(configurationPath) and \(modelPath)\(folder)."
            return []
        case .exists(let paths, let save):
            pendingSave = save
            notice = Self.replaceQuestion(paths)
            return []
        case .opened(let path, let opened, let openedFile):
            configuration = opened
            if let openedFile { file = openedFile }
            lastConfigurationPath = path
            isRunning = false
            selection = nil
            rebuildData()
            if data != nil { notice = "Opened \(path): press Space to train." }
            return startRun(from: nil, carrying: false)
        case .openedModel(let path, let opened, let loss):
            return adopt(opened.network, loss: loss, from: path)
        case .failed(let reason):
            notice = reason
            return []
        case .openedImages, .openedSequences:
            // The tutor opens the image playground or the sequence mode for these.
            return []
        }
    }

    /// Goes on from a saved model's weights when it fits the data: its layers become the settings, and
    /// reset comes back to its weights.
    private mutating func adopt(_ model: Network, loss: Loss?, from path: String) -> [Effect] {
        let name = URL(fileURLWithPath: path).lastPathComponent
        guard let data else { notice = "\(name) was not opened: the playground has no data."; return [] }
        let inputs = data.training.features.columns, outputs = data.training.targets.columns
        guard model.inputSize == inputs, model.outputSize == outputs else {
            notice = "\(name) takes \(model.inputSize) inputs and gives \(model.outputSize) outputs, but this data has "
                + "\(inputs) inputs (\(data.featureNames.joined(separator: ", "))) and \(outputs) outputs: choose the data and inputs it was trained on."
            return []
        }
        guard let architecture = model.architecture,
              architecture.hiddenActivations.allSatisfy(PlaygroundConfiguration.hiddenActivations.contains),
              PlaygroundConfiguration.outputs(for: data.problem).contains(architecture.outputActivation) else {
            notice = "\(name) has layers the playground cannot show: open it with 'gradschool train --init' instead."
            return []
        }
        configuration.hiddenLayers = zip(architecture.sizes.dropFirst().dropLast(), architecture.hiddenActivations)
            .map { PlaygroundConfiguration.HiddenLayer(neurons: $0, activation: $1) }
        configuration.output = architecture.outputActivation
        configuration.dropout = architecture.dropout
        if let loss, PlaygroundConfiguration.losses(output: configuration.output, problem: data.problem).contains(loss) {
            configuration.loss = loss
        }
        configuration.fitOutput(to: data.problem)
        isRunning = false
        selection = nil
        initialNetwork = NetworkValue(model)
        notice = "Opened \(name): training goes on from its weights, and r comes back to them."
        return startRun(from: model, carrying: false)
    }

    // MARK: Weights

    private mutating func beginWeightEdit() -> [Effect] {
        guard let selection, let link = selection.link, let weight = weight(of: selection, link: link) else {
            notice = "Select a link first: Tab to the network, choose a neuron, Enter picks its incoming links."
            return []
        }
        prompt = Prompt(purpose: .weight, suggestion: String(format: "%.3f", weight))
        return []
    }

    /// The weight of the link from input `link` into the selected neuron.
    func weight(of selection: PlaygroundSelection, link: Int) -> Float? {
        guard let network, selection.layer >= 1, selection.layer - 1 < network.parameterLayerIndices.count else { return nil }
        let dense = network.layers[network.parameterLayerIndices[selection.layer - 1]]
        guard selection.neuron < dense.outputSize, link < dense.inputSize else { return nil }
        return dense.weights[selection.neuron, link]
    }

    /// Sets the selected link's weight and goes on training from the edited network.
    mutating func setSelectedWeight(_ value: Float) -> [Effect] {
        guard let selection, let link = selection.link, var edited = network?.detachedCopy(),
              selection.layer >= 1, selection.layer - 1 < edited.parameterLayerIndices.count else { return [] }
        let index = edited.parameterLayerIndices[selection.layer - 1]
        let dense = edited.layers[index]
        var weights = dense.weights
        weights[selection.neuron, link] = value
        edited.setParameters(ofLayer: index, weights: weights, bias: dense.bias)
        notice = "Weight set to \(PlaygroundConfiguration.number(value))."
        return startRun(from: edited, carrying: true)
    }
}
