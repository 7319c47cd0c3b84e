import Curriculum
import Testing
@testable import App

/// Screens and widgets answer with effects; the requests they make of the tutor never reach the runner.
@Suite("Reporting back")
struct ReportBackTests {
    static func requests(_ effects: [Effect]) -> [ScreenRequest] {
        effects.compactMap { if case .screen(let request) = $0 { request } else { nil } }
    }

    @Test func screenRequestsAreCarriedOutByTheTutorAndNeverLeaveIt() throws {
        let host = SteppedLiveTraining(batchesPerPoll: 20)
        var tutor = WidgetTesting.tutor(page: WidgetTrainTests.page)
        var all: [Effect] = []
        // A widget's keys, an unused key passed on to the page, a tick, snapshots, leaving for home.
        for key: Key in [.tab, .character(" "), .character("x"), .down, .escape, .escape] {
            let effects = tutor.update(.key(key))
            all += effects
            WidgetTrainTests.run(effects, on: host)
            for snapshot in host.poll() { all += WidgetTrainTests.run(tutor.update(.live(snapshot)), on: host) }
            all += tutor.update(.tick)
        }
        #expect(Self.requests(all).isEmpty)
        guard case .home = tutor.screen else {
            Issue.record("Esc twice leaves the widget, then the lesson")
            return
        }
        // Leaving the page stopped the run the widget had started, as a live effect.
        #expect(all.contains(.live(.stop(LiveRunID("lesson:scratch:1:1")))))
    }

    @Test func aWidgetPassesOnTheKeysItDoesNotUse() {
        var host = WidgetTesting.host("perceptron")
        #expect(Self.requests(host.update(.key(.character("x")))) == [.keyNotUsed])
        #expect(Self.requests(host.update(.key(.character("r")))).isEmpty)
    }
}
