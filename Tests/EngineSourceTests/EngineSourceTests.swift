import Foundation
import Testing
@testable import EngineSource

@Suite("The engine's source, embedded")
struct EngineSourceTests {
    /// The engine's folder in this checkout, to compare the embedded text with the files themselves.
    static let engineFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Neural")

    @Test func everyEngineFileIsEmbeddedAsItIsOnDisk() throws {
        let paths = try #require(FileManager.default.enumerator(atPath: Self.engineFolder.path))
            .compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(EngineSource.fileCount == paths.count)
        let dropout = try String(contentsOf: Self.engineFolder.appendingPathComponent("Layers/Dropout.swift"), encoding: .utf8)
        #expect(EngineSource.file("Layers/Dropout.swift") == dropout)
    }

    @Test func aMemberExcerptRunsFromItsDocCommentToItsClosingBrace() throws {
        let excerpt = try #require(EngineSource.excerpt(named: "Dropout.forward"))
        #expect(excerpt.path == "Layers/Dropout.swift")
        let lines = excerpt.text.components(separatedBy: "\n")
        let fileLines = try #require(EngineSource.file("Layers/Dropout.swift")).components(separatedBy: "\n")
        // The excerpt's first line is the file's line `excerpt.line`, less its indentation.
        #expect(fileLines[excerpt.line - 1].trimmingCharacters(in: .whitespaces) == lines[0].trimmingCharacters(in: .whitespaces))
        #expect(lines.contains { $0.contains("func forward(") })
        #expect(lines.last == "}")
        #expect(!(lines.first ?? "").hasPrefix(" "))
        // Nothing of the next member leaks in.
        #expect(!excerpt.text.contains("func backward("))
    }

    @Test func aTypeExcerptIsItsDocCommentAndDeclaration() throws {
        let excerpt = try #require(EngineSource.excerpt(named: "Dropout"))
        #expect(excerpt.text.hasPrefix("///"))
        #expect(excerpt.text.components(separatedBy: "\n").last?.contains("struct Dropout") == true)
    }

    @Test func missingNamesFindNothing() {
        #expect(EngineSource.excerpt(named: "Dropout.noSuchMethod") == nil)
        #expect(EngineSource.excerpt(named: "NoSuchLayer.forward") == nil)
        #expect(EngineSource.excerpt(named: "") == nil)
    }

    @Test func bracesInStringsAndCommentsDoNotCount() {
        #expect(SourceExcerptFinder.braceBalance(#"let text = "{" // }"#) == 0)
        #expect(SourceExcerptFinder.braceBalance("func f() {") == 1)
        #expect(SourceExcerptFinder.braceBalance(#"print("\"}") }"#) == -1)
    }
}
