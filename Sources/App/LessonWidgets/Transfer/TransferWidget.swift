import Neural

/// The `transfer` widget's state: first a convolutional body training on digits 0–4, then a race on
/// digits 5–9 from a few examples each, the trained body (with the layers the learner locked) against the
/// same network from scratch.
///
/// All training runs on the live-training host, as the `train` widget's does: the widget asks for runs
/// with `.live` effects and draws the snapshots that come back.
struct TransferWidget: InteractiveWidget {
    enum Stage: Equatable, Sendable {
        /// Nothing trained yet.
        case waiting
        /// The body is training on 0–4.
        case trainingBody
        /// The body is trained; the learner chooses what to lock.
        case ready
        /// Both networks train on 5–9.
        case racing
    }

    let runName: String
    let setup: TransferSetup
    let startLocked: Set<Int>
    private(set) var stage: Stage = .waiting
    private(set) var body: LiveSnapshot?
    /// The race's latest snapshots: the transfer run, then the run from scratch.
    private(set) var race: [LiveSnapshot?] = [nil, nil]
    /// The layers (by index, as PyTorch numbers them) kept fixed in the transfer run.
    private(set) var locked: Set<Int>
    /// The body's layers with weights, which the learner may lock: the two convolutions.
    static let lockable = [0, 3]

    init(settings: WidgetSettings, runName: String) {
        self.runName = runName
        setup = TransferSetup(perClass: settings.integer("perClass", default: 20), raceEpochs: settings.integer("epochs", default: 60))
        let locking = settings.text("lock", default: "body")
        startLocked = locking == "body" ? Set(Self.lockable) : locking == "first" ? [0] : []
        locked = startLocked
    }

    var bodyRun: LiveRunID { LiveRunID(runName + "/body") }
    var raceRuns: [LiveRunID] { [LiveRunID(runName + "/transfer"), LiveRunID(runName + "/scratch")] }

    /// The trained body, once its run has finished.
    var trainedBody: Network? {
        guard let body, body.training.status.isDone else { return nil }
        return body.training.network
    }

    // MARK: Live runs

    var liveRuns: [LiveRunID] {
        switch stage {
        case .waiting: []
        case .trainingBody, .ready: [bodyRun]
        case .racing: [bodyRun] + raceRuns
        }
    }

    mutating func update(_ message: WidgetMessage) -> [Effect] {
        switch message {
        case .key(let key): return handle(key)
        case .tick: return []
        case .reset:
            let stops = stage == .racing ? raceRuns.map { Effect.live(.stop($0)) } : []
            race = [nil, nil]
            locked = startLocked
            if stage == .racing { stage = .ready }
            return stops
        case .live(let snapshot): return receive(snapshot)
        }
    }

    private mutating func receive(_ snapshot: LiveSnapshot) -> [Effect] {
        if snapshot.run == bodyRun {
            body = snapshot
            if stage == .trainingBody, snapshot.training.status.isDone { stage = .ready }
        } else if let index = raceRuns.firstIndex(of: snapshot.run), stage == .racing {
            race[index] = snapshot
        }
        return []
    }

    // MARK: Keys

    var title: String { "transfer: a body from digits 0–4 learning 5–9" }

    var keyHints: [KeyHint] {
        switch stage {
        case .waiting, .trainingBody: [KeyHint("Space", "train the body on 0-4")]
        case .ready, .racing: [KeyHint("1 2", "lock/unlock a conv layer"), KeyHint("Space", "race on 5-9")]
        }
    }

    var isAnimating: Bool { false }

    private mutating func handle(_ key: Key) -> [Effect] {
        switch key {
        case .character(" "), .enter:
            switch stage {
            case .waiting:
                stage = .trainingBody
                return [.live(.start(bodyRun, setup.bodySpec()))]
            case .trainingBody:
                return []
            case .ready, .racing:
                guard let trainedBody else { return [] }
                stage = .racing
                race = [nil, nil]
                return [.live(.start(raceRuns[0], setup.transferSpec(body: trainedBody, locked: locked))),
                        .live(.start(raceRuns[1], setup.scratchSpec()))]
            }
        case .character("1"), .character("2"):
            guard stage == .ready || stage == .racing, case .character(let c) = key, let digit = c.wholeNumberValue else {
                return [.screen(.keyNotUsed)]
            }
            let layer = Self.lockable[digit - 1]
            if locked.contains(layer) { locked.remove(layer) } else { locked.insert(layer) }
            return []
        default:
            return [.screen(.keyNotUsed)]
        }
    }
}

extension TransferWidget: Equatable {
    static func == (lhs: TransferWidget, rhs: TransferWidget) -> Bool {
        lhs.runName == rhs.runName && lhs.stage == rhs.stage && lhs.body == rhs.body && lhs.race == rhs.race
            && lhs.locked == rhs.locked
    }
}
