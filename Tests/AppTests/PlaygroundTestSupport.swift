import Canvas
import Foundation
import Neural
@testable import App

/// The tutor on the playground with a stepped live-training host: effects are carried out at once, and
/// each `frames(_:)` is what the runner does once a frame (poll the run, or tick).
struct PlaygroundDriver {
    var tutor: Tutor
    let host: SteppedLiveTraining
    /// Every effect the tutor asked for, in order.
    private(set) var effects: [Effect] = []
    /// Carries out save and open requests: on the real files by default; a test that must not write where
    /// the tests run (the package's folder) answers them itself.
    var files: @Sendable (PlaygroundFileRequest) -> PlaygroundFileResult = { PlaygroundFiles.perform($0) }

    init(width: Int = 80, height: Int = 24, configuration: PlaygroundConfiguration = PlaygroundConfiguration(),
         file: Dataset? = nil, batchesPerFrame: Int = 5, glyphs: GlyphSet = .unicode, colors: ColorMode = .palette256) {
        tutor = Tutor(library: Fixtures.library, width: width, height: height, colors: colors, glyphs: glyphs)
        host = SteppedLiveTraining(batchesPerPoll: batchesPerFrame, framesPerSecond: 60)
        run(tutor.openPlayground(PlaygroundScreen(configuration: configuration, file: file)))
        frames(1)
    }

    /// Carries out effects as the runner would, feeding their answers back.
    mutating func run(_ newEffects: [Effect]) {
        var pending = newEffects
        while !pending.isEmpty {
            let effect = pending.removeFirst()
            effects.append(effect)
            switch effect {
            case .live(let request): host.perform(request)
            case .playground(let request): pending += tutor.update(.playground(files(request)))
            default: break
            }
        }
    }

    mutating func press(_ keys: Key...) {
        for key in keys { run(tutor.update(.key(key))) }
    }

    mutating func type(_ text: String) {
        for character in text { run(tutor.update(.key(.character(character)))) }
    }

    /// Lets `count` frames pass: each delivers the run's changed snapshots, or a tick.
    mutating func frames(_ count: Int) {
        for _ in 0..<count {
            let snapshots = host.poll()
            for snapshot in snapshots { run(tutor.update(.live(snapshot))) }
            if snapshots.isEmpty && tutor.isAnimating { run(tutor.update(.tick)) }
        }
    }

    var playground: PlaygroundScreen {
        guard case .playground(let screen) = tutor.screen else { fatalError("the playground is not on screen") }
        return screen
    }

    var screen: [String] { tutor.screenLines }
    var text: String { tutor.screenText }

    /// The live requests sent since `start`, for checking what a key asked of the run.
    func liveRequests(from start: Int = 0) -> [LiveTrainingRequest] {
        effects.dropFirst(start).compactMap { if case .live(let request) = $0 { request } else { nil } }
    }
}
