import Neural

/// Training done by earlier starts of the live run, carried over when a change (another optimizer, a
/// new batch size, an edited weight) restarts the run from the current weights.
///
/// The engine's trainer counts from zero at every start; the playground shows one continuous run, so
/// epochs, steps and the loss history of the earlier starts are added in front.
struct PlaygroundProgress: Equatable, Sendable {
    var epochs = 0
    var steps = 0
    var history: [EpochRecord] = []

    /// Adds a finished start's training.
    mutating func carry(_ snapshot: TrainingSnapshot) {
        let offset = epochs
        history += snapshot.history.map { record in
            var shifted = record
            shifted.epoch += offset
            return shifted
        }
        // The carried records stay bounded like a run's own: the older half keeps every other one.
        while history.count > PlaygroundScreen.historyLimit {
            let older = history.count / 2
            history = history[..<older].enumerated().filter { $0.offset.isMultiple(of: 2) }.map(\.element) + history[older...]
        }
        epochs += snapshot.epoch
        steps += snapshot.stepCount
    }
}
