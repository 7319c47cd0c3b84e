import Foundation
import Testing

/// `gradschool check` holds lessons to the engine they show.
@Suite("gradschool check: engine source blocks")
struct SourceExcerptCheckTests {
    static func lesson(_ name: String) -> String {
        "---\nid: dropout\ntitle: Dropout\nsummary: s\norder: 1\n---\n## The code\n\n```source \(name)\n```\n"
    }

    @Test func anExcerptThatExistsPassesAndOneThatDoesNotFailsWithItsLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(Self.lesson("Dropout.forward"), to: "dropout.md")
        let good = try GradschoolBinary.run(["check", folder.path("dropout.md")], in: folder.url)
        #expect(good.status == 0, "\(good.output)\(good.error)")

        try folder.write(Self.lesson("Dropout.forwardPass"), to: "dropout.md")
        let bad = try GradschoolBinary.run(["check", folder.path("dropout.md")], in: folder.url)
        #expect(bad.status == 65)
        #expect((bad.output + bad.error).contains("dropout.md:9: the engine has no 'Dropout.forwardPass' to show"))
    }
}
