/// The runner's side of live training: it carries out `Effect.live` requests and reports every run's
/// progress back as `Message.live` snapshots.
///
/// The tutor stays a value: a screen never holds a thread or a session. It asks for a run in
/// `update` and draws whatever snapshot arrived last. One frame of the runner's loop is
///
/// ```swift
/// for effect in tutor.update(message) {                 // e.g. a key that starts a run
///     if case .live(let request) = effect { host.perform(request) }
/// }
/// session.present(tutor.view()); host.frameDrawn()
/// let wait = tutor.isAnimating || host.needsPolling ? frameInterval : nil   // sleep when nothing runs
/// … wait for a key or the timeout …
/// for snapshot in host.poll() { effects += tutor.update(.live(snapshot)) }
/// ```
///
/// and a screen that trains looks like
///
/// ```swift
/// // start, paused, then play:
/// return [.live(.start("lesson:train:1", spec)), .live(.send("lesson:train:1", .play))]
/// // each frame while it plays:
/// case .live(let snapshot) where snapshot.run == "lesson:train:1": latest = snapshot
/// // leaving the page:
/// return [.live(.stop("lesson:train:1"))]
/// ```
///
/// `LiveTrainingSessions` is the real host (one `TrainingSession` thread per run);
/// `SteppedLiveTraining` does the same work synchronously, for tests.
public protocol LiveTrainingHost: AnyObject {
    /// Starts, commands or stops a run.
    func perform(_ request: LiveTrainingRequest)
    /// The latest snapshot of every run that changed since the last poll (a new run always reports once).
    func poll() -> [LiveSnapshot]
    /// Whether the runner should keep waking up to poll: some run plays, or a command was sent a moment
    /// ago and its result may not have been published yet.
    var needsPolling: Bool { get }
    /// The runs that exist.
    var runs: [LiveRunID] { get }
    /// Tells the host a frame was drawn, so snapshots can carry the frame rate.
    func frameDrawn()
    /// Stops every run (when the tutor quits).
    func stopAll()
}
