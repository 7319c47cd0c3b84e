import Foundation
import Testing
@testable import Curriculum

/// The examples in `lessons/README.md` are what authors copy, so each must pass the checks.
@Suite("Authors' guide")
struct AuthorsGuideTests {
    static let guide = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("lessons/README.md")

    /// The text inside each ```` ````markdown ```` example of the guide.
    static func examples() throws -> [String] {
        let text = try String(contentsOf: guide, encoding: .utf8)
        return text.components(separatedBy: "````markdown\n").dropFirst().compactMap { part in
            part.components(separatedBy: "\n````").first
        }
    }

    @Test func everyBlockExampleIsAValidBlock() throws {
        let examples = try Self.examples()
        #expect(examples.count == 2, "one widget and one quiz example")
        for example in examples {
            let lesson = "---\nid: example\ntitle: Example\nsummary: s\norder: 1\n---\n## Page\n\n" + example + "\n"
            let result = LessonParser.parse(lesson, file: "README example")
            #expect(result.issues == [], "\(example)")
            let blocks = result.lesson?.pages.first?.blocks ?? []
            #expect(blocks.count == 1)
        }
    }

    @Test func theFrontMatterExampleIsValid() throws {
        let text = try String(contentsOf: Self.guide, encoding: .utf8)
        let yaml = try #require(text.components(separatedBy: "```yaml\n").dropFirst().first?.components(separatedBy: "\n```").first)
        let result = LessonParser.parse(yaml + "\n## Page\n\nText.\n", file: "README front matter")
        #expect(result.issues == [])
        #expect(result.lesson?.id == "perceptron")
    }

    @Test func theGuideNamesEveryRegisteredWidget() throws {
        let text = try String(contentsOf: Self.guide, encoding: .utf8)
        for entry in WidgetRegistry.entries {
            #expect(text.contains("| `\(entry.name)`"), "lessons/README.md does not describe \(entry.name)")
            for setting in entry.settings {
                #expect(text.contains("`\(setting.name)`"), "lessons/README.md does not mention \(entry.name).\(setting.name)")
            }
        }
    }
}
