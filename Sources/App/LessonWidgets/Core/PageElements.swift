import Foundation
import Curriculum

/// One interactive part of a page: a live widget or a quiz.
enum PageElement: Equatable, Sendable {
    case widget(WidgetHost)
    case quiz(QuizState)
}

/// The live widgets and quizzes of the page being read, in page order, and which one has the focus.
///
/// `Tab` and `Shift-Tab` move the focus through them (and back to the page text after the last);
/// while one has the focus it gets the keys first, and keys it does not use go on to the reader.
/// `Esc` gives the focus back to the page.
struct PageElements: Equatable, Sendable {
    private(set) var items: [PageElement]
    /// The index in `items` of the focused element; nil while the page text has the keys.
    private(set) var focus: Int?

    /// The elements of `page`, quizzes with numbers drawn from `seed`; live training runs are named
    /// `runPrefix:N` for the N-th element.
    init(page: LessonPage?, seed: UInt64, runPrefix: String) {
        var items: [PageElement] = []
        for block in page?.blocks ?? [] {
            switch block {
            case .widget(let widget):
                items.append(.widget(WidgetFactory.make(widget, runName: "\(runPrefix):\(items.count + 1)")))
            case .quiz(let quiz):
                // Each quiz gets its own numbers, however many a page has.
                items.append(.quiz(QuizState(quiz: quiz, seed: seed &+ UInt64(items.count) &* 0x9E37_79B9_7F4A_7C15)))
            case .markdown:
                break
            }
        }
        self.items = items
    }

    var isEmpty: Bool { items.isEmpty }

    /// Moves the focus to the next element (`forward`) or the previous one, passing through "none".
    mutating func moveFocus(forward: Bool) {
        guard !items.isEmpty else { return }
        switch (focus, forward) {
        case (nil, true): focus = 0
        case (nil, false): focus = items.count - 1
        case (let index?, true): focus = index + 1 < items.count ? index + 1 : nil
        case (let index?, false): focus = index > 0 ? index - 1 : nil
        }
    }

    /// Whether the focused element is a box the learner types a number into.
    var isTakingText: Bool {
        guard let focus, items.indices.contains(focus), case .quiz(let quiz) = items[focus] else { return false }
        return quiz.numericAnswer != nil
    }

    /// Gives the keys to element `index`.
    mutating func focus(_ index: Int) {
        if items.indices.contains(index) { focus = index }
    }

    /// Gives the keys back to the page text.
    mutating func releaseFocus() { focus = nil }

    /// Offers `key` to the focused element: a key it does not use comes back as `.screen(.keyNotUsed)`,
    /// an answered quiz as `.screen(.answeredQuiz)`.
    mutating func handle(_ key: Key, now: Date) -> [Effect] {
        guard let focus, items.indices.contains(focus) else { return [.screen(.keyNotUsed)] }
        switch items[focus] {
        case .widget(var host):
            let effects = host.update(.key(key))
            items[focus] = .widget(host)
            return effects
        case .quiz(var quiz):
            let effects = quiz.handle(key, now: now)
            items[focus] = .quiz(quiz)
            return effects
        }
    }

    /// Whether any widget on the page is moving.
    var isAnimating: Bool {
        items.contains { if case .widget(let host) = $0 { host.isAnimating } else { false } }
    }

    /// The live training runs the page's widgets have started.
    var liveRuns: [LiveRunID] {
        items.flatMap { item -> [LiveRunID] in
            if case .widget(let host) = item { return host.widget.liveRuns }
            return []
        }
    }

    /// Whether a widget on the page owns the run.
    func owns(_ run: LiveRunID) -> Bool { liveRuns.contains(run) }

    /// Hands a live snapshot to the widget that owns its run.
    mutating func receive(_ snapshot: LiveSnapshot) -> [Effect] {
        for index in items.indices {
            guard case .widget(var host) = items[index], host.widget.liveRuns.contains(snapshot.run) else { continue }
            let effects = host.update(.live(snapshot))
            items[index] = .widget(host)
            return effects
        }
        return []
    }

    /// One frame of time for every moving widget.
    mutating func tick() -> [Effect] {
        var effects: [Effect] = []
        for index in items.indices {
            guard case .widget(var host) = items[index], host.isAnimating else { continue }
            effects += host.update(.tick)
            items[index] = .widget(host)
        }
        return effects
    }
}
