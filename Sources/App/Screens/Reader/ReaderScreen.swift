import Canvas
import Curriculum

/// The lesson reader: one page at a time, scrolled when it is taller than the screen.
public struct ReaderScreen: Equatable, Sendable {
    public var lesson: Lesson
    /// The page shown, from 0.
    public var page: Int
    /// How many lines of the page are scrolled off the top.
    public var scroll = 0

    public init(lesson: Lesson, page: Int = 0) {
        self.lesson = lesson
        self.page = min(max(0, page), max(0, lesson.pages.count - 1))
    }

    /// Goes to page `index` (clamped), at its top.
    mutating func go(to index: Int) {
        page = min(max(0, index), lesson.pages.count - 1)
        scroll = 0
    }

    mutating func handle(_ key: Key, width: Int, height: Int, glyphs: GlyphSet) -> ScreenAction {
        let layout = ReaderLayout(reader: self, width: width, height: height, glyphs: glyphs, colors: .none)
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
            // Space reads on: down the page, then on to the next page.
            if scroll >= layout.maximumScroll { return turn(by: 1) }
            scroll(by: max(1, bodyHeight - 2), layout: layout)
        case .home, .character("g"):
            scroll = 0
        case .end, .character("G"):
            scroll = layout.maximumScroll
        case .character("t"):
            return .showContents
        case .escape, .backspace:
            return .goHome
        default:
            break
        }
        return .none
    }

    private mutating func turn(by step: Int) -> ScreenAction {
        let target = page + step
        guard target >= 0, target < lesson.pages.count else { return .none }
        go(to: target)
        return .pageChanged
    }

    mutating func scroll(by lines: Int, width: Int, height: Int, glyphs: GlyphSet) {
        scroll(by: lines, layout: ReaderLayout(reader: self, width: width, height: height, glyphs: glyphs, colors: .none))
    }

    private mutating func scroll(by lines: Int, layout: ReaderLayout) {
        scroll = min(max(0, scroll + lines), layout.maximumScroll)
    }

    /// Keeps the scroll within the page after the terminal changed size.
    mutating func clampScroll(width: Int, height: Int, glyphs: GlyphSet) {
        scroll(by: 0, width: width, height: height, glyphs: glyphs)
    }
}
