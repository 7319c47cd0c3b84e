extension Tutor {
    /// Opens the playground (the default run, or `playground` as given) and starts its live run, paused.
    @discardableResult
    public mutating func openPlayground(_ playground: PlaygroundScreen = PlaygroundScreen()) -> [Effect] {
        var playground = playground
        let effects = playground.opened()
        screen = .playground(playground)
        overlay = nil
        return effects
    }

    /// The playground's layout on this terminal.
    var playgroundLayout: PlaygroundLayout {
        PlaygroundLayout(width: width, height: height)
    }

    mutating func handlePlayground(_ key: Key) -> [Effect] {
        guard case .playground(var playground) = screen else { return [] }
        let effects = playground.handle(key, limits: playgroundLayout.limits(for: playground))
        screen = .playground(playground)
        return effects
    }

    mutating func tickPlayground() -> [Effect] {
        guard case .playground(var playground) = screen else { return [] }
        let effects = playground.tick()
        screen = .playground(playground)
        return effects
    }

    mutating func receivePlayground(_ result: PlaygroundFileResult) -> [Effect] {
        guard case .playground(var playground) = screen else { return [] }
        let effects = playground.receive(result)
        screen = .playground(playground)
        return effects
    }

    mutating func clickPlayground(x: Int, y: Int) -> [Effect] {
        guard case .playground(var playground) = screen else { return [] }
        let layout = playgroundLayout
        let effects = playground.click(x: x, y: y, layout: layout, glyphs: glyphs, limits: layout.limits(for: playground))
        screen = .playground(playground)
        return effects
    }

    mutating func scrollPlayground(_ lines: Int) -> [Effect] {
        guard case .playground(var playground) = screen else { return [] }
        let effects = playground.handle(lines > 0 ? .down : .up, limits: playgroundLayout.limits(for: playground))
        screen = .playground(playground)
        return effects
    }
}
