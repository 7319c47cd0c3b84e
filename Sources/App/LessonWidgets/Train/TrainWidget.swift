import Neural

/// The `train` widget's state: one live training run (or two, compared side by side), the latest
/// snapshot of each.
///
/// Training happens off the screen's thread, in the runner's live-training host: the widget asks for a
/// run to start or take a command (`Effect.live`) and draws whatever snapshot came back last. Before its
/// first start it draws the untrained network it would start from.
struct TrainWidget: InteractiveWidget {
    /// One loss measured on one batch, at a fractional epoch (epochs done + batches done / batches per epoch).
    struct BatchLoss: Equatable, Sendable {
        var epoch: Double
        var loss: Float
    }

    /// The most batch losses kept per run; older ones are thinned out.
    static let batchLossLimit = 600

    /// The name runs are known by, e.g. `lesson:perceptron:7:1`; a second run adds `/2`.
    let runName: String
    let preset: Result<TrainPreset, TrainPresetError>
    let caption: String?
    private(set) var snapshots: [LiveSnapshot?]
    private(set) var batchLosses: [[BatchLoss]]
    /// Whether the runs have been started in the runner.
    private(set) var isStarted = false
    /// Whether the learner last asked the runs to play.
    private(set) var wantsToPlay = false
    /// Play goes epoch by epoch at a pace a learner can watch: a run left to itself finishes hundreds of
    /// epochs between two frames. The epoch asked for last, while playing:
    private(set) var pacedEpoch: Int?
    /// The paces `<` and `>` choose from, in epochs a second; nil trains as fast as the machine can.
    static let speeds: [Int?] = [1, 2, 5, 10, 30, 60, nil]
    /// The pace chosen, an index into `speeds`: 10 epochs a second to begin with.
    private(set) var speedIndex = 3
    /// Ticks since the last epoch was asked for.
    private var ticksSinceRequest = 0

    init(settings: WidgetSettings, runName: String) {
        self.runName = runName
        preset = TrainPreset.make(settings: settings)
        caption = settings.caption
        let count = (try? preset.get().specs.count) ?? 0
        snapshots = Array(repeating: nil, count: count)
        batchLosses = Array(repeating: [], count: count)
    }

    /// The runs' names, in the order of the preset's specs.
    var runIDs: [LiveRunID] {
        let count = (try? preset.get().specs.count) ?? 0
        return (0..<count).map { LiveRunID($0 == 0 ? runName : "\(runName)/\($0 + 1)") }
    }

    /// The network each run has now: the latest snapshot's, or the one it starts from.
    func network(ofRun index: Int) -> Network? {
        if let snapshot = snapshots[index] { return snapshot.training.network }
        return try? preset.get().specs[index].network
    }

    /// Whether any run is training right now.
    var isPlaying: Bool { pacedEpoch != nil || snapshots.contains { $0?.training.isPlaying == true } }

    /// Epochs a second while playing; nil when the runs train freely. Comparing batch sizes is always
    /// paced (60 at the most), so each snapshot shows one batch's loss.
    var epochsPerSecond: Int? {
        if let speed = Self.speeds[speedIndex] { return speed }
        return (try? preset.get().comparesBatchSizes) == true ? WidgetClock.ticksPerSecond : nil
    }

    /// Whether play goes epoch by epoch on ticks.
    var isPaced: Bool { epochsPerSecond != nil }

    /// The pace as the widget shows it: `10 epochs/s` or `full speed`.
    var speedText: String {
        guard let speed = epochsPerSecond else { return "full speed" }
        return speed == 1 ? "1 epoch/s" : "\(speed) epochs/s"
    }

    /// Whether every run has stopped for good: finished, stopped early or diverged.
    var isDone: Bool {
        !snapshots.isEmpty && snapshots.allSatisfy { $0?.training.status.isDone == true }
    }

    /// The learning rate of the runs (the latest snapshot's, or the lesson's).
    var learningRate: Float {
        if let snapshot = snapshots.compactMap({ $0 }).first { return snapshot.training.learningRate }
        guard let spec = try? preset.get().specs.first else { return 0 }
        return spec.configuration.learningRate ?? spec.configuration.optimizer.defaultLearningRate
    }

    // MARK: Live runs

    var liveRuns: [LiveRunID] { isStarted ? runIDs : [] }

    mutating func update(_ message: WidgetMessage) -> [Effect] {
        switch message {
        case .key(let key): return handle(key)
        case .tick:
            ticksSinceRequest += 1
            return advancePacedPlay()
        case .reset: return reset()
        case .live(let snapshot): return receive(snapshot)
        }
    }

    private mutating func receive(_ snapshot: LiveSnapshot) -> [Effect] {
        guard let index = runIDs.firstIndex(of: snapshot.run) else { return [] }
        let previous = snapshots[index]
        snapshots[index] = snapshot
        let training = snapshot.training
        if training.stepCount == 0 {
            batchLosses[index] = []
        } else if training.stepCount != previous?.training.stepCount, training.lastBatchLoss.isFinite {
            let perEpoch = Double(max(1, training.batchesPerEpoch))
            batchLosses[index].append(BatchLoss(epoch: Double(training.epoch) + Double(training.batchInEpoch) / perEpoch,
                                                loss: training.lastBatchLoss))
            if batchLosses[index].count > Self.batchLossLimit {
                // Keep every other old sample: the curve keeps its whole length at half the detail.
                let old = batchLosses[index].prefix(Self.batchLossLimit / 2).enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
                batchLosses[index] = old + batchLosses[index].dropFirst(Self.batchLossLimit / 2)
            }
        }
        return advancePacedPlay()
    }

    // MARK: Keys

    var title: String {
        guard let preset = try? preset.get() else { return "training" }
        let shape = preset.sizes.map(String.init).joined(separator: "-")
        return "training a \(shape) network on \(preset.dataset.name)"
    }

    var keyHints: [KeyHint] {
        [KeyHint("Space", isPlaying ? "pause" : "play"), KeyHint("< >", "speed"), KeyHint("Enter", "one epoch"),
         KeyHint("s", "one batch"), KeyHint("+ -", "learning rate")]
    }

    /// The runs move in the runner's thread and snapshots bring the changes; only paced play needs ticks.
    var isAnimating: Bool { pacedEpoch != nil }

    /// The fewest epochs any run has completed.
    private var currentEpoch: Int {
        snapshots.map { $0?.training.epoch ?? 0 }.min() ?? 0
    }

    private mutating func handle(_ key: Key) -> [Effect] {
        guard (try? preset.get()) != nil else { return [.screen(.keyNotUsed)] }
        switch key {
        case .character(" "):
            let play = !isPlaying
            let start = startIfNeeded()
            wantsToPlay = play
            if isPaced {
                pacedEpoch = play ? currentEpoch : nil
                ticksSinceRequest = Int.max / 2
                return start + advancePacedPlay()
            }
            return start + send(play ? .play : .pause)
        case .character("<"), .character(","):
            return changeSpeed(by: -1)
        case .character(">"), .character("."):
            return changeSpeed(by: 1)
        case .enter:
            wantsToPlay = false
            pacedEpoch = nil
            return startIfNeeded() + send(.stepEpoch)
        case .character("s"):
            wantsToPlay = false
            pacedEpoch = nil
            return startIfNeeded() + send(.step(batches: 1))
        case .character("+"), .character("="):
            return changeLearningRate(by: 2)
        case .character("-"), .character("_"):
            return changeLearningRate(by: 0.5)
        default:
            return [.screen(.keyNotUsed)]
        }
    }

    /// Paced play: asks for the next epoch once every run has finished the last one asked for. Runs
    /// report after each epoch, so this goes on from snapshots as well as from ticks.
    private mutating func advancePacedPlay() -> [Effect] {
        guard let asked = pacedEpoch else { return [] }
        if isDone {
            pacedEpoch = nil
            wantsToPlay = false
            return []
        }
        let ticksPerEpoch = max(1, WidgetClock.ticksPerSecond / max(1, epochsPerSecond ?? WidgetClock.ticksPerSecond))
        guard currentEpoch >= asked, ticksSinceRequest >= ticksPerEpoch else { return [] }
        pacedEpoch = currentEpoch + 1
        ticksSinceRequest = 0
        return send(.stepEpoch)
    }

    /// A slower or faster pace; a run playing goes on at the new one.
    private mutating func changeSpeed(by step: Int) -> [Effect] {
        let wasPaced = isPaced
        speedIndex = min(max(0, speedIndex + step), Self.speeds.count - 1)
        guard wantsToPlay, wasPaced != isPaced else { return [] }
        if isPaced {
            pacedEpoch = currentEpoch
            ticksSinceRequest = 0
            return send(.pause)
        }
        pacedEpoch = nil
        return send(.play)
    }

    private mutating func reset() -> [Effect] {
        wantsToPlay = false
        pacedEpoch = nil
        guard isStarted else { return [] }
        for index in batchLosses.indices { batchLosses[index] = [] }
        // Back to the lesson's learning rate too: `reset` keeps the rate a run has.
        return send(.reset) + send(.setLearningRate(initialLearningRate))
    }

    private var initialLearningRate: Float {
        guard let spec = try? preset.get().specs.first else { return 0 }
        return spec.configuration.learningRate ?? spec.configuration.optimizer.defaultLearningRate
    }

    private mutating func startIfNeeded() -> [Effect] {
        guard !isStarted, let preset = try? preset.get() else { return [] }
        isStarted = true
        return zip(runIDs, preset.specs).map { .live(.start($0, $1)) }
    }

    private func send(_ command: TrainingSession.Command) -> [Effect] {
        runIDs.map { .live(.send($0, command)) }
    }

    private mutating func changeLearningRate(by factor: Float) -> [Effect] {
        let rate = min(10, max(0.0001, learningRate * factor))
        return startIfNeeded() + send(.setLearningRate(rate))
    }
}

extension TrainWidget: Equatable {
    static func == (lhs: TrainWidget, rhs: TrainWidget) -> Bool {
        lhs.runName == rhs.runName && lhs.snapshots == rhs.snapshots && lhs.isStarted == rhs.isStarted
            && lhs.wantsToPlay == rhs.wantsToPlay && lhs.pacedEpoch == rhs.pacedEpoch
            && lhs.speedIndex == rhs.speedIndex && lhs.ticksSinceRequest == rhs.ticksSinceRequest
            && lhs.batchLosses == rhs.batchLosses
    }
}
