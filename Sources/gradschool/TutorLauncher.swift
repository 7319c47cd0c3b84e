import App
import ArgumentParser
import Canvas
import Curriculum
import Foundation
import TerminalBackend

/// Opens the terminal, runs the tutor's message loop, and carries out its effects.
struct TutorLauncher {
    let library: LessonLibrary
    /// Where progress is kept; nil for the default learner's file (or `GRADSCHOOL_PROFILE`'s).
    var progressFile: URL?
    var environment = ProcessInfo.processInfo.environment

    /// Runs the tutor until the learner quits; the terminal is restored however it ends.
    ///
    /// Runs on the main thread: worker threads block signals, and ncurses needs SIGWINCH to interrupt
    /// its read so a resize is noticed at once.
    @MainActor
    func run(openingLesson lessonID: String? = nil, openingQuiz quiz: QuizOptions? = nil,
             openingPlayground playground: PlaygroundScreen? = nil, openingImagePlayground imagePlayground: ImagePlaygroundScreen? = nil,
             openingSequencePlayground sequencePlayground: SequencePlaygroundScreen? = nil) throws {
        let file: URL
        if let progressFile {
            file = progressFile
        } else {
            do {
                file = try ProgressProfile.file(profile: ProgressProfile.name(explicit: nil, environment: environment),
                                                environment: environment)
            } catch {
                throw ValidationError(error.description)
            }
        }
        let store = ProgressStore(file: ProgressStore.databaseFile(besideJSON: file), legacyFile: file)
        var notices = store.notices
        var progress = LearnerProgress()
        do {
            progress = try store.load()
        } catch {
            notices.append(error.description)
        }
        let session: TerminalSession
        do {
            session = try TerminalSession(environment: environment, captureMouse: true)
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(69) // EX_UNAVAILABLE: the service needed is not available.
        }
        defer { session.close() }

        var tutor = Tutor(
            library: library, progress: progress, notices: notices,
            width: session.width, height: session.height, colors: session.colorMode,
            glyphs: session.isUnicode ? .unicode : .ascii
        )
        var pending: [Effect] = []
        if let lessonID { pending += tutor.openLesson(id: lessonID) }
        if let quiz { pending += tutor.openQuiz(quiz) }
        if let playground { pending += tutor.openPlayground(playground) }
        if let sequencePlayground { pending += tutor.openSequencePlayground(sequencePlayground) }
        if let imagePlayground { pending += tutor.openImagePlayground(imagePlayground) }

        // Live training runs on threads of the host; the tutor only sees their snapshots.
        let live = LiveTrainingSessions()
        defer { live.stopAll() }

        var needsDrawing = true
        var lastPoll: UInt64 = 0
        var ticks = TickClock(interval: Self.frameInterval)
        var storeVersion = store.changeCounter()
        while !tutor.hasQuit {
            // Effects first, so a failed save is on screen in the same frame.
            while !pending.isEmpty {
                let effect = pending.removeFirst()
                for result in perform(effect, store: store, session: session, live: live) {
                    pending += tutor.update(result)
                }
                needsDrawing = true
            }
            // Another tutor or quiz on this profile recorded something: read the progress again.
            let version = store.changeCounter()
            if version != storeVersion {
                storeVersion = version
                if let stored = try? store.load() { pending += tutor.update(.progressLoaded(stored)) }
                needsDrawing = true
                continue
            }
            if tutor.hasQuit { break }
            if needsDrawing {
                session.present(tutor.view())
                live.frameDrawn()
                needsDrawing = false
            }
            // While something moves, wake up every frame; otherwise sleep until the learner acts.
            let ticking = tutor.isAnimating || live.needsPolling
            var timeout: Duration?
            if ticking {
                let sinceLastPoll = DispatchTime.now().uptimeNanoseconds - lastPoll
                timeout = .nanoseconds(Int64(max(1_000_000, Self.frameInterval &- min(sinceLastPoll, Self.frameInterval))))
            }
            let event = session.nextEvent(timeout: timeout)
            tutor.now = Date()
            let before = tutor
            // A closed terminal ends the tutor at once; progress was saved as it changed.
            if event == .closed { break }
            if let event, let message = Self.message(for: event) {
                pending += tutor.update(message)
            }
            // A frame's worth of time has passed: the latest snapshots, then a tick for whatever animates.
            // Every animating frame ticks, whether or not a run sent news: a live run on screen must not
            // stall the other animations beside it (a widget playing, the playground's paced steps).
            let now = DispatchTime.now().uptimeNanoseconds
            if ticking && now - lastPoll >= Self.frameInterval {
                lastPoll = now
                for snapshot in live.poll() { pending += tutor.update(.live(snapshot)) }
                // As many ticks as the time since the last one holds, so paces keep to the wall clock
                // when frames take longer than 1/60 s. Catching up stops once this frame's ticks have
                // taken a quarter of a frame: a widget that trains on each tick would otherwise make
                // the slow frame slower still.
                if tutor.isAnimating {
                    var spent: UInt64 = 0
                    for index in 0..<ticks.ticksDue(at: now) where tutor.isAnimating {
                        if index > 0 && spent > Self.frameInterval / 4 { break }
                        let start = DispatchTime.now().uptimeNanoseconds
                        pending += tutor.update(.tick)
                        spent += DispatchTime.now().uptimeNanoseconds - start
                    }
                } else {
                    ticks.stop()
                }
            }
            if !ticking { ticks.stop() }
            needsDrawing = needsDrawing || tutor != before || Self.forcesRepaint(event)
        }
    }

    /// The time between frames while something moves: 60 frames a second at most.
    static let frameInterval: UInt64 = 16_666_666

    /// Carries out one effect; the message it produces, if any, goes back to the tutor.
    @MainActor
    private func perform(_ effect: Effect, store: ProgressStore, session: TerminalSession, live: LiveTrainingHost) -> [Message] {
        switch effect {
        case .record(let event):
            // A file that cannot be written (read-only, a directory in the way) is never replaced.
            guard store.isWritable else {
                return [.progressSaveFailed("\(store.file.path) cannot be written, so this is not saved; see the note on home")]
            }
            do {
                // The tutor applied the event already; what other tutors record is read when the
                // store's change counter says they wrote something.
                try store.record(event)
                return [.progressSaved]
            } catch {
                return [.progressSaveFailed(error.description)]
            }
        case .captureMouse(let on):
            session.setMouseCapture(on)
            return []
        case .live(let request):
            live.perform(request)
            return []
        case .playground(let request):
            return [.playground(PlaygroundFiles.perform(request))]
        case .sequenceFiles(let request):
            return [.sequenceFiles(SequencePlaygroundFiles.perform(request))]
        case .quit, .screen:
            // The tutor carries out screen requests itself; none reach here.
            return []
        }
    }

    /// A resize or resume needs a full repaint even when the tutor's state did not change.
    private static func forcesRepaint(_ event: TerminalEvent?) -> Bool {
        if case .resize? = event { true } else { false }
    }

    /// The tutor's message for a terminal event.
    static func message(for event: TerminalEvent) -> Message? {
        switch event {
        case .key(let key): .key(Self.key(for: key))
        case .wheel(let notches): .scroll(notches)
        case .press(let x, let y): .click(x: x, y: y)
        case .resize(let width, let height): .resize(width: width, height: height)
        case .closed: nil
        }
    }

    private static func key(for key: TerminalKey) -> Key {
        switch key {
        case .character(let character): .character(character)
        case .control(let letter): .control(letter)
        case .up: .up
        case .down: .down
        case .left: .left
        case .right: .right
        case .pageUp: .pageUp
        case .pageDown: .pageDown
        case .home: .home
        case .end: .end
        case .enter: .enter
        case .escape: .escape
        case .backspace: .backspace
        case .tab: .tab
        case .backTab: .backTab
        case .delete, .insert: .delete
        case .function(let number): .function(number)
        }
    }
}
