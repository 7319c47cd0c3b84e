import Testing
@testable import Curriculum

@Suite("Finding the lesson directory")
struct LessonDirectoryTests {
    @Test func explicitOptionThenEnvironmentThenBinaryThenSourceTree() throws {
        let existing: Set<String> = ["/opt/lessons", "/env/lessons", "/usr/share/gradschool/lessons", "/src/gradschool/lessons"]
        let exists = { (path: String) in existing.contains(path) }
        #expect(try LessonDirectory.locate(explicit: "/opt/lessons", environment: ["GRADSCHOOL_LESSONS": "/env/lessons"],
                                           executable: "/usr/bin/gradschool", sourceRoot: nil, isDirectory: exists) == "/opt/lessons")
        #expect(try LessonDirectory.locate(explicit: nil, environment: ["GRADSCHOOL_LESSONS": "/env/lessons"],
                                           executable: "/usr/bin/gradschool", sourceRoot: nil, isDirectory: exists) == "/env/lessons")
        #expect(try LessonDirectory.locate(explicit: nil, environment: [:],
                                           executable: "/usr/bin/gradschool", sourceRoot: nil, isDirectory: exists) == "/usr/share/gradschool/lessons")
        #expect(try LessonDirectory.locate(explicit: nil, environment: [:],
                                           executable: "/src/gradschool/.build/debug/gradschool", sourceRoot: nil, isDirectory: exists) == "/src/gradschool/lessons")
        #expect(try LessonDirectory.locate(explicit: nil, environment: [:],
                                           executable: "/tmp/x/gradschool", sourceRoot: "/src/gradschool", isDirectory: exists) == "/src/gradschool/lessons")
    }

    @Test func aMissingNamedDirectoryIsAnErrorNotAFallback() {
        #expect(throws: LessonDirectoryError.missing("/nope", from: "--lessons")) {
            try LessonDirectory.locate(explicit: "/nope", environment: [:], executable: "/usr/bin/gradschool",
                                       sourceRoot: "/src", isDirectory: { _ in true && false })
        }
        do {
            _ = try LessonDirectory.locate(explicit: nil, environment: [:], executable: "/a/b/gradschool", sourceRoot: nil, isDirectory: { _ in false })
            Issue.record("expected notFound")
        } catch {
            #expect(error.description.contains("/a/b/lessons"))
            #expect(error.description.contains("--lessons DIR"))
        }
    }
}
