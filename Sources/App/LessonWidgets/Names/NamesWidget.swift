import Neural

/// The `names` widget: a small LSTM character model learning the bundled names live. It shows one of two
/// things, as the lesson sets:
///
/// - `reading`: the model reading a name letter by letter (`←` `→`), its hidden state as a heatmap under
///   the letters, its input, forget and output gates per step, and its five likeliest next letters;
/// - `generating`: twelve new names sampled at a temperature the learner chooses, from a fixed seed.
///
/// `Space` trains and pauses. Training happens in the widget's own state, `stepsPerTick` batches a frame,
/// so every picture is the engine's exact state after the steps it counts and the same keys always give
/// the same picture.
struct NamesWidget: InteractiveWidget {
    enum Mode: String, Sendable { case reading, generating }

    /// The names `n` moves through after the lesson's own.
    static let picks = ["emma", "olivia", "noah", "liam", "isabella", "jacob", "mia", "alexander"]
    /// The temperatures `+` and `-` move through.
    static let temperatures: [Double] = [0.2, 0.5, 0.8, 1.0, 1.5, 2.0]
    /// Training steps (batches of 32 names) per frame while training: 120 a second at 60 frames a second.
    static let stepsPerTick = 2
    /// Frames between two fresh sets of samples while training: twice a second.
    static let ticksPerSampling = 30
    /// Names shown in generating mode.
    static let sampleCount = 12

    let caption: String?
    let mode: Mode
    private let initialName: String
    private let initialTemperature: Int
    private(set) var model: CharacterModel?
    private(set) var names: [String]
    private(set) var nameIndex = 0
    /// The step of the reading shown: 0 is the start mark, t the t-th letter.
    private(set) var cursor: Int
    private(set) var reading: CharacterModel.Reading?
    private(set) var isPlaying = false
    private(set) var temperatureIndex: Int
    private(set) var seed: UInt64 = 1
    private(set) var samples: [String] = []
    private var ticks = 0

    init(settings: WidgetSettings) {
        caption = settings.caption
        mode = Mode(rawValue: settings.text("show", default: "reading")) ?? .reading
        let name = settings.text("name", default: "emma").lowercased()
        initialName = name
        let temperature = settings.number("temperature", default: 1)
        initialTemperature = Self.temperatures.indices.min { abs(Self.temperatures[$0] - temperature) < abs(Self.temperatures[$1] - temperature) } ?? 3
        temperatureIndex = initialTemperature
        names = [name] + Self.picks.filter { $0 != name }
        model = CharacterModel()
        cursor = 0
        refresh(resample: true)
        cursor = max(0, (reading?.steps.count ?? 1) - 1)
    }

    var temperature: Double { Self.temperatures[temperatureIndex] }
    var name: String { names[nameIndex] }

    // MARK: Keys and time

    var title: String {
        switch mode {
        case .reading: "an LSTM reading \"\(reading?.name ?? name)\", letter by letter"
        case .generating: "names an LSTM writes at temperature \(Self.label(temperature))"
        }
    }

    var keyHints: [KeyHint] {
        let play = KeyHint("Space", isPlaying ? "pause" : "train")
        switch mode {
        case .reading: return [play, KeyHint("← →", "letter"), KeyHint("n", "next name")]
        case .generating: return [play, KeyHint("+ -", "temperature"), KeyHint("Enter", "new names")]
        }
    }

    var isAnimating: Bool { isPlaying }
    var liveRuns: [LiveRunID] { [] }

    mutating func update(_ message: WidgetMessage) -> [Effect] {
        switch message {
        case .key(let key): return handle(key) ? [] : [.screen(.keyNotUsed)]
        case .tick: tick()
        case .reset: restart()
        case .live: break
        }
        return []
    }

    private mutating func handle(_ key: Key) -> Bool {
        switch (mode, key) {
        case (_, .character(" ")):
            guard model != nil else { return true }
            isPlaying.toggle()
            ticks = 0
        case (.reading, .left): cursor = max(0, cursor - 1)
        case (.reading, .right): cursor = min((reading?.steps.count ?? 1) - 1, cursor + 1)
        case (.reading, .character("n")):
            nameIndex = (nameIndex + 1) % names.count
            refresh(resample: false)
            cursor = max(0, (reading?.steps.count ?? 1) - 1)
        case (.generating, .character("+")), (.generating, .character("=")):
            temperatureIndex = min(Self.temperatures.count - 1, temperatureIndex + 1)
            refresh(resample: true)
        case (.generating, .character("-")):
            temperatureIndex = max(0, temperatureIndex - 1)
            refresh(resample: true)
        case (.generating, .enter):
            seed += 1
            refresh(resample: true)
        default: return false
        }
        return true
    }

    /// One frame: `stepsPerTick` training steps while training, then the reading again; fresh samples
    /// every `ticksPerSampling` frames.
    mutating func tick() {
        guard isPlaying, model != nil else { return }
        model?.train(steps: Self.stepsPerTick)
        ticks += 1
        if !(model?.lastLoss.isFinite ?? false) { isPlaying = false }
        refresh(resample: ticks % Self.ticksPerSampling == 0)
    }

    /// Trains `steps` steps at once, as `steps / stepsPerTick` frames of training would (for tests).
    mutating func train(steps: Int) {
        model?.train(steps: steps)
        refresh(resample: true)
    }

    private mutating func restart() {
        isPlaying = false
        ticks = 0
        nameIndex = 0
        seed = 1
        temperatureIndex = initialTemperature
        model = CharacterModel()
        refresh(resample: true)
        cursor = max(0, (reading?.steps.count ?? 1) - 1)
    }

    private mutating func refresh(resample: Bool) {
        guard model != nil else { return }
        switch mode {
        case .reading:
            let name = self.name
            reading = model?.read(name)
            cursor = min(cursor, max(0, (reading?.steps.count ?? 1) - 1))
        case .generating:
            if resample { samples = model?.generate(count: Self.sampleCount, temperature: temperature, seed: seed) ?? [] }
        }
    }

    /// A temperature as the widget writes it: `0.2`, `1.0`.
    static func label(_ temperature: Double) -> String {
        let tenths = Int((temperature * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}

extension NamesWidget: Equatable {
    static func == (lhs: NamesWidget, rhs: NamesWidget) -> Bool {
        lhs.mode == rhs.mode && lhs.caption == rhs.caption && lhs.isPlaying == rhs.isPlaying
            && lhs.model?.stepCount == rhs.model?.stepCount && lhs.nameIndex == rhs.nameIndex && lhs.names == rhs.names
            && lhs.cursor == rhs.cursor && lhs.temperatureIndex == rhs.temperatureIndex && lhs.seed == rhs.seed
            && lhs.ticks == rhs.ticks && lhs.reading == rhs.reading && lhs.samples == rhs.samples
    }
}
