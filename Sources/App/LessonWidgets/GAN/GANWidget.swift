import Neural

/// The `gan` widget: the GAN Lab arena in the terminal. Real points from a target and the generator's
/// points, the discriminator's verdict everywhere behind them, and the push the generator's gradient
/// gives each of its points; play, step the discriminator or the generator alone, a slow mode, four
/// targets, and a preset that collapses onto a few modes, named on screen when it happens.
///
/// Training runs on the live-training host, as the `train` widget's does: the widget asks for a GAN run
/// with `.live` effects, a few iterations per frame while playing, and draws the picture that comes back
/// (the map, the points and their pushes are all computed on the run's thread). Until its first start it
/// draws the untrained pair it would start from. Play is paced by frames, so the same keys and frames
/// always give the same picture.
struct GANWidget: InteractiveWidget {
    /// The targets `t` cycles through, in order.
    static let targetNames = ["ring", "line", "moons", "spiral"]
    /// Iterations asked for per frame while playing at full speed (60 frames a second).
    static let iterationsPerTick = 4
    /// Frames between two iterations in slow mode: two iterations a second.
    static let ticksPerSlowIteration = 30
    /// Generator steps after which too few covered modes are named a collapse (before that the generator
    /// has not had the time to spread out).
    static let collapseNamingSteps = 500

    let runName: String
    let caption: String?
    let loss: GANLoss
    let discriminatorSteps: Int
    private let initialTarget: Int
    private let initialPreset: GANPreset
    private(set) var targetIndex: Int
    private(set) var preset: GANPreset
    /// How the pair trains: the preset's configuration.
    private(set) var configuration: GANConfiguration
    private(set) var target: TargetDistribution
    /// The latest picture: the run's last snapshot, or the untrained pair's before it starts.
    private(set) var snapshot: GANSnapshot
    private(set) var isPlaying = false
    private(set) var isSlow = false
    private var ticksSinceIteration = 0
    /// Whether the run has been started in the runner.
    private(set) var isStarted = false
    /// Which start of the run the widget asked for last; snapshots of older starts are ignored.
    private(set) var generation = 0
    /// Commands sent to the current start, and how many of them the latest snapshot shows done.
    private(set) var commandsSent = 0
    private(set) var commandsDone = 0
    /// Frames a second the runner drew while the run was live, from its latest snapshot.
    private(set) var framesPerSecond = 0.0

    init(settings: WidgetSettings, runName: String) {
        self.runName = runName
        caption = settings.caption
        loss = settings.text("loss", default: "bce") == "least-squares" ? .leastSquares : .standard
        discriminatorSteps = max(1, settings.integer("discriminatorSteps", default: 1))
        initialTarget = Self.targetNames.firstIndex(of: settings.text("distribution", default: "ring")) ?? 0
        initialPreset = GANPreset(rawValue: settings.text("preset", default: "balanced")) ?? .balanced
        targetIndex = initialTarget
        preset = initialPreset
        let trainer = initialPreset.trainer(target: Self.target(initialTarget), loss: loss, discriminatorSteps: discriminatorSteps)
        configuration = trainer.configuration
        target = trainer.target
        snapshot = Self.picture.snapshot(of: trainer)
    }

    static let gridSize = 48
    static let pointCount = 256
    /// How the run's pictures are taken.
    static let picture = GANSession.Picture(gridSize: gridSize, extent: 3, pointCount: pointCount)

    static func target(_ index: Int) -> TargetDistribution {
        switch targetNames[index] {
        case "line": .line()
        case "moons": .moons()
        case "spiral": .spiral()
        default: .ring()
        }
    }

    /// Whether the generator has collapsed: after `collapseNamingSteps` generator steps it reaches at
    /// most half of the target's modes.
    var hasCollapsed: Bool {
        snapshot.generatorSteps >= Self.collapseNamingSteps && snapshot.coverage.coveredModeCount * 2 <= snapshot.coverage.modeCount
    }

    var runID: LiveRunID { LiveRunID(runName) }

    // MARK: Keys and time

    var title: String { "GAN arena: \(target.name), \(preset.label) preset" }

    var keyHints: [KeyHint] {
        [KeyHint("Space", isPlaying ? "pause" : "play"), KeyHint("d", "step D"), KeyHint("g", "step G"),
         KeyHint("s", isSlow ? "full speed" : "slow"), KeyHint("t", "target"), KeyHint("p", "preset")]
    }

    /// Play asks for iterations on ticks; the steps themselves happen in the runner's thread.
    var isAnimating: Bool { isPlaying }
    var liveRuns: [LiveRunID] { isStarted ? [runID] : [] }

    mutating func update(_ message: WidgetMessage) -> [Effect] {
        switch message {
        case .key(let key): return handle(key)
        case .tick: return tick()
        case .reset: return restart(target: initialTarget, preset: initialPreset)
        case .live(let live): receive(live); return []
        }
    }

    private mutating func handle(_ key: Key) -> [Effect] {
        switch key {
        case .character(" "):
            isPlaying.toggle()
            ticksSinceIteration = 0
            // The first iterations are asked for at the next frame, so a second of play is 60 requests.
            return isPlaying ? startIfNeeded() : []
        case .character("d"):
            isPlaying = false
            return startIfNeeded() + send(.stepDiscriminator)
        case .character("g"):
            isPlaying = false
            return startIfNeeded() + send(.stepGenerator)
        case .character("s"):
            isSlow.toggle()
            ticksSinceIteration = 0
            return []
        case .character("t"): return restart(target: (targetIndex + 1) % Self.targetNames.count, preset: preset)
        case .character("p"): return restart(target: targetIndex, preset: preset == .balanced ? .collapse : .balanced)
        default: return [.screen(.keyNotUsed)]
        }
    }

    /// One frame of play: a few iterations asked for at full speed, as long as the run is at most one
    /// request behind (a slow machine plays slower rather than piling requests up); one iteration every
    /// `ticksPerSlowIteration` frames in slow mode.
    mutating func tick() -> [Effect] {
        guard isPlaying else { return [] }
        if isSlow {
            ticksSinceIteration += 1
            guard ticksSinceIteration >= Self.ticksPerSlowIteration else { return [] }
            ticksSinceIteration = 0
            return send(.iterate(1))
        }
        guard commandsSent - commandsDone <= 1 else { return [] }
        return send(.iterate(Self.iterationsPerTick))
    }

    private mutating func receive(_ live: LiveSnapshot) {
        guard isStarted, live.run == runID, live.generation == generation, let gan = live.gan else { return }
        snapshot = gan.snapshot
        commandsDone = gan.commandsDone
        framesPerSecond = live.framesPerSecond
        if snapshot.hasDiverged { isPlaying = false }
    }

    private mutating func startIfNeeded() -> [Effect] {
        guard !isStarted else { return [] }
        isStarted = true
        generation += 1
        commandsSent = 0
        commandsDone = 0
        let trainer = preset.trainer(target: Self.target(targetIndex), loss: loss, discriminatorSteps: discriminatorSteps)
        return [.live(.startGAN(runID, GANRunSpec(trainer: trainer, picture: Self.picture, generation: generation)))]
    }

    private mutating func send(_ command: GANSession.Command) -> [Effect] {
        guard isStarted else { return [] }
        commandsSent += 1
        return [.live(.sendGAN(runID, command))]
    }

    /// Back to an untrained pair for `index` and `preset`, paused; the old run stops.
    private mutating func restart(target index: Int, preset: GANPreset) -> [Effect] {
        let stops: [Effect] = isStarted ? [.live(.stop(runID))] : []
        targetIndex = index
        self.preset = preset
        isPlaying = false
        ticksSinceIteration = 0
        isStarted = false
        let trainer = preset.trainer(target: Self.target(index), loss: loss, discriminatorSteps: discriminatorSteps)
        configuration = trainer.configuration
        target = trainer.target
        snapshot = Self.picture.snapshot(of: trainer)
        return stops
    }
}

extension GANWidget: Equatable {
    static func == (lhs: GANWidget, rhs: GANWidget) -> Bool {
        lhs.targetIndex == rhs.targetIndex && lhs.preset == rhs.preset && lhs.isPlaying == rhs.isPlaying
            && lhs.isSlow == rhs.isSlow && lhs.ticksSinceIteration == rhs.ticksSinceIteration
            && lhs.isStarted == rhs.isStarted && lhs.generation == rhs.generation
            && lhs.commandsSent == rhs.commandsSent && lhs.commandsDone == rhs.commandsDone
            && lhs.snapshot.generatorSteps == rhs.snapshot.generatorSteps
            && lhs.snapshot.discriminatorSteps == rhs.snapshot.discriminatorSteps
            && lhs.snapshot.generated == rhs.snapshot.generated && lhs.snapshot.realness == rhs.snapshot.realness
            && lhs.loss == rhs.loss && lhs.caption == rhs.caption && lhs.runName == rhs.runName
    }
}
