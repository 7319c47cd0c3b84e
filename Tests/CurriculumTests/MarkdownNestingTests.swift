@testable import Canvas
import Testing
@testable import Curriculum

/// Lessons nested thousands of levels deep are read with bounded depth, and `check` says so.
@Suite("Markdown nesting limits")
struct MarkdownNestingTests {
    static let frontMatter = "---\nid: deep\ntitle: Deep\nsummary: s\norder: 1\n---\n## Page\n\n"

    /// How deeply quotes and lists nest in `blocks`, counted with an explicit stack (no recursion).
    static func depth(_ blocks: [MarkdownBlock]) -> Int {
        var deepest = 0
        var pending = blocks.map { ($0, 1) }
        while let (block, level) = pending.popLast() {
            deepest = max(deepest, level)
            switch block {
            case .quote(let inner): pending += inner.map { ($0, level + 1) }
            case .list(_, let items): pending += items.flatMap { $0 }.map { ($0, level + 1) }
            default: break
            }
        }
        return deepest
    }

    static func inlineDepth(_ inlines: [MarkdownInline]) -> Int {
        var deepest = 0
        var pending = inlines.map { ($0, 1) }
        while let (inline, level) = pending.popLast() {
            deepest = max(deepest, level)
            switch inline {
            case .emphasis(let inner), .strong(let inner), .strikethrough(let inner): pending += inner.map { ($0, level + 1) }
            case .link(let inner, _): pending += inner.map { ($0, level + 1) }
            default: break
            }
        }
        return deepest
    }

    static func markdown(_ lesson: Lesson) -> [MarkdownBlock] {
        lesson.pages.flatMap(\.blocks).compactMap { if case .markdown(let block) = $0 { block } else { nil } }
    }

    @Test(arguments: [(">", 5_000), (">", 50_000), ("- ", 50_000), ("1. ", 20_000)])
    func deepBlocksAreCutAndReported(marker: String, count: Int) throws {
        let text = Self.frontMatter + String(repeating: marker, count: count) + " the innermost words\n"
        let result = LessonParser.parse(text, file: "deep.md")
        let lesson = try #require(result.lesson)
        let blocks = Self.markdown(lesson)
        #expect(Self.depth(blocks) <= MarkdownConverter.maximumDepth + 1)
        #expect(result.issues.map(\.description) == [
            "deep.md:9: quotes or lists are nested more than 16 levels deep here: the reader shows 16 levels and the rest as plain text; nest less deeply",
        ])
        // The words are still there, at the deepest level kept.
        let lines = MarkdownView(blocks).lines(width: 80).map(\.plainText)
        #expect(lines.contains { $0.contains("the innermost words") })
    }

    @Test func deepEmphasisIsCutAndReported() throws {
        let text = Self.frontMatter + String(repeating: "*", count: 100_000) + "a" + String(repeating: "*", count: 100_000) + "\n"
        let result = LessonParser.parse(text, file: "deep.md")
        let lesson = try #require(result.lesson)
        var deepest = 0
        for block in Self.markdown(lesson) { if case .paragraph(let inlines) = block { deepest = max(deepest, Self.inlineDepth(inlines)) } }
        #expect(deepest <= MarkdownConverter.maximumDepth + 1)
        #expect(result.issues.count == 1)
        #expect(result.issues.first?.description.hasPrefix("deep.md:9: emphasis, strikethrough or links are nested more than 16 levels") == true)
    }

    @Test func nestingWithinTheLimitIsKeptAndNotReported() throws {
        let text = Self.frontMatter + String(repeating: "> ", count: 16) + "sixteen deep\n"
        let result = LessonParser.parse(text, file: "deep.md")
        #expect(result.issues.isEmpty)
        #expect(Self.depth(Self.markdown(try #require(result.lesson))) == 17, "sixteen quotes around a paragraph")
    }

    @Test func theLayoutItselfStopsAtItsLimit() {
        var block = MarkdownBlock.paragraph([.text("deep")])
        for _ in 0..<200 { block = .quote([block]) }
        let lines = MarkdownView([block], glyphs: .ascii).lines(width: 200).map(\.plainText)
        #expect(lines.count == 1)
        #expect(lines.first?.hasSuffix("| ~") == true, "\(lines)")
        #expect(lines.first?.filter { $0 == "|" }.count == MarkdownLayout.maximumDepth + 1)
    }
}
