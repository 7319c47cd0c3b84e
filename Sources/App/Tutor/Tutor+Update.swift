import Curriculum

extension Tutor {
    /// Applies one message and returns the effects the runner should carry out.
    public mutating func update(_ message: Message) -> [Effect] {
        let effects = process(message)
        // Widgets ask for live training runs as they go; the requests leave with this update's effects.
        guard case .reader(var reader) = screen else { return effects }
        let requests = reader.takeLiveRequests()
        guard !requests.isEmpty else { return effects }
        screen = .reader(reader)
        return effects + requests.map(Effect.live)
    }

    private mutating func process(_ message: Message) -> [Effect] {
        switch message {
        case .resize(let newWidth, let newHeight):
            width = max(0, newWidth)
            height = max(0, newHeight)
            if case .reader(var reader) = screen {
                reader.clampScroll(width: width, height: height, glyphs: glyphs)
                screen = .reader(reader)
            }
            return []
        case .tick:
            switch screen {
            case .reader(var reader) where reader.isAnimating:
                reader.tick()
                screen = .reader(reader)
                return []
            case .playground:
                return tickPlayground()
            default:
                return []
            }
        case .playground(let result):
            return receivePlayground(result)
        case .live(let snapshot):
            if case .reader(var reader) = screen, reader.receive(snapshot) {
                screen = .reader(reader)
                return []
            }
            return receive(snapshot)
        case .progressSaved:
            saveFailure = nil
            return []
        case .progressLoaded(let stored):
            progress = stored
            return []
        case .progressSaveFailed(let reason):
            saveFailure = reason
            return []
        case .key(let key):
            return handle(key)
        case .scroll(let lines):
            guard overlay == nil, !isTooSmall else { return [] }
            return handleScroll(lines)
        case .click(let x, let y):
            guard overlay == nil, !isTooSmall else { return [] }
            if case .playground = screen { return clickPlayground(x: x, y: y) }
            guard case .home(var home) = screen else { return [] }
            let effects = home.click(x: x, y: y, in: self)
            screen = .home(home)
            return effects.flatMap { apply($0) }
        }
    }

    private mutating func handle(_ key: Key) -> [Effect] {
        // A playground prompt takes every key as text (Ctrl-C still quits).
        if overlay == nil, key != .control("c"), case .playground(let playground) = screen, playground.isTakingText {
            return handlePlayground(key)
        }
        // Quitting works from everywhere, even a screen too small to draw.
        if key == .character("q") || key == .control("c") {
            if case .confirmQuit = overlay { return quitAnyway() }
            return requestQuit()
        }
        if isTooSmall { return [] }
        if let overlay { return handleOverlay(overlay, key) }
        switch key {
        case .character("?"), .function(1):
            overlay = .help
            return []
        case .character("m"):
            mouseCaptured.toggle()
            return [.captureMouse(mouseCaptured)]
        default:
            break
        }
        switch screen {
        case .home(var home):
            let actions = home.handle(key, in: self)
            screen = .home(home)
            return actions.flatMap { apply($0) }
        case .reader(var reader):
            let action = reader.handle(key, width: width, height: height, glyphs: glyphs, now: now)
            screen = .reader(reader)
            return apply(action)
        case .quiz:
            return handleQuiz(key)
        case .playground:
            return handlePlayground(key)
        }
    }

    /// Quits although progress would be lost: the learner said so.
    private mutating func quitAnyway() -> [Effect] {
        overlay = nil
        hasQuit = true
        return [.quit]
    }

    private mutating func handleOverlay(_ current: Overlay, _ key: Key) -> [Effect] {
        switch current {
        case .help:
            // Any key closes help; the key is not passed on, so a learner cannot act by accident.
            overlay = nil
            return []
        case .confirmQuit:
            switch key {
            case .character("y"), .character("Y"):
                return quitAnyway()
            default:
                overlay = nil
                return []
            }
        case .contents(let selected):
            guard case .reader(var reader) = screen else { overlay = nil; return [] }
            let pageCount = reader.lesson.pages.count
            switch key {
            case .up, .character("k"): overlay = .contents(selected: max(0, selected - 1))
            case .down, .character("j"): overlay = .contents(selected: min(pageCount - 1, selected + 1))
            case .home, .character("g"): overlay = .contents(selected: 0)
            case .end, .character("G"): overlay = .contents(selected: pageCount - 1)
            case .enter, .right, .character("l"):
                overlay = nil
                reader.go(to: selected)
                screen = .reader(reader)
                return markCurrentPageRead()
            case .escape, .character("t"), .left, .backspace:
                overlay = nil
            default:
                break
            }
            return []
        }
    }

    private mutating func handleScroll(_ lines: Int) -> [Effect] {
        switch screen {
        case .home(var home):
            home.moveSelection(by: lines > 0 ? 1 : -1, in: self)
            screen = .home(home)
        case .reader(var reader):
            reader.scroll(by: lines * 3, width: width, height: height, glyphs: glyphs)
            screen = .reader(reader)
        case .quiz:
            scrollQuiz(by: lines * 3)
        case .playground:
            return scrollPlayground(lines)
        }
        return []
    }

    /// Carries out what a screen asked for.
    private mutating func apply(_ action: ScreenAction) -> [Effect] {
        switch action {
        case .none:
            return []
        case .openLesson(let id):
            return openLesson(id: id)
        case .goHome:
            if returnToQuiz() { return [] }
            var home = HomeScreen()
            var stops: [Effect] = []
            if case .reader(var reader) = screen {
                home.selected = library.lessons.firstIndex { $0.id == reader.lesson.id } ?? 0
                stops = reader.closingRequests().map(Effect.live)
            }
            screen = .home(home)
            return stops
        case .pageChanged:
            return markCurrentPageRead()
        case .openQuiz:
            return openQuiz()
        case .showContents:
            if case .reader(let reader) = screen { overlay = .contents(selected: reader.page) }
            return []
        case .answeredQuiz(let quizID, let answer):
            return recordAnswer(answer, toQuiz: quizID)
        case .openPlayground:
            return openPlayground()
        }
    }
}

/// What a screen asks the tutor to do in response to a key.
enum ScreenAction: Equatable {
    case none
    case openLesson(String)
    case goHome
    case pageChanged
    case showContents
    case openQuiz
    /// The learner answered the quiz with this id.
    case answeredQuiz(String, QuizState.Answer)
    case openPlayground
}
