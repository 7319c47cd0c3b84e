import Canvas
import Curriculum
import Foundation
import Neural
import Testing
@testable import App

/// Every sentence of the GAN lesson that sends the learner to the `gan` widget, held by driving the
/// widget from the lesson's own blocks as the sentence says.
/// A `gan` widget driven frame by frame as the runner drives it: every `.live` effect it gives is
/// carried out by a stepped host (training synchronously, as the run's thread would), and the snapshots
/// that come back are handed to the widget before the next key or frame.
struct GANArena {
    var host: WidgetHost
    let live = SteppedLiveTraining()

    init(_ host: WidgetHost) { self.host = host }

    var widget: GANWidget? { WidgetTesting.state(host, as: GANWidget.self) }

    mutating func press(_ keys: Key...) {
        for key in keys { carry(host.update(.key(key))) }
    }

    /// One frame: a tick, then what the runner would do with its effects and the snapshots that follow.
    mutating func tick() { carry(host.update(.tick)) }

    private mutating func carry(_ effects: [Effect]) {
        for effect in effects { if case .live(let request) = effect { live.perform(request) } }
        for snapshot in live.poll() {
            for effect in host.update(.live(snapshot)) { if case .live(let request) = effect { live.perform(request) } }
        }
    }

    func text(width: Int = 76, available: Int = 20, glyphs: GlyphSet = .unicode, colors: ColorMode = .palette256) -> [String] {
        host.text(width: width, available: available, glyphs: glyphs, colors: colors)
    }
}

@Suite("What the GAN lesson says of its widget")
struct GANLessonClaimsTests {
    static func arena() throws -> GANArena {
        GANArena(try LessonWidgetClaimTests.host(lesson: "gans", page: "The arena", widget: "gan"))
    }

    static func collapse() throws -> GANArena {
        GANArena(try LessonWidgetClaimTests.host(lesson: "gans", page: "Mode collapse", widget: "gan"))
    }

    static func state(_ arena: GANArena) throws -> GANWidget {
        try #require(arena.widget)
    }

    /// Plays until the generator has taken `steps` steps (or more).
    static func play(_ arena: inout GANArena, untilGeneratorSteps steps: Int) throws {
        if !(try state(arena).isPlaying) { arena.press(.character(" ")) }
        while try state(arena).snapshot.generatorSteps < steps { arena.tick() }
    }

    /// "Before anything trains, hardly any of G's points lie on the clouds, and the panel reads
    /// 'modes covered: 0 of 8'."
    @Test func beforeTrainingNoModeIsCovered() throws {
        let host = try Self.arena()
        let widget = try Self.state(host)
        #expect(widget.snapshot.coverage.coveredModeCount == 0 && widget.snapshot.coverage.modeCount == 8)
        let text = host.text(width: 76, available: 20).joined(separator: "\n")
        #expect(text.contains("modes covered: 0 of 8"), "\(text)")
        // Hardly any: fewer than one point in twenty within 3σ of a cloud's centre.
        #expect(widget.snapshot.coverage.nearFraction < 0.05, "\(widget.snapshot.coverage.pointsPerMode)")
    }

    /// "`d` takes one discriminator step alone: the D steps count goes up by one, the map changes, and the
    /// blue dots stay exactly where they were."
    @Test func dStepsTheDiscriminatorAlone() throws {
        var host = try Self.arena()
        let before = try Self.state(host).snapshot
        host.press(.character("d"))
        let after = try Self.state(host).snapshot
        #expect(after.discriminatorSteps == 1 && after.generatorSteps == 0)
        #expect(after.generated == before.generated)
        #expect(after.realness != before.realness)
        #expect(host.text().joined(separator: "\n").contains("D steps 1  G steps 0"))
    }

    /// "`g` takes one generator step alone: the G steps count goes up by one, the blue dots move, and the
    /// map stays exactly as it was."
    @Test func gStepsTheGeneratorAlone() throws {
        var host = try Self.arena()
        let before = try Self.state(host).snapshot
        host.press(.character("g"))
        let after = try Self.state(host).snapshot
        #expect(after.generatorSteps == 1 && after.discriminatorSteps == 0)
        #expect(after.generated != before.generated)
        #expect(after.realness == before.realness)
        #expect(host.text().joined(separator: "\n").contains("D steps 0  G steps 1"))
    }

    /// "`Space` plays: one D step and one G step per iteration, 240 iterations a second. `s` slows play to
    /// two iterations a second."
    @Test func playIs240IterationsASecondAndSlowIsTwo() throws {
        var host = try Self.arena()
        host.press(.character(" "))
        for _ in 0..<WidgetClock.ticksPerSecond { host.tick() }
        var widget = try Self.state(host)
        #expect(widget.snapshot.generatorSteps == 240 && widget.snapshot.discriminatorSteps == 240)
        host.press(.character("s"))
        for _ in 0..<WidgetClock.ticksPerSecond { host.tick() }
        widget = try Self.state(host)
        #expect(widget.snapshot.generatorSteps == 242)
        #expect(host.text().joined(separator: "\n").contains("slow: 2 iterations a second"))
        host.press(.character(" "))
        for _ in 0..<WidgetClock.ticksPerSecond { host.tick() }
        let paused = try Self.state(host)
        #expect(paused.snapshot.generatorSteps == 242, "paused, nothing moves")
    }

    /// "within 6,000 iterations (25 seconds) the panel reads at least 7 of 8 at some moment."
    @Test func playingCoversSevenOfTheEightModesWithin6000Iterations() throws {
        var host = try Self.arena()
        host.press(.character(" "))
        var best = 0
        var sawSeven = false
        for _ in 0..<(6_000 / GANWidget.iterationsPerTick) {
            host.tick()
            let widget = try Self.state(host)
            best = max(best, widget.snapshot.coverage.coveredModeCount)
            if widget.snapshot.coverage.coveredModeCount >= 7, !sawSeven {
                sawSeven = true
                let text = host.text(width: 76, available: 20).joined(separator: "\n")
                #expect(text.contains("modes covered: \(widget.snapshot.coverage.coveredModeCount) of 8"), "\(text)")
            }
        }
        #expect(best >= 7, "at most \(best) of 8 in 6,000 iterations")
        #expect(6_000 / (GANWidget.iterationsPerTick * WidgetClock.ticksPerSecond) == 25)
    }

    /// "`t` changes the target: the ring, a line, two moons and a spiral."
    @Test func tCyclesTheFourTargets() throws {
        var host = try Self.arena()
        var names = [try Self.state(host).target.name]
        for _ in 0..<4 {
            host.press(.character("t"))
            names.append(try Self.state(host).target.name)
        }
        #expect(names == ["ring of 8 Gaussians", "line", "two moons", "spiral", "ring of 8 Gaussians"])
        let last = try Self.state(host)
        #expect(last.snapshot.coverage.modeCount == 8)
    }

    /// "Within a few hundred iterations G's points crowd towards 2 of the 8 clouds and never reach the
    /// other six, and once G has taken 500 steps the panel names it:
    /// 'mode collapse: 2 of 8 modes covered'", and the six other clouds stay unvisited.
    @Test func theCollapsePresetCollapsesOntoTwoModesAndSaysSo() throws {
        var host = try Self.collapse()
        let widget = try Self.state(host)
        #expect(widget.preset == .collapse)
        #expect(widget.configuration.discriminatorSteps == 5)
        #expect(widget.configuration.discriminatorLearningRate == 0.01 && widget.configuration.generatorLearningRate == 0.001)
        try Self.play(&host, untilGeneratorSteps: 400)
        let early = try Self.state(host)
        #expect(!early.hasCollapsed, "not named before 500 generator steps")
        for checkpoint in stride(from: 500, through: 3_000, by: 250) {
            try Self.play(&host, untilGeneratorSteps: checkpoint)
            let coverage = try Self.state(host).snapshot.coverage
            #expect(coverage.coveredModeCount <= 2, "\(coverage.coveredModeCount) modes at \(checkpoint)")
            // The six others: at most a stray point or two near each.
            #expect(coverage.pointsPerMode.filter { $0 >= 3 }.count <= 2, "\(coverage.pointsPerMode) at \(checkpoint)")
            if checkpoint == 1_000 {
                let text = host.text(width: 76, available: 20).joined(separator: "\n")
                #expect(text.contains("mode collapse: 2 of 8 modes covered"), "\(text)")
            }
        }
    }

    /// "Press `p` to switch to the balanced preset (both at 0.002, one D step per G step)."
    @Test func pSwitchesToTheBalancedPreset() throws {
        var host = try Self.collapse()
        try Self.play(&host, untilGeneratorSteps: 8)
        host.press(.character("p"))
        let widget = try Self.state(host)
        #expect(widget.preset == .balanced && !widget.isPlaying && widget.snapshot.generatorSteps == 0)
        #expect(widget.configuration.discriminatorSteps == 1)
        #expect(widget.configuration.discriminatorLearningRate == 0.002 && widget.configuration.generatorLearningRate == 0.002)
    }

    /// "Here is the arena once more, on the two moons, with the least-squares loss."
    @Test func theSummaryArenaIsTheMoonsWithLeastSquares() throws {
        let host = GANArena(try LessonWidgetClaimTests.host(lesson: "gans", page: "Summary", widget: "gan"))
        let widget = try Self.state(host)
        #expect(widget.target.name == "two moons" && widget.configuration.loss == .leastSquares)
        #expect(host.text().joined(separator: "\n").contains("loss least-squares"))
    }

    /// `r` goes back to the lesson's target and preset, untrained.
    @Test func resetStartsOver() throws {
        var host = try Self.arena()
        let first = try Self.state(host).snapshot.generated
        host.press(.character("t"), .character("p"), .character("g"))
        host.press(.character("r"))
        let widget = try Self.state(host)
        #expect(widget.targetIndex == 0 && widget.preset == .balanced && widget.snapshot.generatorSteps == 0)
        #expect(widget.snapshot.generated == first)
    }
}

/// The arena drawn, line by line.
@Suite("The GAN widget on screen")
struct GANWidgetViewTests {
    @Test func thePanelReadsLineByLineBesideTheArena() throws {
        var host = GANArena(WidgetTesting.host("gan", ["distribution": .text("ring")]))
        host.press(.character("d"))
        let lines = host.text(width: 76, available: 20)
        #expect(lines.count == 20)
        #expect(lines[0].hasPrefix("┌─ ▸ GAN arena: ring of 8 Gaussians, balanced preset"))
        // Content starts at row 1, column 2; the arena is 34 columns (17 rows × 2), then 2 of gap.
        let panel = lines.dropFirst().prefix(11).map { String($0.dropFirst(2 + 34 + 2).dropLast(2)).trimmingCharacters(in: .whitespaces) }
        #expect(panel[0] == "ring of 8 Gaussians")
        #expect(panel[1] == "loss bce, k = 1, lr G 0.002 D 0.002")
        #expect(panel[2] == "")
        #expect(panel[3] == "D steps 1  G steps 0")
        #expect(panel[4].hasPrefix("D loss ") && panel[4].contains("  G loss –"))
        #expect(panel[5] == "modes covered: 0 of 8")
        #expect(panel[7] == "▲ real  ● generated  → G's push")
        #expect(panel[8] == "map: orange D says real, blue fake")
        #expect(panel[9] == "paused")
        #expect(lines[18].contains("Space play") && lines[18].contains("d step D") && lines[18].contains("g step G"))
        #expect(lines[19].hasPrefix("└"))
    }

    @Test func theArenaShowsRealPointsGeneratedPointsAndArrows() throws {
        var host = GANArena(WidgetTesting.host("gan", ["distribution": .text("ring")]))
        for _ in 0..<3 { host.press(.character("d")) }
        let widget = try #require(host.widget)
        let lines = host.text(width: 76, available: 20)
        let arena = lines.dropFirst().prefix(17).map { String($0.dropFirst(2).prefix(34)) }.joined()
        #expect(arena.contains("▲") && arena.contains("●"))
        let arrows = widget.arrows(in: Rect(x: 0, y: 0, width: 34, height: 17))
        #expect(!arrows.isEmpty)
        #expect(arrows.contains { arena.contains($0.glyph(.unicode)) })
    }

    @Test func withoutColourAndUnicodeItStaysReadable() throws {
        var host = GANArena(WidgetTesting.host("gan", ["distribution": .text("ring")]))
        for _ in 0..<3 { host.press(.character("d")) }
        let lines = host.text(width: 76, available: 20, glyphs: .ascii, colors: .none)
        for line in lines {
            let isASCII = line.unicodeScalars.allSatisfy { $0.isASCII }
            #expect(isASCII, "\(line)")
        }
        let text = lines.joined(separator: "\n")
        #expect(text.contains("x real  o generated  > G's push"))
        #expect(text.contains("shaded: D says real, blank: fake"))
        #expect(text.contains("modes covered: 0 of 8"))
    }

    @Test func theArrowPointsTheWayOfThePush() {
        #expect(GANWidget.octant(dx: 1, dy: 0) == 0)
        #expect(GANWidget.octant(dx: 1, dy: 1) == 1)
        #expect(GANWidget.octant(dx: 0, dy: 2) == 2)
        #expect(GANWidget.octant(dx: -1, dy: 0) == 4)
        #expect(GANWidget.octant(dx: 0, dy: -3) == 6)
        #expect(GANWidget.octant(dx: 1, dy: -1) == 7)
        #expect(GANWidget.Arrow(x: 0, y: 0, octant: 2).glyph(.unicode) == "↑")
        #expect(GANWidget.Arrow(x: 0, y: 0, octant: 2).glyph(.ascii) == "^")
    }

    @Test func atWideWidthsTheArenaGrows() {
        let host = WidgetTesting.host("gan", [:])
        let lines = host.text(width: 116, available: 40)
        #expect(lines.count == 26 + WidgetHost.chromeHeight)
        #expect(lines.contains { $0.contains("modes covered: 0 of 8") })
    }
}

/// The lesson's generated questions agree with the engine's GAN loss and with the formulas worked by hand.
@Suite("The GAN lesson's generated questions")
struct GANQuestionTests {
    @Test func theDiscriminatorLossIsMinusLogRealMinusLogOneMinusFake() {
        for seed in UInt64(1)...200 {
            let question = GeneratedQuestion(template: .ganDiscriminatorLoss, seed: seed)
            let numbers = GeneratedQuestionRangeTests.numbers(in: question.question)
            // "D(x) = A … D(G(z)) = B … L_D = −log D(x) − log(1 − D(G(z)))": A and B come first.
            let real: Double = numbers[0], fake: Double = numbers[1]
            let expected: Double = -log(real) - log(1 - fake)
            #expect(abs(question.answer - expected) < 1e-4, "\(question.question)")
        }
        // The lesson's worked example: 0.8 and 0.3 give 0.580.
        var gradient = Matrix(rows: 2, columns: 1)
        let loss = GANLoss.standard.discriminator(scores: Matrix([[GeneratedQuestion.logit(0.8)], [GeneratedQuestion.logit(0.3)]]),
                                                  realCount: 1, gradient: &gradient)
        #expect(abs(loss - 0.580) < 5e-4)
    }

    @Test func theBestDiscriminatorIsTheShareOfRealPoints() {
        for seed in UInt64(1)...200 {
            let question = GeneratedQuestion(template: .ganOptimalDiscriminator, seed: seed)
            let numbers = GeneratedQuestionRangeTests.numbers(in: question.question)
            #expect(abs(question.answer - numbers[0] / (numbers[0] + numbers[1])) < 1e-6, "\(question.question)")
        }
    }

    @Test func theGeneratorSlopeIsSigmoidMinusOne() {
        for seed in UInt64(1)...200 {
            let question = GeneratedQuestion(template: .ganGeneratorSlope, seed: seed)
            let d: Double = GeneratedQuestionRangeTests.numbers(in: question.question)[0]
            let sigmoid: Double = 1 / (1 + exp(-d))
            #expect(abs(question.answer - (sigmoid - 1)) < 1e-5, "\(question.question)")
        }
    }
}
