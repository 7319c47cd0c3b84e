import Foundation
import Testing
@testable import Curriculum

func lessonText(id: String, order: Int, requires: [String] = [], quizID: String? = nil) -> String {
    var text = "---\nid: \(id)\ntitle: Lesson \(id)\nsummary: About \(id).\norder: \(order)\n"
    if !requires.isEmpty { text += "requires:\n" + requires.map { "  - \($0)\n" }.joined() }
    text += "---\n## Page\n\nText.\n"
    if let quizID { text += "\n```quiz\nid: \(quizID)\nquestion: q\nchoices: [a, b]\nanswer: 1\nexplanation: e\n```\n" }
    return text
}

@Suite("Lesson library")
struct LessonLibraryTests {
    @Test func soundLessonsAreOrderedByOrderThenID() {
        let library = LessonLibrary.build(sources: [
            ("c.md", lessonText(id: "gamma", order: 2)),
            ("a.md", lessonText(id: "beta", order: 1)),
            ("b.md", lessonText(id: "alpha", order: 2, requires: ["beta"])),
        ])
        #expect(library.issues.isEmpty)
        #expect(library.lessons.map(\.id) == ["beta", "alpha", "gamma"])
    }

    @Test func crossLessonProblemsAreAllReported() {
        let library = LessonLibrary.build(sources: [
            ("one.md", lessonText(id: "one", order: 1, quizID: "shared")),
            ("two.md", lessonText(id: "one", order: 2)),
            ("three.md", lessonText(id: "three", order: 3, requires: ["one", "nowhere", "three"], quizID: "shared")),
        ])
        #expect(library.issues.map(\.description) == [
            "two.md:2: duplicate lesson id 'one': one.md uses it already; give each lesson its own id",
            "three.md:8: requires 'nowhere', but no lesson has that id; known ids: one, three",
            "three.md:9: lesson 'three' requires itself: remove it from 'requires'",
            "three.md:15: duplicate quiz id 'shared': one.md:11 uses it already; quiz ids must be unique across lessons",
        ])
        // The broken lessons are left out; the sound one still loads.
        #expect(library.lessons.map(\.file) == ["one.md"])
        #expect(library.brokenFiles == ["two.md", "three.md"])
    }

    @Test func aLessonWithOtherProblemsStillHasItsRequirementsChecked() {
        let broken = lessonText(id: "broken", order: 1, requires: ["missing"]) + "\n```widget teleporter\n```\n"
        let library = LessonLibrary.build(sources: [("broken.md", broken)])
        #expect(library.issues.map(\.line) == [7, 13])
        #expect(library.issues.first?.message.hasPrefix("requires 'missing'") == true)
        #expect(library.lessons.isEmpty)
    }

    @Test func directoriesContributeLessonFilesButNotTheirReadme() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lessons-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try lessonText(id: "second", order: 2).write(to: directory.appendingPathComponent("02-second.md"), atomically: true, encoding: .utf8)
        try lessonText(id: "first", order: 1).write(to: directory.appendingPathComponent("01-first.md"), atomically: true, encoding: .utf8)
        try "# How to write lessons\n".write(to: directory.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let library = LessonLibrary.load(paths: [directory.path, directory.appendingPathComponent("missing.md").path])
        #expect(library.lessons.map(\.id) == ["first", "second"])
        #expect(library.issues.count == 1)
        #expect(library.issues.first?.message.hasPrefix("no such file") == true)
    }

    @Test func theShippedLessonsAreSound() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let library = LessonLibrary.load(paths: [root.appendingPathComponent("lessons").path])
        #expect(library.issues.map(\.description) == [])
        let perceptron = try #require(library.lesson(id: "perceptron"))
        #expect(perceptron.pages.count >= 5)
        #expect(!perceptron.quizzes.isEmpty)
    }
}
