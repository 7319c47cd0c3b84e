import Foundation
import Testing

/// The playground in a real terminal: `gradschool play` trains live, pauses, grows a neuron, resets and quits.
@Suite("The playground in a real terminal", .serialized)
struct PlayInTerminalTests {
    /// The epoch counter of the title bar, `epoch 123`.
    static func epoch(_ screen: [String]) -> Int? {
        guard let line = screen.first, let range = line.range(of: "epoch ") else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isNumber })
    }

    /// The training loss of the status line, `loss 0.6650 train …` (the settings have a `loss` line too).
    static func loss(_ screen: [String]) -> String? {
        guard let line = screen.last(where: { $0.hasPrefix(" loss ") && $0.contains(" train") }),
              let range = line.range(of: "loss ") else { return nil }
        return String(line[range.upperBound...].prefix { $0 != " " })
    }

    @Test(.enabled(if: Tmux.isAvailable, "needs tmux; `make test` installs it"))
    func trainPausePlusResetQuit() throws {
        let binary = try #require(TutorInTerminalTests.binary, "build the gradschool binary first")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gradschool-play-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let lessons = TutorInTerminalTests.packageRoot.appendingPathComponent("lessons").path

        let tmux = try Tmux(width: 100, height: 30, environment: ["XDG_DATA_HOME": scratch.path, "LANG": "C.UTF-8"])
        try tmux.type("PS1='ready$ '; cd \(scratch.path); clear", enter: true)
        try #require(try tmux.waitFor("ready$").found, "the shell did not start")
        try tmux.type("\(binary.path) play --lessons \(lessons)", enter: true)

        var step = try tmux.waitFor("paused")
        try #require(step.found, "the playground did not open:\n\(step.screen.joined(separator: "\n"))")
        #expect(step.screen[0].contains("Playground") && step.screen[0].contains("2→8→8→1"))
        #expect(Self.epoch(step.screen) == 0)
        let firstLoss = try #require(Self.loss(step.screen), "no loss read-out:\n\(step.screen.joined(separator: "\n"))")

        // Space trains: the epoch counter climbs and the loss moves.
        try tmux.press("Space")
        step = try tmux.waitFor(15) { (Self.epoch($0) ?? 0) >= 20 && Self.loss($0) != firstLoss }
        #expect(step.found, "training did not show:\n\(step.screen.joined(separator: "\n"))")
        #expect(step.screen[0].contains("training"))

        // Space again pauses: the counter stops.
        try tmux.press("Space")
        step = try tmux.waitFor("paused", seconds: 5)
        #expect(step.found, "Space did not pause")
        Thread.sleep(forTimeInterval: 0.3)
        let pausedAt = Self.epoch(try tmux.screen())
        Thread.sleep(forTimeInterval: 0.5)
        #expect(Self.epoch(try tmux.screen()) == pausedAt, "a paused run does not move")
        #expect((pausedAt ?? 0) >= 20)

        // + adds a neuron to the last hidden layer: a new network, from epoch 0.
        try tmux.press("+")
        step = try tmux.waitFor("2→8→9→1", seconds: 5)
        #expect(step.found, "+ did not add a neuron:\n\(step.screen.joined(separator: "\n"))")
        #expect(Self.epoch(step.screen) == 0)

        // Train a little, then reset: back to epoch 0 and the first loss of this network.
        let freshLoss = Self.loss(step.screen)
        try tmux.press("s")
        try tmux.press("e")
        step = try tmux.waitFor(5) { Self.epoch($0) == 1 }
        #expect(step.found, "e did not train an epoch")
        try tmux.press("r")
        step = try tmux.waitFor(5) { Self.epoch($0) == 0 && Self.loss($0) == freshLoss }
        #expect(step.found, "r did not reset:\n\(step.screen.joined(separator: "\n"))")

        try tmux.press("q")
        step = try tmux.waitFor("ready$")
        #expect(step.found, "q did not return to the shell")
    }

    @Test func optionsThatContradictOrFilesThatAreMissingAreRefusedBeforeTheScreenOpens() throws {
        let binary = try #require(TutorInTerminalTests.binary, "build the gradschool binary first")
        let both = try Tmux.run([binary.path, "play", "--dataset", "circle", "--data", "x.csv"])
        #expect(both.status == 64)
        #expect(both.output.contains("use only one of --config, --dataset and --data"))
        let unknown = try Tmux.run([binary.path, "play", "--dataset", "spirals"])
        #expect(unknown.status == 64 && unknown.output.contains("no dataset 'spirals'"))
        let missing = try Tmux.run([binary.path, "play", "--config", "/nowhere/run.yaml"])
        #expect(missing.status == 66)
        #expect(missing.output.contains("/nowhere/run.yaml: no such file"))
    }
}
