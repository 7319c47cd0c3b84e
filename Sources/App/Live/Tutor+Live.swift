extension Tutor {
    /// The live runs the screen on show owns; a snapshot of any other run is stale.
    var ownedRuns: Set<LiveRunID> {
        if case .playground = screen { return [PlaygroundScreen.run] }
        if case .sequencePlayground = screen { return [SequencePlaygroundScreen.run] }
        if case .imagePlayground = screen { return [ImagePlaygroundScreen.run] }
        return []
    }

    /// Hands a live snapshot to the screen that owns its run.
    ///
    /// A snapshot no screen claims belongs to a run left behind (its screen closed before the stop
    /// arrived), so the run is stopped rather than left training unseen.
    mutating func receive(_ snapshot: LiveSnapshot) -> [Effect] {
        guard ownedRuns.contains(snapshot.run) else { return [.live(.stop(snapshot.run))] }
        if case .playground(var playground) = screen, snapshot.run == PlaygroundScreen.run {
            let effects = playground.receive(snapshot)
            screen = .playground(playground)
            return effects
        }
        if case .sequencePlayground = screen, snapshot.run == SequencePlaygroundScreen.run {
            return updateSequencePlayground { $0.receive(snapshot) }
        }
        if case .imagePlayground = screen { return receiveImagePlayground(snapshot) }
        return []
    }
}
