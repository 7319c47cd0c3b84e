import Foundation
import Testing
@testable import Curriculum

/// A lesson file far larger than any lesson needs is refused with a sentence, before it is read.
@Suite("Huge lessons")
struct HugeLessonTests {
    @Test func aFiftyMegabyteLessonIsRefusedAndTheOthersStillLoad() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("huge-lesson-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let frontMatter = "---\nid: ID\ntitle: T\nsummary: s\norder: 1\n---\n## Page\n\n"
        try Data((frontMatter.replacingOccurrences(of: "ID", with: "small") + "A short page.\n").utf8)
            .write(to: folder.appendingPathComponent("01-small.md"))
        let huge = folder.appendingPathComponent("02-huge.md")
        try Data((frontMatter.replacingOccurrences(of: "ID", with: "huge") + "words ").utf8).write(to: huge)
        // 50 MB, sparse: the size alone must decide.
        #expect(truncate(huge.path, 50 << 20) == 0)
        let started = Date()
        let library = LessonLibrary.load(paths: [folder.path])
        #expect(Date().timeIntervalSince(started) < 2, "the size is checked before the file is read")
        #expect(library.lessons.map(\.id) == ["small"])
        #expect(library.issues.map(\.description) == [
            "\(huge.path):1: the file is 51200 KB, more than the 1024 KB a lesson may have: split it into several lessons",
        ])
    }
}
