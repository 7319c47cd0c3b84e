/// Frames per second over the last second: the runner notes each frame it draws, a status line reads the rate.
public struct FrameRate: Sendable, Equatable {
    /// When the recent frames were drawn, in nanoseconds of a monotonic clock, oldest first.
    private var times: [UInt64] = []
    /// How far back frames count.
    public let window: UInt64

    public init(window seconds: Double = 1) {
        window = UInt64(seconds * 1e9)
    }

    /// Notes a frame drawn at `now` (nanoseconds) and forgets frames older than the window.
    public mutating func frameDrawn(at now: UInt64) {
        times.append(now)
        let oldest = now >= window ? now - window : 0
        if let keep = times.firstIndex(where: { $0 >= oldest }), keep > 0 { times.removeFirst(keep) }
    }

    /// Frames per second: the intervals between the frames in the window over the time they span; 0
    /// with fewer than two frames.
    public var framesPerSecond: Double {
        guard times.count >= 2, let first = times.first, let last = times.last, last > first else { return 0 }
        return Double(times.count - 1) / (Double(last - first) / 1e9)
    }

    /// Forgets every frame (after an idle spell, the old rate means nothing).
    public mutating func clear() { times.removeAll(keepingCapacity: true) }
}
