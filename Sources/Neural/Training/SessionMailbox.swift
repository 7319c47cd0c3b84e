import Foundation

/// Where a screen and the thread that trains for it meet: commands go to the thread in the order they were
/// sent, and the latest published state comes back. Both sit behind one lock, and nothing else is shared,
/// so the trainer itself is only ever touched by its own thread.
///
/// `TrainingSession` and `GANSession` each run their own loop on the thread; this keeps the part they
/// share: starting the thread once, the queue, publishing, waiting, and stopping.
final class SessionMailbox<Command: Sendable, Published: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var commands: [Command] = []
    private var published: Published
    private var stopping = false
    private var launched = false
    private var finished = false

    init(published: Published) {
        self.published = published
    }

    /// Runs `body` on a new thread named `name`, the first time only.
    func launch(name: String, _ body: @escaping @Sendable () -> Void) {
        condition.lock()
        guard !launched else { condition.unlock(); return }
        launched = true
        condition.unlock()
        let thread = Thread(block: body)
        thread.name = name
        thread.qualityOfService = .userInitiated
        thread.start()
    }

    func send(_ command: Command) {
        condition.lock()
        commands.append(command)
        condition.signal()
        condition.unlock()
    }

    /// Asks the thread to end and waits until it has finished what it is doing (at once when it was never
    /// launched). Waits even when the thread was launched but has not begun to run yet.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !finished && launched { _ = condition.wait(until: Date(timeIntervalSinceNow: 0.05)) }
        condition.unlock()
    }

    /// The most recently published state.
    var latest: Published {
        condition.lock()
        defer { condition.unlock() }
        return published
    }

    /// On the thread: makes `next` the state screens read, and wakes whoever waits for it.
    func publish(_ next: Published) {
        condition.lock()
        published = next
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until a published state satisfies `predicate`, or `timeout` seconds pass.
    func wait(timeout: Double, until predicate: (Published) -> Bool) -> Published {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while !predicate(published) && Date() < deadline { _ = condition.wait(until: min(deadline, Date(timeIntervalSinceNow: 0.01))) }
        return published
    }

    /// On the thread: the commands sent since the last call, in order, after sleeping while there are none
    /// and `isIdle()` holds (asked under the lock, so it must only read the thread's own state); nil once a
    /// stop is asked, when the thread must return.
    func take(sleepingWhile isIdle: () -> Bool) -> [Command]? {
        condition.lock()
        while commands.isEmpty && !stopping && isIdle() { condition.wait() }
        if stopping {
            finished = true
            condition.broadcast()
            condition.unlock()
            return nil
        }
        let received = commands
        commands.removeAll(keepingCapacity: true)
        condition.unlock()
        return received
    }

    /// Whether commands are waiting or a stop was asked: checked between batches, so keys answer within one.
    var hasPending: Bool {
        condition.lock()
        defer { condition.unlock() }
        return !commands.isEmpty || stopping
    }

    /// Whether a stop was asked.
    var isStopping: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopping
    }

    /// Whether the thread has ended (or was never launched).
    var hasEnded: Bool {
        condition.lock()
        defer { condition.unlock() }
        return finished || !launched
    }
}
