import Testing
@testable import App

@Suite("Ticks follow the wall clock")
struct TickClockTests {
    static let ms: UInt64 = 1_000_000

    @Test func aSteadySixtyFramesASecondSendsOneTickAFrame() {
        var clock = TickClock(interval: 16_666_667)
        #expect(clock.ticksDue(at: 1_000 * Self.ms) == 1)
        var sent = 0
        for frame in 1...60 { sent += clock.ticksDue(at: 1_000 * Self.ms + UInt64(frame) * 16_666_667) }
        #expect(sent == 60)
    }

    /// Frames 50 ms apart (20 frames a second): three ticks a frame, 60 a second, as the widgets' paces assume.
    @Test func slowFramesCatchUpSoTheTicksStillCountSixtyASecond() {
        var clock = TickClock(interval: 16_666_666)  // the runner's frame interval
        _ = clock.ticksDue(at: 0)
        var sent = 0, most = 0
        for frame in 1...20 {
            let due = clock.ticksDue(at: UInt64(frame) * 50 * Self.ms)
            sent += due
            most = max(most, due)
        }
        #expect(sent == 60)  // one second: 1000 ms / 16.67 ms
        #expect(most == 3)
    }

    /// Uneven frames lose nothing: the remainder of one frame counts toward the next.
    @Test func theRemainderCarriesOver() {
        var clock = TickClock(interval: 10 * Self.ms)
        _ = clock.ticksDue(at: 0)
        #expect(clock.ticksDue(at: 15 * Self.ms) == 1)
        #expect(clock.ticksDue(at: 25 * Self.ms) == 1)  // 25 ms hold two ticks, one was sent
        #expect(clock.ticksDue(at: 29 * Self.ms) == 0)
        #expect(clock.ticksDue(at: 30 * Self.ms) == 1)
    }

    /// After a stall the animation goes on from where it was: at most `catchUp` ticks, then the pace resumes.
    @Test func aStallCatchesUpOnlyALittle() {
        var clock = TickClock(interval: 10 * Self.ms, catchUp: 4)
        _ = clock.ticksDue(at: 0)
        #expect(clock.ticksDue(at: 5_000 * Self.ms) == 4)
        #expect(clock.ticksDue(at: 5_010 * Self.ms) == 1)
        #expect(clock.ticksDue(at: 5_009 * Self.ms) == 0)  // a clock read twice in the same instant sends nothing
    }

    @Test func stoppingForgetsTheIdleTime() {
        var clock = TickClock(interval: 10 * Self.ms)
        _ = clock.ticksDue(at: 0)
        clock.stop()
        #expect(clock.ticksDue(at: 60_000 * Self.ms) == 1)
        #expect(clock.ticksDue(at: 60_010 * Self.ms) == 1)
    }
}
