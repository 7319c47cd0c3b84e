import Foundation
import Neural

/// The `fit` widget's state: a small network learning a dozen noisy points near y = sin x, measured
/// after every epoch on points it never trains on, with the capacity and the regularisers the learner
/// changes; both loss curves drawn live and the gap between them named when it opens.
struct FitWidget: InstantWidget {
    /// A control the lesson lets the learner change.
    enum Control: String, CaseIterable, Sendable {
        case width, l2, l1, dropout, stopping
    }

    /// The hidden widths `+` and `-` step through, and the values `l`, `a` and `p` cycle through.
    static let widths = [1, 2, 4, 8, 16, 32, 64]
    static let l2Values: [Float] = [0, 0.001, 0.01, 0.1]
    static let l1Values: [Float] = [0, 0.001, 0.01, 0.1]
    static let dropoutValues: [Float] = [0, 0.1, 0.3, 0.5]
    /// Early stopping's patience when `e` turns it on without a lesson's own.
    static let defaultPatience = 100
    /// Epochs per tick while playing, and per press of Enter.
    static let epochsPerTick = 5
    static let epochsPerEnter = 50
    /// Held-out points, drawn from the same curve with the same noise.
    static let validationCount = 40
    /// The validation loss must be this many times the training loss, and this much above it, to call the gap open.
    static let gapRatio: Float = 2
    static let gapMargin: Float = 0.02

    let initial: FitRun.Settings
    let noise: Double
    let controls: [Control]
    let showsWeights: Bool
    private(set) var settings: FitRun.Settings
    private(set) var run: FitRun
    private(set) var isPlaying = false
    /// The first epoch at which the gap was open, in this run.
    private(set) var gapOpenedAt: Int?
    let training: Examples
    let validation: Examples

    init(settings values: WidgetSettings) {
        noise = values.number("noise", default: 0.25)
        let points = values.integer("points", default: 12)
        initial = FitRun.Settings(
            width: values.integer("width", default: 64), l2: Float(values.number("l2", default: 0)),
            l1: Float(values.number("l1", default: 0)), dropout: Float(values.number("dropout", default: 0)),
            patience: values.optionalInteger("patience"), epochs: values.integer("epochs", default: 2000))
        let names = values.texts("controls", default: ["width"])
        controls = Control.allCases.filter { names.contains($0.rawValue) }
        showsWeights = values.flag("showWeights", default: false)
        training = Self.points(points, spread: true, noise: noise, seed: 21)
        validation = Self.points(Self.validationCount, spread: false, noise: noise, seed: 22)
        settings = initial
        run = FitRun(settings: initial, training: training, validation: validation)
    }

    /// `count` points near y = sin x for x in [−3, 3], each nudged by normal noise of size `noise`: spread
    /// evenly across the range (each jittered within its share of it), or drawn anywhere in it.
    static func points(_ count: Int, spread: Bool, noise: Double, seed: UInt64) -> Examples {
        var random = RandomSource(seed: seed)
        let share: Float = 6 / Float(count)
        let inputs = (0..<count).map { index in
            spread ? -3 + share * (Float(index) + 0.5 + random.uniform(-0.4...0.4)) : random.uniform(-3...3)
        }
        let targets = inputs.map { sin($0) + Float(noise) * random.normal() }
        return Examples(features: Matrix(rows: count, columns: 1, elements: inputs),
                        targets: Matrix(rows: count, columns: 1, elements: targets))
    }

    /// How the two losses stand, in words.
    enum Verdict: Equatable {
        case learning, overfitting(ratio: Float), underfitting, fitting
    }

    var verdict: Verdict {
        guard run.epoch >= 20, let latest = run.latest else { return .learning }
        if latest.validation > Self.gapRatio * latest.training && latest.validation - latest.training > Self.gapMargin {
            return .overfitting(ratio: latest.validation / max(latest.training, 1e-9))
        }
        // The noise alone costs about noise² in squared error; well above that the network misses the curve.
        if latest.training > Float(noise * noise) + 0.05 { return .underfitting }
        return .fitting
    }

    // MARK: Keys and time

    var title: String {
        "\(settings.width) hidden neuron\(settings.width == 1 ? "" : "s") fitting \(training.count) noisy points"
    }

    var keyHints: [KeyHint] {
        var hints = [KeyHint("Space", isPlaying ? "pause" : "play"), KeyHint("Enter", "\(Self.epochsPerEnter) epochs")]
        for control in controls {
            switch control {
            case .width: hints.append(KeyHint("+ -", "neurons"))
            case .l2: hints.append(KeyHint("l", "L2"))
            case .l1: hints.append(KeyHint("a", "L1"))
            case .dropout: hints.append(KeyHint("p", "dropout"))
            case .stopping: hints.append(KeyHint("e", settings.patience == nil ? "early stop" : "no early stop"))
            }
        }
        return hints
    }

    var isAnimating: Bool { isPlaying }

    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(" "):
            if run.isDone { restart() }
            isPlaying.toggle()
        case .enter:
            isPlaying = false
            if run.isDone { restart() }
            train(Self.epochsPerEnter)
        case .character(let character) where (character == "+" || character == "=") && controls.contains(.width):
            settings.width = Self.widths.first { $0 > settings.width } ?? settings.width
            restart()
        case .character(let character) where (character == "-" || character == "_") && controls.contains(.width):
            settings.width = Self.widths.last { $0 < settings.width } ?? settings.width
            restart()
        case .character("l") where controls.contains(.l2):
            settings.l2 = Self.next(after: settings.l2, in: Self.l2Values)
            restart()
        case .character("a") where controls.contains(.l1):
            settings.l1 = Self.next(after: settings.l1, in: Self.l1Values)
            restart()
        case .character("p") where controls.contains(.dropout):
            settings.dropout = Self.next(after: settings.dropout, in: Self.dropoutValues)
            restart()
        case .character("e") where controls.contains(.stopping):
            settings.patience = settings.patience == nil ? (initial.patience ?? Self.defaultPatience) : nil
            restart()
        default:
            return false
        }
        return true
    }

    /// The value after `value` in `values`, round to the first.
    static func next(after value: Float, in values: [Float]) -> Float {
        guard let index = values.firstIndex(where: { abs($0 - value) < 1e-9 }) else { return values[0] }
        return values[(index + 1) % values.count]
    }

    mutating func tick() {
        guard isPlaying else { return }
        train(Self.epochsPerTick)
        if run.isDone { isPlaying = false }
    }

    mutating func reset() {
        settings = initial
        restart()
    }

    /// Up to `count` more epochs, noting when the gap first opens.
    mutating func train(_ count: Int) {
        for _ in 0..<count where !run.isDone {
            run.train(epochs: 1)
            if gapOpenedAt == nil, case .overfitting = verdict { gapOpenedAt = run.epoch }
        }
    }

    private mutating func restart() {
        isPlaying = false
        gapOpenedAt = nil
        run = FitRun(settings: settings, training: training, validation: validation)
    }
}

extension FitWidget: Equatable {
    static func == (lhs: FitWidget, rhs: FitWidget) -> Bool {
        lhs.initial == rhs.initial && lhs.settings == rhs.settings && lhs.run.epoch == rhs.run.epoch
            && lhs.isPlaying == rhs.isPlaying && lhs.controls == rhs.controls && lhs.noise == rhs.noise
    }
}
