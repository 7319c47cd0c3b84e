import Neural

/// The `cnn` widget's state: a small convolutional network training live on the digits, its filters,
/// and the feature maps, pooled maps and guess for the held-out digit under the cursor.
///
/// Training runs on the live-training host, as the `train` widget's does. Play goes a few batches at a
/// time on the widget's ticks, so the filters can be watched as they change; each snapshot that comes
/// back brings a copy of the network, which the widget runs forward on the cursor's digit.
struct CNNWidget: InteractiveWidget {
    /// The paces `<` and `>` choose from, in batches a second (45 batches make an epoch).
    static let speeds = [15, 60, 240]

    let runName: String
    let setup: CNNSetup
    let caption: String?
    /// The network before training: drawn until the first snapshot comes.
    let initialNetwork: Network
    let counts: CNNParameterCounts
    private(set) var snapshot: LiveSnapshot?
    private(set) var isStarted = false
    /// Whether the learner asked it to play.
    private(set) var isPlaying = false
    /// The step count asked for last while playing; the next request waits until the run reaches it.
    private(set) var askedStep: Int?
    /// The pace, an index into `speeds`: 60 batches a second to begin with.
    private(set) var speedIndex = 1
    /// Batches earned by the ticks so far and not yet asked for, counted in ticks: a batch costs
    /// `WidgetClock.ticksPerSecond`, and each tick while playing earns `batchesPerSecond`. A request asks for
    /// every whole batch earned, so a snapshot that comes a tick late does not slow the pace.
    private var credit = 0
    /// The held-out digit under the cursor, an index into the test set.
    private(set) var cursor = 0
    /// The network at work on that digit.
    private(set) var inspection: CNNInspection
    /// A line saying why a key did nothing, e.g. that no held-out digit is wrong.
    private(set) var note: String?

    init(settings: WidgetSettings, runName: String) {
        self.runName = runName
        setup = CNNSetup(epochs: settings.integer("epochs", default: 15))
        caption = settings.caption
        initialNetwork = CNNSetup.freshNetwork()
        counts = CNNParameterCounts(network: initialNetwork)
        inspection = CNNInspection(network: initialNetwork, pixels: setup.test.count > 0 ? setup.pixels(ofTest: 0) : Array(repeating: 0, count: 64))
    }

    var run: LiveRunID { LiveRunID(runName) }

    /// The network as it is now: the latest snapshot's, or the untrained one.
    var network: Network { snapshot?.training.network ?? initialNetwork }

    /// The held-out accuracy after the last finished epoch, nil before the first.
    var testAccuracy: Float? { snapshot?.training.history.last?.validationAccuracy }

    var batchesPerSecond: Int { Self.speeds[speedIndex] }

    // MARK: Live runs

    var liveRuns: [LiveRunID] { isStarted ? [run] : [] }

    var isAnimating: Bool { isPlaying }

    mutating func update(_ message: WidgetMessage) -> [Effect] {
        switch message {
        case .key(let key): return handle(key)
        case .tick:
            guard isPlaying else { return [] }
            // At most ten ticks' worth waits, so a run that falls behind is not flooded when it catches up.
            credit = min(credit + batchesPerSecond, 10 * max(batchesPerSecond, WidgetClock.ticksPerSecond))
            return advance()
        case .reset:
            isPlaying = false
            askedStep = nil
            credit = 0
            note = nil
            cursor = 0
            // The run comes back to its first weights; until its snapshot says so, the widget shows them
            // itself, so a Space pressed at once plays rather than reading the finished run it replaced.
            snapshot = nil
            inspect()
            return isStarted ? [.live(.send(run, .reset))] : []
        case .live(let snapshot):
            guard snapshot.run == run else { return [] }
            self.snapshot = snapshot
            if snapshot.training.stepCount == 0 { askedStep = nil }
            inspect()
            return advance()
        }
    }

    /// Runs the network on the cursor's digit again.
    private mutating func inspect() {
        guard setup.test.count > 0 else { return }
        inspection = CNNInspection(network: network, pixels: setup.pixels(ofTest: cursor))
    }

    /// Paced play: asks for the batches earned once the run has trained the ones asked for before.
    private mutating func advance() -> [Effect] {
        guard isPlaying else { return [] }
        if let training = snapshot?.training, training.status.isDone {
            isPlaying = false
            askedStep = nil
            return []
        }
        let batches = credit / WidgetClock.ticksPerSecond
        let done = snapshot?.training.stepCount ?? 0
        guard done >= askedStep ?? 0, batches >= 1 else { return [] }
        credit -= batches * WidgetClock.ticksPerSecond
        askedStep = done + batches
        return [.live(.send(run, .step(batches: batches)))]
    }

    // MARK: Keys

    var title: String { "a CNN learning the digits: filters and feature maps" }

    var keyHints: [KeyHint] {
        [KeyHint("Space", isPlaying ? "pause" : "train"), KeyHint("←→", "test digit"), KeyHint("w", "next wrong one"),
         KeyHint("< >", "speed"), KeyHint("Enter", "one epoch")]
    }

    private mutating func startIfNeeded() -> [Effect] {
        guard !isStarted else { return [] }
        isStarted = true
        return [.live(.start(run, setup.spec()))]
    }

    private mutating func handle(_ key: Key) -> [Effect] {
        note = nil
        switch key {
        case .character(" "):
            let start = startIfNeeded()
            if snapshot?.training.status.isDone == true { return start }
            isPlaying.toggle()
            askedStep = nil
            // The first batch at once.
            credit = isPlaying ? WidgetClock.ticksPerSecond : 0
            return start + advance()
        case .enter:
            isPlaying = false
            askedStep = nil
            return startIfNeeded() + [.live(.send(run, .stepEpoch))]
        case .left, .right:
            guard setup.test.count > 0 else { return [] }
            cursor = (cursor + (key == .right ? 1 : setup.test.count - 1)) % setup.test.count
            inspect()
            return []
        case .character("w"):
            moveToNextWrong()
            return []
        case .character("<"), .character(","):
            speedIndex = max(0, speedIndex - 1)
            return []
        case .character(">"), .character("."):
            speedIndex = min(Self.speeds.count - 1, speedIndex + 1)
            return []
        default:
            return [.screen(.keyNotUsed)]
        }
    }

    /// The held-out digits the network gets wrong now, by index.
    func wrongDigits() -> [Int] {
        let outputs = network.predict(setup.test.features)
        return (0..<setup.test.count).filter { index in
            let row = outputs.row(index)
            let guess = row.indices.max { row[$0] < row[$1] } ?? 0
            return guess != setup.label(ofTest: index)
        }
    }

    /// Moves the cursor to the next held-out digit (after the cursor, wrapping round) the network gets wrong.
    private mutating func moveToNextWrong() {
        let wrong = wrongDigits()
        guard let next = wrong.first(where: { $0 > cursor }) ?? wrong.first else {
            note = "The network gets every one of the \(setup.test.count) held-out digits right."
            return
        }
        cursor = next
        inspect()
    }
}

extension CNNWidget: Equatable {
    static func == (lhs: CNNWidget, rhs: CNNWidget) -> Bool {
        lhs.runName == rhs.runName && lhs.snapshot == rhs.snapshot && lhs.isStarted == rhs.isStarted
            && lhs.isPlaying == rhs.isPlaying && lhs.askedStep == rhs.askedStep && lhs.speedIndex == rhs.speedIndex
            && lhs.credit == rhs.credit && lhs.cursor == rhs.cursor && lhs.note == rhs.note
            && lhs.inspection == rhs.inspection
    }
}
