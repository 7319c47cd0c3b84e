import Foundation
import Canvas
import Curriculum

/// The lesson reader: one page at a time, scrolled when it is taller than the screen, with the page's
/// live widgets and quizzes.
public struct ReaderScreen: Equatable, Sendable {
    public var lesson: Lesson
    /// The page shown, from 0; `go(to:)` changes it, bringing that page's widgets and quizzes, fresh.
    public private(set) var page: Int
    /// How many lines of the page are scrolled off the top.
    public var scroll = 0
    /// The page's widgets and quizzes, and which one has the keys.
    var elements: PageElements
    /// Draws the numbers of generated quiz questions: random for each lesson opened, fixed in tests.
    let seed: UInt64

    public init(lesson: Lesson, page: Int = 0, seed: UInt64 = UInt64.random(in: 0...UInt64.max)) {
        self.lesson = lesson
        self.seed = seed
        let clamped = min(max(0, page), max(0, lesson.pages.count - 1))
        self.page = clamped
        elements = PageElements(page: lesson.pages[safe: clamped], seed: seed &+ UInt64(clamped),
                                runPrefix: "lesson:\(lesson.id):\(clamped + 1)")
    }

    private var pageSeed: UInt64 { seed &+ UInt64(page) }
    /// How this page's live training runs are named: `lesson:ID:PAGE`.
    private var runPrefix: String { "lesson:\(lesson.id):\(page + 1)" }

    /// Effects that stop every run the reader has started, for when the reader closes.
    func closingEffects() -> [Effect] {
        elements.liveRuns.map { .live(.stop($0)) }
    }

    /// Whether a widget on the page owns the run.
    func owns(_ run: LiveRunID) -> Bool { elements.owns(run) }

    /// Hands a live snapshot to the widget whose run it is.
    mutating func receive(_ snapshot: LiveSnapshot) -> [Effect] {
        elements.receive(snapshot)
    }

    /// Whether a widget on the page is moving.
    var isAnimating: Bool { elements.isAnimating }

    /// One frame of time for the page's moving widgets.
    mutating func tick() -> [Effect] { elements.tick() }

    /// Goes to page `index` (clamped), at its top; the old page's training runs stop with it.
    mutating func go(to index: Int) -> [Effect] {
        let stops = closingEffects()
        page = min(max(0, index), lesson.pages.count - 1)
        scroll = 0
        elements = PageElements(page: lesson.pages[safe: page], seed: pageSeed, runPrefix: runPrefix)
        return stops
    }

    mutating func handle(_ key: Key, width: Int, height: Int, glyphs: GlyphSet, now: Date) -> [Effect] {
        // Tab moves the focus among widgets and quizzes; the focused one gets keys first.
        switch key {
        case .tab, .backTab:
            if elements.focus == nil, let index = firstElementInView(forward: key == .tab, width: width, height: height, glyphs: glyphs) {
                // From the page text, Tab goes to the widget or quiz the learner is looking at, not the page's first.
                elements.focus(index)
            } else {
                elements.moveFocus(forward: key == .tab)
            }
            revealFocused(width: width, height: height, glyphs: glyphs, toTop: true)
            return []
        case .escape where elements.focus != nil:
            elements.releaseFocus()
            return []
        default:
            break
        }
        if elements.focus != nil {
            var effects = elements.handle(key, now: now)
            if let unused = effects.firstIndex(of: .screen(.keyNotUsed)) {
                effects.remove(at: unused)
                return effects + readerKey(key, width: width, height: height, glyphs: glyphs)
            }
            revealFocused(width: width, height: height, glyphs: glyphs, toTop: false)
            return effects
        }
        // "Press Space" (or another of its keys) under a widget in view works without Tab first.
        if let index = widgetInView(answering: key, width: width, height: height, glyphs: glyphs) {
            elements.focus(index)
            return elements.handle(key, now: now).filter { $0 != .screen(.keyNotUsed) }
        }
        return readerKey(key, width: width, height: height, glyphs: glyphs)
    }

    /// From the page text: the first element (`forward`) whose top is in view or below it, or the last
    /// whose top is above the bottom of the view.
    private func firstElementInView(forward: Bool, width: Int, height: Int, glyphs: GlyphSet) -> Int? {
        let layout = ReaderLayout(reader: self, width: width, height: height, glyphs: glyphs, colors: .none, drawsElements: false)
        let lines = layout.elementLines
        if forward { return lines.indices.first { lines[$0].upperBound > scroll } }
        return lines.indices.last { lines[$0].lowerBound < scroll + layout.body.height }
    }

    /// The one widget wholly in view that lists `key` among its keys, when the page text has the focus
    /// and the key is not one the reader itself uses (Space excepted: lessons say "press Space").
    private func widgetInView(answering key: Key, width: Int, height: Int, glyphs: GlyphSet) -> Int? {
        guard elements.focus == nil, case .character(let character) = key,
              character == " " || !Self.readerCharacters.contains(character) else { return nil }
        let layout = ReaderLayout(reader: self, width: width, height: height, glyphs: glyphs, colors: .none, drawsElements: false)
        let inView = layout.elementLines.indices.filter { index in
            let lines = layout.elementLines[index]
            guard lines.lowerBound >= scroll, lines.upperBound <= scroll + layout.body.height,
                  elements.items.indices.contains(index), case .widget(let host) = elements.items[index] else { return false }
            return host.widget.keyHints.contains { $0.answers(character) }
        }
        return inView.count == 1 ? inView[0] : nil
    }

    /// Characters the reader answers on its own.
    static let readerCharacters: Set<Character> = ["n", "l", "p", "h", "j", "k", "b", "g", "G", "t", "q", "?", "m"]

    /// A key for the page itself: turning, scrolling, contents, home.
    private mutating func readerKey(_ key: Key, width: Int, height: Int, glyphs: GlyphSet) -> [Effect] {

        let layout = ReaderLayout(reader: self, width: width, height: height, glyphs: glyphs, colors: .none, drawsElements: false)
        let bodyHeight = layout.body.height
        switch key {
        case .right, .character("n"), .character("l"):
            return turn(by: 1)
        case .left, .character("p"), .character("h"):
            return turn(by: -1)
        case .down, .character("j"):
            scroll(by: 1, layout: layout)
        case .up, .character("k"):
            scroll(by: -1, layout: layout)
        case .pageDown, .control("f"), .control("d"):
            scroll(by: max(1, bodyHeight - 2), layout: layout)
        case .pageUp, .control("b"), .control("u"), .character("b"):
            scroll(by: -max(1, bodyHeight - 2), layout: layout)
        case .character(" "):
            // Space reads on: down the page, then on to the next page, stopping at the lesson's end.
            if scroll >= layout.maximumScroll { return page + 1 < lesson.pages.count ? turn(by: 1) : [] }
            scroll(by: max(1, bodyHeight - 2), layout: layout)
        case .home, .character("g"):
            scroll = 0
        case .end, .character("G"):
            scroll = layout.maximumScroll
        case .character("t"):
            return [.screen(.showContents)]
        case .escape, .backspace:
            return [.screen(.goHome)]
        default:
            break
        }
        return []
    }

    private mutating func turn(by step: Int) -> [Effect] {
        let target = page + step
        if target == lesson.pages.count { return [.screen(.lessonAfter(lesson.id))] }
        guard target >= 0, target < lesson.pages.count else { return [] }
        return go(to: target) + [.screen(.pageChanged)]
    }

    /// Scrolls so the focused widget or quiz is on screen: its top at the top of the body when it has
    /// just been focused (`toTop`), otherwise only as far as needed to keep it in view.
    private mutating func revealFocused(width: Int, height: Int, glyphs: GlyphSet, toTop: Bool) {
        let layout = ReaderLayout(reader: self, width: width, height: height, glyphs: glyphs, colors: .none, drawsElements: false)
        guard let focus = elements.focus, layout.elementLines.indices.contains(focus) else {
            scroll(by: 0, layout: layout)
            return
        }
        let lines = layout.elementLines[focus]
        // The blank line above an element stays in view when the element leaves room for it.
        let top = lines.count < layout.body.height ? max(0, lines.lowerBound - 1) : lines.lowerBound
        if toTop || lines.lowerBound < scroll {
            scroll = top
        } else if lines.upperBound > scroll + layout.body.height {
            scroll = min(top, lines.upperBound - layout.body.height)
        }
        scroll(by: 0, layout: layout)
    }

    mutating func scroll(by lines: Int, width: Int, height: Int, glyphs: GlyphSet) {
        scroll(by: lines, layout: ReaderLayout(reader: self, width: width, height: height, glyphs: glyphs, colors: .none, drawsElements: false))
    }

    private mutating func scroll(by lines: Int, layout: ReaderLayout) {
        scroll = min(max(0, scroll + lines), layout.maximumScroll)
    }

    /// Keeps the scroll within the page after the terminal changed size.
    mutating func clampScroll(width: Int, height: Int, glyphs: GlyphSet) {
        scroll(by: 0, width: width, height: height, glyphs: glyphs)
    }
}
