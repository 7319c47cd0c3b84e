extension Tutor {
    /// Opens the playground's sequence mode (the default run, or `playground` as given) and starts its run, paused.
    @discardableResult
    public mutating func openSequencePlayground(_ playground: SequencePlaygroundScreen = SequencePlaygroundScreen()) -> [Effect] {
        var stops: [Effect] = []
        if case .playground(var dense) = screen { stops = dense.closed() }
        var playground = playground
        let effects = playground.opened()
        screen = .sequencePlayground(playground)
        overlay = nil
        return stops + effects
    }

    /// Applies `change` to the sequence mode on show; nothing when another screen shows.
    mutating func updateSequencePlayground(_ change: (inout SequencePlaygroundScreen) -> [Effect]) -> [Effect] {
        guard case .sequencePlayground(var playground) = screen else { return [] }
        let effects = change(&playground)
        screen = .sequencePlayground(playground)
        return effects
    }
}
