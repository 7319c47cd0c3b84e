import Canvas
import Testing
@testable import Curriculum

@Suite("Engine source blocks")
struct SourceBlockTests {
    static func lesson(_ block: String) -> String {
        "---\nid: example\ntitle: Example\nsummary: s\norder: 1\n---\n## Page\n\nText.\n\n" + block + "\n"
    }

    @Test func aNamedExcerptBecomesCodeNamingItsFile() throws {
        let result = LessonParser.parse(Self.lesson("```source Dropout.forward\n```"), file: "lesson.md")
        #expect(result.issues == [])
        let blocks = try #require(result.lesson?.pages.first?.blocks)
        guard case .markdown(.code(let language, let text)) = blocks.last else {
            Issue.record("expected a code block, got \(String(describing: blocks.last))")
            return
        }
        #expect(language == "swift")
        #expect(text.hasPrefix("// Layers/Dropout.swift, line "))
        #expect(text.contains("func forward("))
    }

    @Test func aMissingExcerptIsALessonErrorOnTheFencesLine() {
        let result = LessonParser.parse(Self.lesson("```source Dropout.noSuchFunction\n```"), file: "lesson.md")
        // Front matter 6 lines, then "## Page", a blank, "Text.", a blank: the fence is line 11.
        #expect(result.issues.count == 1)
        #expect(result.issues.first?.line == 11)
        #expect(result.issues.first?.message.contains("the engine has no 'Dropout.noSuchFunction' to show") == true)
        let empty = LessonParser.parse(Self.lesson("```source\n```"), file: "lesson.md")
        #expect(empty.issues.first?.message.contains("needs the name of a piece of the engine") == true)
    }
}
