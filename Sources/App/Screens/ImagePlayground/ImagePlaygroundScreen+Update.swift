import Foundation
import Neural

extension ImagePlaygroundScreen {
    // MARK: Keys

    /// Applies a key and returns what the run and the files must do.
    public mutating func handle(_ key: Key) -> [Effect] {
        if prompt != nil { return handlePrompt(key) }
        if let save = pendingSave {
            pendingSave = nil
            return PlaygroundScreen.answer(key, replacing: save, notice: &notice)
        }
        notice = nil
        let controls = self.controls
        let index = controls.firstIndex(of: control) ?? 0
        switch key {
        case .character(" "): return togglePlay()
        case .character("s"): return step()
        case .character("e"): return stepEpoch()
        case .character("r"): return reset()
        case .character("u"): return useSuggestedLearningRate()
        case .up, .character("k"): choose(controls[max(0, index - 1)])
        case .down, .character("j"): choose(controls[min(controls.count - 1, index + 1)])
        case .home: choose(controls[0])
        case .end: choose(controls[controls.count - 1])
        case .left, .character("h"): return adjust(control, by: -1)
        case .right, .character("l"), .enter: return adjust(control, by: 1)
        case .character("]"): return adjust(.blocks, by: 1)
        case .character("["): return adjust(.blocks, by: -1)
        case .character("+"), .character("="): return adjust(.filters(block: shownBlock), by: 1)
        case .character("-"), .character("_"): return adjust(.filters(block: shownBlock), by: -1)
        case .character("c"): return adjust(.kernel(block: shownBlock), by: 1)
        case .character("b"):
            guard !configuration.blocks.isEmpty else { notice = "There is no conv block: add one with ]."; return [] }
            shownBlock = (shownBlock + 1) % configuration.blocks.count
        case .character("n"), .character("."), .character(">"): moveCursor(by: 1)
        case .character("p"), .character(","), .character("<"): moveCursor(by: -1)
        case .character("x"): moveToNextWrong()
        case .character("w"):
            prompt = PlaygroundScreen.Prompt(purpose: .save, suggestion: PlaygroundScreen.baseName(lastConfigurationPath) ?? "playground-images")
        case .character("o"):
            prompt = PlaygroundScreen.Prompt(purpose: .open, suggestion: lastConfigurationPath ?? "playground-images.yaml")
        case .character("d"):
            return closed() + [.screen(.openPlayground)]
        case .character("t"):
            return closed() + [.screen(.openSequencePlayground)]
        case .escape:
            return closed() + [.screen(.leavePlayground)]
        default:
            break
        }
        return []
    }

    private mutating func choose(_ next: ImagePlaygroundControl) {
        control = next
        if let block = next.block { shownBlock = block; inspect() }
    }

    /// Changes one setting and restarts or commands the run as the change requires. Layers that do not fit
    /// the digits are refused with a sentence, and the settings stay as they were.
    mutating func adjust(_ control: ImagePlaygroundControl, by step: Int) -> [Effect] {
        var changed = configuration
        let change = control.adjust(&changed, by: step)
        switch change {
        case .none:
            if control == .blocks && step < 0 { notice = "There is no conv block left to remove: the dense head reads the pixels." }
            return []
        case .network:
            do {
                let network = try changed.makeNetwork()
                configuration = changed
                initialNetwork = NetworkValue(network)
                if !controls.contains(self.control) { self.control = .blocks }
                if control == .blocks { shownBlock = max(0, configuration.blocks.count - 1) }
                inspect()
                return startRun(from: network, carrying: false)
            } catch {
                let fourth = changed.blocks.count > configuration.blocks.count
                notice = fourth
                    ? "Block \(changed.blocks.count) does not fit: \(configuration.blocks.count) blocks already halve the 8x8 digit to 1x1."
                    : "Those layers do not fit the 8x8 digits: \(error.problem)."
                return []
            }
        case .learningRate:
            configuration = changed
            return [.live(.send(Self.run, .setLearningRate(configuration.learningRate)))]
        case .training:
            configuration = changed
            // A run that diverged has no weights worth keeping.
            return startRun(from: isDiverged ? initialNetwork.network : network.detachedCopy(), carrying: !isDiverged)
        case .speed:
            configuration = changed
            guard isRunning else { return [] }
            if let batches = configuration.speed.batchesPerFrame {
                return [.live(.send(Self.run, .pause)), .live(.send(Self.run, .step(batches: batches)))]
            }
            return [.live(.send(Self.run, .play))]
        }
    }

    // MARK: Transport

    mutating func togglePlay() -> [Effect] {
        if let status = training?.status, status.isDone {
            notice = isDiverged ? "The run diverged: press r to reset, or u to reset with the suggested learning rate."
                : "The run finished its \(configuration.epochs) epochs: press r to start again."
            return []
        }
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
        return startRun(from: initialNetwork.network, carrying: false)
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

    // MARK: The digit under the cursor

    private mutating func moveCursor(by step: Int) {
        let count = digits.test.count
        guard count > 0 else { return }
        cursor = ((cursor + step) % count + count) % count
        inspect()
    }

    /// The held-out digits the network gets wrong now, by index.
    func wrongDigits() -> [Int] {
        let outputs = network.predict(digits.test.features)
        return (0..<digits.test.count).filter { OneHot.argmax(of: outputs, row: $0) != digits.label(ofTest: $0) }
    }

    private mutating func moveToNextWrong() {
        let wrong = wrongDigits()
        guard let next = wrong.first(where: { $0 > cursor }) ?? wrong.first else {
            notice = "The network gets every one of the \(digits.test.count) held-out digits right."
            return
        }
        cursor = next
        inspect()
    }

    // MARK: Live snapshots

    /// Takes the latest snapshot of the run; at slow speed asks for the next batch.
    mutating func receive(_ snapshot: LiveSnapshot) -> [Effect] {
        guard snapshot.run == Self.run, snapshot.generation == generation else { return [] }
        latest = snapshot
        traceTest()
        inspect()
        if snapshot.training.status.isDone && isRunning {
            isRunning = false
            if case .diverged(let divergence) = snapshot.training.status {
                notice = Self.divergenceSentence(divergence)
            }
            return []
        }
        return nextFrame()
    }

    /// `Diverged at epoch 2 (loss inf) with lr 100000: the run stopped. u resets with lr 10000, r resets.`
    static func divergenceSentence(_ divergence: Divergence) -> String {
        let loss = divergence.loss.isNaN ? "nan" : divergence.loss.isInfinite ? "inf" : "\(divergence.loss)"
        return "Diverged at epoch \(divergence.epoch) (loss \(loss)) with lr \(PlaygroundConfiguration.number(divergence.learningRate)): "
            + "the run stopped. u resets with lr \(PlaygroundConfiguration.number(divergence.suggestedLearningRate)), r resets."
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

    private mutating func finish(_ prompt: PlaygroundScreen.Prompt) -> [Effect] {
        let text = prompt.answer.trimmingCharacters(in: .whitespaces)
        switch prompt.purpose {
        case .save:
            guard let base = PlaygroundScreen.baseName(text) else {
                notice = "Nothing saved: type a file name."
                return []
            }
            return [.playground(.save(saveRequest(base: base), replacing: false))]
        case .open:
            guard !text.isEmpty else { notice = "Nothing opened: type the path of a .yaml or .safetensors file."; return [] }
            return [.playground(.open(path: text))]
        case .weight:
            return []
        }
    }

    /// What `w` writes: `base.yaml` with `mode: images` and the layers, and `base.safetensors` with the weights.
    func saveRequest(base: String) -> PlaygroundSave {
        PlaygroundSave(configurationPath: base + ".yaml", modelPath: base + ".safetensors", configuration: configuration.yaml(),
                       network: NetworkValue(network.detachedCopy()), loss: .crossEntropy, scaler: nil,
                       featureNames: (0..<64).map { "pixel\($0 / 8)_\($0 % 8)" }, classNames: (0...9).map(String.init))
    }

    /// Takes the answer to a file request.
    mutating func receive(_ result: PlaygroundFileResult) -> [Effect] {
        switch result {
        case .saved(let configurationPath, let modelPath):
            lastConfigurationPath = configurationPath
            notice = "Saved \(configurationPath) and \(modelPath)."
            return []
        case .exists(let paths, let save):
            pendingSave = save
            notice = PlaygroundScreen.replaceQuestion(paths)
            return []
        case .openedImages(let path, let opened):
            lastConfigurationPath = path
            isRunning = false
            let previous = configuration
            configuration = opened
            do {
                initialNetwork = NetworkValue(try opened.makeNetwork())
            } catch {
                configuration = previous
                notice = "\(path) was not opened: its layers do not fit the 8x8 digits (\(error.problem))."
                return []
            }
            if !controls.contains(control) { control = .blocks }
            notice = "Opened \(path): press Space to train."
            return startRun(from: initialNetwork.network, carrying: false)
        case .openedModel(let path, let opened, _):
            return adopt(opened.network, from: path)
        case .opened(let path, _, _):
            notice = "\(path) is a dense playground file: press d for the dense playground and open it there."
            return []
        case .failed(let reason):
            notice = reason
            return []
        case .openedSequences:
            // The tutor opens the sequence mode for these.
            return []
        }
    }

    /// Goes on from a saved model's weights when it is a stack of conv blocks over the digits.
    private mutating func adopt(_ model: Network, from path: String) -> [Effect] {
        let name = URL(fileURLWithPath: path).lastPathComponent
        guard model.inputSize == 64, model.outputSize == ImagePlaygroundConfiguration.classCount,
              let description = model.architectureDescription,
              case .success(let blocks) = ImagePlaygroundConfiguration.blocks(of: description) else {
            notice = "\(name) is not a CNN over the 8x8 digits with conv, relu, maxpool 2 blocks: open it with 'gradschool train --init' instead."
            return []
        }
        configuration.blocks = blocks
        if !controls.contains(control) { control = .blocks }
        isRunning = false
        initialNetwork = NetworkValue(model)
        notice = "Opened \(name): training goes on from its weights, and r comes back to them."
        return startRun(from: model, carrying: false)
    }
}
