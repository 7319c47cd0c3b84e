import Testing
@testable import Curriculum

/// A link from one lesson to another's file is checked like `requires`: it must name a lesson file here.
@Suite("Links between lessons")
struct LessonLinkTests {
    static func lesson(id: String, order: Int, body: String) -> String {
        "---\nid: \(id)\ntitle: \(id)\nsummary: s\norder: \(order)\n---\n## Page\n\n" + body + "\n"
    }

    @Test func aLinkToALessonFileThatIsHereIsFine() {
        let library = LessonLibrary.build(sources: [
            ("lessons/01-one.md", Self.lesson(id: "one", order: 1, body: "See [two](02-two.md#later) and [the web](https://example.com/a.md).")),
            ("lessons/02-two.md", Self.lesson(id: "two", order: 2, body: "Back to [one](./01-one.md).")),
        ])
        #expect(library.issues == [])
        #expect(library.lessons.count == 2)
    }

    @Test func aLinkToAMissingFileIsReportedWithItsLine() {
        let library = LessonLibrary.build(sources: [
            ("lessons/01-one.md", Self.lesson(id: "one", order: 1, body: "Fine.\n\nNext: [three](03-three.md).")),
        ])
        // Front matter is lines 1–6, then "## Page", a blank line, "Fine.", a blank line: the link is on line 11.
        #expect(library.issues == [LessonIssue(file: "lessons/01-one.md", line: 11,
                                              message: "links to '03-three.md', but no lesson file has that name: link to one of 01-one.md")])
        #expect(library.lessons.isEmpty, "a lesson with a problem is left out, as with any other")
    }

    @Test func aLinkInsideAFencedBlockIsAnExampleNotALink() {
        let body = "```\n[three](03-three.md)\n```\n\n~~~markdown\n[four](04-four.md)\n~~~"
        let library = LessonLibrary.build(sources: [("lessons/01-one.md", Self.lesson(id: "one", order: 1, body: body))])
        #expect(library.issues == [])
    }

    @Test func theShippedLessonsLinkOnlyToEachOther() {
        #expect(LessonContentTests.library.issues == [])
        #expect(LessonLinks.lessonFileLinks(in: "[a](01-perceptron.md) and [b](05-descent.md)").map(\.target) == ["01-perceptron.md", "05-descent.md"])
    }
}
