import Canvas
import Foundation
import Neural
import Testing
@testable import App

/// The GAN arena trains on the runner's live-training host, never on the screen's thread.
@Suite("The GAN arena's live run")
struct WidgetGANLiveTests {
    /// A trainer set up as the arena's balanced preset on the ring.
    static func presetTrainer() -> GANTrainer {
        GANPreset.balanced.trainer(target: .ring(), loss: .standard, discriminatorSteps: 1)
    }

    @Test func playingAsksTheRunnerForIterationsAndTrainsNothingItself() throws {
        var host = WidgetTesting.host("gan", ["distribution": .text("ring")], runName: "lesson:gans:1")
        let before = try #require(WidgetTesting.state(host, as: GANWidget.self)).snapshot
        let effects = host.update(.key(.character(" "))) + host.update(.tick)
        guard effects.count == 2, case .live(.startGAN(let run, let spec)) = effects[0],
              case .live(.sendGAN(run, .iterate(GANWidget.iterationsPerTick))) = effects[1] else {
            Issue.record("expected a start, then four iterations at the next frame, got \(effects)")
            return
        }
        #expect(run == "lesson:gans:1" && spec.generation == 1 && spec.picture == GANWidget.picture)
        #expect(spec.trainer.generatorSteps == 0)
        // One request in flight is allowed; a second frame without an answer asks for one more, then waits.
        #expect(host.update(.tick).count == 1)
        #expect(host.update(.tick).isEmpty)
        let widget = try #require(WidgetTesting.state(host, as: GANWidget.self))
        #expect(widget.snapshot.generatorSteps == 0 && widget.snapshot.generated == before.generated)
        #expect(widget.liveRuns == ["lesson:gans:1"])
    }

    /// The picture the run sends back is the trainer's own after the same iterations, bit for bit.
    @Test func theSteppedHostsPictureIsTheTrainersAfterTheSameIterations() throws {
        var arena = GANArena(WidgetTesting.host("gan", ["distribution": .text("ring")]))
        arena.press(.character(" "))
        for _ in 0..<10 { arena.tick() }
        arena.press(.character(" "), .character("d"), .character("g"))
        var trainer = Self.presetTrainer()
        for _ in 0..<(10 * GANWidget.iterationsPerTick) { trainer.step() }
        trainer.stepDiscriminator()
        trainer.stepGenerator()
        let expected = GANWidget.picture.snapshot(of: trainer)
        let widget = try #require(arena.widget)
        #expect(widget.snapshot.generatorSteps == 41 && widget.snapshot.discriminatorSteps == 41)
        #expect(widget.snapshot.generated == expected.generated && widget.snapshot.realness == expected.realness)
        #expect(widget.commandsDone == widget.commandsSent)
    }

    /// While playing, the panel gives the frame rate the runner reports (the stepped host reports 60).
    @Test func whilePlayingThePanelSaysHowManyFramesASecondAreDrawn() throws {
        var arena = GANArena(WidgetTesting.host("gan", ["distribution": .text("ring")]))
        arena.press(.character(" "))
        arena.tick()
        #expect(arena.text().joined(separator: "\n").contains("drawn at 60 frames a second"))
        arena.press(.character(" "))
        #expect(!arena.text().joined(separator: "\n").contains("frames a second"))
    }

    /// After `t`, a late picture of the old start is not drawn over the new target.
    @Test func aPictureFromAnEarlierStartIsIgnored() throws {
        var host = WidgetTesting.host("gan", ["distribution": .text("ring")])
        _ = host.update(.key(.character("g")))
        let old = SteppedLiveTraining()
        var trainer = Self.presetTrainer()
        trainer.stepGenerator()
        old.perform(.startGAN("test:1", GANRunSpec(trainer: trainer, picture: GANWidget.picture, generation: 1)))
        let late = try #require(old.poll().first)
        let stops = host.update(.key(.character("t")))
        #expect(stops == [.live(.stop("test:1"))])
        _ = host.update(.live(late))
        let widget = try #require(WidgetTesting.state(host, as: GANWidget.self))
        #expect(widget.target.name == "line" && widget.snapshot.generatorSteps == 0 && widget.snapshot.target.name == "line")
    }

    /// The real host: the run trains on a thread of its own, and its picture matches the trainer's.
    @Test func theThreadedHostTrainsOnItsOwnThread() throws {
        let live = LiveTrainingSessions()
        defer { live.stopAll() }
        live.perform(.startGAN("gan", GANRunSpec(trainer: Self.presetTrainer(), picture: GANWidget.picture, generation: 1)))
        live.perform(.sendGAN("gan", .iterate(30)))
        live.perform(.sendGAN("gan", .stepDiscriminator))
        #expect(live.needsPolling)
        var latest: LiveSnapshot?
        let deadline = Date(timeIntervalSinceNow: 20)
        while Date() < deadline, (latest?.gan?.commandsDone ?? 0) < 2 {
            if let snapshot = live.poll().last { latest = snapshot }
            Thread.sleep(forTimeInterval: 0.005)
        }
        let gan = try #require(latest?.gan)
        var trainer = Self.presetTrainer()
        for _ in 0..<30 { trainer.step() }
        trainer.stepDiscriminator()
        #expect(gan.commandsDone == 2 && gan.snapshot.generatorSteps == 30 && gan.snapshot.discriminatorSteps == 31)
        #expect(gan.snapshot.generated == GANWidget.picture.snapshot(of: trainer).generated)
        #expect(latest?.training.stepCount == 30, "the generator's side as a training snapshot")
        #expect(!live.needsPolling, "every command answered")
        live.perform(.stop("gan"))
        #expect(live.runs.isEmpty)
    }
}
