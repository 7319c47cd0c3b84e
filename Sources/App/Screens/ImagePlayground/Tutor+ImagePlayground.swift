extension Tutor {
    /// Opens the image playground (the default run, or `playground` as given) and starts its live run, paused.
    @discardableResult
    public mutating func openImagePlayground(_ playground: ImagePlaygroundScreen = ImagePlaygroundScreen()) -> [Effect] {
        var playground = playground
        var effects: [Effect] = []
        if case .playground(var dense) = screen { effects += dense.closed() }
        effects += playground.opened()
        screen = .imagePlayground(playground)
        overlay = nil
        return effects
    }

    mutating func handleImagePlayground(_ key: Key) -> [Effect] {
        guard case .imagePlayground(var playground) = screen else { return [] }
        let effects = playground.handle(key)
        screen = .imagePlayground(playground)
        return effects
    }

    mutating func tickImagePlayground() -> [Effect] {
        guard case .imagePlayground(var playground) = screen else { return [] }
        let effects = playground.tick()
        screen = .imagePlayground(playground)
        return effects
    }

    mutating func receiveImagePlayground(_ snapshot: LiveSnapshot) -> [Effect] {
        guard case .imagePlayground(var playground) = screen else { return [] }
        let effects = playground.receive(snapshot)
        screen = .imagePlayground(playground)
        return effects
    }

    /// The sequence mode with the settings of a `mode: sequences` file opened from another mode.
    private mutating func openSequence(_ configuration: SequencePlaygroundConfiguration, from path: String) -> [Effect] {
        var sequences = SequencePlaygroundScreen(configuration: configuration)
        sequences.lastConfigurationPath = path
        sequences.notice = "Opened \(path): press Space to train."
        return openSequencePlayground(sequences)
    }

    /// The answer to a file request: a sequence configuration opens the sequence mode and opens the image playground wherever it was asked
    /// for, and a dense one opened from the image playground goes to the dense playground.
    mutating func receivePlaygroundFile(_ result: PlaygroundFileResult) -> [Effect] {
        switch (screen, result) {
        case (.playground, .openedImages(let path, let configuration)):
            var playground = ImagePlaygroundScreen(configuration: configuration)
            playground.lastConfigurationPath = path
            playground.notice = playground.notice ?? "Opened \(path): press Space to train."
            return openImagePlayground(playground)
        case (.playground(var playground), .openedSequences(let path, let configuration)):
            let effects = playground.closed()
            return effects + openSequence(configuration, from: path)
        case (.imagePlayground(var playground), .openedSequences(let path, let configuration)):
            let effects = playground.closed()
            return effects + openSequence(configuration, from: path)
        case (.imagePlayground(var playground), .opened):
            let effects = playground.closed()
            return effects + openPlayground() + receivePlayground(result)
        case (.imagePlayground(var playground), _):
            let effects = playground.receive(result)
            screen = .imagePlayground(playground)
            return effects
        default:
            return receivePlayground(result)
        }
    }
}
