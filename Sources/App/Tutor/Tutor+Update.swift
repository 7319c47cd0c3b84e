import Curriculum

extension Tutor {
    /// Applies one message and returns the effects the runner should carry out.
    ///
    /// Screens and widgets report back the same way the tutor does, with effects: the requests they make
    /// of the tutor (`Effect.screen`) are carried out here, in order, and the rest go to the runner.
    public mutating func update(_ message: Message) -> [Effect] {
        var pending = process(message)
        var effects: [Effect] = []
        while !pending.isEmpty {
            let effect = pending.removeFirst()
            if case .screen(let request) = effect {
                pending.insert(contentsOf: carryOut(request), at: 0)
            } else {
                effects.append(effect)
            }
        }
        return effects
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
                let effects = reader.tick()
                screen = .reader(reader)
                return effects
            case .playground:
                return tickPlayground()
            case .imagePlayground:
                return tickImagePlayground()
            default:
                return []
            }
        case .playground(let result):
            return receivePlaygroundFile(result)
        case .sequenceFiles(let result):
            return updateSequencePlayground { $0.receive(result) }
        case .live(let snapshot):
            if case .reader(var reader) = screen, reader.owns(snapshot.run) {
                let effects = reader.receive(snapshot)
                screen = .reader(reader)
                return effects
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
            return effects
        }
    }

    private mutating func handle(_ key: Key) -> [Effect] {
        // A playground prompt takes every key as text, and a question (replace these files?) takes every key
        // as its answer (Ctrl-C still quits).
        if overlay == nil, key != .control("c"), case .playground(let playground) = screen, playground.isTakingText {
            return handlePlayground(key)
        }
        if overlay == nil, key != .control("c"), case .sequencePlayground(let playground) = screen, playground.isTakingText {
            return updateSequencePlayground { $0.handle(key) }
        }
        if overlay == nil, key != .control("c"), case .imagePlayground(let playground) = screen, playground.isTakingText {
            return handleImagePlayground(key)
        }
        // So does a number box on a lesson page: a `q` typed there is a slip, not a wish to leave.
        if overlay == nil, key == .character("q"), case .reader(let reader) = screen, reader.elements.isTakingText {
            return []
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
            let effects = home.handle(key, in: self)
            screen = .home(home)
            return effects
        case .reader(var reader):
            let effects = reader.handle(key, width: width, height: height, glyphs: glyphs, now: now)
            screen = .reader(reader)
            return effects
        case .quiz:
            return handleQuiz(key)
        case .playground:
            return handlePlayground(key)
        case .sequencePlayground:
            return updateSequencePlayground { $0.handle(key) }
        case .imagePlayground:
            return handleImagePlayground(key)
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
                let stops = reader.go(to: selected)
                screen = .reader(reader)
                return stops + markCurrentPageRead()
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
        case .sequencePlayground:
            return updateSequencePlayground { $0.handle(lines > 0 ? .down : .up) }
        case .imagePlayground:
            return handleImagePlayground(lines > 0 ? .down : .up)
        }
        return []
    }

    /// Carries out what a screen or widget asked of the tutor.
    private mutating func carryOut(_ request: ScreenRequest) -> [Effect] {
        switch request {
        case .keyNotUsed:
            return []
        case .openLesson(let id):
            return openLesson(id: id)
        case .lessonAfter(let id):
            guard let index = library.lessons.firstIndex(where: { $0.id == id }), index + 1 < library.lessons.count else {
                return carryOut(.goHome)
            }
            var stops: [Effect] = []
            if case .reader(let reader) = screen { stops = reader.closingEffects() }
            // The next lesson opens where the learner left it, as from home (its first page if new).
            return stops + openLesson(id: library.lessons[index + 1].id)
        case .goHome:
            if returnToQuiz() { return [] }
            var home = HomeScreen()
            var stops: [Effect] = []
            if case .reader(let reader) = screen {
                home.selected = library.lessons.firstIndex { $0.id == reader.lesson.id } ?? 0
                stops = reader.closingEffects()
            }
            screen = .home(home)
            return stops
        case .pageChanged:
            return markCurrentPageRead()
        case .openQuiz:
            return openQuiz()
        case .openQuizPage(let lessonID, let page):
            return openPageFromQuiz(lessonID: lessonID, page: page)
        case .leaveQuiz:
            return leaveQuiz()
        case .showContents:
            if case .reader(let reader) = screen { overlay = .contents(selected: reader.page) }
            return []
        case .answeredQuiz(let quizID, let answer):
            return recordAnswer(answer, toQuiz: quizID)
        case .openPlayground:
            return openPlayground()
        case .openSequencePlayground:
            return openSequencePlayground()
        case .openImagePlayground:
            return openImagePlayground()
        case .leavePlayground:
            screen = .home(HomeScreen(selected: library.lessons.count))
            return []
        }
    }
}
