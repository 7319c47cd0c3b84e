import Neural

/// The `gan` widget: the GAN Lab arena in the terminal. Real points from a target and the generator's
/// points, the discriminator's verdict everywhere behind them, and the push the generator's gradient
/// gives each of its points; play, step the discriminator or the generator alone, a slow mode, four
/// targets, and a preset that collapses onto a few modes, named on screen when it happens.
///
/// The widget trains in its own state, a few iterations per frame, so every picture is the engine's
/// exact state after the iterations it shows and the same keys always give the same picture.
struct GANWidget: InteractiveWidget {
    /// The targets `t` cycles through, in order.
    static let targetNames = ["ring", "line", "moons", "spiral"]
    /// Iterations per frame while playing at full speed (60 frames a second).
    static let iterationsPerTick = 4
    /// Frames between two iterations in slow mode: two iterations a second.
    static let ticksPerSlowIteration = 30
    /// Generator steps after which too few covered modes are named a collapse (before that the generator
    /// has not had the time to spread out).
    static let collapseNamingSteps = 500

    let caption: String?
    let loss: GANLoss
    let discriminatorSteps: Int
    private let initialTarget: Int
    private let initialPreset: GANPreset
    private(set) var targetIndex: Int
    private(set) var preset: GANPreset
    private(set) var trainer: GANTrainer
    private(set) var snapshot: GANSnapshot
    private(set) var isPlaying = false
    private(set) var isSlow = false
    private var ticksSinceIteration = 0

    init(settings: WidgetSettings) {
        caption = settings.caption
        loss = settings.text("loss", default: "bce") == "least-squares" ? .leastSquares : .standard
        discriminatorSteps = max(1, settings.integer("discriminatorSteps", default: 1))
        initialTarget = Self.targetNames.firstIndex(of: settings.text("distribution", default: "ring")) ?? 0
        initialPreset = GANPreset(rawValue: settings.text("preset", default: "balanced")) ?? .balanced
        targetIndex = initialTarget
        preset = initialPreset
        trainer = initialPreset.trainer(target: Self.target(initialTarget), loss: loss, discriminatorSteps: discriminatorSteps)
        snapshot = trainer.snapshot(gridSize: Self.gridSize, pointCount: Self.pointCount)
    }

    static let gridSize = 48
    static let pointCount = 256

    static func target(_ index: Int) -> TargetDistribution {
        switch targetNames[index] {
        case "line": .line()
        case "moons": .moons()
        case "spiral": .spiral()
        default: .ring()
        }
    }

    var target: TargetDistribution { trainer.target }

    /// Whether the generator has collapsed: after `collapseNamingSteps` generator steps it reaches at
    /// most half of the target's modes.
    var hasCollapsed: Bool {
        snapshot.generatorSteps >= Self.collapseNamingSteps && snapshot.coverage.coveredModeCount * 2 <= snapshot.coverage.modeCount
    }

    // MARK: Keys and time

    var title: String { "GAN arena: \(target.name), \(preset.label) preset" }

    var keyHints: [KeyHint] {
        [KeyHint("Space", isPlaying ? "pause" : "play"), KeyHint("d", "step D"), KeyHint("g", "step G"),
         KeyHint("s", isSlow ? "full speed" : "slow"), KeyHint("t", "target"), KeyHint("p", "preset")]
    }

    var isAnimating: Bool { isPlaying }
    var liveRuns: [LiveRunID] { [] }

    mutating func update(_ message: WidgetMessage) -> [Effect] {
        switch message {
        case .key(let key): return handle(key) ? [] : [.screen(.keyNotUsed)]
        case .tick: tick()
        case .reset: restart(target: initialTarget, preset: initialPreset)
        case .live: break
        }
        return []
    }

    private mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(" "): isPlaying.toggle(); ticksSinceIteration = 0
        case .character("d"): isPlaying = false; trainer.stepDiscriminator(); refresh()
        case .character("g"): isPlaying = false; trainer.stepGenerator(); refresh()
        case .character("s"): isSlow.toggle(); ticksSinceIteration = 0
        case .character("t"): restart(target: (targetIndex + 1) % Self.targetNames.count, preset: preset)
        case .character("p"): restart(target: targetIndex, preset: preset == .balanced ? .collapse : .balanced)
        default: return false
        }
        return true
    }

    /// One frame: a few iterations at full speed, one every `ticksPerSlowIteration` frames in slow mode.
    mutating func tick() {
        guard isPlaying else { return }
        if isSlow {
            ticksSinceIteration += 1
            guard ticksSinceIteration >= Self.ticksPerSlowIteration else { return }
            ticksSinceIteration = 0
            trainer.step()
        } else {
            for _ in 0..<Self.iterationsPerTick { trainer.step() }
        }
        if trainer.hasDiverged { isPlaying = false }
        refresh()
    }

    private mutating func restart(target index: Int, preset: GANPreset) {
        targetIndex = index
        self.preset = preset
        isPlaying = false
        ticksSinceIteration = 0
        trainer = preset.trainer(target: Self.target(index), loss: loss, discriminatorSteps: discriminatorSteps)
        refresh()
    }

    private mutating func refresh() {
        snapshot = trainer.snapshot(gridSize: Self.gridSize, pointCount: Self.pointCount)
    }
}

extension GANWidget: Equatable {
    static func == (lhs: GANWidget, rhs: GANWidget) -> Bool {
        lhs.targetIndex == rhs.targetIndex && lhs.preset == rhs.preset && lhs.isPlaying == rhs.isPlaying
            && lhs.isSlow == rhs.isSlow && lhs.ticksSinceIteration == rhs.ticksSinceIteration
            && lhs.trainer.generatorSteps == rhs.trainer.generatorSteps
            && lhs.trainer.discriminatorSteps == rhs.trainer.discriminatorSteps
            && lhs.snapshot.generated == rhs.snapshot.generated && lhs.snapshot.realness == rhs.snapshot.realness
            && lhs.loss == rhs.loss && lhs.caption == rhs.caption
    }
}
