import Foundation

/// Runs a search on a background thread and streams each trial's result as it finishes.
///
/// ```swift
/// let runner = SearchRunner(search: search) { trial, cancellation in … }
/// for await result in runner.results() { … }   // or start(onResult:onFinish:)
/// runner.cancel()                               // from any thread: stops after the step under way
/// ```
///
/// The trials run one at a time, in order, so a seeded search streams the same results every time.
public final class SearchRunner: Sendable {
    public typealias Objective = @Sendable (Trial, SearchCancellation) -> TrialOutcome?

    public let search: Search
    public let cancellation = SearchCancellation()
    private let objective: Objective
    private let finished = DispatchSemaphore(value: 0)
    private let collected = ResultBox()

    public init(search: Search, objective: @escaping Objective) {
        self.search = search
        self.objective = objective
    }

    /// Starts the search on its own thread. `onResult` is called on that thread after each trial,
    /// `onFinish` once with every finished trial and whether the search was cancelled.
    public func start(onResult: @escaping @Sendable (TrialResult) -> Void = { _ in },
                      onFinish: @escaping @Sendable ([TrialResult], _ cancelled: Bool) -> Void = { _, _ in }) {
        let search = search
        let objective = objective
        let cancellation = cancellation
        let collected = collected
        let finished = finished
        let thread = Thread {
            let results = search.run(cancellation: cancellation, objective: objective) { result in
                collected.append(result)
                onResult(result)
            }
            onFinish(results, cancellation.isCancelled)
            finished.signal()
        }
        thread.name = "gradschool search"
        // Training deep networks recurses little, but the default secondary-thread stack is small on some systems.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Starts the search and streams its results; the stream ends when the search does. Stopping the
    /// iteration (or cancelling its task) cancels the search.
    public func results() -> AsyncStream<TrialResult> {
        let (stream, continuation) = AsyncStream.makeStream(of: TrialResult.self, bufferingPolicy: .unbounded)
        let cancellation = cancellation
        continuation.onTermination = { _ in cancellation.cancel() }
        start(onResult: { continuation.yield($0) }, onFinish: { _, _ in continuation.finish() })
        return stream
    }

    /// Stops the search: the trial under way stops at its next check and is left out.
    public func cancel() { cancellation.cancel() }

    /// Blocks until the search has finished, then returns every finished trial.
    public func waitUntilFinished() -> [TrialResult] {
        finished.wait()
        finished.signal()
        return collected.values
    }

    /// The trials finished so far.
    public var resultsSoFar: [TrialResult] { collected.values }
}

/// Results appended by the search thread and read from others.
private final class ResultBox: @unchecked Sendable {
    // The lock guards `stored`.
    private let lock = NSLock()
    private var stored: [TrialResult] = []

    func append(_ result: TrialResult) {
        lock.lock()
        stored.append(result)
        lock.unlock()
    }

    var values: [TrialResult] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
