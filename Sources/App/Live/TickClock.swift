/// How many ticks are due: the tutor's animations are paced in ticks of 1/60 s (`WidgetClock`), and a
/// frame that took longer than that (a big terminal, a slow link, training beside it) must not slow the
/// pace a widget states ("240 iterations a second", "a step every third of a second"). The runner asks
/// at each frame how many ticks the time since the last one holds and sends that many, so the pace
/// follows the wall clock while frames drop. (The runner stops catching up once a frame's ticks have
/// taken a quarter of a frame, so a widget whose tick is itself work keeps its frame rate instead.)
///
/// A frame catches up at most `catchUp` ticks: after a stall (the machine suspended, the terminal
/// stopped) the animation goes on from where it was instead of racing through the missed time, and a
/// tick that is itself slow cannot make the next frame slower still without bound.
public struct TickClock: Sendable, Equatable {
    /// The length of a tick, in nanoseconds.
    public let interval: UInt64
    /// The most ticks one frame sends.
    public let catchUp: Int
    /// The time the ticks sent so far account for; nil while nothing animates.
    private var accounted: UInt64?

    public init(interval: UInt64, catchUp: Int = 4) {
        precondition(interval > 0 && catchUp > 0, "a tick clock needs a positive interval and catch-up")
        self.interval = interval
        self.catchUp = catchUp
    }

    /// The ticks due at `now` (nanoseconds of a monotonic clock), 0 to `catchUp`. The first call after
    /// `stop()` (or ever) gives one tick, so an animation starts at once.
    public mutating func ticksDue(at now: UInt64) -> Int {
        guard let last = accounted else {
            accounted = now
            return 1
        }
        guard now > last else { return 0 }
        let due = Int((now - last) / interval)
        if due > catchUp {
            accounted = now
            return catchUp
        }
        accounted = last + UInt64(due) * interval
        return due
    }

    /// Nothing animates any more: the next animation starts afresh rather than catching up the idle time.
    public mutating func stop() { accounted = nil }
}
